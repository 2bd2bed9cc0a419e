package linttest_test

import (
	"fmt"
	"testing"

	"github.com/skillguides/guidelint/lint"
	"github.com/skillguides/guidelint/lint/linttest"
)

// shortTitle is the rule under test: a program's own rule, tested the way
// guidelint's built-in rules are.
func shortTitle() *lint.Rule {
	return &lint.Rule{
		ID:       "short-title",
		Summary:  "title too long for a card",
		Doc:      "Reports a title over 40 characters.\n\nBad: a sentence.\n\nGood: a name.",
		Severity: lint.Warning,
		Run: func(p *lint.Pass) {
			if t := p.Guide.Title; t != nil && len([]rune(t.Value)) > 40 {
				p.Reportf(t.Pos, "title is %d characters, want at most 40", len([]rune(t.Value)))
			}
		},
	}
}

// TestShortTitle lints each guide of testdata/short-title: a "# want"
// comment says what must be reported on its line; every other line must
// stay silent, suppression comments included.
func TestShortTitle(t *testing.T) {
	linttest.Run(t, "testdata/short-title", shortTitle())
}

// The expectations a fixture's "# want" comments hold.
func ExampleWants() {
	src := []byte("id: long\n" +
		"title: Machine Learning Systems # want col=8 sev=warning \"title is \\\\d+ characters\"\n" +
		"# want +1 `level .* names no level`\n" +
		"level: Guru\n")
	wants, err := linttest.Wants("long.yaml", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range wants {
		fmt.Printf("line %d col %d %s: %s\n", w.Line, w.Column, w.Severity, w.Message)
	}
	// Output:
	// line 2 col 8 warning: title is \d+ characters
	// line 4 col 0 off: level .* names no level
}
