package lint

import (
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fakeStat is a FileInfo whose stat the stat index reads through statOf;
// sys is what Sys returns (the system's stat record, or nil).
type fakeStat struct {
	size  int64
	mtime time.Time
	sys   any
}

func (f fakeStat) Name() string       { return "f" }
func (f fakeStat) Size() int64        { return f.size }
func (f fakeStat) Mode() fs.FileMode  { return 0o644 }
func (f fakeStat) ModTime() time.Time { return f.mtime }
func (f fakeStat) IsDir() bool        { return false }
func (f fakeStat) Sys() any           { return f.sys }

// reload saves idx and loads it again from its file.
func reload(t *testing.T, c *Cache, idx *statIndex) *statIndex {
	t.Helper()
	idx.save()
	return c.loadStatIndex("fp", 1<<20)
}

func newIndex(t *testing.T) (*Cache, *statIndex) {
	t.Helper()
	c, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return c, c.loadStatIndex("fp", 1<<20)
}

// TestStatIndexRoundTrip: entries, their flags and facts come back as
// stored, from the file, in any order of storing; a run that changes one
// keeps the others as they were.
func TestStatIndexRoundTrip(t *testing.T) {
	c, idx := newIndex(t)
	old := time.Now().Add(-time.Hour)
	fi := func(size int64) os.FileInfo { return fakeStat{size: size, mtime: old} }
	facts := factSet{{"id-unique", json.RawMessage(`"a"`)}, {"title-unique", json.RawMessage(`{"t":"A"}`)}}
	idx.store("/r/b.yaml", statOf(fi(2)), nil, entryNotGuide, nil)
	idx.store("/r/a.yaml", statOf(fi(1)), facts, entryClean, []byte("0123456789abcdefghij"))
	idx.store("/r/c.yaml", statOf(fi(3)), facts[:1], 0, nil)
	idx = reload(t, c, idx)
	if len(idx.offs) != 3 {
		t.Fatalf("%d entries, want 3", len(idx.offs))
	}
	check := func(key string, size int64, flags uint8, want factSet, blob string) {
		t.Helper()
		e, ok := idx.lookup(key, statOf(fi(size)))
		if !ok {
			t.Fatalf("%s: no entry", key)
		}
		if e.Flags != flags || !cmp.Equal(e.Facts, want, cmp.AllowUnexported(ruleFact{})) || string(e.Blob) != blob {
			t.Errorf("%s: flags %b, facts %v, blob %q; want %b, %v, %q", key, e.Flags, e.Facts, e.Blob, flags, want, blob)
		}
	}
	check("/r/a.yaml", 1, entryClean, facts, "0123456789abcdefghij")
	check("/r/b.yaml", 2, entryNotGuide, nil, "")
	check("/r/c.yaml", 3, 0, facts[:1], "")
	if _, ok := idx.lookup("/r/a.yaml", statOf(fi(9))); ok {
		t.Error("an entry answered for another size")
	}
	if _, ok := idx.lookup("/r/aa.yaml", statOf(fi(1))); ok {
		t.Error("a key not stored was found")
	}
	before := entryBytes(idx, "/r/c.yaml")
	idx.forget("/r/b.yaml")
	idx = reload(t, c, idx)
	if len(idx.offs) != 2 {
		t.Fatalf("after forget: %d entries, want 2", len(idx.offs))
	}
	check("/r/c.yaml", 3, 0, facts[:1], "")
	if after := entryBytes(idx, "/r/c.yaml"); !cmp.Equal(before, after) {
		t.Errorf("a kept entry changed: %q, was %q", after, before)
	}
}

// entryBytes is the encoded entry of key in idx's file.
func entryBytes(idx *statIndex, key string) []byte {
	i, ok := idx.find(key)
	if !ok {
		return nil
	}
	start := int(idx.offs[i])
	_, next, _ := entryKey(idx.buf, start)
	_, end, _ := decodeEntry(idx.buf, next, nil, false)
	return idx.buf[start:end]
}

// TestStatIndexInode: an entry does not answer for a file whose stat is
// the same but for its inode (a file replaced by a rename keeps size and
// times when a tool sets them).
func TestStatIndexInode(t *testing.T) {
	p := filepath.Join(t.TempDir(), "g.yaml")
	if err := os.WriteFile(p, []byte("id: a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	real, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := idOf(real); !ok {
		t.Skip("no inodes on this system")
	}
	c, idx := newIndex(t)
	old := time.Now().Add(-time.Hour)
	idx.store("/g.yaml", statOf(withInode(t, real, old, 0)), nil, entryClean, nil)
	idx = reload(t, c, idx)
	if _, ok := idx.lookup("/g.yaml", statOf(withInode(t, real, old, 0))); !ok {
		t.Fatal("the same stat was not trusted")
	}
	if _, ok := idx.lookup("/g.yaml", statOf(withInode(t, real, old, 1))); ok {
		t.Error("an entry answered for another inode")
	}
}

// TestStatIndexRacyNotCopied: an entry whose file was modified no earlier
// than the index was written is not trusted, and a run that does not read
// that file again does not copy it into its newer index (where it would
// pass for trusted).
func TestStatIndexRacyNotCopied(t *testing.T) {
	c, idx := newIndex(t)
	old := time.Now().Add(-time.Hour)
	future := time.Now().Add(time.Hour) // not older than any index written now
	idx.store("/r/racy.yaml", statOf(fakeStat{size: 1, mtime: future}), nil, entryClean, nil)
	idx.store("/r/old.yaml", statOf(fakeStat{size: 1, mtime: old}), nil, entryClean, nil)
	idx = reload(t, c, idx)
	if _, ok := idx.lookup("/r/racy.yaml", statOf(fakeStat{size: 1, mtime: future})); ok {
		t.Error("a racy entry was trusted")
	}
	if len(idx.offs) != 2 {
		t.Fatalf("%d entries, want 2", len(idx.offs))
	}
	idx.store("/r/new.yaml", statOf(fakeStat{size: 1, mtime: old}), nil, entryClean, nil)
	idx = reload(t, c, idx)
	if _, found := idx.find("/r/racy.yaml"); found {
		t.Error("a racy entry not read again was copied into the new index")
	}
	// A racy entry with a blob id is kept for its blob id, its stat
	// smudged (as git does): it never matches a stat again.
	idx.store("/r/racy-blob.yaml", statOf(fakeStat{size: 1, mtime: future}), nil, entryClean, []byte("blob"))
	idx = reload(t, c, idx)
	idx.store("/r/new2.yaml", statOf(fakeStat{size: 1, mtime: old}), nil, entryClean, nil)
	idx = reload(t, c, idx)
	if e, ok := idx.get("/r/racy-blob.yaml", true); !ok || string(e.Blob) != "blob" || e.Size != -1 {
		t.Errorf("racy entry with a blob id: %+v, %v; want it kept, smudged", e, ok)
	}
	if _, ok := idx.lookup("/r/old.yaml", statOf(fakeStat{size: 1, mtime: old})); !ok {
		t.Error("an entry the run did not touch was lost")
	}
}

// TestStatIndexPrune: entries of files gone from a folder the run walked
// whole are dropped; those elsewhere are kept.
func TestStatIndexPrune(t *testing.T) {
	c, idx := newIndex(t)
	old := fakeStat{size: 1, mtime: time.Now().Add(-time.Hour)}
	for _, k := range []string{"/r/gone.yaml", "/r/kept.yaml", "/rr/other.yaml", "/s/x.yaml"} {
		idx.store(k, statOf(old), nil, entryClean, nil)
	}
	idx = reload(t, c, idx)
	idx.walked("/r")
	idx.lookup("/r/kept.yaml", statOf(old))
	idx.store("/r/new.yaml", statOf(old), nil, entryClean, nil)
	idx = reload(t, c, idx)
	var keys []string
	for _, off := range idx.offs {
		k, _, _ := entryKey(idx.buf, int(off))
		keys = append(keys, string(k))
	}
	if want := []string{"/r/kept.yaml", "/r/new.yaml", "/rr/other.yaml", "/s/x.yaml"}; !cmp.Equal(keys, want) {
		t.Errorf("entries %v, want %v", keys, want)
	}
}

// FuzzStatIndex: any bytes in the index file load as an index or as
// none, never a panic, and an index that loads answers every lookup. The
// fuzzer's bytes are given their checksum (else nearly every input would
// stop there).
func FuzzStatIndex(f *testing.F) {
	c, err := OpenCache(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	idx := c.loadStatIndex("fp", 1<<20)
	old := fakeStat{size: 7, mtime: time.Now().Add(-time.Hour)}
	idx.store("/a", statOf(old), factSet{{"id-unique", json.RawMessage(`"x"`)}}, entryClean, nil)
	idx.store("/b", statOf(old), nil, entryNotGuide, nil)
	idx.save()
	good, err := os.ReadFile(idx.file)
	if err != nil {
		f.Fatal(err)
	}
	dir := f.TempDir()
	f.Add(good[:len(good)-4])
	f.Add(good[:len(good)-7])
	f.Add([]byte(indexMagic))
	f.Fuzz(func(t *testing.T, body []byte) {
		data := binary.LittleEndian.AppendUint32(append([]byte(nil), body...), crc32.Checksum(body, castagnoli))
		offs, rules, ok := indexOffsets(data)
		if !ok {
			return
		}
		ix := &statIndex{file: filepath.Join(dir, "fuzz.idx"), buf: data, offs: offs, seen: make([]atomic.Bool, len(offs)), rules: rules, changed: map[string]*statEntry{}}
		for _, k := range []string{"/a", "/b", "", "/zz"} {
			ix.lookup(k, statOf(old))
		}
		ix.store("/c", statOf(old), nil, entryClean, nil)
		ix.save() // copies every entry: must not panic
	})
}

// TestStatIndexClose: where the system maps files the index is mapped,
// not read; once closed it finds nothing and saves nothing (its facts
// are gone with the mapping), and closing twice is harmless.
func TestStatIndexClose(t *testing.T) {
	c, idx := newIndex(t)
	st := statOf(fakeStat{size: 1, mtime: time.Now().Add(-time.Hour)})
	idx.store("/r/a.yaml", st, factSet{{"id-unique", json.RawMessage(`"a"`)}}, entryClean, nil)
	idx = reload(t, c, idx)
	if mapped := idx.unmap != nil; mapped != (runtime.GOOS != "windows" && runtime.GOOS != "plan9" && runtime.GOOS != "js" && runtime.GOOS != "wasip1") {
		t.Errorf("mapped = %v on %s", mapped, runtime.GOOS)
	}
	if e, ok := idx.lookup("/r/a.yaml", st); !ok || string(e.Facts.get("id-unique")) != `"a"` {
		t.Fatalf("lookup before close = %+v, %v", e, ok)
	}
	before, _ := os.ReadFile(idx.file)
	idx.close()
	idx.close()
	if _, ok := idx.lookup("/r/a.yaml", st); ok {
		t.Error("a closed index still answers")
	}
	idx.store("/r/b.yaml", st, nil, entryClean, nil)
	idx.save()
	if after, _ := os.ReadFile(idx.file); string(after) != string(before) {
		t.Error("a closed index rewrote its file")
	}
	if idx.size() != 0 {
		t.Errorf("size after close = %d", idx.size())
	}
}
