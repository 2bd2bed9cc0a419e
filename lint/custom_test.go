package lint_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/skillguides/guidelint/lint"
)

// noTBDTitle is a rule a program might add: it counts its runs, so a test
// can tell a cached result from a fresh one.
func noTBDTitle(runs *atomic.Int32) *lint.Rule {
	return &lint.Rule{
		ID:       "no-tbd-title",
		Summary:  "title is still TBD",
		Doc:      "Reports a title of TBD.\n\nBad: `title: TBD`.\n\nGood: `title: ML Systems`.",
		Severity: lint.Warning,
		Run: func(p *lint.Pass) {
			runs.Add(1)
			if t := p.Guide.Title; t != nil && strings.EqualFold(t.Value, "tbd") {
				p.Report(t.Pos, "title is still TBD")
			}
		},
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
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

// lines runs l over paths and returns its findings of the given rules as
// "path:line:col: severity: message (rule)" with paths relative to dir.
func lines(t *testing.T, l *lint.Linter, dir string, paths []string, rules ...string) []string {
	t.Helper()
	res, err := l.Run(context.Background(), paths)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range res.Diagnostics {
		for _, r := range rules {
			if d.Rule == r {
				rel, _ := filepath.Rel(dir, d.Path)
				d.Path = filepath.ToSlash(rel)
				out = append(out, d.String())
			}
		}
	}
	return out
}

// TestCustomRuleFirstClass: a rule passed in is suppressed by
// guidelint:ignore, counted by unused-ignore, set by config severities
// and off, enabled and disabled by name, described to writers, and its
// results are cached.
func TestCustomRuleFirstClass(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.yaml": "id: a\ntitle: TBD\n",
		"b.yaml": "id: b\ntitle: TBD # guidelint:ignore no-tbd-title -- launch name pending\n",
		"c.yaml": "id: c\ntitle: Real # guidelint:ignore no-tbd-title\n",
		"d.yaml": "id: d\ntitle: TBD # guidelint:ignore no-tbd-titel\n",
	})
	var runs atomic.Int32
	base := func() []*lint.Rule { return append(lint.DefaultRules(), noTBDTitle(&runs)) }
	l, err := lint.New(lint.Options{Rules: base()})
	if err != nil {
		t.Fatal(err)
	}
	got := lines(t, l, dir, []string{dir}, "no-tbd-title", "unused-ignore")
	want := []string{
		"a.yaml:2:8: warning: title is still TBD (no-tbd-title)",
		"c.yaml:2:13: warning: guidelint:ignore no-tbd-title suppressed nothing on line 2; remove it (unused-ignore)",
		"d.yaml:2:8: warning: title is still TBD (no-tbd-title)",
		`d.yaml:2:12: warning: unknown rule "no-tbd-titel" in guidelint:ignore (did you mean "no-tbd-title"?) (unused-ignore)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}

	// Config severity and off.
	cfg, err := lint.ParseConfig(".guidelint.yaml", dir, []byte("rules:\n  no-tbd-title: error\n"))
	if err != nil {
		t.Fatal(err)
	}
	l, err = lint.New(lint.Options{Rules: base(), Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if got := lines(t, l, dir, []string{filepath.Join(dir, "a.yaml")}, "no-tbd-title"); len(got) != 1 || !strings.Contains(got[0], "error: title is still TBD") {
		t.Errorf("config error: %q", got)
	}
	cfg, _ = lint.ParseConfig(".guidelint.yaml", dir, []byte("rules:\n  no-tbd-title: off\n"))
	l, err = lint.New(lint.Options{Rules: base(), Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if got := lines(t, l, dir, []string{dir}, "no-tbd-title", "unused-ignore"); len(got) != 1 || !strings.Contains(got[0], "no-tbd-titel") {
		t.Errorf("config off: %q, want only the unknown-rule finding (a directive for a rule that is off is not reported)", got)
	}
	l, err = lint.New(lint.Options{Rules: base(), Config: cfg, Enable: []string{"no-tbd-title"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := lines(t, l, dir, []string{filepath.Join(dir, "a.yaml")}, "no-tbd-title"); len(got) != 1 {
		t.Errorf("enabled after config off: %q", got)
	}

	// The result describes the rule to writers (SARIF lists res.Rules).
	res, err := l.Run(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if r := res.Rule("no-tbd-title"); r == nil || r.Summary != "title is still TBD" || r.URL() != "" {
		t.Errorf("res.Rule(no-tbd-title) = %+v", r)
	}

	// Cached: a second run with a cache does not run the rule again, and
	// says the same.
	cache, err := lint.OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	l, err = lint.New(lint.Options{Rules: base(), Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	first := lines(t, l, dir, []string{dir}, "no-tbd-title", "unused-ignore")
	before := runs.Load()
	second := lines(t, l, dir, []string{dir}, "no-tbd-title", "unused-ignore")
	if runs.Load() != before {
		t.Errorf("the rule ran %d more times on unchanged files", runs.Load()-before)
	}
	if diff := cmp.Diff(first, second); diff != "" || len(first) != 4 {
		t.Errorf("cached run differs (-cold +warm):\n%s", diff)
	}
}

// TestCustomRuleVersion: a rule whose behaviour is set when the program
// runs names it in Version, and the cache keeps results apart by it.
func TestCustomRuleVersion(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"g.yaml": "id: g\ntitle: ML Systems Engineering\n"})
	maxTitle := func(limit int) *lint.Rule {
		return &lint.Rule{ID: "max-title", Summary: "title too long", Doc: "d", Severity: lint.Warning,
			Version: strconv.Itoa(limit),
			Run: func(p *lint.Pass) {
				if t := p.Guide.Title; t != nil && len(t.Value) > limit {
					p.Reportf(t.Pos, "title is %d bytes, want at most %d", len(t.Value), limit)
				}
			}}
	}
	cache, err := lint.OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		limit int
		want  int
	}{{10, 1}, {100, 0}, {10, 1}} {
		l, err := lint.New(lint.Options{Rules: []*lint.Rule{maxTitle(tc.limit)}, Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		if got := lines(t, l, dir, []string{dir}, "max-title"); len(got) != tc.want {
			t.Errorf("limit %d: %q, want %d findings", tc.limit, got, tc.want)
		}
	}
}

// TestTitleUniquePreCommit: with only some files named, as pre-commit
// does, title-unique compares them with every guide of the scope, reading
// the titles of unchanged guides from the stat index (TestIDIndex shows
// they are not opened) and those of changed ones from their files.
func TestTitleUniquePreCommit(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"guides/a.yaml":    "id: a\ntitle: ML Systems\n",
		"guides/b.yaml":    "id: b\ntitle: Data Engineering\n",
		"guides/new.yaml":  "id: new\ntitle: \"ml  systems\"\n",
		"guides/0.yaml":    "id: zero\ntitle: Technical Writing\n",
		"guides/zulu.yaml": "id: zulu\ntitle: Ｚｕｌｕ\n",
	})
	old := time.Now().Add(-time.Hour)
	for _, n := range []string{"a", "b", "new", "0", "zulu"} {
		if err := os.Chtimes(filepath.Join(dir, "guides", n+".yaml"), old, old); err != nil {
			t.Fatal(err)
		}
	}
	cache, err := lint.OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := lint.ParseConfig(".guidelint.yaml", dir, []byte("files: [\"guides/*.yaml\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	named := []string{filepath.Join(dir, "guides", "new.yaml")}
	l, err := lint.New(lint.Options{Config: cfg, Cache: cache, Scope: lint.ScopeFor(named, cfg)})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`guides/new.yaml:2:8: warning: title "ml  systems" is already used by ` + filepath.ToSlash(rel(t, filepath.Join(dir, "guides", "a.yaml"))) + `:2:8 (title-unique)`}
	if got := lines(t, l, dir, named, "title-unique"); !cmp.Equal(got, want) {
		t.Fatalf("first run: %q, want %q", got, want)
	}
	// 0.yaml takes a's title with its size and mtime kept, as only a
	// tool rewriting it byte for byte in place would: its change time
	// gives it away, so it is read again, and named (it sorts before
	// a.yaml).
	p := filepath.Join(dir, "guides", "0.yaml")
	if err := os.WriteFile(p, []byte("id: zero\ntitle: ML Systems       \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}
	want0 := []string{`guides/new.yaml:2:8: warning: title "ml  systems" is already used by ` + filepath.ToSlash(rel(t, p)) + `:2:8 (title-unique)`}
	if got := lines(t, l, dir, named, "title-unique"); !cmp.Equal(got, want0) {
		t.Errorf("second run: %q, want %q", got, want0)
	}
	// b changes for real: it is read again, and now shares a's title.
	if err := os.WriteFile(filepath.Join(dir, "guides", "b.yaml"), []byte("id: b\ntitle: ML SYSTEMS\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := lines(t, l, dir, named, "title-unique")
	if len(got) != 1 || !strings.Contains(got[0], "already used by") {
		t.Errorf("after b changed: %q", got)
	}
}

func rel(t *testing.T, p string) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	r, err := filepath.Rel(wd, p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
