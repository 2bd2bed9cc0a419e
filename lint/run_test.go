package lint

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRunSameWhateverJobs checks that a run's findings do not depend on
// how many files are linted at once, nor on the run: the rule fixtures
// (hundreds of findings, ids shared between files for id-unique), the
// examples, and copies of a guide whose workers' reused parsers held
// other guides just before.
func TestRunSameWhateverJobs(t *testing.T) {
	dir := t.TempDir()
	example, err := os.ReadFile("../examples/ml-systems.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for i, edit := range []func(string) string{
		func(s string) string { return s },
		func(s string) string { return strings.Replace(s, "weight: 25", "weight: 26", 1) },
		func(s string) string { return strings.Replace(s, "title:", "titel:", 1) },
		func(s string) string { return s[:len(s)/2] + "\n  - [unclosed\n" },
		func(s string) string { return strings.Replace(s, "id: ml-systems", "id: ml-systems\nid: twice", 1) },
	} {
		name := filepath.Join(dir, "copy-"+string(rune('a'+i))+".yaml")
		if err := os.WriteFile(name, []byte(edit(string(example))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	paths := []string{"testdata/rules", "../examples", dir}
	run := func(jobs int) *Result {
		t.Helper()
		res, err := runLint(context.Background(), paths, Options{Jobs: jobs})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	want := run(1)
	if want.Files < 50 || len(want.Diagnostics) < 100 {
		t.Fatalf("only %d files and %d findings: the test lost its inputs", want.Files, len(want.Diagnostics))
	}
	t.Logf("%d files, %d findings", want.Files, len(want.Diagnostics))
	for _, jobs := range []int{1, 2, 3, 16} {
		for round := 0; round < 2; round++ {
			got := run(jobs)
			if got.Files != want.Files {
				t.Errorf("-j %d: %d files; -j 1: %d", jobs, got.Files, want.Files)
			}
			if diff := cmp.Diff(want.Diagnostics, got.Diagnostics); diff != "" {
				t.Fatalf("-j %d, round %d: findings differ from -j 1 (-want +got):\n%s", jobs, round, diff)
			}
		}
	}
}

// TestRunNamedTwice: a folder named under two names, or a file named and
// inside a named folder, is linted once, not reported as its own
// duplicate.
func TestRunNamedTwice(t *testing.T) {
	dir := t.TempDir()
	writeGuides(t, dir, map[string]string{"g/a.yaml": "id: a\ntitle: A\n"})
	abs := filepath.Join(dir, "g")
	chdir(t, dir)
	res, err := runLint(context.Background(), []string{"g", abs, "g/a.yaml", "./g/"}, Options{Disable: []string{"schema"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 1 || len(res.Diagnostics) != 0 {
		t.Errorf("%d files, findings %v; want 1 file and none", res.Files, res.Diagnostics)
	}
}
