package lint

import (
	"github.com/skillguides/guidelint/guide"
)

// quizAnswer reports a quiz answer that is not exactly one of its options.
func quizAnswer() *Rule {
	return &Rule{
		ID:       "quiz-answer",
		Summary:  "quiz answer is not exactly one of the options",
		Severity: Error,
		Doc: "Reports a quiz question whose `answer` is not, character for character,\n" +
			"one of its `options`. (An answer that matches more than one option\n" +
			"matches a repeated option: `quiz-options` reports that repeat, the root\n" +
			"cause, once.) An answer that matches an option only when case, spaces or\n" +
			"Unicode normalization (a composed or decomposed accent) are ignored is\n" +
			"still reported, with a hint naming the option meant. The\n" +
			"diagnostic is at the `answer` value.\n" +
			"\n" +
			"Quiz pages mark the option equal to the answer as correct; an answer\n" +
			"that equals none leaves the quiz without a right answer. There is no\n" +
			"automatic fix: only the writer knows which option is right. When\n" +
			"`options` is missing, empty or holds a value that is not text, the\n" +
			"schema reports that instead.\n" +
			"\n" +
			"Bad:\n" +
			"\n" +
			"```yaml\n" +
			"assessment:\n" +
			"  quiz:\n" +
			"    - question: Which tool tracks ML experiments?\n" +
			"      options: [Terraform, MLflow, Grafana]\n" +
			"      answer: mlflow   # answer \"mlflow\" matches no option exactly; did you mean \"MLflow\"?\n" +
			"```\n" +
			"\n" +
			"Good:\n" +
			"\n" +
			"```yaml\n" +
			"assessment:\n" +
			"  quiz:\n" +
			"    - question: Which tool tracks ML experiments?\n" +
			"      options: [Terraform, MLflow, Grafana]\n" +
			"      answer: MLflow\n" +
			"```",
		Run: runQuizAnswer,
	}
}

func runQuizAnswer(pass *Pass) {
	a := pass.Guide.Assessment
	if a == nil {
		return
	}
	for _, q := range a.Quiz.Items {
		// An option that is not text is the schema's to report, and it
		// may be the one the answer means.
		opts := q.Options
		if blank(q.Answer) || len(opts.Items) == 0 || !opts.Complete() {
			continue
		}
		answer := q.Answer.Value
		exact := 0
		var near *guide.String // the first option equal after folding
		for _, o := range opts.Items {
			switch {
			case o.Value == answer:
				exact++
			case near == nil && foldEqual(o.Value, answer):
				near = o
			}
		}
		switch {
		case exact > 0:
			// More than one is a repeated option, which quiz-options
			// reports at the repeat, saying it is the answer: one
			// defect, one diagnostic.
		case near != nil && normOnly(near.Value, answer):
			pass.Report(q.Answer.Pos, "answer "+quote(answer)+" matches no option exactly: it "+normHint+" from option "+quote(near.Value)+"; retype it")
		case near != nil:
			pass.Report(q.Answer.Pos, "answer "+quote(answer)+" matches no option exactly; did you mean "+quote(near.Value)+"?")
		default:
			pass.Report(q.Answer.Pos, "answer "+quote(answer)+" matches none of the "+plural(len(opts.Items), "option")+"; want the exact text of one")
		}
	}
}
