package lint

import (
	"strconv"

	"github.com/skillguides/guidelint/guide"
)

// statsMismatch reports a "Quick Stats" field that disagrees with the
// content it summarises.
func statsMismatch() *Rule {
	return &Rule{
		ID:       "stats-mismatch",
		Summary:  "a stats field disagrees with the content",
		Severity: Error,
		Doc: "Reports a `stats` field that disagrees with the guide's content:\n" +
			"`learning_phases` must be the number of `learning_path.phases`,\n" +
			"`estimated_hours` must equal `learning_path.total_hours`, and\n" +
			"`sub_skills` must be the number of `sub_skills`. The diagnostic is at\n" +
			"the stats field's value.\n" +
			"\n" +
			"The stats block is a summary shown at the top of the page; it goes stale\n" +
			"when a phase or sub-skill is added and nobody updates it. The right value\n" +
			"follows from the content, so `guidelint --fix` rewrites it. When the\n" +
			"content side is itself malformed (a phase that is not a mapping, a\n" +
			"`total_hours` that is not a number) the schema reports that instead.\n" +
			"\n" +
			"Bad:\n" +
			"\n" +
			"```yaml\n" +
			"stats:\n" +
			"  learning_phases: 1\n" +
			"  estimated_hours: 240\n" +
			"  sub_skills: 1        # stats.sub_skills is 1, want 2 (the number of sub_skills)\n" +
			"sub_skills:\n" +
			"  - name: ML Infrastructure\n" +
			"    weight: 60\n" +
			"  - name: Model Serving\n" +
			"    weight: 40\n" +
			"learning_path:\n" +
			"  total_hours: 240\n" +
			"  phases:\n" +
			"    - title: Foundations\n" +
			"      hours: 240\n" +
			"```\n" +
			"\n" +
			"Good: the same, with\n" +
			"\n" +
			"```yaml\n" +
			"stats:\n" +
			"  learning_phases: 1\n" +
			"  estimated_hours: 240\n" +
			"  sub_skills: 2\n" +
			"```",
		Run: runStatsMismatch,
	}
}

func runStatsMismatch(pass *Pass) {
	g := pass.Guide
	st := g.Stats
	if st == nil {
		return
	}
	// Only a list whose every item decoded is counted: a phase that is
	// not a mapping is the schema's to report, and a count of the others
	// would mislead.
	if st.LearningPhases != nil && g.LearningPath != nil && g.LearningPath.Phases.Complete() {
		want := len(g.LearningPath.Phases.Items)
		if st.LearningPhases.Value != float64(want) {
			reportStat(pass, "learning_phases", st.LearningPhases, strconv.Itoa(want), "the number of learning_path.phases")
		}
	}
	if st.EstimatedHours != nil && g.LearningPath != nil && g.LearningPath.TotalHours != nil {
		th := g.LearningPath.TotalHours
		if !sameNumber(st.EstimatedHours.Value, th.Value) {
			reportStat(pass, "estimated_hours", st.EstimatedHours, formatNumber(th.Value), "learning_path.total_hours")
		}
	}
	if st.SubSkills != nil && g.SubSkills.Complete() {
		want := len(g.SubSkills.Items)
		if st.SubSkills.Value != float64(want) {
			reportStat(pass, "sub_skills", st.SubSkills, strconv.Itoa(want), "the number of sub_skills")
		}
	}
}

// reportStat reports stats.field, found as got, where the content says
// want, with the fix that sets it.
func reportStat(pass *Pass, field string, got *guide.Number, want, source string) {
	name := "stats." + field
	pass.ReportDiagnostic(Diagnostic{
		Line:    got.Pos.Line,
		Column:  got.Pos.Col,
		Message: name + " is " + got.Text + ", want " + want + " (" + source + "); set it to " + want,
		Fix: &Fix{
			Message: "set " + name + " to " + want,
			Pointer: "/stats/" + field,
			NewText: want,
		},
	})
}
