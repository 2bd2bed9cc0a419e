package lint

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func writeGuides(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func cacheEntries(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		// The stat index in front of the entries is not one of them.
		if err == nil && !fi.IsDir() && !strings.HasPrefix(fi.Name(), "stat-") {
			files = append(files, p)
		}
		return nil
	})
	return files
}

// TestCacheSameResults: a warm run gives exactly the cold run's
// diagnostics, including cross-file and suppression results, and a
// corrupt or foreign entry is ignored rather than trusted.
func TestCacheSameResults(t *testing.T) {
	example, err := os.ReadFile("../examples/ml-systems.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	writeGuides(t, src, map[string]string{
		"a/ml-systems.yaml": string(example),
		"b/ml-systems.yaml": string(example), // id-unique across files
		"c/broken.yaml":     "id: broken\ntitle: [\n",
		"d/other.yaml":      "id: other # guidelint:ignore id-filename\ntitle: TBD\n",
	})
	cacheDir := t.TempDir()
	cache, err := OpenCache(cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	cold, err := runLint(context.Background(), []string{src}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ { // fill, then hit
		got, err := runLint(context.Background(), []string{src}, Options{Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(cold.Diagnostics, got.Diagnostics); diff != "" {
			t.Fatalf("run %d with cache differs (-cold +cached):\n%s", i, diff)
		}
	}
	entries := cacheEntries(t, cacheDir)
	if len(entries) != 4 {
		t.Fatalf("cache holds %d entries, want 4: %v", len(entries), entries)
	}
	// A valid entry is what a warm run reports: mark one, and the mark
	// must come back (equal results alone would pass with a cache that
	// never hits).
	marked, original := "", []byte(nil)
	for _, path := range entries {
		data, _ := os.ReadFile(path)
		var e cacheEntry
		if err := json.Unmarshal(data, &e); err != nil || len(e.Diags) == 0 {
			continue
		}
		e.Diags[0].Message = "from the cache"
		marked, original = path, data
		data, _ = json.Marshal(e)
		os.WriteFile(path, data, 0o644)
		break
	}
	if marked == "" {
		t.Fatal("no cache entry holds a finding")
	}
	warm, err := runLint(context.Background(), []string{src}, Options{Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fmt.Sprint(warm.Diagnostics), "from the cache") {
		t.Fatal("a warm run did not take its findings from the cache")
	}
	os.WriteFile(marked, original, 0o644)
	// Corrupt entries: truncate one, swap another's content.
	os.WriteFile(entries[0], []byte(`{"key":`), 0o644)
	b, _ := os.ReadFile(entries[2])
	os.WriteFile(entries[1], b, 0o644)
	got, err := runLint(context.Background(), []string{src}, Options{Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(cold.Diagnostics, got.Diagnostics); diff != "" {
		t.Fatalf("corrupt cache was trusted (-cold +cached):\n%s", diff)
	}
}

// TestCacheKeyedOnSettings: turning a rule off must not reuse a result
// computed with it on, and the other way round.
func TestCacheKeyedOnSettings(t *testing.T) {
	src := t.TempDir()
	writeGuides(t, src, map[string]string{"x.yaml": "id: y\ntitle: TBD\n"})
	cache, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	on, _ := runLint(ctx, []string{src}, Options{Cache: cache})
	off, _ := runLint(ctx, []string{src}, Options{Cache: cache, Disable: []string{"id-filename"}})
	on2, _ := runLint(ctx, []string{src}, Options{Cache: cache})
	if len(on.Diagnostics) != len(off.Diagnostics)+1 {
		t.Errorf("disabling id-filename: %d vs %d diagnostics", len(on.Diagnostics), len(off.Diagnostics))
	}
	if diff := cmp.Diff(on.Diagnostics, on2.Diagnostics); diff != "" {
		t.Errorf("cached result depends on an earlier run's settings:\n%s", diff)
	}
	// Off first: a result cached without the rule must not serve a run
	// with it (on first cannot show this: a rule turned off is dropped
	// from a cached result anyway).
	cache2, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	off3, _ := runLint(ctx, []string{src}, Options{Cache: cache2, Disable: []string{"id-filename"}})
	on3, _ := runLint(ctx, []string{src}, Options{Cache: cache2})
	if diff := cmp.Diff(on.Diagnostics, on3.Diagnostics); diff != "" || len(off3.Diagnostics) != len(on.Diagnostics)-1 {
		t.Errorf("a result cached with id-filename off served a run with it on:\n%s", diff)
	}
}

// TestCacheConcurrent: runs sharing one cache at once all see the right
// results (entries are replaced atomically).
func TestCacheConcurrent(t *testing.T) {
	example, err := os.ReadFile("../examples/ml-systems.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	writeGuides(t, src, map[string]string{"ml-systems.yaml": string(example), "bad.yaml": "id: bad\n"})
	want, _ := runLint(context.Background(), []string{src}, Options{})
	cache, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := runLint(context.Background(), []string{src}, Options{Cache: cache})
			if err != nil {
				t.Error(err)
				return
			}
			if diff := cmp.Diff(want.Diagnostics, got.Diagnostics); diff != "" {
				t.Errorf("concurrent cached run differs:\n%s", diff)
			}
		}()
	}
	wg.Wait()
}

// TestTuneGCRestores: tuned runs, even concurrent ones, leave the
// collector settings as they found them.
func TestTuneGCRestores(t *testing.T) {
	src := t.TempDir()
	writeGuides(t, src, map[string]string{"x.yaml": "id: x\n"})
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	limit := debug.SetMemoryLimit(-1)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := runLint(context.Background(), []string{src}, Options{TuneGC: true}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after tuned runs = %d, want 100", got)
	}
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("memory limit after tuned runs = %d, want %d", got, limit)
	}
}
