package lint

import (
	"strings"
	"testing"
)

// TestRulePanicRecovered: a rule that panics is reported as an internal
// error on the file, naming the rule, and the other rules still run.
func TestRulePanicRecovered(t *testing.T) {
	boom := &Rule{ID: "boom", Summary: "panics", Doc: "test", Severity: Warning,
		Run: func(*Pass) { var m map[string]int; m["x"] = 1 }}
	s := mustNew(t, Options{Rules: append(DefaultRules(), boom)})
	res := checkFile(s, "guide.yaml", []byte("id: other\ntitle: TBD\n"))
	var crash, others bool
	for _, d := range res.Diags {
		switch {
		case d.Rule == "boom":
			crash = strings.HasPrefix(d.Message, "internal error: rule boom panicked") && d.Severity == Error
		case d.Rule == "placeholder" || d.Rule == "id-filename":
			others = true
		}
	}
	if !crash || !others {
		t.Fatalf("crash reported: %v, other rules ran: %v; diagnostics: %v", crash, others, res.Diags)
	}
}
