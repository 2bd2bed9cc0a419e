package lint

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// rulesDocPath is the generated rule reference, linked from diagnostics
// (DocsURL) and the README.
const rulesDocPath = "../docs/rules.md"

// renderRulesDoc writes the rule reference from the registry: a table of
// the rules, then one section per rule, headed by its ID so that
// DocsURL#ID lands on it.
func renderRulesDoc() string {
	var b strings.Builder
	b.WriteString("# guidelint rules\n\n")
	b.WriteString("<!-- Generated from the rule declarations in lint/ by TestRulesDoc; do not edit.\n")
	b.WriteString("     Regenerate with: go test ./lint -run TestRulesDoc -update -->\n\n")
	b.WriteString("Every diagnostic names the rule that reported it. The severities below are\n")
	b.WriteString("the defaults: `.guidelint.yaml` can change them (`rules: {empty-section: off}`),\n")
	b.WriteString("and a `# guidelint:ignore RULE -- reason` comment silences a rule on one line.\n")
	b.WriteString("`guidelint rules RULE` prints a rule's section from the command line.\n\n")
	b.WriteString("| Rule | Default | Summary |\n|---|---|---|\n")
	for _, r := range DefaultRules() {
		b.WriteString("| [`" + r.ID + "`](#" + r.ID + ") | " + r.Severity.String() + " | " + r.Summary + " |\n")
	}
	for _, r := range DefaultRules() {
		b.WriteString("\n## " + r.ID + "\n\n")
		b.WriteString("Default severity: **" + r.Severity.String() + "**. " + upperFirst(r.Summary) + ".\n\n")
		b.WriteString(strings.TrimSpace(r.Doc) + "\n")
	}
	return b.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// TestRulesDoc keeps docs/rules.md in step with the rules; -update
// rewrites it.
func TestRulesDoc(t *testing.T) {
	got := renderRulesDoc()
	if *update {
		if err := os.MkdirAll(filepath.Dir(rulesDocPath), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(rulesDocPath, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(rulesDocPath)
	if err != nil {
		t.Fatalf("%v (run go test ./lint -run TestRulesDoc -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s is stale; run go test ./lint -run TestRulesDoc -update (-file +rules):\n%s", rulesDocPath, diff)
	}
	for _, r := range DefaultRules() {
		if !strings.Contains(got, "\n## "+r.ID+"\n") {
			t.Errorf("no section for rule %s", r.ID)
		}
	}
}

// docExampleRE finds "Bad" or "Good" and the first YAML block after it;
// a file name in backquotes on the Bad/Good line names the example file.
var docExampleRE = regexp.MustCompile("(?s)(Bad|Good)([^\n]*)\n.*?```yaml\n(.*?)```")

var docFileRE = regexp.MustCompile("`([^`]+\\.ya?ml)`")

// TestDocExamples checks the examples in the rules' docs: the Bad one
// makes the rule fire, the Good one does not, and a message quoted in a
// comment of the Bad example is the one the rule gives on that line.
func TestDocExamples(t *testing.T) {
	for _, r := range semanticRules() {
		ms := docExampleRE.FindAllStringSubmatch(r.Doc, -1)
		if len(ms) < 2 {
			t.Errorf("rule %s: doc has no Bad and Good YAML examples", r.ID)
			continue
		}
		for _, m := range ms[:2] {
			kind, src := m[1], m[3]
			name := "example.yaml"
			if f := docFileRE.FindStringSubmatch(m[2]); f != nil {
				name = f[1]
			}
			var got []Diagnostic
			for _, d := range checkFile(defaultLinter(), name, []byte(src)).Diags {
				if d.Rule == r.ID {
					got = append(got, d)
				}
				if d.Rule == "parse" {
					t.Errorf("rule %s: %s example does not parse: %s", r.ID, kind, d.Message)
				}
			}
			switch {
			case kind == "Bad" && len(got) == 0:
				t.Errorf("rule %s: Bad example gives no diagnostic", r.ID)
			case kind == "Good" && len(got) > 0:
				t.Errorf("rule %s: Good example gives %s", r.ID, got[0])
			}
			if kind != "Bad" {
				continue
			}
			// A comment holding a message must be that line's message.
			for i, line := range strings.Split(src, "\n") {
				_, comment, ok := strings.Cut(line, "  # ")
				if !ok || !strings.ContainsAny(comment, "\"") {
					continue
				}
				found := false
				for _, d := range got {
					found = found || (d.Line == i+1 && d.Message == comment)
				}
				if !found {
					t.Errorf("rule %s: Bad example line %d says %q, but the rule says %v", r.ID, i+1, comment, got)
				}
			}
		}
	}
}

// semanticRules are the rules with fixtures in testdata/rules and doc
// examples of one guide: every rule with a Run but schema (tested in
// package schema) and the rules that compare guides (which need two).
func semanticRules() []*Rule {
	var out []*Rule
	for _, r := range DefaultRules() {
		if r.Run != nil && r.Check == nil && r.ID != "schema" {
			out = append(out, r)
		}
	}
	return out
}
