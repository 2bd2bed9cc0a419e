package lint_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestOneDefectOneDiagnostic: with every rule on, a misspelt key is one
// finding (unknown, with its did-you-mean; not also the required key it
// was meant to be), and a repeated option that is the answer is one
// finding (quiz-options; not also quiz-answer's "matches 2 options").
func TestOneDefectOneDiagnostic(t *testing.T) {
	src := "sub_skills:\n  - name: Modelling\n    wieght: 100\n    descripton: Shapes.\n" +
		"assessment:\n  quiz:\n    - question: Which is right?\n      options: [a, A, B, A]\n      answer: A\n      explanation: x\n"
	diags := lintDefault(t, "g.yaml", src)
	var got []string
	for _, d := range diags {
		if !strings.Contains(d.Message, "missing required key") || strings.Contains(d.Message, "weight") || strings.Contains(d.Message, "description") {
			got = append(got, d.String())
		}
	}
	want := []string{
		`g.yaml:3:5: error: unknown key "wieght" (did you mean "weight"?) (schema)`,
		`g.yaml:4:5: error: unknown key "descripton" (did you mean "description"?) (schema)`,
		`g.yaml:8:20: info: option "A" differs only in case from "a" at line 8, column 17; fine for a question about case, else write it once (quiz-options)`,
		`g.yaml:8:26: error: duplicate option "A" (first at line 8, column 20); it is the answer, which must match exactly one option; remove one or reword it (quiz-options)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
