package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/skillguides/guidelint/guide"
)

// idIndex remembers the id of every guide of an id-unique scope, so that
// a run on a few changed files (pre-commit) need not read the thousands of
// unchanged ones: an entry is trusted while the file's size, modification
// time and inode are unchanged, as git's index does.
type idIndex struct {
	// WrittenAt is when the index was saved. An entry whose file was
	// modified less than racyWindow before that is not trusted: a later
	// change within the same clock tick would keep size and time.
	WrittenAt int64                    `json:"written_at"`
	Entries   map[string]*idIndexEntry `json:"entries"`
	dirty     bool
}

type idIndexEntry struct {
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime"` // nanoseconds
	Inode uint64 `json:"inode"`
	ID    string `json:"id,omitempty"`
	Line  int    `json:"line,omitempty"`
	Col   int    `json:"col,omitempty"`
	OK    bool   `json:"ok"` // the file has a readable id
}

const racyWindow = 2 * time.Second

func (c *Cache) idIndexFile(scope []string) string {
	h := sha256.New()
	io.WriteString(h, "ids\x00"+buildID()+"\x00")
	for _, d := range scope {
		abs, _ := filepath.Abs(d)
		io.WriteString(h, abs+"\x00")
	}
	return filepath.Join(c.dir, cacheLayout, "ids-"+hex.EncodeToString(h.Sum(nil))[:32]+".json")
}

// loadIDIndex reads the index of a scope; a missing or unreadable one is
// empty. A nil cache gives an index that remembers nothing across runs.
func (c *Cache) loadIDIndex(scope []string) *idIndex {
	idx := &idIndex{Entries: map[string]*idIndexEntry{}}
	if c == nil || buildID() == "" {
		return idx
	}
	data, err := os.ReadFile(c.idIndexFile(scope))
	if err != nil {
		return idx
	}
	var stored idIndex
	if json.Unmarshal(data, &stored) == nil && stored.Entries != nil {
		stored.dirty = false
		return &stored
	}
	return idx
}

// saveIDIndex writes the index atomically when it changed.
func (c *Cache) saveIDIndex(scope []string, idx *idIndex) {
	if c == nil || buildID() == "" || !idx.dirty {
		return
	}
	idx.WrittenAt = time.Now().UnixNano()
	data, err := json.Marshal(idx)
	if err != nil {
		return
	}
	replaceFile(c.idIndexFile(scope), data)
}

// lookup returns the id of the guide at path (key is its absolute form),
// from the index when the file is unchanged, else from scan.
func (idx *idIndex) lookup(key, path string, scan func() (string, guide.Pos, bool)) (string, guide.Pos, bool) {
	fi, err := os.Stat(path)
	if err != nil {
		delete(idx.Entries, key)
		return scan()
	}
	ino := uint64(0)
	if id, ok := idOf(fi); ok {
		ino = id.ino
	}
	mtime := fi.ModTime().UnixNano()
	if e := idx.Entries[key]; e != nil && e.Size == fi.Size() && e.MTime == mtime && e.Inode == ino &&
		mtime < idx.WrittenAt-int64(racyWindow) {
		return e.ID, guide.Pos{Line: e.Line, Col: e.Col}, e.OK
	}
	id, pos, ok := scan()
	// The id may be a substring of the whole file's text: keep a copy, not
	// the file, for each of thousands of guides.
	id = strings.Clone(id)
	idx.Entries[key] = &idIndexEntry{Size: fi.Size(), MTime: mtime, Inode: ino, ID: id, Line: pos.Line, Col: pos.Col, OK: ok}
	idx.dirty = true
	return id, pos, ok
}

// prune forgets the files a walk of the scope no longer found.
func (idx *idIndex) prune(keep func(key string) bool) {
	for k := range idx.Entries {
		if !keep(k) {
			delete(idx.Entries, k)
			idx.dirty = true
		}
	}
}
