package lint_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/lint"
)

// Lint a folder and print each finding the way go vet does.
func ExampleLinter_Run() {
	l, err := lint.New(lint.Options{Disable: []string{"id-filename"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := l.Run(context.Background(), []string{"../testdata/seed"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range res.Diagnostics[:3] {
		fmt.Println(d)
	}
	errs, warnings, _ := res.Count()
	fmt.Printf("%d errors, %d warnings in %d file\n", errs, warnings, res.Files)
	// Output:
	// ../testdata/seed/ml-systems.verbatim.yaml:256:7: error: quiz item is missing required key "answer" (schema)
	// ../testdata/seed/ml-systems.verbatim.yaml:256:7: error: quiz item is missing required key "options" (schema)
	// ../testdata/seed/ml-systems.verbatim.yaml:257:7: error: quiz item is missing required key "answer" (schema)
	// 7 errors, 3 warnings in 1 file
}

// Lint one document held in memory, such as an editor's buffer: the name
// picks YAML or JSON and is the path diagnostics show.
func ExampleLinter_Lint() {
	l, err := lint.New(lint.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	src := "id: draft\ntitle: TBD\n"
	diags, err := l.Lint(context.Background(), "guides/draft.yaml", []byte(src))
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
	// guides/draft.yaml:2:8: warning: placeholder "TBD" left in title; replace it with the real text (placeholder)
}

// A rule of your own is a value passed in beside the built-in ones. It is
// suppressed by "# guidelint:ignore its-id", configured and cached like
// them.
func ExampleNew_customRule() {
	shortTagline := &lint.Rule{
		ID:       "short-tagline",
		Summary:  "tagline longer than 80 characters",
		Doc:      "Reports a tagline that does not fit on a card.\n\nBad: a paragraph.\n\nGood: one line.",
		Severity: lint.Warning,
		Run: func(pass *lint.Pass) {
			if t := pass.Guide.Tagline; t != nil && len([]rune(t.Value)) > 80 {
				pass.Reportf(t.Pos, "tagline is %d characters, want at most 80", len([]rune(t.Value)))
			}
		},
	}
	l, err := lint.New(lint.Options{
		Rules:   append(lint.DefaultRules(), shortTagline),
		Disable: []string{"schema"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	src := "id: g\ntagline: " + strings.Repeat("long ", 20) + "\n" +
		"category: " + strings.Repeat("x", 90) + "\n"
	diags, _ := l.Lint(context.Background(), "g.yaml", []byte(src))
	for _, d := range diags {
		fmt.Println(d)
	}
	// Output:
	// g.yaml:2:10: warning: tagline is 99 characters, want at most 80 (short-tagline)
}

// A rule that compares guides records a fact for each document and
// checks them all once per run; facts are cached with the findings.
func ExampleNew_crossFileRule() {
	type fact struct{ Category string }
	oneCategory := &lint.Rule{
		ID:       "one-category",
		Summary:  "guides of a run use different categories",
		Doc:      "Reports a guide whose category differs from the first guide's.\n\nBad: Technical and technical.\n\nGood: one spelling.",
		Severity: lint.Info,
		Run: func(pass *lint.Pass) {
			if c := pass.Guide.Category; c != nil {
				pass.SetFact(fact{c.Value})
			}
		},
		Check: func(c *lint.CheckPass) {
			var first fact
			for i, f := range c.Facts {
				var got fact
				if f.Decode(&got) != nil {
					continue
				}
				if i == 0 {
					first = got
				} else if got != first && f.Linted {
					c.Reportf(f.Path, guide.Pos{Line: 1, Col: 1}, "category %q differs from %q of %s", got.Category, first.Category, c.Facts[0].Path)
				}
			}
		},
	}
	l, err := lint.New(lint.Options{Rules: []*lint.Rule{oneCategory}})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := l.Run(context.Background(), []string{"../examples"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range res.Diagnostics {
		fmt.Println(d)
	}
	// Output:
	// ../examples/technical-writing.yaml:1:1: info: category "Communication" differs from "Technical" of ../examples/data-engineering.yaml (one-category)
}

// Apply the fixes a run suggests: only those whose result is certain
// carry one.
func ExampleApplyFixes() {
	src := []byte("stats:\n  learning_phases: 4 # counted by hand\n")
	fixes := []*lint.Fix{{Message: "set stats.learning_phases to 3", Pointer: "/stats/learning_phases", NewText: "3"}}
	out, applied, err := lint.ApplyFixes("guide.yaml", src, fixes)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range applied {
		fmt.Printf("%d:%d: %s\n", a.Line, a.Column, a.Fix.Message)
	}
	fmt.Print(string(out))
	// Output:
	// 2:20: set stats.learning_phases to 3
	// stats:
	//   learning_phases: 3 # counted by hand
}

// Every rule is a value with an ID, a default severity and docs;
// DefaultRules makes the built-in catalogue afresh.
func ExampleDefaultRules() {
	for _, r := range lint.DefaultRules()[:4] {
		fmt.Printf("%-14s %-8s %s\n", r.ID, r.Severity, r.Summary)
	}
	// Output:
	// cut-text       warning  text after " #" was read as a comment
	// duplicate      error    two entries of one list are the same
	// empty-section  warning  a list or section is present but empty
	// expired-ignore warning  guidelint:ignore is past its until= date
}

// A configuration sets severities; New checks its rule names against the
// linter's rules.
func ExampleParseConfig() {
	cfg, err := lint.ParseConfig(".guidelint.yaml", ".", []byte("rules:\n  placeholder: error\n  palceholder: off\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = lint.New(lint.Options{Config: cfg})
	fmt.Println(err)
	// Output:
	// .guidelint.yaml:3:3: unknown rule "palceholder" (did you mean "placeholder"?); `guidelint rules` lists them
}

// A house rule is a check written in .guidelint.yaml: the values a JSON
// pointer selects (* is any key or index) must satisfy a JSON Schema.
// It becomes a rule like the built-in ones.
func ExampleParseConfig_houseRule() {
	cfg, err := lint.ParseConfig(".guidelint.yaml", ".", []byte(`
house_rules:
  - id: min-topics
    summary: each phase lists at least three topics
    severity: warning
    given: /learning_path/phases/*/topics
    schema: {minItems: 3}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	l, err := lint.New(lint.Options{Config: cfg})
	if err != nil {
		fmt.Println(err)
		return
	}
	src := "learning_path:\n  phases:\n    - topics: [Serving, Monitoring]\n    - topics: [A, B, C]\n"
	diags, _ := l.Lint(context.Background(), "g.yaml", []byte(src))
	for _, d := range diags {
		if d.Rule == "min-topics" {
			fmt.Println(d)
		}
	}
	fmt.Println(l.Rule("min-topics").Summary)
	// Output:
	// g.yaml:3:15: warning: topics must have at least 3 items, got 2 (min-topics)
	// each phase lists at least three topics
}
