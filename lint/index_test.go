package lint

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
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
	idx.store("/r/a.yaml", statOf(fi(1)), encodeFacts(facts), entryClean, []byte("0123456789abcdefghij"))
	idx.store("/r/c.yaml", statOf(fi(3)), encodeFacts(facts[:1]), 0, nil)
	idx = reload(t, c, idx)
	if len(idx.base.offs) != 3 {
		t.Fatalf("%d entries, want 3", len(idx.base.offs))
	}
	check := func(key string, size int64, flags uint8, want factSet, blob string) {
		t.Helper()
		e, ok := idx.lookup(key, statOf(fi(size)))
		if !ok {
			t.Fatalf("%s: no entry", key)
		}
		if got := decodeFacts(e.Raw); e.Flags != flags || !cmp.Equal(got, want, cmp.AllowUnexported(ruleFact{})) || string(e.Blob) != blob {
			t.Errorf("%s: flags %b, facts %v, blob %q; want %b, %v, %q", key, e.Flags, got, e.Blob, flags, want, blob)
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
	if len(idx.base.offs) != 2 {
		t.Fatalf("after forget: %d entries, want 2", len(idx.base.offs))
	}
	check("/r/c.yaml", 3, 0, facts[:1], "")
	if after := entryBytes(idx, "/r/c.yaml"); !cmp.Equal(before, after) {
		t.Errorf("a kept entry changed: %q, was %q", after, before)
	}
}

// entryBytes is the encoded entry of key in idx's file.
func entryBytes(idx *statIndex, key string) []byte {
	i, ok := idx.base.find(key)
	if !ok {
		return nil
	}
	start := int(idx.base.offs[i])
	_, next, _ := entryKey(idx.base.buf, start)
	_, end, _ := decodeEntry(idx.base.buf, next)
	return idx.base.buf[start:end]
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
	if len(idx.base.offs) != 2 {
		t.Fatalf("%d entries, want 2", len(idx.base.offs))
	}
	idx.store("/r/new.yaml", statOf(fakeStat{size: 1, mtime: old}), nil, entryClean, nil)
	idx = reload(t, c, idx)
	if _, found := idx.base.find("/r/racy.yaml"); found {
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
	for _, off := range idx.base.offs {
		k, _, _ := entryKey(idx.base.buf, int(off))
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
	idx.store("/a", statOf(old), encodeFacts(factSet{{"id-unique", json.RawMessage(`"x"`)}}), entryClean, nil)
	idx.store("/b", statOf(old), nil, entryNotGuide, nil)
	idx.save()
	good, err := os.ReadFile(idx.file)
	if err != nil {
		f.Fatal(err)
	}
	// A delta over that base.
	defer func(m, s int) { deltaMinEntries, deltaShare = m, s }(deltaMinEntries, deltaShare)
	deltaMinEntries, deltaShare = 1, 1
	idx = c.loadStatIndex("fp", 1<<20)
	idx.store("/a", statOf(old), nil, entryClean, []byte("01234567890123456789"))
	idx.forget("/b")
	idx.save()
	delta, err := os.ReadFile(idx.deltaFile())
	if err != nil {
		f.Fatal(err)
	}
	dir := f.TempDir()
	f.Add(good[:len(good)-4])
	f.Add(good[:len(good)-7])
	f.Add(delta[:len(delta)-4])
	f.Add([]byte(indexMagic))
	f.Add([]byte(deltaMagic))
	f.Fuzz(func(t *testing.T, body []byte) {
		data := binary.LittleEndian.AppendUint32(append([]byte(nil), body...), crc32.Checksum(body, castagnoli))
		ix := &statIndex{file: filepath.Join(dir, "fuzz.idx"), changed: map[string]*statEntry{}}
		var ok bool
		if ix.base, ok = parseTable(data, indexMagic); !ok {
			if ix.delta, ok = parseTable(data, deltaMagic); !ok {
				return
			}
		}
		var hint nearHint
		for _, k := range []string{"", "/a", "/b", "/zz"} {
			ix.lookup(k, statOf(old))
			ix.getNear(k, &hint)
		}
		ix.store("/c", statOf(old), nil, entryClean, nil)
		ix.save() // a delta or a new base from every entry: must not panic
	})
}

// TestStatIndexClose: where the system maps files the index is mapped,
// not read; once closed it finds nothing and saves nothing (its facts
// are gone with the mapping), and closing twice is harmless.
func TestStatIndexClose(t *testing.T) {
	c, idx := newIndex(t)
	st := statOf(fakeStat{size: 1, mtime: time.Now().Add(-time.Hour)})
	idx.store("/r/a.yaml", st, encodeFacts(factSet{{"id-unique", json.RawMessage(`"a"`)}}), entryClean, nil)
	idx = reload(t, c, idx)
	if mapped := idx.base.unmap != nil; mapped != (runtime.GOOS != "windows" && runtime.GOOS != "plan9" && runtime.GOOS != "js" && runtime.GOOS != "wasip1") {
		t.Errorf("mapped = %v on %s", mapped, runtime.GOOS)
	}
	if e, ok := idx.lookup("/r/a.yaml", st); !ok || string(e.fact("id-unique")) != `"a"` {
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

// TestStatIndexDelta: beside a large base, a run's few changes go to a
// delta read over it, the base file left as it was; a forgotten entry
// hides the base's; a delta grown past its share is merged into a new
// base and removed; a delta written over another base is ignored.
func TestStatIndexDelta(t *testing.T) {
	defer func(m, s int) { deltaMinEntries, deltaShare = m, s }(deltaMinEntries, deltaShare)
	deltaMinEntries, deltaShare = 8, 4 // a delta of up to 2 entries beside a base of 8
	c, idx := newIndex(t)
	old := time.Now().Add(-time.Hour)
	st := statOf(fakeStat{size: 1, mtime: old})
	fact := func(v string) factSet { return factSet{{"id-unique", json.RawMessage(`"` + v + `"`)}} }
	key := func(i int) string { return fmt.Sprintf("/r/g%d.yaml", i) }
	for i := 0; i < 8; i++ {
		idx.store(key(i), st, encodeFacts(fact("base")), entryClean, nil)
	}
	idx = reload(t, c, idx)
	base, _ := os.ReadFile(idx.file)
	idFact := func(idx *statIndex, k string) string {
		t.Helper()
		e, ok := idx.lookup(k, st)
		if !ok {
			return "none"
		}
		return string(e.fact("id-unique"))
	}

	idx.store(key(1), st, encodeFacts(fact("delta")), entryClean, nil)
	idx.forget(key(2))
	idx = reload(t, c, idx)
	if now, _ := os.ReadFile(idx.file); !bytes.Equal(now, base) {
		t.Error("the base was written for 2 changes")
	}
	if len(idx.delta.offs) != 2 {
		t.Fatalf("delta: %d entries, want 2", len(idx.delta.offs))
	}
	if got := idFact(idx, key(1)); got != `"delta"` {
		t.Errorf("changed entry: %s", got)
	}
	if got := idFact(idx, key(2)); got != "none" {
		t.Errorf("forgotten entry: %s", got)
	}
	if got := idFact(idx, key(3)); got != `"base"` {
		t.Errorf("untouched entry: %s", got)
	}
	var hint nearHint
	for i, want := range []string{`"base"`, `"delta"`, "", `"base"`} {
		e, ok := idx.getNear(key(i), &hint)
		if got := string(rawFact(e.Raw, "id-unique")); ok != (want != "") || got != want {
			t.Errorf("getNear(%s) = %s, %v; want %s", key(i), got, ok, want)
		}
	}
	saved, _ := os.ReadFile(idx.deltaFile())

	// A third change: past the delta's share, merged into a new base.
	idx.store(key(5), st, encodeFacts(fact("merged")), entryClean, nil)
	idx = reload(t, c, idx)
	if _, err := os.Stat(idx.deltaFile()); !os.IsNotExist(err) {
		t.Errorf("the delta is still there after a merge: %v", err)
	}
	if len(idx.base.offs) != 7 || len(idx.delta.offs) != 0 {
		t.Errorf("after the merge: base %d, delta %d entries; want 7, 0", len(idx.base.offs), len(idx.delta.offs))
	}
	for i, want := range []string{`"base"`, `"delta"`, "none", `"base"`, `"base"`, `"merged"`} {
		if got := idFact(idx, key(i)); got != want {
			t.Errorf("after the merge, %s: %s, want %s", key(i), got, want)
		}
	}
	// The old delta put back beside the new base names another base.
	if err := os.WriteFile(idx.deltaFile(), saved, 0o600); err != nil {
		t.Fatal(err)
	}
	idx = c.loadStatIndex("fp", 1<<20)
	if len(idx.delta.offs) != 0 {
		t.Error("a delta written over another base was read")
	}
}

// TestStatIndexDeltaRacy: an entry of a delta whose file changed in the
// tick the delta was written is not trusted for its stat; copied into a
// newer delta without being read again, it is dropped, or smudged when a
// blob id answers for it.
func TestStatIndexDeltaRacy(t *testing.T) {
	defer func(m, s int) { deltaMinEntries, deltaShare = m, s }(deltaMinEntries, deltaShare)
	deltaMinEntries, deltaShare = 8, 2
	c, idx := newIndex(t)
	st := statOf(fakeStat{size: 1, mtime: time.Now().Add(-time.Hour)})
	racy := statOf(fakeStat{size: 1, mtime: time.Now().Add(time.Hour)}) // not older than any file written now
	for i := 0; i < 8; i++ {
		idx.store(fmt.Sprintf("/r/g%d.yaml", i), st, nil, entryClean, nil)
	}
	idx = reload(t, c, idx)
	idx.store("/r/g1.yaml", racy, nil, entryClean, nil)
	idx.store("/r/g2.yaml", racy, nil, entryClean, []byte("01234567890123456789"))
	idx = reload(t, c, idx)
	if len(idx.delta.offs) != 2 {
		t.Fatalf("delta: %d entries, want 2", len(idx.delta.offs))
	}
	if _, ok := idx.lookup("/r/g1.yaml", racy); ok {
		t.Error("a racy delta entry was trusted for its stat")
	}
	if _, ok := idx.get("/r/g2.yaml", true); !ok {
		t.Error("a racy delta entry was not found by its blob id")
	}
	idx.store("/r/g3.yaml", st, nil, entryClean, nil)
	idx = reload(t, c, idx)
	if _, ok := idx.get("/r/g1.yaml", true); ok {
		t.Error("a racy entry without a blob id was copied into a newer delta")
	}
	e, ok := idx.get("/r/g2.yaml", true)
	if !ok || e.Size != -1 {
		t.Errorf("a racy entry with a blob id: %+v, %v; want it smudged", e, ok)
	}
	if _, ok := idx.lookup("/r/g3.yaml", st); !ok {
		t.Error("the new delta's entry is missing")
	}
}
