package lint

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"math"
	"math/bits"
	"os"
	"sort"
	"sync/atomic"
)

// indexTable is one file of the stat index (its base or its delta): a
// sorted table of entries, mapped or read in one piece and searched where
// it lies, so that loading 100,000 entries makes no object per entry.
//
// A file is a magic string whose last byte is the format's version, the
// count of entries (uint32), for a delta the identity of the base it was
// written over, the entries in key order, and the CRC-32C of all that.
type indexTable struct {
	buf   []byte        // the file as mapped or read; facts handed out point into it
	unmap func()        // unmaps buf when it is mapped
	offs  []uint32      // where each entry starts in buf, in key order
	seen  []atomic.Bool // entries a lookup of the run found
	stamp int64         // the file's modification time, ns: entries not older are racy
	// tag is the identity of a base (its checksum and length), which a
	// delta records to be read over that base only.
	tag []byte
}

const (
	indexMagic = "guidelint-stat\x00\x03" // a base
	deltaMagic = "guidelint-delt\x00\x03" // a delta
	tagLen     = 4 + 8
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// loadTable maps (or else reads) the file, checks it, and returns its
// table; an empty one when the file is missing, damaged or foreign.
func loadTable(file, magic string, mapIt bool) indexTable {
	f, err := os.Open(file)
	if err != nil {
		return indexTable{}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return indexTable{}
	}
	var data []byte
	var unmap func()
	if mapIt {
		data, unmap, err = mapFile(f, fi.Size())
	}
	if !mapIt || err != nil {
		unmap = nil
		if data, err = readSized(f, fi.Size(), fi.Size()); err != nil {
			return indexTable{}
		}
	}
	t, ok := parseTable(data, magic)
	if !ok {
		if unmap != nil {
			unmap()
		}
		return indexTable{}
	}
	t.unmap, t.stamp = unmap, fi.ModTime().UnixNano()
	return t
}

// parseTable checks a table file and finds where its entries start; false
// when it is damaged, foreign, or out of order.
func parseTable(data []byte, magic string) (indexTable, bool) {
	head := len(magic) + 4
	if magic == deltaMagic {
		head += tagLen
	}
	if len(data) < head+4 || string(data[:len(magic)]) != magic || uint64(len(data)) > math.MaxUint32 {
		return indexTable{}, false
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(data[len(body):]) {
		return indexTable{}, false
	}
	n := binary.LittleEndian.Uint32(body[len(magic):])
	pos := head
	if uint64(n) > uint64(len(body)-pos) {
		return indexTable{}, false
	}
	t := indexTable{buf: data, offs: make([]uint32, 0, n)}
	if magic == deltaMagic {
		t.tag = bytes.Clone(body[len(magic)+4 : head])
	} else {
		t.tag = baseTag(data)
	}
	var prev []byte
	for pos < len(body) {
		key, next, ok := entryKey(body, pos)
		if !ok || (prev != nil && bytes.Compare(prev, key) >= 0) {
			return indexTable{}, false
		}
		_, end, ok := decodeEntry(body, next)
		if !ok {
			return indexTable{}, false
		}
		t.offs = append(t.offs, uint32(pos))
		prev, pos = key, end
	}
	if len(t.offs) != int(n) {
		return indexTable{}, false
	}
	t.seen = make([]atomic.Bool, n)
	return t, true
}

// baseTag is the identity of the base file data: its checksum and length.
func baseTag(data []byte) []byte {
	tag := bytes.Clone(data[len(data)-4:])
	return binary.LittleEndian.AppendUint64(tag, uint64(len(data)))
}

// close unmaps a mapped table, and empties it.
func (t *indexTable) close() {
	if t.unmap != nil {
		t.unmap()
	}
	*t = indexTable{}
}

// key is the key of entry i.
func (t *indexTable) key(i int) []byte {
	k, _, _ := entryKey(t.buf, int(t.offs[i]))
	return k
}

// find returns the position of key among the table's entries.
func (t *indexTable) find(key string) (int, bool) {
	i := sort.Search(len(t.offs), func(i int) bool { return string(t.key(i)) >= key })
	return i, i < len(t.offs) && string(t.key(i)) == key
}

// near is find for keys asked in key order: hint, where the entry after
// the last one found is, is tried first (and a few after it), before a
// binary search.
func (t *indexTable) near(key string, hint *int) (int, bool) {
	i, ok := -1, false
	start := *hint
	if start > 0 && start <= len(t.offs) && string(t.key(start-1)) >= key {
		start = len(t.offs) // out of order: searched for
	}
	for j := start; j < len(t.offs) && j < start+4; j++ {
		if k := t.key(j); string(k) >= key { // no string made
			i, ok = j, string(k) == key
			break
		}
	}
	if i < 0 {
		i, ok = t.find(key)
	}
	*hint = i
	if ok {
		*hint = i + 1
	}
	return i, ok
}

// entry decodes entry i, and marks it seen.
func (t *indexTable) entry(i int) statEntry {
	t.seen[i].Store(true)
	_, next, _ := entryKey(t.buf, int(t.offs[i]))
	e, _, _ := decodeEntry(t.buf, next)
	return e
}

// stale says whether entry i is not to be kept as it is: to be dropped
// when it is of a file no longer found in a folder walked whole (roots),
// or racy without a blob id; to be smudged when it is racy with one.
func (t *indexTable) stale(i int, roots []string) (drop, smudge bool) {
	if t.unseenBelow(i, roots) {
		return true, false
	}
	_, next, _ := entryKey(t.buf, int(t.offs[i]))
	e, _, _ := decodeEntry(t.buf, next)
	switch {
	case e.MTime < t.stamp || e.Size == -1: // not racy, or smudged already
		return false, false
	case len(e.Blob) > 0:
		return false, true
	}
	return true, false
}

// unseenBelow says whether entry i, which no lookup of the run found,
// lies in one of the folders walked whole (roots): its file is gone.
func (t *indexTable) unseenBelow(i int, roots []string) bool {
	if t.seen[i].Load() {
		return false
	}
	key := t.key(i)
	for _, root := range roots {
		if bytes.HasPrefix(key, []byte(root)) {
			return true
		}
	}
	return false
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

// decodeEntry reads the entry whose stat begins at pos; its facts are
// left as encoded (Raw), checked.
func decodeEntry(b []byte, pos int) (statEntry, int, bool) {
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
	for i := uint64(0); i < n; i++ {
		r.bytes() // the rule ID
		r.bytes() // its fact
		if r.bad {
			return e, 0, false
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
	if len(e.Raw) == 0 {
		return append(b, 0) // no facts
	}
	return append(b, e.Raw...)
}

// appendFacts encodes facts as an entry holds them (statEntry.Raw).
func appendFacts(b []byte, facts factSet) []byte {
	b = binary.AppendUvarint(b, uint64(len(facts)))
	for _, f := range facts {
		b = binary.AppendUvarint(b, uint64(len(f.rule)))
		b = append(b, f.rule...)
		b = binary.AppendUvarint(b, uint64(len(f.data)))
		b = append(b, f.data...)
	}
	return b
}

// encodeFacts is facts as an entry holds them, in one allocation of the
// size needed; nil for none.
func encodeFacts(facts factSet) []byte {
	if len(facts) == 0 {
		return nil
	}
	n := uvarintLen(len(facts))
	for _, f := range facts {
		n += uvarintLen(len(f.rule)) + len(f.rule) + uvarintLen(len(f.data)) + len(f.data)
	}
	return appendFacts(make([]byte, 0, n), facts)
}

// decodeFacts is the set encodeFacts encoded (facts of an index checked
// when loaded, or made by encodeFacts).
func decodeFacts(facts []byte) factSet {
	var fs factSet
	r := entryReader{b: facts}
	for n := r.uvarint(); n > 0 && !r.bad; n-- {
		rule, data := r.bytes(), r.bytes()
		if !r.bad {
			fs = append(fs, ruleFact{string(rule), data})
		}
	}
	return fs
}

// uvarintLen is the length of n as binary.AppendUvarint writes it.
func uvarintLen(n int) int { return (bits.Len64(uint64(n)|1) + 6) / 7 }

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

// finish writes the checksum of all written, and flushes.
func (w *indexWriter) finish() error {
	w.flushRun()
	w.write(binary.LittleEndian.AppendUint32(nil, w.crc))
	if w.err != nil {
		return w.err
	}
	return w.bw.Flush()
}

// entry writes an entry encoded anew.
func (w *indexWriter) entry(key string, e *statEntry) {
	w.flushRun()
	w.scratch = appendEntry(w.scratch[:0], key, e)
	w.write(w.scratch)
}
