package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// factIndex remembers the facts of every guide of a scope, so that a run
// on a few changed files (pre-commit) need not read the thousands of
// unchanged ones: an entry is trusted while the file's size, modification
// time and inode are unchanged, as git's index does.
type factIndex struct {
	// WrittenAt is when the index was saved. An entry whose file was
	// modified less than racyWindow before that is not trusted: a later
	// change within the same clock tick would keep size and time.
	WrittenAt int64                      `json:"written_at"`
	Entries   map[string]*factIndexEntry `json:"entries"`
	dirty     bool
}

type factIndexEntry struct {
	Size  int64                      `json:"size"`
	MTime int64                      `json:"mtime"` // nanoseconds
	Inode uint64                     `json:"inode"`
	Facts map[string]json.RawMessage `json:"facts,omitempty"` // by rule ID
}

const racyWindow = 2 * time.Second

// factIndexFile names the index of a scope for a set of rules with a
// Check and a size limit: another set records other facts, and a file
// over one limit may be under another.
func (c *Cache) factIndexFile(scope []string, checks []*Rule, maxSize int64) string {
	h := sha256.New()
	io.WriteString(h, "facts\x00"+buildID()+"\x00"+strconv.FormatInt(maxSize, 10)+"\x00")
	for _, r := range checks {
		io.WriteString(h, r.cacheID()+"\x00")
	}
	io.WriteString(h, "\x00")
	for _, d := range scope {
		abs, _ := filepath.Abs(d)
		io.WriteString(h, abs+"\x00")
	}
	return filepath.Join(c.dir, cacheLayout, "facts-"+hex.EncodeToString(h.Sum(nil))[:32]+".json")
}

// loadFactIndex reads the index of a scope; a missing or unreadable one
// is empty. A nil cache gives an index that remembers nothing across
// runs.
func (c *Cache) loadFactIndex(scope []string, checks []*Rule, maxSize int64) *factIndex {
	idx := &factIndex{Entries: map[string]*factIndexEntry{}}
	if c == nil || buildID() == "" {
		return idx
	}
	data, err := os.ReadFile(c.factIndexFile(scope, checks, maxSize))
	if err != nil {
		return idx
	}
	var stored factIndex
	if json.Unmarshal(data, &stored) == nil && stored.Entries != nil {
		stored.dirty = false
		return &stored
	}
	return idx
}

// saveFactIndex writes the index atomically when it changed.
func (c *Cache) saveFactIndex(scope []string, checks []*Rule, maxSize int64, idx *factIndex) {
	if c == nil || buildID() == "" || !idx.dirty {
		return
	}
	idx.WrittenAt = time.Now().UnixNano()
	data, err := json.Marshal(idx)
	if err != nil {
		return
	}
	replaceFile(c.factIndexFile(scope, checks, maxSize), data)
}

// lookup returns the facts of the guide at key when its file, whose
// stat is fi, is unchanged since they were stored.
func (idx *factIndex) lookup(key string, fi os.FileInfo) (map[string]json.RawMessage, bool) {
	e := idx.Entries[key]
	if e == nil {
		return nil, false
	}
	mtime := fi.ModTime().UnixNano()
	if e.Size == fi.Size() && e.MTime == mtime && e.Inode == inode(fi) && mtime < idx.WrittenAt-int64(racyWindow) {
		return e.Facts, true
	}
	return nil, false
}

// store records the facts of the guide at key, whose stat was fi.
func (idx *factIndex) store(key string, fi os.FileInfo, facts map[string]json.RawMessage) {
	idx.Entries[key] = &factIndexEntry{Size: fi.Size(), MTime: fi.ModTime().UnixNano(), Inode: inode(fi), Facts: facts}
	idx.dirty = true
}

// prune forgets the files a walk of the scope no longer found.
func (idx *factIndex) prune(keep func(key string) bool) {
	for k := range idx.Entries {
		if !keep(k) {
			delete(idx.Entries, k)
			idx.dirty = true
		}
	}
}

func inode(fi os.FileInfo) uint64 {
	if id, ok := idOf(fi); ok {
		return id.ino
	}
	return 0
}
