package lint

import (
	"math"

	"github.com/skillguides/guidelint/guide"
)

// weightSum reports sub-skill weights that do not add up to 100 percent.
func weightSum() *Rule {
	return &Rule{
		ID:       "weight-sum",
		Summary:  "sub-skill weights do not sum to 100",
		Severity: Error,
		Doc: "Reports a guide whose `sub_skills[].weight` values do not add up to 100,\n" +
			"allowing 0.01 for rounding (33.33 + 33.33 + 33.34 is fine). The\n" +
			"diagnostic is at the `sub_skills` key.\n" +
			"\n" +
			"Weights are percentages of the skill: readers compare them across\n" +
			"guides, and a set that sums to 95 or 110 makes every one of them wrong.\n" +
			"When a sub-skill has no numeric weight the schema reports it and this\n" +
			"rule stays silent, since the sum would mean nothing.\n" +
			"\n" +
			"Bad:\n" +
			"\n" +
			"```yaml\n" +
			"sub_skills:            # sub-skill weights sum to 95, want 100\n" +
			"  - name: ML Infrastructure\n" +
			"    weight: 60\n" +
			"  - name: Model Serving\n" +
			"    weight: 35\n" +
			"```\n" +
			"\n" +
			"Good:\n" +
			"\n" +
			"```yaml\n" +
			"sub_skills:\n" +
			"  - name: ML Infrastructure\n" +
			"    weight: 60\n" +
			"  - name: Model Serving\n" +
			"    weight: 40\n" +
			"```",
		Run: runWeightSum,
	}
}

// weightTolerance is how far from 100 the weights may sum (SPEC §3).
const weightTolerance = 0.01

func runWeightSum(pass *Pass) {
	ss := pass.Guide.SubSkills
	sum, ok := sumOf(ss, func(s *guide.SubSkill) *guide.Number { return s.Weight })
	if !ok {
		return
	}
	// Compare with a hair of slack so that 100.01 passes despite float noise.
	if math.Abs(sum-100) > weightTolerance+1e-9 {
		pass.Report(ss.KeyPos, "sub-skill weights sum to "+formatNumber(sum)+", want 100; change the weights so they add up to 100")
	}
}
