// Package customrule is a program outside guidelint's module that extends
// it, as a team's own tool would: it adds a rule written in Go and a house
// rule written in .guidelint.yaml to the built-in catalogue, lints a guide
// held in memory and a folder, and gets findings that obey suppression
// comments and the config exactly like the built-in ones.
//
// It is its own module (see go.mod), so it compiles against guidelint's
// exported API only; .ci/run tests it with "go test" in this folder.
package customrule

import (
	"strings"

	"github.com/skillguides/guidelint/lint"
)

// ShortTagline is a rule of our own: a tagline must fit on the card that
// lists the guide.
func ShortTagline() *lint.Rule {
	return &lint.Rule{
		ID:       "short-tagline",
		Summary:  "tagline too long for a card",
		Doc:      "Reports a tagline over 60 characters.\n\nBad: a paragraph.\n\nGood: one line.",
		Severity: lint.Warning,
		DocURL:   "https://example.com/guides/style#tagline",
		Run: func(pass *lint.Pass) {
			t := pass.Guide.Tagline
			if t == nil {
				return
			}
			if n := len([]rune(strings.TrimSpace(t.Value))); n > 60 {
				pass.Reportf(t.Pos, "tagline is %d characters, want at most 60", n)
			}
		},
	}
}

// Config is the team's .guidelint.yaml: a house rule, and severities
// for a built-in rule and for the Go rule above.
const Config = `rules:
  short-tagline: error
  empty-section: off
house_rules:
  - id: three-outcomes
    summary: the overview lists at least three outcomes
    severity: warning
    given: /overview/outcomes
    schema: {minItems: 3}
    message: list at least three outcomes a reader can check
`

// NewLinter returns a linter of the built-in rules, ShortTagline and the
// house rule of Config, for guides in dir.
func NewLinter(dir string) (*lint.Linter, error) {
	cfg, err := lint.ParseConfig(".guidelint.yaml", dir, []byte(Config))
	if err != nil {
		return nil, err
	}
	return lint.New(lint.Options{
		Rules:  append(lint.DefaultRules(), ShortTagline()),
		Config: cfg,
	})
}
