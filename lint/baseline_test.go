package lint_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillguides/guidelint/lint"
)

// TestBaseline: a baseline of today's findings makes the run pass; a new
// finding fails it; fixing one finding and adding another of the same
// rule in the same file fails it and leaves a stale entry; an entry of a
// file the run did not lint is not stale.
func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.yaml": "id: a\ntitle: TBD\ntagline: TODO\n",
		"b.yaml": "id: b\ntitle: Draft TBD\n",
	})
	run := func(b *lint.Baseline, paths ...string) *lint.Result {
		t.Helper()
		l, err := lint.New(lint.Options{Baseline: b, Disable: []string{"schema"}})
		if err != nil {
			t.Fatal(err)
		}
		res, err := l.Run(context.Background(), paths)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	l, _ := lint.New(lint.Options{Disable: []string{"schema"}})
	first := run(nil, dir)
	b := l.NewBaseline(first.Diagnostics)
	data, err := b.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	b, err = lint.ParseBaseline(lint.BaselineFileName, data)
	if err != nil {
		t.Fatal(err)
	}
	if res := run(b, dir); len(res.Diagnostics) != 0 || len(res.Baselined) != len(first.Diagnostics) || len(res.Stale) != 0 {
		t.Fatalf("with its own baseline: %d findings, %d baselined, %d stale; want 0, %d, 0", len(res.Diagnostics), len(res.Baselined), len(res.Stale), len(first.Diagnostics))
	}
	// a fixes its TBD title and gains a TBD category: same rule, same file.
	writeFiles(t, dir, map[string]string{"a.yaml": "id: a\ntitle: A\ntagline: TODO\ncategory: TBD\n"})
	res := run(b, dir)
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, filepath.Base(d.Path)+":"+d.Rule+":"+d.Pointer)
	}
	if diff := cmp.Diff([]string{"a.yaml:placeholder:/category"}, got); diff != "" {
		t.Errorf("fixed one, added one (-want +got):\n%s", diff)
	}
	if len(res.Stale) != 1 || res.Stale[0].Pointer != "/title" || !strings.HasSuffix(res.Stale[0].Path, "a.yaml") {
		t.Errorf("stale = %+v, want a.yaml's /title", res.Stale)
	}
	// Only b is linted: a's entries are not stale.
	if res := run(b, filepath.Join(dir, "b.yaml")); len(res.Stale) != 0 || len(res.Diagnostics) != 0 {
		t.Errorf("b alone: %v findings, stale %+v", res.Diagnostics, res.Stale)
	}
	// Pruning drops the stale entry and nothing else.
	pruned := b.Prune(res.Stale)
	if res := run(pruned, dir); len(res.Stale) != 0 || len(pruned.Entries) != len(b.Entries)-1 {
		t.Errorf("after prune: %d entries (from %d), stale %+v", len(pruned.Entries), len(b.Entries), res.Stale)
	}
}

// TestBaselineCounts: a finding repeated is counted, not collapsed: one
// more of it fails the run.
func TestBaselineCounts(t *testing.T) {
	l, err := lint.New(lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	diags := []lint.Diagnostic{{Rule: "r", Fingerprint: "f"}, {Rule: "r", Fingerprint: "f"}, {Rule: "r", Fingerprint: "f"}}
	nb := l.NewBaseline(diags[:2])
	if len(nb.Entries) != 1 || nb.Entries[0].Count != 2 {
		t.Errorf("NewBaseline of a repeated finding: %+v", nb.Entries)
	}
	// Linted against it, a guide with the finding three times keeps one.
	src := "id: x\noverview:\n  why: [TBD, TBD]\n"
	ld, err := lint.New(lint.Options{Disable: []string{"schema", "duplicate"}})
	if err != nil {
		t.Fatal(err)
	}
	two, _ := ld.Lint(context.Background(), "x.yaml", []byte(src))
	b := ld.NewBaseline(two)
	lb, err := lint.New(lint.Options{Disable: []string{"schema", "duplicate"}, Baseline: b})
	if err != nil {
		t.Fatal(err)
	}
	same, _ := lb.Lint(context.Background(), "x.yaml", []byte(src))
	more, _ := lb.Lint(context.Background(), "x.yaml", []byte("id: x\noverview:\n  why: [TBD, TBD, TBD]\n"))
	if len(same) != 0 || len(more) != 1 {
		t.Errorf("against a baseline of %+v: %v and %v; want none and one", b.Entries, same, more)
	}
}

// TestBaselineErrors: a malformed or hand-edited baseline is an error at
// its line and column, never a silent pass.
func TestBaselineErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`{"version": 1, "findings": [`, `b.json:1:29: baseline:`},
		{`{"version": 2, "findings": []}`, `b.json:1:13: baseline: version must be 1`},
		{`{"findings": []}`, `b.json:1:1: baseline: version must be 1`},
		{`{"version": 1, "findngs": []}`, `b.json:1:16: baseline: unknown key "findngs" (did you mean "findings"?)`},
		{"{\"version\": 1, \"findings\": [\n  {\"path\": \"a.yaml\", \"rule\": \"r\", \"pointer\": \"\", \"fingerprint\": \"f\", \"count\": 0, \"message\": \"\"}]}", `b.json:2:79: baseline: count must be a whole number of at least 1`},
		{"{\"version\": 1, \"findings\": [\n  {\"path\": \"a.yaml\", \"pointer\": \"\", \"fingerprint\": \"f\", \"count\": 1, \"message\": \"\"}]}", `b.json:2:3: baseline: finding is missing "rule"`},
		{"{\"version\": 1, \"findings\": [\n  {\"path\": \"a.yaml\", \"rule\": \"r\", \"pointer\": \"\", \"fingerprint\": 7, \"count\": 1, \"message\": \"\"}]}", `b.json:2:65: baseline: fingerprint must be a non-empty string`},
		{`[]`, `b.json:1:1: baseline:`},
	} {
		_, err := lint.ParseBaseline("b.json", []byte(tc.src))
		var ce *lint.ConfigError
		if !errors.As(err, &ce) || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s:\n got %v\nwant %s...", tc.src, err, tc.want)
		}
	}
}
