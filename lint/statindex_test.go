package lint

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// statRepo is a folder of guides with an old modification time (not
// racy), linted through a cache; reads lists the files each run opened.
type statRepo struct {
	t     *testing.T
	dir   string
	cache *Cache
	mu    sync.Mutex
	reads []string
}

var oldTime = time.Now().Add(-time.Hour).Truncate(time.Second)

func newStatRepo(t *testing.T, n int) *statRepo {
	t.Helper()
	example, err := os.ReadFile("../examples/technical-writing.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r := &statRepo{t: t, dir: t.TempDir()}
	for i := 0; i < n; i++ {
		id := "guide-" + string(rune('a'+i))
		data := strings.Replace(string(example), "id: technical-writing", "id: "+id, 1)
		data = strings.Replace(data, "title: Technical Writing", "title: Technical Writing "+id, 1)
		r.write(id+".yaml", data)
	}
	if r.cache, err = OpenCache(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	return r
}

// write writes a guide and sets its modification time to oldTime.
func (r *statRepo) write(name, data string) {
	r.t.Helper()
	p := filepath.Join(r.dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		r.t.Fatal(err)
	}
	if err := os.Chtimes(p, oldTime, oldTime); err != nil {
		r.t.Fatal(err)
	}
}

func (r *statRepo) run() (*Result, []string) {
	r.t.Helper()
	l := mustNew(r.t, Options{Cache: r.cache})
	r.reads = nil
	l.onRead = func(p string) {
		r.mu.Lock()
		r.reads = append(r.reads, filepath.Base(p))
		r.mu.Unlock()
	}
	res, err := l.Run(context.Background(), []string{r.dir})
	if err != nil {
		r.t.Fatal(err)
	}
	sort.Strings(r.reads)
	return res, r.reads
}

func (r *statRepo) read(name string) string {
	b, err := os.ReadFile(filepath.Join(r.dir, name))
	if err != nil {
		r.t.Fatal(err)
	}
	return string(b)
}

// TestStatIndexWarmRunOpensNothing: a second run over unchanged clean
// guides opens none of them and reports what the first did.
func TestStatIndexWarmRunOpensNothing(t *testing.T) {
	r := newStatRepo(t, 3)
	cold, reads := r.run()
	if len(reads) != 3 {
		t.Fatalf("cold run read %v", reads)
	}
	warm, reads := r.run()
	if len(reads) != 0 {
		t.Errorf("warm run read %v, want none", reads)
	}
	if diff := cmp.Diff(cold.Diagnostics, warm.Diagnostics); diff != "" || warm.Files != 3 {
		t.Errorf("warm run differs (files %d):\n%s", warm.Files, diff)
	}
	// Facts still flow: a guide that takes another's id is caught
	// against the unchanged ones, which are not read.
	r.write("guide-z.yaml", strings.Replace(r.read("guide-a.yaml"), "title: Technical Writing guide-a", "title: Z", 1))
	res, reads := r.run()
	if diff := cmp.Diff([]string{"guide-z.yaml"}, reads); diff != "" {
		t.Errorf("reads (-want +got):\n%s", diff)
	}
	if !hasRule(res.Diagnostics, "id-unique") {
		t.Errorf("no id-unique against an unread guide: %v", res.Diagnostics)
	}
}

// TestStatIndexRacy: a file whose modification time is not older than the
// index is read again, as git re-hashes a racily clean entry.
func TestStatIndexRacy(t *testing.T) {
	r := newStatRepo(t, 2)
	future := time.Now().Add(time.Hour)
	p := filepath.Join(r.dir, "guide-a.yaml")
	if err := os.Chtimes(p, future, future); err != nil {
		t.Fatal(err)
	}
	r.run()
	if _, reads := r.run(); !cmp.Equal(reads, []string{"guide-a.yaml"}) {
		t.Errorf("reads %v, want the racy file only", reads)
	}
}

// TestStatIndexSameTimeChange: a change that keeps the size and sets the
// modification time back (a change within one tick of a coarse clock)
// is still seen, by the change time.
func TestStatIndexSameTimeChange(t *testing.T) {
	r := newStatRepo(t, 2)
	r.run()
	data := r.read("guide-a.yaml")
	r.write("guide-a.yaml", strings.Replace(data, "estimated_hours: 180", "estimated_hours: 181", 1))
	res, reads := r.run()
	if !cmp.Equal(reads, []string{"guide-a.yaml"}) || !hasRule(res.Diagnostics, "stats-mismatch") {
		t.Errorf("reads %v, findings %v: want the changed file read and its finding", reads, res.Diagnostics)
	}
	// A file with findings is never taken from the index.
	if _, reads := r.run(); !cmp.Equal(reads, []string{"guide-a.yaml"}) {
		t.Errorf("reads %v, want the file with findings", reads)
	}
}

// TestStatIndexReplacedByRename: a file replaced by another of the same
// size and time (an editor's save by rename) has another inode.
func TestStatIndexReplacedByRename(t *testing.T) {
	r := newStatRepo(t, 2)
	r.run()
	data := strings.Replace(r.read("guide-a.yaml"), "estimated_hours: 180", "estimated_hours: 181", 1)
	tmp := filepath.Join(r.dir, ".tmp")
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(tmp, oldTime, oldTime); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(r.dir, "guide-a.yaml")); err != nil {
		t.Fatal(err)
	}
	res, reads := r.run()
	if !cmp.Equal(reads, []string{"guide-a.yaml"}) || !hasRule(res.Diagnostics, "stats-mismatch") {
		t.Errorf("reads %v, findings %v", reads, res.Diagnostics)
	}
}

// TestStatIndexDamaged: a truncated or foreign index is ignored.
func TestStatIndexDamaged(t *testing.T) {
	r := newStatRepo(t, 2)
	r.run()
	files, _ := filepath.Glob(filepath.Join(r.cache.dir, cacheLayout, "stat-*.idx"))
	if len(files) != 1 {
		t.Fatalf("index files %v", files)
	}
	data, _ := os.ReadFile(files[0])
	for _, bad := range [][]byte{data[:len(data)/2], append([]byte("x"), data[1:]...), nil} {
		if err := os.WriteFile(files[0], bad, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, reads := r.run(); len(reads) != 2 {
			t.Errorf("with a damaged index, reads %v, want both files", reads)
		}
	}
}

// TestCacheRestoredElsewhere: the content cache keys hold paths as the
// run names them, so a checkout in another folder, with the cache copied
// (actions/cache), hits: nothing is linted again.
func TestCacheRestoredElsewhere(t *testing.T) {
	r := newStatRepo(t, 2)
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	run := func(dir string) {
		if err := os.Chdir(dir); err != nil {
			t.Fatal(err)
		}
		l := mustNew(t, Options{Cache: r.cache})
		if _, err := l.Run(context.Background(), []string{"."}); err != nil {
			t.Fatal(err)
		}
	}
	run(r.dir)
	before := cacheEntries(t, r.cache.dir)
	other := t.TempDir()
	for _, name := range []string{"guide-a.yaml", "guide-b.yaml"} {
		if err := os.WriteFile(filepath.Join(other, name), []byte(r.read(name)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run(other)
	if after := cacheEntries(t, r.cache.dir); !cmp.Equal(before, after) {
		t.Errorf("the run in another folder added entries:\nbefore %v\nafter %v", before, after)
	}
}

// TestStatIndexConcurrentRuns: runs side by side on one cache, while a
// guide changes, each report what a run without a cache reports.
func TestStatIndexConcurrentRuns(t *testing.T) {
	r := newStatRepo(t, 4)
	good := r.read("guide-a.yaml")
	bad := strings.Replace(good, "estimated_hours: 180", "estimated_hours: 181", 1)
	for round := 0; round < 4; round++ {
		if round%2 == 1 {
			r.write("guide-a.yaml", bad)
		} else {
			r.write("guide-a.yaml", good)
		}
		want, err := runLint(context.Background(), []string{r.dir}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got, err := runLint(context.Background(), []string{r.dir}, Options{Cache: r.cache, Jobs: 2})
				if err != nil {
					t.Error(err)
					return
				}
				if diff := cmp.Diff(want.Diagnostics, got.Diagnostics); diff != "" {
					t.Errorf("round %d: a concurrent run differs:\n%s", round, diff)
				}
			}()
		}
		wg.Wait()
	}
}

// TestScopeFromStatIndex: after a full run, a run on one named file (the
// pre-commit case) takes the other guides' facts from the stat index and
// opens none of them, and still finds a clash with them.
func TestScopeFromStatIndex(t *testing.T) {
	r := newStatRepo(t, 3)
	r.run()
	r.write("guide-z.yaml", strings.Replace(r.read("guide-a.yaml"), "title: Technical Writing guide-a", "title: Z", 1))
	rec := recordOpens(t)
	l := mustNew(t, Options{Cache: r.cache, Scope: []string{r.dir}})
	l.onRead = rec.add
	res, err := l.Run(context.Background(), []string{filepath.Join(r.dir, "guide-z.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	opened := rec.take()
	if !cmp.Equal(opened, []string{"guide-z.yaml"}) {
		t.Errorf("opened %v, want only the named file", opened)
	}
	if !hasRule(res.Diagnostics, "id-unique") {
		t.Errorf("no id-unique against the unopened guides: %v", res.Diagnostics)
	}
}

// TestStatIndexNamedNotGuide: a file a walk skipped as plainly not a
// guide is linted when it is named, though the stat index knows it.
func TestStatIndexNamedNotGuide(t *testing.T) {
	r := newStatRepo(t, 1)
	r.write("mkdocs.yml", "site_name: Docs\nnav:\n  - Home: index.md\n")
	res, _ := r.run()
	if res.Skipped != 1 {
		t.Fatalf("skipped %d, want mkdocs.yml", res.Skipped)
	}
	r.run() // the index now knows mkdocs.yml as not a guide
	l := mustNew(t, Options{Cache: r.cache})
	res, err := l.Run(context.Background(), []string{filepath.Join(r.dir, "mkdocs.yml")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 1 || !hasRule(res.Diagnostics, "schema") {
		t.Errorf("named mkdocs.yml: %d files, findings %v; want it linted", res.Files, res.Diagnostics)
	}
}
