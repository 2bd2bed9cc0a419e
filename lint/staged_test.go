package lint

import (
	"context"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
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
	writeGuides(t, dir, files)
	old := time.Now().Add(-time.Hour)
	for n := range files {
		os.Chtimes(filepath.Join(dir, n), old, old)
	}
	cache, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	l0 := &Linter{inGit: true}
	staged := map[string]string{"a.yaml": files["a.yaml"], "b.yaml": files["b.yaml"]}
	stagedFunc := func(d string) ([]StagedFile, bool) {
		if d != dir {
			t.Errorf("Staged(%s), want %s", d, dir)
		}
		var out []StagedFile
		for n, data := range staged {
			out = append(out, StagedFile{Path: n, Blob: hex.EncodeToString(l0.blobID([]byte(data)))})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
		return out, true
	}
	var opened []string
	var mu sync.Mutex
	prev := readHook
	readHook = func(p string) { mu.Lock(); opened = append(opened, filepath.Base(p)); mu.Unlock() }
	defer func() { readHook = prev }()
	run := func(staged bool) string {
		t.Helper()
		opened = nil
		opts := Options{Cache: cache, Scope: []string{dir}, Enable: []string{"id-unique"}, Disable: []string{"schema"}}
		if staged {
			opts.Staged = stagedFunc
		}
		res, err := runLint(context.Background(), []string{filepath.Join(dir, "new.yaml")}, opts)
		if err != nil {
			t.Fatal(err)
		}
		var msgs []string
		for _, d := range res.Diagnostics {
			if d.Rule == "id-unique" {
				msgs = append(msgs, filepath.Base(d.Path)+": "+d.Message)
			}
		}
		sort.Strings(opened)
		return strings.Join(msgs, "\n")
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
	if failed || facts.get("id-unique") == nil {
		t.Errorf("facts %v, failed %v; want id-unique's from the cache", facts, failed)
	}
}
