package lint

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// catalogue is the rule catalogue of SPEC §3, with default severities.
var catalogue = map[string]Severity{
	"file":           Error,
	"parse":          Error,
	"schema":         Error,
	"weight-sum":     Error,
	"hours-total":    Error,
	"stats-mismatch": Error,
	"level-order":    Error,
	"level-ref":      Error,
	"quiz-answer":    Error,
	"quiz-options":   Error,
	"duplicate":      Error,
	"empty-section":  Warning,
	"placeholder":    Warning,
	"resource-url":   Error,
	"id-filename":    Warning,
	"id-unique":      Error,
	"unused-ignore":  Warning,
}

func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	got := map[string]Severity{}
	for _, r := range Rules() {
		if err := r.Validate(); err != nil {
			t.Error(err)
		}
		if seen[r.ID] {
			t.Errorf("rule %s registered twice", r.ID)
		}
		seen[r.ID] = true
		got[r.ID] = r.Severity
		if Lookup(r.ID) != r {
			t.Errorf("Lookup(%q) does not return the registered rule", r.ID)
		}
		if (r.Run == nil) != driverRules[r.ID] {
			t.Errorf("rule %s: Run must be nil exactly for the driver's rules", r.ID)
		}
		if !strings.Contains(r.Doc, "Bad") || !strings.Contains(r.Doc, "Good") {
			t.Errorf("rule %s: doc wants a bad and a good example", r.ID)
		}
	}
	if diff := cmp.Diff(catalogue, got); diff != "" {
		t.Errorf("registered rules differ from SPEC §3 (-spec +registered):\n%s", diff)
	}
	ids := make([]string, 0, len(Rules()))
	for _, r := range Rules() {
		ids = append(ids, r.ID)
	}
	if !sort.StringsAreSorted(ids) {
		t.Errorf("Rules() not sorted by ID: %v", ids)
	}
}

// TestValidateRejects checks that Validate catches bad declarations.
func TestValidateRejects(t *testing.T) {
	run := func(*Pass) {}
	for name, r := range map[string]*Rule{
		"bad id":          {ID: "Weight_Sum", Summary: "x", Doc: "x", Severity: Error, Run: run},
		"long summary":    {ID: "x", Summary: strings.Repeat("x", 61), Doc: "x", Severity: Error, Run: run},
		"capital summary": {ID: "x", Summary: "Sum", Doc: "x", Severity: Error, Run: run},
		"no doc":          {ID: "x", Summary: "x", Doc: " ", Severity: Error, Run: run},
		"no severity":     {ID: "x", Summary: "x", Doc: "x", Run: run},
		"no run":          {ID: "x", Summary: "x", Doc: "x", Severity: Error},
	} {
		if r.Validate() == nil {
			t.Errorf("%s: Validate accepted %+v", name, r)
		}
	}
}
