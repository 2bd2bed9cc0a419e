package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/skillguides/guidelint/schema"
)

// Cache keeps per-file lint results, keyed on everything a result depends
// on: the file's bytes and path, guidelint's build, the schema and the
// rules that run. Entries hold the findings and the facts of the rules
// that compare guides. An unchanged file is then not parsed again. Entries are
// written atomically, so concurrent processes can share a cache; an entry
// that is corrupt or does not carry the key it is stored under is ignored.
type Cache struct {
	dir string
}

// OpenCache uses dir as a cache, creating it if needed.
func OpenCache(dir string) (*Cache, error) {
	if err := os.MkdirAll(filepath.Join(dir, cacheLayout), 0o755); err != nil {
		return nil, err
	}
	return &Cache{dir: dir}, nil
}

// cacheLayout names the entry format; a change of format changes it, so old
// entries are never misread.
const cacheLayout = "v3"

// cacheEntry is one stored result. Key repeats the file name's key so a
// foreign or truncated file cannot pass for an entry.
type cacheEntry struct {
	Key   string       `json:"key"`
	Diags []Diagnostic `json:"diags,omitempty"`
	Facts factSet      `json:"facts,omitempty"` // by rule ID
}

// buildID identifies this build of guidelint: the module version, or for
// a development build the hash of the executable, so that a rebuilt binary
// never trusts results of an older one.
var buildID = sync.OnceValue(func() string {
	// A released version names its code; a build from a checkout with
	// changes ("+dirty", which Go stamps since 1.24) does not.
	if Version != "devel" && !strings.Contains(Version, "+dirty") {
		return Version
	}
	exe, err := os.Executable()
	if err == nil {
		if f, err := os.Open(exe); err == nil {
			defer f.Close()
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				return "devel-" + hex.EncodeToString(h.Sum(nil))
			}
		}
	}
	return "" // unknown build: caching is disabled
})

var schemaHash = sync.OnceValue(func() string {
	sum := sha256.Sum256(schema.JSON())
	return hex.EncodeToString(sum[:])
})

// key is the content address of one file's result.
// fp names the rules that ran (see Linter.fp).
func (c *Cache) key(path string, data []byte, fp string) string {
	h := sha256.New()
	for _, part := range []string{"guidelint-cache", cacheLayout, buildID(), schemaHash(), fp, path} {
		io.WriteString(h, part)
		h.Write([]byte{0})
	}
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) file(key string) string {
	return filepath.Join(c.dir, cacheLayout, key[:2], key)
}

// get returns the stored result for key, if there is a trustworthy one.
func (c *Cache) get(key string) (fileResult, bool) {
	data, err := os.ReadFile(c.file(key))
	if err != nil {
		return fileResult{}, false
	}
	var e cacheEntry
	if json.Unmarshal(data, &e) != nil || e.Key != key {
		return fileResult{}, false
	}
	return fileResult{raw: e.Diags, facts: encodeFacts(e.Facts)}, true
}

// put stores a result; failures are ignored (the cache is an optimisation).
func (c *Cache) put(key string, r fileResult) {
	for _, d := range r.raw {
		if d.Internal {
			return // never cache a crash
		}
	}
	e := cacheEntry{Key: key, Diags: r.raw, Facts: decodeFacts(r.facts)}
	data, err := json.Marshal(e)
	if err != nil {
		return
	}
	dest := c.file(key)
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	replaceFile(dest, data)
}

// replaceFile writes a cache file through a temporary file and a rename,
// so that a reader sees the old entry or the new one, never half of one.
// It does not fsync (unlike internal/atomicfile, which guards users'
// files): a cache entry lost in a crash is only recomputed, and a
// thousand fsyncs would cost more than the lint. Failures are ignored.
func replaceFile(dest string, data []byte) {
	_ = replaceFileWith(dest, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// replaceFileWith is replaceFile of what write writes; it says whether
// dest now holds it.
func replaceFileWith(dest string, write func(io.Writer) error) bool {
	tmp, err := os.CreateTemp(filepath.Dir(dest), ".tmp-*")
	if err != nil {
		return false
	}
	werr := write(tmp)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), dest) != nil {
		os.Remove(tmp.Name())
		return false
	}
	return true
}
