package lint_test

import (
	"context"
	"fmt"

	"github.com/skillguides/guidelint/lint"
)

// Lint a folder and print each finding the way go vet does.
func ExampleRun() {
	res, err := lint.Run(context.Background(), []string{"../testdata/seed"}, lint.Options{
		Disable: []string{"id-filename"},
	})
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

// Every rule is a value with an ID, a default severity and docs.
func ExampleRules() {
	for _, r := range lint.Rules()[:4] {
		fmt.Printf("%-14s %-8s %s\n", r.ID, r.Severity, r.Summary)
	}
	// Output:
	// duplicate      error    two entries of one list are the same
	// empty-section  warning  a list or section is present but empty
	// file           error    file cannot be read as text
	// hours-total    error    phase hours do not sum to total_hours
}
