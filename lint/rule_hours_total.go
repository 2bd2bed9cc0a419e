package lint

import "github.com/skillguides/guidelint/guide"

// hoursTotal reports a learning path whose phase hours do not add up to
// its total.
func hoursTotal() *Rule {
	return &Rule{
		ID:       "hours-total",
		Summary:  "phase hours do not sum to total_hours",
		Severity: Error,
		Doc: "Reports a `learning_path` whose `phases[].hours` do not add up to its\n" +
			"`total_hours`. The diagnostic is at the `total_hours` value.\n" +
			"\n" +
			"The total is what readers plan with, and what `stats.estimated_hours`\n" +
			"repeats; the phases are what they follow. When they disagree one of the\n" +
			"two is wrong, and only the writer knows which, so there is no automatic\n" +
			"fix. When a phase has no numeric `hours` the schema reports it and this\n" +
			"rule stays silent.\n" +
			"\n" +
			"Bad:\n" +
			"\n" +
			"```yaml\n" +
			"learning_path:\n" +
			"  total_hours: 240    # phase hours sum to 230, want total_hours 240\n" +
			"  phases:\n" +
			"    - title: Foundations\n" +
			"      hours: 60\n" +
			"    - title: Production Pipelines\n" +
			"      hours: 170\n" +
			"```\n" +
			"\n" +
			"Good:\n" +
			"\n" +
			"```yaml\n" +
			"learning_path:\n" +
			"  total_hours: 240\n" +
			"  phases:\n" +
			"    - title: Foundations\n" +
			"      hours: 60\n" +
			"    - title: Production Pipelines\n" +
			"      hours: 180\n" +
			"```",
		Run: runHoursTotal,
	}
}

func runHoursTotal(pass *Pass) {
	lp := pass.Guide.LearningPath
	if lp == nil || lp.TotalHours == nil {
		return
	}
	sum, ok := sumOf(lp.Phases, func(p *guide.Phase) *guide.Number { return p.Hours })
	if !ok {
		return
	}
	if !sameNumber(sum, lp.TotalHours.Value) {
		pass.Report(lp.TotalHours.Pos, "phase hours sum to "+formatNumber(sum)+", want total_hours "+formatNumber(lp.TotalHours.Value)+"; change the phases' hours or total_hours so they agree")
	}
}
