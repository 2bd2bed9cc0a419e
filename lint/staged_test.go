package lint

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestBlobID: the blob id is git's (git hash-object of "id: a\n").
func TestBlobID(t *testing.T) {
	l := &Linter{inGit: true}
	if got := hex.EncodeToString(l.blobID([]byte("id: a\n"))); got != "5c42cb2eeaaaaae62250d3d0441ce12063ba7d3f" {
		t.Errorf("blobID = %s", got)
	}
	if (&Linter{}).blobID([]byte("x")) != nil {
		t.Error("a blob id outside git")
	}
}

// TestStagedScope: with Options.Staged, the guides a run on named files
// is compared with are those git's index lists, known by their blob ids:
// an untracked guide is not compared, an unchanged staged one is not
// opened, and a newly staged blob is read.
func TestStagedScope(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.yaml":       "id: a\ntitle: A\n",
		"b.yaml":       "id: b\ntitle: B\n",
		"untrack.yaml": "id: x\ntitle: X\n",
		"new.yaml":     "id: x\ntitle: N\n",
	}
	cache := oldGuides(t, dir, files)
	l0 := &Linter{inGit: true}
	staged := map[string]string{"a.yaml": files["a.yaml"], "b.yaml": files["b.yaml"]}
	stagedFunc := func(d string, each func(path, blob []byte)) bool {
		if d != dir {
			t.Errorf("Staged(%s), want %s", d, dir)
		}
		ids := map[string]string{}
		for n, data := range staged {
			ids[n] = string(l0.blobID([]byte(data)))
		}
		return stagedOf(ids)(d, each)
	}
	rec := recordOpens(t)
	var opened []string
	run := func(staged bool) string {
		t.Helper()
		rec.take()
		var sf StagedFunc
		if staged {
			sf = stagedFunc
		}
		got := idClashes(t, cache, dir, filepath.Join(dir, "new.yaml"), sf)
		opened = rec.take()
		return got
	}
	if got := run(false); !strings.Contains(got, "untrack.yaml") {
		t.Fatalf("walking the work tree: %q, want the untracked guide's clash", got)
	}
	if got := run(true); got != "" {
		t.Fatalf("staged: %q, want no clash with the untracked guide", got)
	}
	if got := run(true); got != "" || len(opened) != 0 {
		t.Fatalf("staged again: %q, opened %v; want nothing opened", got, opened)
	}
	// b takes new's id and is staged: its new blob is read.
	staged["b.yaml"] = "id: x\ntitle: B\n"
	if err := os.WriteFile(filepath.Join(dir, "b.yaml"), []byte(staged["b.yaml"]), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := run(true); !strings.Contains(got, "b.yaml") || !cmp.Equal(opened, []string{"b.yaml"}) {
		t.Fatalf("after b was staged with new's id: %q, opened %v", got, opened)
	}
	if got := run(true); !strings.Contains(got, "b.yaml") || len(opened) != 0 {
		t.Fatalf("again: %q, opened %v; want the clash, nothing opened", got, opened)
	}
}

// TestFactsFromContentCache: the facts of a guide the scope or another
// shard reads come from the content cache entry a run wrote for its bytes
// (the same key), without parsing it: a shard's job in a fresh checkout
// with the cache restored parsed every other part's guides before.
func TestFactsFromContentCache(t *testing.T) {
	dir := t.TempDir()
	writeGuides(t, dir, map[string]string{"a.yaml": "id: a\ntitle: A\n"})
	cache, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	l := mustNew(t, Options{Cache: cache})
	if _, err := l.Run(context.Background(), []string{"."}); err != nil {
		t.Fatal(err)
	}
	// A nil parser: factsOf may not parse, only find the cache's entry.
	facts, _, failed := l.factsOf(nil, "a.yaml", filepath.Join(dir, "a.yaml"), false)
	if failed || rawFact(facts, "id-unique") == nil {
		t.Errorf("facts %v, failed %v; want id-unique's from the cache", facts, failed)
	}
}

// TestStagedBlobOdd: a staged blob id that is not the one read (git's id
// is of the bytes as cleaned: line ends converted, LFS pointers) falls
// back to the stat, so an unchanged guide is still not opened; an empty
// one names nothing, so a changed guide is still read.
func TestStagedBlobOdd(t *testing.T) {
	dir := t.TempDir()
	writeGuides(t, dir, map[string]string{"a.yaml": "id: a\r\ntitle: A\r\n", "new.yaml": "id: n\ntitle: N\n"})
	old := time.Now().Add(-time.Hour)
	for _, n := range []string{"a.yaml", "new.yaml"} {
		os.Chtimes(filepath.Join(dir, n), old, old)
	}
	cache, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	blob := "01234567890123456789" // as if of "id: a\ntitle: A\n"
	rec := recordOpens(t)
	var opened []string
	staged := func(d string, each func(path, blob []byte)) bool {
		return stagedOf(map[string]string{"a.yaml": blob})(d, each)
	}
	run := func() string {
		t.Helper()
		rec.take()
		got := idClashes(t, cache, dir, filepath.Join(dir, "new.yaml"), staged)
		opened = rec.take()
		return got
	}
	run()
	if got := run(); got != "" || len(opened) != 0 {
		t.Errorf("a blob id unlike the bytes read: %q, opened %v; want nothing opened", got, opened)
	}
	// An entry written outside a git work tree has no blob id; a staged
	// blob id given empty must not match it: a.yaml takes new's id.
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	if err := os.Chdir(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	blob = ""
	writeGuides(t, dir, map[string]string{"a.yaml": "id: a\ntitle: A2\n"})
	idClashes(t, cache, dir, filepath.Join(dir, "new.yaml"), nil) // records a.yaml without a blob id
	writeGuides(t, dir, map[string]string{"a.yaml": "id: n\ntitle: A3\n"})
	if got := run(); !strings.Contains(got, "a.yaml") {
		t.Errorf("an empty blob id: %q, want the clash with the changed a.yaml", got)
	}
}

// TestStatIndexManyFiles: enough files for the stats to run on several
// goroutines (the race step of .ci/run runs it): a warm run opens none,
// and reports what the cold one did.
func TestStatIndexManyFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := 0; i < 600; i++ {
		files[fmt.Sprintf("g%03d.yaml", i)] = fmt.Sprintf("id: g%03d\ntitle: G %d\n", i, i)
	}
	files["dup.yaml"] = "id: g007\ntitle: Dup\n"
	cache := oldGuides(t, dir, files)
	var opened atomic.Int64
	run := func(opts Options, paths ...string) *Result {
		t.Helper()
		l := mustNew(t, opts)
		l.onRead = func(string) { opened.Add(1) }
		res, err := l.Run(context.Background(), paths)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	opts := Options{Cache: cache, Jobs: 4, Disable: []string{"schema"}}
	cold := run(opts, dir)
	opened.Store(0)
	warm := run(opts, dir)
	if opened.Load() > 1 { // dup.yaml has a finding: it is read again
		t.Errorf("warm run opened %d files", opened.Load())
	}
	if diff := cmp.Diff(cold.Diagnostics, warm.Diagnostics); diff != "" || !hasRule(warm.Diagnostics, "id-unique") {
		t.Errorf("warm run differs:\n%s", diff)
	}
	// A run on one file compares it with the 600 others through the index.
	opts.Scope = []string{dir}
	res := run(opts, filepath.Join(dir, "dup.yaml"))
	if !hasRule(res.Diagnostics, "id-unique") {
		t.Errorf("one file against the scope: %v", res.Diagnostics)
	}
}

// idClashes lints named with id-unique alone, against the guides of the
// folder dir (through staged when it is not nil), and returns its
// messages, each after the base name of the file it is on.
func idClashes(t *testing.T, cache *Cache, dir, named string, staged StagedFunc) string {
	t.Helper()
	opts := Options{Cache: cache, Scope: []string{dir}, Enable: []string{"id-unique"}, Disable: []string{"schema"}, Staged: staged}
	res, err := runLint(context.Background(), []string{named}, opts)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, d := range res.Diagnostics {
		if d.Rule == "id-unique" {
			msgs = append(msgs, filepath.Base(d.Path)+": "+d.Message)
		}
	}
	return strings.Join(msgs, "\n")
}

// TestStagedLintAllSaves: LintAll (--new-from-rev's lint) with
// Options.Staged saves what its scope read, so the next run opens
// nothing. The staged listing loads the index itself: who loaded it
// first once decided whether it was saved.
func TestStagedLintAllSaves(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"a.yaml": "id: a\ntitle: A\n", "b.yaml": "id: b\ntitle: B\n"}
	cache := oldGuides(t, dir, files)
	l0 := &Linter{inGit: true}
	ids := map[string]string{}
	for n, data := range files {
		ids[n] = string(l0.blobID([]byte(data)))
	}
	l := mustNew(t, Options{Cache: cache, Scope: []string{dir}, Enable: []string{"id-unique"}, Disable: []string{"schema"}, Staged: stagedOf(ids)})
	rec := recordOpens(t)
	for run, want := range [][]string{{"a.yaml", "b.yaml"}, nil} {
		if _, err := l.LintAll(context.Background(), []Source{{Path: filepath.Join(dir, "new.yaml"), Data: []byte("id: a\ntitle: N\n")}}); err != nil {
			t.Fatal(err)
		}
		if got := rec.take(); !cmp.Equal(got, want, cmpopts.EquateEmpty()) {
			t.Fatalf("run %d opened %v, want %v", run+1, got, want)
		}
	}
}

// TestStagedNoCache: --staged without a cache (--no-cache) reads every
// guide of the scope; it has no index to ask.
func TestStagedNoCache(t *testing.T) {
	dir := t.TempDir()
	writeGuides(t, dir, map[string]string{"a.yaml": "id: n\ntitle: A\n", "new.yaml": "id: n\ntitle: N\n"})
	blob := string((&Linter{inGit: true}).blobID([]byte("id: n\ntitle: A\n")))
	staged := stagedOf(map[string]string{"a.yaml": blob})
	if got := idClashes(t, nil, dir, filepath.Join(dir, "new.yaml"), staged); !strings.Contains(got, "a.yaml") {
		t.Errorf("without a cache: %q, want the clash with a.yaml", got)
	}
}

// oldGuides writes files into dir with an old modification time (not
// racy), and returns an empty cache to lint them through.
func oldGuides(t *testing.T, dir string, files map[string]string) *Cache {
	t.Helper()
	writeGuides(t, dir, files)
	old := time.Now().Add(-time.Hour)
	for n := range files {
		if err := os.Chtimes(filepath.Join(dir, n), old, old); err != nil {
			t.Fatal(err)
		}
	}
	cache, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return cache
}

// stagedOf is a StagedFunc that lists files (slash path: raw blob id) in
// git's order, with slices it reuses, as git's lister does.
func stagedOf(files map[string]string) StagedFunc {
	return func(_ string, each func(path, blob []byte)) bool {
		var path, blob []byte
		for _, n := range slices.Sorted(maps.Keys(files)) {
			path, blob = append(path[:0], n...), append(blob[:0], files[n]...)
			each(path, blob)
			clear(path) // a caller keeping the slices would see this
			clear(blob)
		}
		return true
	}
}

// TestStagedPaths: which of git's paths a staged scope takes as they
// come, which it cleans, and which it leaves out as a walk would.
func TestStagedPaths(t *testing.T) {
	for _, c := range []struct {
		path             string
		candidate, clean bool
	}{
		{"a.yaml", true, true},
		{"sub/deep/a.yaml", true, true},
		{".hidden/a.yaml", false, true},
		{"sub/.git/a.yaml", false, true},
		{".a.yaml", true, true}, // a hidden file, not a folder: a walk finds it too
		{ConfigFileName, false, true},
		{"sub/" + ConfigFileName, false, true},
		{"./a.yaml", true, false},
		{"sub//a.yaml", true, false},
		{"sub/../a.yaml", true, false},
		{"sub/", true, false},
		{"", true, false},
	} {
		if got := stagedCandidate([]byte(c.path)); got != c.candidate {
			t.Errorf("stagedCandidate(%q) = %v", c.path, got)
		}
		if got := cleanSlashRel([]byte(c.path)); got != c.clean {
			t.Errorf("cleanSlashRel(%q) = %v", c.path, got)
		}
	}
}

// TestGetNear: asked in key order, out of order, for keys the index does
// not hold and for one the run changed, getNear answers as get does; the
// facts it leaves encoded read as get's.
func TestGetNear(t *testing.T) {
	c, idx := newIndex(t)
	st := statOf(fakeStat{size: 1, mtime: time.Now().Add(-time.Hour)})
	for i := 0; i < 40; i += 2 {
		facts := factSet{{"id-unique", json.RawMessage(fmt.Sprintf(`"%d"`, i))}, {"title-unique", json.RawMessage(fmt.Sprintf(`{"t":%d}`, i))}}
		idx.store(fmt.Sprintf("/r/g%02d.yaml", i), st, encodeFacts(facts[:1+i%4/2]), entryClean, []byte{byte(i)})
	}
	idx = reload(t, c, idx)
	idx.store("/r/g04.yaml", st, encodeFacts(factSet{{"id-unique", json.RawMessage(`"changed"`)}}), entryClean, nil)
	asks := []string{"/a", "/r/g00.yaml", "/r/g01.yaml", "/r/g02.yaml", "/r/g04.yaml", "/r/g30.yaml", "/r/g08.yaml", "/r/g10.yaml", "/r/g38.yaml", "/r/g39.yaml", "/s", "/r/g06.yaml"}
	var hint nearHint
	for _, k := range asks {
		want, wok := idx.get(k, true)
		got, ok := idx.getNear(k, &hint)
		if ok != wok || !bytes.Equal(got.Blob, want.Blob) {
			t.Errorf("getNear(%s) = %v, %v; get = %v, %v", k, got.Blob, ok, want.Blob, wok)
		}
		sf := scopeFile{raw: got.Raw}
		for _, id := range []string{"id-unique", "title-unique", "other"} {
			if g, w := sf.fact(id), want.fact(id); string(g) != string(w) {
				t.Errorf("getNear(%s)'s %s = %s, get's %s", k, id, g, w)
			}
		}
	}
}

// openRecorder records the base names of the files the scope reads
// (readHook) while a test runs.
type openRecorder struct {
	mu    sync.Mutex
	names []string
}

// recordOpens makes an openRecorder readHook until the test ends.
func recordOpens(t *testing.T) *openRecorder {
	r := &openRecorder{}
	prev := readHook
	readHook = r.add
	t.Cleanup(func() { readHook = prev })
	return r
}

func (r *openRecorder) add(path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.names = append(r.names, filepath.Base(path))
}

// take returns the names recorded since it was last called, sorted.
func (r *openRecorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	names := r.names
	r.names = nil
	sort.Strings(names)
	return names
}
