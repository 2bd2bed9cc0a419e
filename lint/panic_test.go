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

// TestInternalErrorNotSuppressed: a crashed rule's report is a bug in the
// program, not a finding about the guide: no directive hides it.
func TestInternalErrorNotSuppressed(t *testing.T) {
	boom := &Rule{ID: "boom", Summary: "panics", Doc: "test", Severity: Warning, Run: func(*Pass) { panic("boom") }}
	l := mustNew(t, Options{Rules: []*Rule{boom}})
	res := checkFile(l, "guide.yaml", []byte("# guidelint:ignore-file boom\nid: x\n"))
	if len(res.Diags) == 0 || !res.Diags[0].Internal {
		t.Fatalf("diagnostics %v, want the internal error", res.Diags)
	}
}
