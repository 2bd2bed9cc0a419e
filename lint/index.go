package lint

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// The stat index sits in front of the content cache, as git's index sits
// in front of its object store: a warm run stats each file and opens
// none whose stat is what it was when the file was last linted clean. Its
// cost follows what changed, not the bytes of the repository.
//
// An entry records a file's device, inode, size, mode, and modification
// and change times in nanoseconds, and what reading it gave: the facts
// the rules that compare guides read, and whether linting it found
// nothing (no finding, no suppression comment) or that it is plainly not
// a guide. A file with findings is read anyway, for the snippets and
// columns of the report, and one with suppression comments for its
// comments; a guide of the scope that a run only read for its facts
// (pre-commit's unchanged guides) has an entry that answers for its facts
// only.
//
// Racy clean: a file modified in the same clock tick as the index was
// written could change again within that tick and keep its stat. As git
// does, an entry is trusted only when the file's modification time is
// older than the index file's own; a newer one is read again (through the
// content cache, so that costs a read and a hash). An entry copied into a
// newer index without being read again keeps that doubt: it is dropped.
//
// The index is one file per build, schema, set of rules and size limit,
// replaced atomically and checked on read against the CRC-32C it ends
// with: concurrent runs and a crash mid-write leave the old index or the
// new one, and a damaged one is ignored. It is a sorted table read in one
// piece and searched where it lies: loading 100,000 entries makes no
// object per entry, and a run that changes a few of them copies the rest
// byte for byte.
type statIndex struct {
	file  string
	stamp int64 // the index file's modification time, ns; entries not older are racy

	buf    []byte   // the file as mapped or read; facts handed out point into it
	unmap  func()   // unmaps buf when it is mapped (close)
	closed bool     // by close: save writes nothing
	offs   []uint32 // where each entry starts in buf, in key order
	seen   []atomic.Bool

	mu      sync.Mutex
	changed map[string]*statEntry // stored (or nil: forgotten) by this run
	roots   []string              // folders walked whole: their unseen entries are gone
	rules   []string              // rule IDs read, interned (a few: the rules with a Check)
}

// statEntry is one file as it was last read.
type statEntry struct {
	fileStat
	Flags uint8
	Facts factSet
	// Blob is the git blob id (SHA-1) of the bytes read, in a git work
	// tree: git's index then tells, without a stat, that a file still
	// holds them (Options.Staged).
	Blob []byte
	// Raw is Facts as the index encodes them, read from the file.
	Raw []byte
}

// fileStat is what the stat index compares of a file's stat.
type fileStat struct {
	Dev, Ino           uint64
	Size, MTime, CTime int64
	Mode               uint32
}

const (
	entryClean    = 1 << iota // linted with no finding and no suppression comment
	entryNotGuide             // found by a walk and plainly not a guide
)

// indexMagic begins an index file; its last byte is the format's version.
const indexMagic = "guidelint-stat\x00\x03"

// statOf is the stat part of an entry for fi.
func statOf(fi os.FileInfo) fileStat {
	e := fileStat{Size: fi.Size(), MTime: fi.ModTime().UnixNano(), Mode: uint32(fi.Mode())}
	if id, ok := idOf(fi); ok {
		e.Dev, e.Ino = id.dev, id.ino
	}
	e.CTime = ctimeOf(fi)
	return e
}

func (e *fileStat) sameStat(o *fileStat) bool {
	return e.Dev == o.Dev && e.Ino == o.Ino && e.Size == o.Size && e.MTime == o.MTime && e.CTime == o.CTime && e.Mode == o.Mode
}

// statIndexFile names the index for a linter: a build, the schema, the
// rules that run (fp) and the size limit decide what an entry means.
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
	idx := &statIndex{file: c.statIndexFile(fp, maxSize), changed: map[string]*statEntry{}}
	f, err := os.Open(idx.file)
	if err != nil {
		return idx
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return idx
	}
	data, unmap, err := mapFile(f, fi.Size())
	if err != nil {
		unmap = nil
		if data, err = readSized(f, fi.Size(), fi.Size()); err != nil {
			return idx
		}
	}
	if offs, rules, ok := indexOffsets(data); ok {
		idx.buf, idx.offs, idx.rules, idx.stamp = data, offs, rules, fi.ModTime().UnixNano()
		idx.seen = make([]atomic.Bool, len(offs))
		idx.unmap = unmap
	} else if unmap != nil {
		unmap()
	}
	return idx // a damaged or foreign index is ignored: start afresh
}

// close ends the index's use: a mapped file is unmapped, and every fact
// handed out (they point into it) with it. The owner calls it once the
// rules that compare guides have run and the index is saved.
func (idx *statIndex) close() {
	if idx == nil {
		return
	}
	idx.mu.Lock()
	defer idx.mu.Unlock()
	if idx.unmap != nil {
		idx.unmap()
	}
	idx.unmap, idx.buf, idx.offs, idx.seen = nil, nil, nil, nil
	idx.changed, idx.closed = map[string]*statEntry{}, true
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// indexOffsets checks an index file and returns where its entries start,
// and the rule IDs its facts name (each string once, for all entries);
// false when it is damaged, foreign, or out of order.
func indexOffsets(data []byte) ([]uint32, []string, bool) {
	if len(data) < len(indexMagic)+4+4 || string(data[:len(indexMagic)]) != indexMagic || uint64(len(data)) > math.MaxUint32 {
		return nil, nil, false
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(data[len(body):]) {
		return nil, nil, false
	}
	n := binary.LittleEndian.Uint32(body[len(indexMagic):])
	pos := len(indexMagic) + 4
	if uint64(n) > uint64(len(body)-pos) {
		return nil, nil, false
	}
	offs := make([]uint32, 0, n)
	var rules []string
	note := func(id []byte) string {
		if !slices.Contains(rules, string(id)) {
			rules = append(rules, string(id))
		}
		return ""
	}
	var prev []byte
	for pos < len(body) {
		key, next, ok := entryKey(body, pos)
		if !ok || (prev != nil && bytes.Compare(prev, key) >= 0) {
			return nil, nil, false
		}
		_, end, ok := decodeEntry(body, next, note, false)
		if !ok {
			return nil, nil, false
		}
		offs = append(offs, uint32(pos))
		prev, pos = key, end
	}
	if len(offs) != int(n) {
		return nil, nil, false
	}
	return offs, rules, true
}

// entryKey reads the key of the entry at pos; next is where its stat
// begins.
func entryKey(b []byte, pos int) (key []byte, next int, ok bool) {
	n, w := binary.Uvarint(b[pos:])
	if w <= 0 || n > uint64(len(b)-pos-w) {
		return nil, 0, false
	}
	start := pos + w
	return b[start : start+int(n)], start + int(n), true
}

// decodeEntry reads the entry whose stat begins at pos, its facts as
// encoded too (Raw). With facts set, they are decoded, pointing into b,
// their rule IDs made strings by rules; else rules, when not nil, only
// sees each rule ID.
func decodeEntry(b []byte, pos int, rules func([]byte) string, facts bool) (statEntry, int, bool) {
	var e statEntry
	r := entryReader{b: b, pos: pos}
	e.Dev, e.Ino = r.uvarint(), r.uvarint()
	e.Size, e.MTime, e.CTime = r.varint(), r.varint(), r.varint()
	e.Mode = uint32(r.uvarint())
	e.Flags = uint8(r.uvarint())
	if blob := r.bytes(); len(blob) > 0 {
		e.Blob = blob[:len(blob):len(blob)]
	}
	start := r.pos
	n := r.uvarint()
	if r.bad || n > uint64(len(b)) {
		return e, 0, false
	}
	if facts && n > 0 {
		e.Facts = make(factSet, 0, n)
	}
	for i := uint64(0); i < n; i++ {
		id, data := r.bytes(), r.bytes()
		if r.bad {
			return e, 0, false
		}
		switch {
		case facts:
			e.Facts = append(e.Facts, ruleFact{rules(id), data[:len(data):len(data)]})
		case rules != nil:
			rules(id)
		}
	}
	e.Raw = b[start:r.pos:r.pos]
	return e, r.pos, true
}

// rawFact returns the fact of the rule id in facts as an entry encodes
// them (statEntry.Raw, of an index checked when loaded), or nil.
func rawFact(facts []byte, id string) json.RawMessage {
	r := entryReader{b: facts}
	for n := r.uvarint(); n > 0 && !r.bad; n-- {
		rule, data := r.bytes(), r.bytes()
		if string(rule) == id && !r.bad {
			return data[:len(data):len(data)]
		}
	}
	return nil
}

// entryReader reads the varints and byte strings of an entry, noting
// (not panicking on) a short or damaged one.
type entryReader struct {
	b   []byte
	pos int
	bad bool
}

func (r *entryReader) uvarint() uint64 { return readVarint(r, binary.Uvarint) }
func (r *entryReader) varint() int64   { return readVarint(r, binary.Varint) }

// readVarint reads one varint with read (binary.Uvarint or Varint).
func readVarint[T uint64 | int64](r *entryReader, read func([]byte) (T, int)) T {
	if r.bad {
		return 0
	}
	v, w := read(r.b[r.pos:])
	if w <= 0 {
		r.bad = true
		return 0
	}
	r.pos += w
	return v
}

func (r *entryReader) bytes() []byte {
	n := r.uvarint()
	if r.bad || n > uint64(len(r.b)-r.pos) {
		r.bad = true
		return nil
	}
	s := r.b[r.pos : r.pos+int(n)]
	r.pos += int(n)
	return s
}

// appendEntry encodes an entry as decodeEntry reads it.
func appendEntry(b []byte, key string, e *statEntry) []byte {
	b = binary.AppendUvarint(b, uint64(len(key)))
	b = append(b, key...)
	b = binary.AppendUvarint(b, e.Dev)
	b = binary.AppendUvarint(b, e.Ino)
	b = binary.AppendVarint(b, e.Size)
	b = binary.AppendVarint(b, e.MTime)
	b = binary.AppendVarint(b, e.CTime)
	b = binary.AppendUvarint(b, uint64(e.Mode))
	b = binary.AppendUvarint(b, uint64(e.Flags))
	b = binary.AppendUvarint(b, uint64(len(e.Blob)))
	b = append(b, e.Blob...)
	b = binary.AppendUvarint(b, uint64(len(e.Facts)))
	for _, f := range e.Facts {
		b = binary.AppendUvarint(b, uint64(len(f.rule)))
		b = append(b, f.rule...)
		b = binary.AppendUvarint(b, uint64(len(f.data)))
		b = append(b, f.data...)
	}
	return b
}

// size is how many bytes the index holds in memory.
func (idx *statIndex) size() int64 {
	if idx == nil {
		return 0
	}
	n := 4*int64(len(idx.offs)) + int64(len(idx.seen))
	if idx.unmap == nil { // read onto the heap, not mapped
		n += int64(len(idx.buf))
	}
	return n
}

// find returns the position of key among the index's entries.
func (idx *statIndex) find(key string) (int, bool) {
	i := sort.Search(len(idx.offs), func(i int) bool {
		k, _, _ := entryKey(idx.buf, int(idx.offs[i]))
		return string(k) >= key
	})
	if i < len(idx.offs) {
		if k, _, _ := entryKey(idx.buf, int(idx.offs[i])); string(k) == key {
			return i, true
		}
	}
	return i, false
}

// get returns the entry of key as this run knows it: stored by the run,
// else read from the file. Racy entries of the file are not trusted for
// their stat, unless anyRacy (the caller trusts the blob id, which names
// the bytes the facts came from).
func (idx *statIndex) get(key string, anyRacy bool) (statEntry, bool) {
	if idx == nil {
		return statEntry{}, false
	}
	idx.mu.Lock()
	if e, ok := idx.changed[key]; ok {
		idx.mu.Unlock()
		if e == nil {
			return statEntry{}, false
		}
		return *e, true
	}
	idx.mu.Unlock()
	i, ok := idx.find(key)
	if !ok {
		return statEntry{}, false
	}
	e := idx.entry(i, true)
	if e.MTime >= idx.stamp && !anyRacy {
		return statEntry{}, false
	}
	return e, true
}

// countPrefix is how many of the file's entries have keys that begin with
// prefix.
func (idx *statIndex) countPrefix(prefix string) int {
	if idx == nil {
		return 0
	}
	lo, _ := idx.find(prefix)
	hi := lo + sort.Search(len(idx.offs)-lo, func(i int) bool {
		k, _, _ := entryKey(idx.buf, int(idx.offs[lo+i]))
		return !bytes.HasPrefix(k, []byte(prefix))
	})
	return hi - lo
}

// getNear is get(key, true) for keys asked in key order: hint, where the
// entry after the last one found is, is tried first (and a few after it),
// before a binary search. The entry's facts are left encoded (Raw): a
// pre-commit run asks 100,000 entries, and decoding each one's facts cost
// it 8 MB of fresh memory.
func (idx *statIndex) getNear(key string, hint *int) (statEntry, bool) {
	if idx == nil {
		return statEntry{}, false
	}
	idx.mu.Lock()
	e, changed := idx.changed[key]
	idx.mu.Unlock()
	if changed {
		if e == nil {
			return statEntry{}, false
		}
		return *e, true
	}
	i, ok := -1, false
	start := *hint
	if start > 0 && start <= len(idx.offs) {
		if k, _, _ := entryKey(idx.buf, int(idx.offs[start-1])); string(k) >= key {
			start = len(idx.offs) // out of order: searched for
		}
	}
	for j := start; j < len(idx.offs) && j < start+4; j++ {
		if k, _, _ := entryKey(idx.buf, int(idx.offs[j])); string(k) >= key { // no string made
			i, ok = j, string(k) == key
			break
		}
	}
	if i < 0 {
		i, ok = idx.find(key)
	}
	*hint = i
	if !ok {
		return statEntry{}, false
	}
	*hint = i + 1
	return idx.entry(i, false), true
}

// entry decodes the file's entry i, its facts too when facts is set,
// and marks it seen.
func (idx *statIndex) entry(i int, facts bool) statEntry {
	idx.seen[i].Store(true)
	_, next, _ := entryKey(idx.buf, int(idx.offs[i]))
	e, _, _ := decodeEntry(idx.buf, next, idx.intern, facts)
	return e
}

// intern returns the rule ID id as a string shared by every entry: the
// load noted every ID the file holds, so this only reads the list.
func (idx *statIndex) intern(id []byte) string {
	for _, s := range idx.rules {
		if s == string(id) {
			return s
		}
	}
	return string(id)
}

// lookup returns the entry of the file at key when now, its stat now, is
// the one recorded and the entry is not racy. The entry may answer for
// the file's facts only (Flags without entryClean).
func (idx *statIndex) lookup(key string, now fileStat) (statEntry, bool) {
	e, ok := idx.get(key, false)
	if !ok {
		return statEntry{}, false
	}
	if !e.sameStat(&now) {
		return statEntry{}, false
	}
	return e, true
}

// store records what reading a file gave, with its stat taken before it
// was read (a change while it was read makes the next run read it again).
func (idx *statIndex) store(key string, st fileStat, facts factSet, flags uint8, blob []byte) {
	if idx == nil {
		return
	}
	e := statEntry{fileStat: st, Flags: flags, Facts: facts, Blob: blob}
	idx.mu.Lock()
	idx.changed[key] = &e
	idx.mu.Unlock()
}

// forget drops a file that is no longer clean and whose facts are not
// kept (a file with findings is read by every run anyway).
func (idx *statIndex) forget(key string) {
	if idx == nil {
		return
	}
	idx.mu.Lock()
	idx.changed[key] = nil
	idx.mu.Unlock()
}

// walked says the folder dir (an absolute path) was walked whole: an
// entry below it that the run did not look up is of a file gone, and is
// dropped when the index is saved.
func (idx *statIndex) walked(dir string) {
	if idx == nil {
		return
	}
	dir = filepath.ToSlash(filepath.Clean(dir))
	if !strings.HasSuffix(dir, "/") {
		dir += "/"
	}
	idx.mu.Lock()
	idx.roots = append(idx.roots, dir)
	idx.mu.Unlock()
}

// save replaces the index file when the run changed it; failures are
// ignored (the index is an optimisation). Entries the run did not touch
// are copied as they are, but for racy ones (not read again, they could
// hide a change) and those of files gone from a folder walked whole.
func (idx *statIndex) save() {
	if idx == nil {
		return
	}
	idx.mu.Lock()
	defer idx.mu.Unlock()
	if idx.closed {
		return // its old entries are gone: saving would drop them
	}
	keys := make([]string, 0, len(idx.changed))
	for k := range idx.changed {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	dropped := false
	for i := range idx.offs {
		if drop, smudge := idx.stale(i); drop || smudge {
			dropped = true
			break
		}
	}
	if len(keys) == 0 && !dropped {
		return
	}
	// The merge runs twice: to count the entries (the header holds the
	// count, and the checksum covers it), then to write them, straight
	// to the file: 26 MB of index copied into fresh memory cost a
	// pre-commit run a fifth of its time, and the old entries kept go
	// from the mapped file to the new one in runs as long as they come.
	count := idx.merge(keys, nil)
	replaceFileWith(idx.file, func(f io.Writer) error {
		w := &indexWriter{bw: bufio.NewWriterSize(f, 64<<10), src: idx.buf}
		w.write([]byte(indexMagic))
		w.write(binary.LittleEndian.AppendUint32(nil, uint32(count)))
		idx.merge(keys, w)
		w.flushRun()
		sum := w.crc
		w.write(binary.LittleEndian.AppendUint32(nil, sum))
		if w.err != nil {
			return w.err
		}
		return w.bw.Flush()
	})
}

// merge merges the entries the run changed (keys, sorted) with the file's,
// dropping and smudging stale ones, into w, and returns how many entries
// it gave; with w nil it only counts them.
func (idx *statIndex) merge(keys []string, w *indexWriter) int {
	count := 0
	copyOld := func(i int) {
		drop, smudge := idx.stale(i)
		if drop {
			return
		}
		count++
		if w == nil {
			return
		}
		start := int(idx.offs[i])
		key, next, _ := entryKey(idx.buf, start)
		if !smudge {
			_, end, _ := decodeEntry(idx.buf, next, nil, false)
			w.copyOld(start, end)
			return
		}
		// As git smudges a racy entry: its stat never matches again, its
		// blob id still answers.
		e, _, _ := decodeEntry(idx.buf, next, idx.intern, true)
		e.Size = -1
		w.entry(string(key), &e)
	}
	i := 0
	for _, k := range keys {
		for ; i < len(idx.offs); i++ {
			old, _, _ := entryKey(idx.buf, int(idx.offs[i]))
			if string(old) >= k {
				break
			}
			copyOld(i)
		}
		if i < len(idx.offs) {
			if old, _, _ := entryKey(idx.buf, int(idx.offs[i])); string(old) == k {
				i++ // replaced or forgotten
			}
		}
		if e := idx.changed[k]; e != nil {
			count++
			if w != nil {
				w.entry(k, e)
			}
		}
	}
	for ; i < len(idx.offs); i++ {
		copyOld(i)
	}
	return count
}

// indexWriter writes an index file through a buffer, keeping its
// checksum; the old entries copied as they are (src[start:end]) are
// gathered into runs, each written in one piece.
type indexWriter struct {
	bw               *bufio.Writer
	src              []byte
	crc              uint32
	err              error
	scratch          []byte
	runStart, runEnd int
}

func (w *indexWriter) write(b []byte) {
	w.crc = crc32.Update(w.crc, castagnoli, b)
	if w.err == nil {
		_, w.err = w.bw.Write(b)
	}
}

// copyOld copies the old entry src[start:end].
func (w *indexWriter) copyOld(start, end int) {
	if start != w.runEnd || w.runEnd == w.runStart {
		w.flushRun()
		w.runStart = start
	}
	w.runEnd = end
}

func (w *indexWriter) flushRun() {
	if w.runEnd > w.runStart {
		run := w.src[w.runStart:w.runEnd]
		w.runStart, w.runEnd = 0, 0
		w.write(run)
	}
}

// entry writes an entry encoded anew.
func (w *indexWriter) entry(key string, e *statEntry) {
	w.flushRun()
	w.scratch = appendEntry(w.scratch[:0], key, e)
	w.write(w.scratch)
}

// stale says whether the file's entry i is not to be kept as it is: to be
// dropped when it is of a file no longer found in a folder walked whole,
// or racy without a blob id; to be smudged when it is racy with one.
// Called with mu held.
func (idx *statIndex) stale(i int) (drop, smudge bool) {
	start := int(idx.offs[i])
	key, next, _ := entryKey(idx.buf, start)
	if !idx.seen[i].Load() {
		for _, root := range idx.roots {
			if bytes.HasPrefix(key, []byte(root)) {
				return true, false
			}
		}
	}
	e, _, _ := decodeEntry(idx.buf, next, nil, false)
	switch {
	case e.MTime < idx.stamp || e.Size == -1: // not racy, or smudged already
		return false, false
	case len(e.Blob) > 0:
		return false, true
	}
	return true, false
}

// blobID is git's id for a blob of data (SHA-1 of "blob <size>\x00" and
// the bytes), recorded in the stat index in a git work tree, else nil.
func (l *Linter) blobID(data []byte) []byte {
	if !l.inGit && l.opts.Staged == nil || data == nil {
		return nil
	}
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00", len(data))
	h.Write(data)
	return h.Sum(nil)
}

// indexFlags is what the stat index records of a file's result.
func (r *fileResult) indexFlags() uint8 {
	switch {
	case r.notGuide:
		return entryNotGuide
	case r.clean():
		return entryClean
	}
	return 0 // its facts only
}

// clean says whether a file's result is one the stat index may stand
// for: no finding (not even an internal one) and no suppression comment.
func (r *fileResult) clean() bool {
	return len(r.raw) == 0 && len(r.dirs) == 0
}
