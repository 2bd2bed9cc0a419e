package customrule_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/customrule"
)

// guide is a small guide with findings of a built-in rule (placeholder),
// the Go rule (short-tagline) and the house rule (three-outcomes).
const guide = `id: draft
title: Draft
category: Technical
tagline: A guide whose tagline goes on and on well past the width of any card
overview:
  what: TBD
  why: [It matters.]
  outcomes: [One.] # guidelint:ignore placeholder
`

// Lint a guide held in memory with a rule and a house rule of our own.
func Example() {
	l, err := customrule.NewLinter(".")
	if err != nil {
		fmt.Println(err)
		return
	}
	diags, err := l.Lint(context.Background(), "guides/draft.yaml", []byte(guide))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range diags {
		if d.Rule != "schema" {
			fmt.Println(d)
		}
	}
	// Output:
	// guides/draft.yaml:4:10: error: tagline is 68 characters, want at most 60 (short-tagline)
	// guides/draft.yaml:6:9: warning: placeholder "TBD" left in overview.what; replace it with the real text (placeholder)
	// guides/draft.yaml:8:13: warning: list at least three outcomes a reader can check (three-outcomes)
	// guides/draft.yaml:8:20: warning: guidelint:ignore placeholder suppressed nothing on line 8; remove it (unused-ignore)
}

// TestFolder lints a folder: suppression comments and the config treat
// the Go rule and the house rule exactly as they treat built-in ones.
func TestFolder(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"draft.yaml": guide,
		"quiet.yaml": strings.NewReplacer(
			"tagline: A guide", "# guidelint:ignore short-tagline -- the card wraps\ntagline: A guide",
			"title: Draft", "title: Quiet",
			"outcomes: [One.] # guidelint:ignore placeholder", "outcomes: [One.] # guidelint:ignore three-outcomes -- a draft",
			"what: TBD", "what: Quiet is a draft.",
			"id: draft", "id: quiet").Replace(guide),
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l, err := customrule.NewLinter(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Run(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		if d.Rule == "schema" {
			continue
		}
		got = append(got, fmt.Sprintf("%s:%d:%d: %s %s", filepath.Base(d.Path), d.Line, d.Column, d.Severity, d.Rule))
	}
	want := []string{
		"draft.yaml:4:10: error short-tagline",
		"draft.yaml:6:9: warning placeholder",
		"draft.yaml:8:13: warning three-outcomes",
		"draft.yaml:8:20: warning unused-ignore",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Both rules are described to report writers, with their own doc URL.
	if r := res.Rule("short-tagline"); r == nil || r.URL() != "https://example.com/guides/style#tagline" {
		t.Errorf("short-tagline in the result: %+v", r)
	}
	if r := res.Rule("three-outcomes"); r == nil || r.Severity.String() != "warning" {
		t.Errorf("three-outcomes in the result: %+v", r)
	}
}
