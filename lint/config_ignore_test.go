package lint_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/skillguides/guidelint/lint"
)

// TestConfigIgnore: the config's ignore list suppresses findings in files
// that cannot hold comments, by path glob, rule and pointer; an entry
// that names a file of the run and suppresses nothing is unused-ignore at
// its line of the config; one past its date suppresses nothing.
func TestConfigIgnore(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"guides/ux.json": `{"id": "ux", "title": "TBD", "red_flags": ["Lorem ipsum as a test", "TODO"]}`,
		"guides/b.json":  `{"id": "b", "title": "TBD"}`,
	})
	cfgSrc := `ignore:
  - path: guides/ux.json
    rule: placeholder
    pointer: /red_flags/0
    reason: the guide is about lorem ipsum
  - path: "guides/*.json"
    rule: placeholder
    pointer: /title
    reason: titles come at launch
    until: 2027-03-31
  - path: guides/ux.json
    rule: duplicate
    reason: nothing to suppress
  - path: guides/other.json
    rule: duplicate
    reason: names no file of the run
`
	cfg, err := lint.ParseConfig(filepath.Join(dir, ".guidelint.yaml"), dir, []byte(cfgSrc))
	if err != nil {
		t.Fatal(err)
	}
	run := func(today string) []string {
		t.Helper()
		now, _ := time.Parse("2006-01-02", today)
		l, err := lint.New(lint.Options{Config: cfg, Disable: []string{"schema", "id-filename", "title-unique"}, Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		res, err := l.Run(context.Background(), []string{filepath.Join(dir, "guides")})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range res.Diagnostics {
			out = append(out, filepath.Base(d.Path)+":"+d.Rule+":"+d.Pointer+":"+d.Message)
		}
		return out
	}
	want := []string{
		".guidelint.yaml:unused-ignore::ignore entry for duplicate on guides/ux.json suppressed nothing; remove it",
		`ux.json:placeholder:/red_flags/1:placeholder "TODO" left in red_flags[1]; replace it with the real text`,
	}
	if diff := cmp.Diff(want, run("2027-01-01")); diff != "" {
		t.Errorf("before the date (-want +got):\n%s", diff)
	}
	after := run("2027-04-02")
	if len(after) != 5 || !strings.Contains(strings.Join(after, "\n"), "expired on 2027-03-31") {
		t.Errorf("after the date: %q", after)
	}
	// Mistakes in the list are errors at their position.
	for src, wantErr := range map[string]string{
		"ignore:\n  - {path: a.json, rule: placeholder}\n":                            "2:5: ignore entry needs \"reason\"",
		"ignore:\n  - {path: a.json, rule: placeholder, reason: r, pointr: /a}\n":     `2:50: ignore entry: unknown key "pointr" (did you mean "pointer"?)`,
		"ignore:\n  - {path: a.json, rule: placeholder, reason: r, until: soon}\n":    "2:57: ignore entry: until=soon is not a date",
		"ignore:\n  - {path: a.json, rule: placeholder, reason: r, pointer: title}\n": `2:59: ignore entry: pointer "title" must be a JSON pointer`,
	} {
		_, err := lint.ParseConfig("c.yaml", dir, []byte(src))
		var ce *lint.ConfigError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), "c.yaml:"+wantErr) {
			t.Errorf("%q: err = %v, want c.yaml:%s", src, err, wantErr)
		}
	}
	bad, err := lint.ParseConfig("c.yaml", dir, []byte("ignore:\n  - {path: a.json, rule: placeholdr, reason: r}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lint.New(lint.Options{Config: bad}); err == nil || !strings.Contains(err.Error(), `c.yaml:2:5: ignore entry: unknown rule "placeholdr" (did you mean "placeholder"?)`) {
		t.Errorf("unknown rule: %v", err)
	}
}
