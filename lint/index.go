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
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
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
// The index is one file per build, schema, set of rules and size limit
// (its base), and beside a large one a small delta that holds what runs
// changed since the base was written, read over it, as git's split index
// does: a pre-commit run that lints 5 files of 100,000 writes 5 entries,
// not 26 MB. A delta that outgrows a share of its base is merged into a
// new base. Each file is replaced atomically and checked on read against
// the CRC-32C it ends with: concurrent runs and a crash mid-write leave
// the old file or the new one, a damaged one is ignored, and a delta
// names the base it was written over, so one left beside another base is
// ignored too. Each is a sorted table (indexTable).
type statIndex struct {
	file        string // the base; the delta is file + ".delta"
	base, delta indexTable
	closed      bool // by close: save writes nothing

	mu      sync.Mutex
	changed map[string]*statEntry // stored (or nil: forgotten) by this run
	roots   []string              // folders walked whole: their unseen entries are gone
}

// statEntry is one file as it was last read.
type statEntry struct {
	fileStat
	Flags uint8
	// Blob is the git blob id (SHA-1) of the bytes read, in a git work
	// tree: git's index then tells, without a stat, that a file still
	// holds them (Options.Staged).
	Blob []byte
	// Raw is the facts as the index encodes them (encodeFacts), decoded
	// as a rule asks (decoding 100,000 entries' facts cost a run 8 MB of
	// fresh memory).
	Raw []byte
}

// fact returns the entry's fact of the rule id, or nil.
func (e *statEntry) fact(id string) json.RawMessage { return rawFact(e.Raw, id) }

// hasFacts says whether facts, as encodeFacts encodes them, hold any.
func hasFacts(facts []byte) bool { return len(facts) > 0 && facts[0] != 0 } // they begin with the count

// fileStat is what the stat index compares of a file's stat.
type fileStat struct {
	Dev, Ino           uint64
	Size, MTime, CTime int64
	Mode               uint32
}

const (
	entryClean    = 1 << iota // linted with no finding and no suppression comment
	entryNotGuide             // found by a walk and plainly not a guide
	entryGone     = 1 << 7    // in a delta: the base's entry no longer holds
)

// A delta is kept beside a base of deltaMinEntries entries or more, until
// it holds more than one in deltaShare of the base's: then the base is
// written anew. Smaller bases are written whole, which costs less than
// reading a second file.
var (
	deltaMinEntries = 4096
	deltaShare      = 64
)

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

// statIndexFile names the index's base for a linter: a build, the schema, the
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
	idx.base = loadTable(idx.file, indexMagic, true)
	if len(idx.base.offs) > 0 {
		// Read, not mapped: it is small, and an entry of it is replaced.
		d := loadTable(idx.deltaFile(), deltaMagic, false)
		if string(d.tag) == string(idx.base.tag) {
			idx.delta = d
		}
	}
	return idx // a damaged or foreign file is ignored: start afresh
}

func (idx *statIndex) deltaFile() string { return idx.file + ".delta" }

// close ends the index's use: a mapped file is unmapped, and every fact
// handed out (they point into it) with it. The owner calls it once the
// rules that compare guides have run and the index is saved.
func (idx *statIndex) close() {
	if idx == nil {
		return
	}
	idx.mu.Lock()
	defer idx.mu.Unlock()
	idx.base.close()
	idx.delta.close()
	idx.changed, idx.closed = map[string]*statEntry{}, true
}

// size is how many bytes the index holds in memory.
func (idx *statIndex) size() int64 {
	if idx == nil {
		return 0
	}
	var n int64
	for _, t := range []*indexTable{&idx.base, &idx.delta} {
		n += 4*int64(len(t.offs)) + int64(len(t.seen))
		if t.unmap == nil { // read onto the heap, not mapped
			n += int64(len(t.buf))
		}
	}
	return n
}

// get returns the entry of key as this run knows it: stored by the run,
// else read from the delta, else from the base. Racy entries are not
// trusted for their stat, unless anyRacy (the caller trusts the blob id,
// which names the bytes the facts came from).
func (idx *statIndex) get(key string, anyRacy bool) (statEntry, bool) {
	if idx == nil {
		return statEntry{}, false
	}
	if e, ok := idx.changedEntry(key); ok {
		return e, e.Flags&entryGone == 0
	}
	for _, t := range []*indexTable{&idx.delta, &idx.base} {
		if i, ok := t.find(key); ok {
			e := t.entry(i)
			if e.Flags&entryGone != 0 || e.MTime >= t.stamp && !anyRacy {
				return statEntry{}, false
			}
			return e, true
		}
	}
	return statEntry{}, false
}

// changedEntry is the entry this run stored for key, with entryGone when
// it forgot it.
func (idx *statIndex) changedEntry(key string) (statEntry, bool) {
	idx.mu.Lock()
	defer idx.mu.Unlock()
	e, ok := idx.changed[key]
	switch {
	case !ok:
		return statEntry{}, false
	case e == nil:
		return statEntry{Flags: entryGone}, true
	}
	return *e, true
}

// countPrefix is about how many files below prefix the index knows: the
// base's entries whose keys begin with it.
func (idx *statIndex) countPrefix(prefix string) int {
	if idx == nil {
		return 0
	}
	lo, _ := idx.base.find(prefix)
	n := sort.Search(len(idx.base.offs)-lo, func(i int) bool { return !bytes.HasPrefix(idx.base.key(lo+i), []byte(prefix)) })
	return n
}

// nearHint is where getNear looks first, in each table.
type nearHint struct{ base, delta int }

// getNear is get(key, true) for keys asked in key order (see
// indexTable.near).
func (idx *statIndex) getNear(key string, hint *nearHint) (statEntry, bool) {
	if idx == nil {
		return statEntry{}, false
	}
	if e, ok := idx.changedEntry(key); ok {
		return e, e.Flags&entryGone == 0
	}
	if len(idx.delta.offs) > 0 {
		if i, ok := idx.delta.near(key, &hint.delta); ok {
			e := idx.delta.entry(i)
			return e, e.Flags&entryGone == 0
		}
	}
	if i, ok := idx.base.near(key, &hint.base); ok {
		e := idx.base.entry(i)
		return e, e.Flags&entryGone == 0
	}
	return statEntry{}, false
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
// was read (a change while it was read makes the next run read it again);
// raw is its facts as an entry encodes them (encodeFacts).
func (idx *statIndex) store(key string, st fileStat, raw []byte, flags uint8, blob []byte) {
	if idx == nil {
		return
	}
	e := statEntry{fileStat: st, Flags: flags, Raw: raw, Blob: blob}
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

// save writes what the run changed, when it changed anything, and drops
// the entries of files gone from folders walked whole; failures are
// ignored (the index is an optimisation). Beside a large base, the run's
// changes and the delta's entries go to a new delta while they are few;
// else to a new base, which copies the base's entries it keeps byte for
// byte (26 MB of index copied into fresh memory cost a pre-commit run a
// fifth of its time: they go from the mapped file to the new one in runs
// as long as they come). Entries copied into a newer file without being
// read again lose their trust if racy: dropped, or smudged (size -1, as
// git does) when a blob id still answers for them.
func (idx *statIndex) save() {
	if idx == nil {
		return
	}
	idx.mu.Lock()
	defer idx.mu.Unlock()
	if idx.closed {
		return // its old entries are gone: saving would drop them
	}
	over := idx.overlay()
	keys := make([]string, 0, len(over))
	for k := range over {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	prune := false
	for i := range idx.base.offs {
		if idx.base.unseenBelow(i, idx.roots) {
			if _, ok := over[string(idx.base.key(i))]; !ok {
				prune = true
				break
			}
		}
	}
	if !prune && len(idx.base.offs) >= deltaMinEntries && len(keys) <= len(idx.base.offs)/deltaShare {
		if len(idx.changed) > 0 {
			idx.writeDelta(keys, over)
		}
		return
	}
	if len(keys) == 0 && !prune && !idx.anyStale() {
		return
	}
	count := idx.merge(keys, over, nil)
	written := replaceFileWith(idx.file, func(f io.Writer) error {
		w := &indexWriter{bw: bufio.NewWriterSize(f, 64<<10), src: idx.base.buf}
		w.write([]byte(indexMagic))
		w.write(binary.LittleEndian.AppendUint32(nil, uint32(count)))
		idx.merge(keys, over, w)
		return w.finish()
	})
	if written { // else the old base and its delta still hold
		os.Remove(idx.deltaFile()) // merged into the new base
	}
}

// overlay is what the new file takes over the base: the delta's entries
// (nil for those gone, racy ones dropped or smudged as a copy must be)
// with the run's changes over them. Called with mu held.
func (idx *statIndex) overlay() map[string]*statEntry {
	over := make(map[string]*statEntry, len(idx.delta.offs)+len(idx.changed))
	d := &idx.delta
	for i := range d.offs {
		key := string(d.key(i))
		drop, smudge := d.stale(i, idx.roots)
		_, next, _ := entryKey(d.buf, int(d.offs[i]))
		e, _, _ := decodeEntry(d.buf, next)
		switch {
		case drop || e.Flags&entryGone != 0:
			over[key] = nil
		case smudge:
			e.Size = -1
			fallthrough
		default:
			over[key] = &e
		}
	}
	for k, e := range idx.changed {
		over[k] = e
	}
	return over
}

// anyStale says whether an entry of the base is not to be copied as it
// is. Called with mu held.
func (idx *statIndex) anyStale() bool {
	for i := range idx.base.offs {
		if drop, smudge := idx.base.stale(i, idx.roots); drop || smudge {
			return true
		}
	}
	return false
}

// writeDelta writes the delta: the entries over (keys, sorted), gone
// ones marked so, over the base it names. Called with mu held.
func (idx *statIndex) writeDelta(keys []string, over map[string]*statEntry) {
	replaceFileWith(idx.deltaFile(), func(f io.Writer) error {
		w := &indexWriter{bw: bufio.NewWriterSize(f, 64<<10)}
		w.write([]byte(deltaMagic))
		w.write(binary.LittleEndian.AppendUint32(nil, uint32(len(keys))))
		w.write(idx.base.tag)
		for _, k := range keys {
			e := over[k]
			if e == nil {
				e = &statEntry{Flags: entryGone}
			}
			w.entry(k, e)
		}
		return w.finish()
	})
}

// merge merges the base's entries with over's (keys, sorted), dropping
// and smudging stale ones, into w, and returns how many entries it gave;
// with w nil it only counts them. Called with mu held.
func (idx *statIndex) merge(keys []string, over map[string]*statEntry, w *indexWriter) int {
	b := &idx.base
	count := 0
	copyOld := func(i int) {
		drop, smudge := b.stale(i, idx.roots)
		if drop {
			return
		}
		count++
		if w == nil {
			return
		}
		start := int(b.offs[i])
		key, next, _ := entryKey(b.buf, start)
		if !smudge {
			_, end, _ := decodeEntry(b.buf, next)
			w.copyOld(start, end)
			return
		}
		e, _, _ := decodeEntry(b.buf, next)
		e.Size = -1
		w.entry(string(key), &e)
	}
	i := 0
	for _, k := range keys {
		for ; i < len(b.offs) && string(b.key(i)) < k; i++ {
			copyOld(i)
		}
		if i < len(b.offs) && string(b.key(i)) == k {
			i++ // replaced or forgotten
		}
		if e := over[k]; e != nil {
			count++
			if w != nil {
				w.entry(k, e)
			}
		}
	}
	for ; i < len(b.offs); i++ {
		copyOld(i)
	}
	return count
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
