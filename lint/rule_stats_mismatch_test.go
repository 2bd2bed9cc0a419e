package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestStatsMismatchFix checks the fixes: certain, derived from the content,
// one per wrong field.
func TestStatsMismatchFix(t *testing.T) {
	src := `stats:
  learning_phases: 3
  estimated_hours: 200
  sub_skills: 5
sub_skills:
  - {name: A, weight: 100}
learning_path:
  total_hours: 100.5
  phases:
    - {title: A, hours: 40}
    - {title: B, hours: 60.5}
`
	var got []Fix
	for _, d := range checkFile(defaultLinter(), "g.yaml", []byte(src)).Diags {
		if d.Rule != "stats-mismatch" {
			continue
		}
		if d.Fix == nil {
			t.Errorf("%s: no fix", d)
			continue
		}
		got = append(got, *d.Fix)
	}
	want := []Fix{
		{Message: "set stats.learning_phases to 2", Pointer: "/stats/learning_phases", NewText: "2"},
		{Message: "set stats.estimated_hours to 100.5", Pointer: "/stats/estimated_hours", NewText: "100.5"},
		{Message: "set stats.sub_skills to 1", Pointer: "/stats/sub_skills", NewText: "1"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fixes (-want +got):\n%s", diff)
	}
}
