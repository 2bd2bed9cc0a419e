package lint

import (
	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/schema"
)

// emptySection reports a list or section that is present but empty.
func emptySection() *Rule {
	return &Rule{
		ID:       "empty-section",
		Summary:  "a list or section is present but empty",
		Severity: Warning,
		Doc: "Reports a key whose value is an empty list (`must_have: []`) or an empty\n" +
			"mapping (`stats: {}`), anywhere in the guide. The diagnostic is at the\n" +
			"key.\n" +
			"\n" +
			"The schema lets lists be empty so that drafts validate, but a published\n" +
			"guide with an empty section renders a heading over nothing. Fill it in,\n" +
			"or, for an optional top-level section, remove the key. Quiz `options`\n" +
			"are left to the schema (a question needs at least two), and keys the\n" +
			"schema does not know are left to it too.\n" +
			"\n" +
			"Bad:\n" +
			"\n" +
			"```yaml\n" +
			"keywords:\n" +
			"  must_have: []     # keywords.must_have is empty; add items\n" +
			"```\n" +
			"\n" +
			"Good:\n" +
			"\n" +
			"```yaml\n" +
			"keywords:\n" +
			"  must_have:\n" +
			"    - MLOps\n" +
			"    - Model Serving\n" +
			"```",
		Run: runEmptySection,
	}
}

func runEmptySection(pass *Pass) {
	walkContainers(pass, func(n *guide.Node, path []string, f *guide.Field) {
		if f == nil {
			return
		}
		var add string
		switch {
		case n.Kind == guide.KindSequence && len(n.Items) == 0:
			add = "add items"
		case n.Kind == guide.KindMapping && len(n.Fields) == 0:
			add = "add its fields"
		default:
			return
		}
		// Keys the schema does not know are its to report.
		shape := shapeOf(path)
		if schema.Lookup(shape) == nil || shape == quizOptionsShape {
			return
		}
		// Only an optional top-level section may go; every key inside a
		// present section is required.
		if len(path) == 1 && !schema.Lookup("").Required(path[0]) {
			add += " or remove the key"
		}
		pass.Report(f.KeyPos, dotted(path)+" is empty; "+add)
	})
}
