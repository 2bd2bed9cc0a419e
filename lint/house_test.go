package lint_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/skillguides/guidelint/lint"
	"github.com/skillguides/guidelint/lint/linttest"
)

// TestHouseRules: house rules from a config report like rules, at the
// given value (a custom message once per value, else each leaf
// violation at its node), and obey suppression.
func TestHouseRules(t *testing.T) {
	cfg, err := lint.LoadConfig("testdata/house-rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	linttest.RunConfig(t, "testdata/house", cfg)
}

// TestHouseRulesAreRules: a house rule is listed with the linter's rules,
// documented, configured by severity and turned off like any other.
func TestHouseRulesAreRules(t *testing.T) {
	data, err := os.ReadFile("testdata/house-rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := lint.ParseConfig(".guidelint.yaml", t.TempDir(), append(data, "rules:\n  min-topics: error\n  quiz-explained: off\n"...))
	if err != nil {
		t.Fatal(err)
	}
	l, err := lint.New(lint.Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	r := l.Rule("min-topics")
	if r == nil || r.Severity != lint.Warning || !strings.Contains(r.Doc, "/learning_path/phases/*/topics") || r.Validate() != nil {
		t.Fatalf("rule min-topics = %+v", r)
	}
	src := "id: x\nlearning_path:\n  phases:\n    - topics: [a]\nassessment:\n  quiz:\n    - {question: q, options: [a, b], answer: a}\n"
	diags, err := l.Lint(context.Background(), "x.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range diags {
		if d.Rule == "min-topics" || d.Rule == "quiz-explained" {
			got = append(got, d.String())
		}
	}
	want := "x.yaml:4:15: error: a phase needs at least three topics (min-topics)"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// TestHouseRuleValues: a schema's values are read as a guide's are: a
// date stays the text written, a summary may start with any lower-case
// letter.
func TestHouseRuleValues(t *testing.T) {
	cfg, err := lint.ParseConfig("c.yaml", t.TempDir(), []byte("house_rules:\n"+
		"  - {id: launch-date, summary: étape de lancement, given: /title, schema: {const: 2024-01-01}}\n"+
		"  - {id: big-hours, summary: hours are large, given: /learning_path/total_hours, schema: {minimum: 1_000}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	l, err := lint.New(lint.Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	diags, err := l.Lint(context.Background(), "g.yaml", []byte("title: 2024-01-01\nlearning_path: {total_hours: 999}\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range diags {
		if d.Rule == "launch-date" || d.Rule == "big-hours" {
			got = append(got, d.String())
		}
	}
	if want := "g.yaml:2:30: error: total_hours must be at least 1000, got 999 (big-hours)"; strings.Join(got, "\n") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestHouseRuleErrors: a house rule is validated as strictly as the rest
// of the config, and every mistake is an error at its line and column.
func TestHouseRuleErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"house_rules: {id: x}\n", "1:14: house_rules must be a list"},
		{"house_rules:\n  - id: a\n    summary: s\n    given: /title\n    schema: {}\n    mesage: m\n", `6:5: house rule: unknown key "mesage" (did you mean "message"?)`},
		{"house_rules:\n  - id: a\n    summary: s\n    given: /title\n", `2:5: house rule is missing required key "schema"`},
		{"house_rules:\n  - id: a\n    summary: s\n    given: learning_path/phases\n    schema: {}\n", `4:12: house rule a: given: "learning_path/phases" is not a JSON pointer`},
		{"house_rules:\n  - id: a\n    summary: s\n    given: /a~b\n    schema: {}\n", `4:12: house rule a: given: "/a~b": "~" must be written ~0`},
		{"house_rules:\n  - id: a\n    summary: s\n    given: /learning_path/phase/*/topics\n    schema: {}\n", `4:12: house rule a: given: "phase" is no key of /learning_path (did you mean "phases"?)`},
		{"house_rules:\n  - id: a\n    summary: s\n    given: /title/0\n    schema: {}\n", `4:12: house rule a: given: /title holds a single value: nothing is below it`},
		{"house_rules:\n  - id: a\n    summary: s\n    given: /levels/first\n    schema: {}\n", `4:12: house rule a: given: /levels is a list: write an index or *, not "first"`},
		{"house_rules:\n  - id: a\n    summary: s\n    given: /title\n    schema: {minItems: three}\n", `5:13: house rule a: schema: not a valid JSON Schema: minItems must be an integer`},
		{"house_rules:\n  - id: a\n    summary: s\n    given: /title\n    schema: {$ref: 'https://example.com/s.json'}\n", `5:13: house rule a: schema: a $ref may only point inside the schema`},
		{"house_rules:\n  - id: placeholder\n    summary: s\n    given: /title\n    schema: {}\n", `2:9: house rule id "placeholder" is the id of a built-in rule`},
		{"house_rules:\n  - id: Min_Topics\n    summary: s\n    given: /title\n    schema: {}\n", `2:9: house rule id "Min_Topics" must be kebab-case`},
		{"house_rules:\n  - id: a\n    summary: Capital\n    given: /title\n    schema: {}\n", `3:14: house rule a: summary must start in lower case`},
		{"house_rules:\n  - id: a\n    summary: s\n    severity: off\n    given: /title\n    schema: {}\n", `4:15: house rule a: severity must be info, warning or error`},
		{"house_rules:\n  - {id: a, summary: s, given: /title, schema: {}}\n  - {id: a, summary: t, given: /category, schema: {}}\n", `3:10: house rule "a" is defined twice`},
		{"house_rules:\n  - {id: a, summary: s, given: 3, schema: {}}\n", `2:32: house rule given must be a string`},
		{"house_rules:\n  - {id: a, summary: s, given: /title, schema: {$ref: '#/$defs/a', $defs: {a: {$ref: '#/$defs/a'}}}}\n", `2:48: house rule a: schema: not a schema guidelint can use`},
		{"house_rules:\n  - {id: a, summary: " + strings.Repeat("é", 61) + ", given: /title, schema: {}}\n", `2:22: house rule a: summary must be one line of at most 60 characters`},
		{"house_rules:\n  - {id: a, summary: Étape, given: /title, schema: {}}\n", `2:22: house rule a: summary must start in lower case`},
	} {
		_, err := lint.ParseConfig("c.yaml", t.TempDir(), []byte(tc.src))
		var ce *lint.ConfigError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), "c.yaml:"+tc.want) {
			t.Errorf("%q:\n got %v\nwant c.yaml:%s", tc.src, err, tc.want)
		}
	}
	// A house rule may not take the ID of a rule a program passed in.
	cfg, err := lint.ParseConfig("c.yaml", t.TempDir(), []byte("house_rules:\n  - {id: mine, summary: s, given: /title, schema: {}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	mine := &lint.Rule{ID: "mine", Summary: "s", Doc: "d", Severity: lint.Error, Run: func(*lint.Pass) {}}
	_, err = lint.New(lint.Options{Rules: append(lint.DefaultRules(), mine), Config: cfg})
	if err == nil || !strings.Contains(err.Error(), "c.yaml:2:10:") {
		t.Errorf("house rule clashing with a program's rule: %v", err)
	}
}
