package lint_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillguides/guidelint/lint"
)

// TestConfigAllMistakes: a config with several mistakes reports every one
// in one run, in the order written, each at its position; a key repeated
// anywhere (a rule named twice, a house rule's key, a key of its schema)
// is a duplicate key, not "the last wins".
func TestConfigAllMistakes(t *testing.T) {
	src := `rules:
  placeholder: off
  duplicate: loud
  placeholder: error
fils: [x]
exclude: ["a[", ok]
house_rules:
  - id: house-a
    summary: s
    given: /title
    given: /tagline
    schema: {type: string, type: number}
  - id: house-b
    summary: s
  - id: house-c
    summary: s
    given: /title
    schema: {}
require-reason: maybe
rules: {}
`
	_, err := lint.ParseConfig(".guidelint.yaml", "/tmp", []byte(src))
	var got []string
	var ces lint.ConfigErrors
	if !errors.As(err, &ces) {
		t.Fatalf("err = %#v; want ConfigErrors", err)
	}
	for _, e := range ces {
		got = append(got, e.Error())
	}
	want := []string{
		`.guidelint.yaml:3:14: rule duplicate: unknown severity "loud"; want off, info, warning or error`,
		`.guidelint.yaml:4:3: duplicate key "placeholder" (first defined at line 2, column 3)`,
		`.guidelint.yaml:5:1: unknown key "fils" (did you mean "files"?)`,
		`.guidelint.yaml:6:11: exclude: invalid glob "a["`,
		`.guidelint.yaml:11:5: duplicate key "given" (first defined at line 10, column 5)`,
		`.guidelint.yaml:12:28: duplicate key "type" (first defined at line 12, column 14)`,
		`.guidelint.yaml:13:5: house rule is missing required key "given"`,
		`.guidelint.yaml:19:17: require-reason must be true or false`,
		`.guidelint.yaml:20:1: duplicate key "rules" (first defined at line 1, column 1)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestConfigAllUnknownRules: New reports every unknown rule name of a
// config, not the first only.
func TestConfigAllUnknownRules(t *testing.T) {
	cfg, err := lint.ParseConfig(".guidelint.yaml", "/tmp", []byte("rules:\n  placeholdr: off\n  duplicat: off\n  nosuch: off\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = lint.New(lint.Options{Config: cfg})
	var ces lint.ConfigErrors
	if !errors.As(err, &ces) || len(ces) != 3 || ces[0].Line != 2 || ces[2].Line != 4 {
		t.Fatalf("err = %v; want three ConfigErrors, lines 2 to 4", err)
	}
}
