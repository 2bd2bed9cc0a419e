package lint_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillguides/guidelint/lint"
)

// TestTypeSlips: YAML's type slips get a writer's words (issue 16): an
// item read as a mapping because of ": " says why; quiz options and an
// answer read as numbers or booleans are one finding per question naming
// what to quote.
func TestTypeSlips(t *testing.T) {
	src := "red_flags:\n  - TODO: fill this in\n  - Fine text\n" +
		"assessment:\n  quiz:\n" +
		"    - question: Which bit is set?\n      options: [0, 1, 2, 4]\n      answer: 4\n      explanation: x\n" +
		"    - question: Is it on?\n      options: [\"yes\", \"no\"]\n      answer: true\n      explanation: x\n" +
		"    - question: Fine?\n      options: [\"0\", \"1\"]\n      answer: \"0\"\n      explanation: x\n"
	diags := lintDefault(t, "g.yaml", src)
	var got []string
	for _, d := range diags {
		if d.Rule == "schema" && !strings.Contains(d.Message, "missing required key") {
			got = append(got, strings.TrimPrefix(d.String(), "g.yaml:"))
		}
	}
	want := []string{
		`2:5: error: red_flags item was read as a key and a value because of ": " after "TODO"; quote the whole item (schema)`,
		`7:17: error: quiz values read as numbers or booleans: 0, 1, 2, 4, 4; quote them to keep them text ("0") (schema)`,
		`12:15: error: quiz values read as numbers or booleans: true; quote them to keep them text ("true") (schema)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// lintDefault lints src as path with every default rule.
func lintDefault(t *testing.T, path, src string) []lint.Diagnostic {
	t.Helper()
	l, err := lint.New(lint.Options{Rules: lint.DefaultRules()})
	if err != nil {
		t.Fatal(err)
	}
	diags, err := l.Lint(context.Background(), path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return diags
}
