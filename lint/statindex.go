package lint

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// The stat index sits in front of the content cache, as git's index sits
// in front of its object store: a warm run stats each file and opens
// none whose stat is what it was when the file was last found clean. Its
// cost follows what changed, not the bytes of the repository.
//
// An entry records a file's device, inode, size, mode, and modification
// and change times in nanoseconds, and what linting it gave: no finding,
// no suppression comment, and the facts the rules that compare guides
// read. Only such clean files are recorded: a file with findings is read
// anyway, for the snippets and columns of the report, and one with
// suppression comments for its comments.
//
// Racy clean: a file modified in the same clock tick as the index was
// written could change again within that tick and keep its stat. As git
// does, an entry is trusted only when the file's modification time is
// older than the index file's own; a newer one is read and linted again
// (through the content cache, so that costs a read and a hash).
//
// The index is one file per build, schema, set of rules and size limit,
// replaced atomically and checked on read against the SHA-256 sum it
// ends with: concurrent runs and a crash mid-write leave the old index
// or the new one, and a damaged one is ignored.
type statIndex struct {
	mu      sync.Mutex
	stamp   int64 // the index file's modification time, ns; entries newer are racy
	entries map[string]statEntry
	dirty   bool
	file    string
}

// statEntry is one clean file as it was last linted.
type statEntry struct {
	Dev, Ino           uint64
	Size, MTime, CTime int64
	Mode               uint32
	Facts              map[string]json.RawMessage
	NotGuide           bool // found by a walk and plainly not a guide
}

// statOf is the stat part of an entry for fi.
func statOf(fi os.FileInfo) statEntry {
	e := statEntry{Size: fi.Size(), MTime: fi.ModTime().UnixNano(), Mode: uint32(fi.Mode())}
	if id, ok := idOf(fi); ok {
		e.Dev, e.Ino = id.dev, id.ino
	}
	e.CTime = ctimeOf(fi)
	return e
}

func (e statEntry) sameStat(o statEntry) bool {
	return e.Dev == o.Dev && e.Ino == o.Ino && e.Size == o.Size && e.MTime == o.MTime && e.CTime == o.CTime && e.Mode == o.Mode
}

// statIndexFile names the index for a linter: a build, the schema, the
// rules that run (fp) and the size limit decide what "clean" means.
func (c *Cache) statIndexFile(fp string, maxSize int64) string {
	h := sha256.New()
	for _, part := range []string{"stat", buildID(), schemaHash(), fp, strconv.FormatInt(maxSize, 10)} {
		io.WriteString(h, part)
		h.Write([]byte{0})
	}
	return filepath.Join(c.dir, cacheLayout, "stat-"+hex.EncodeToString(h.Sum(nil))[:32]+".idx")
}

// loadStatIndex reads a linter's index; nil when there is no cache (the
// methods of a nil index find nothing and store nothing).
func (c *Cache) loadStatIndex(fp string, maxSize int64) *statIndex {
	if c == nil || buildID() == "" {
		return nil
	}
	idx := &statIndex{entries: map[string]statEntry{}, file: c.statIndexFile(fp, maxSize)}
	f, err := os.Open(idx.file)
	if err != nil {
		return idx
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return idx
	}
	data, err := io.ReadAll(f)
	if err != nil || len(data) < sha256.Size {
		return idx
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return idx // damaged: start afresh
	}
	var entries map[string]statEntry
	if gob.NewDecoder(bytes.NewReader(body)).Decode(&entries) != nil {
		return idx
	}
	idx.entries, idx.stamp = entries, fi.ModTime().UnixNano()
	return idx
}

// lookup returns the entry of the clean file at key when fi, its stat
// now, is the one recorded and the entry is not racy.
func (idx *statIndex) lookup(key string, fi os.FileInfo) (statEntry, bool) {
	if idx == nil {
		return statEntry{}, false
	}
	idx.mu.Lock()
	e, ok := idx.entries[key]
	idx.mu.Unlock()
	if !ok || e.MTime >= idx.stamp || !e.sameStat(statOf(fi)) {
		return statEntry{}, false
	}
	return e, true
}

// store records a file found clean, with its stat taken before it was
// read (a change while it was read makes the next run read it again).
func (idx *statIndex) store(key string, fi os.FileInfo, facts map[string]json.RawMessage, notGuide bool) {
	if idx == nil {
		return
	}
	e := statOf(fi)
	e.Facts, e.NotGuide = facts, notGuide
	idx.mu.Lock()
	idx.entries[key] = e
	idx.dirty = true
	idx.mu.Unlock()
}

// forget drops a file that is no longer clean.
func (idx *statIndex) forget(key string) {
	if idx == nil {
		return
	}
	idx.mu.Lock()
	if _, ok := idx.entries[key]; ok {
		delete(idx.entries, key)
		idx.dirty = true
	}
	idx.mu.Unlock()
}

// save replaces the index file when the run changed it; failures are
// ignored (the index is an optimisation).
func (idx *statIndex) save() {
	if idx == nil || !idx.dirty {
		return
	}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(idx.entries) != nil {
		return
	}
	sum := sha256.Sum256(buf.Bytes())
	buf.Write(sum[:])
	replaceFile(idx.file, buf.Bytes())
}

// clean says whether a file's result is one the stat index may stand
// for: no finding (not even an internal one) and no suppression comment.
func (r *fileResult) clean() bool {
	return len(r.raw) == 0 && len(r.dirs) == 0
}
