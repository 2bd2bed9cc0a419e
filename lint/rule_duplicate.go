package lint

import (
	"strings"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/schema"
)

// duplicate reports two entries of one list that say the same.
func duplicate() *Rule {
	named := namedListKeys()
	return &Rule{
		ID:       "duplicate",
		Summary:  "two entries of one list are the same",
		Severity: Error,
		Doc: "Reports an entry of a list equal to an earlier entry of the same list\n" +
			"once case, runs of spaces and Unicode normalization are ignored: the\n" +
			"names of levels and sub-skills, the titles of phases, projects and use\n" +
			"cases, quiz and FAQ questions, and the items of every list of strings\n" +
			"(capabilities, keywords, tips, ...). Quiz options are the `quiz-options` rule's. The\n" +
			"diagnostic is at the second entry and names the line of the first.\n" +
			"\n" +
			"A repeated entry is a copy-and-paste slip: it pads the page, and for\n" +
			"names it makes references ambiguous (which \"Advanced\" does a project\n" +
			"mean?).\n" +
			"\n" +
			"Bad:\n" +
			"\n" +
			"```yaml\n" +
			"keywords:\n" +
			"  must_have:\n" +
			"    - Docker\n" +
			"    - Kubernetes\n" +
			"    - docker      # duplicate item \"docker\" in keywords.must_have (first at line 3 as \"Docker\"); remove one\n" +
			"```\n" +
			"\n" +
			"Good:\n" +
			"\n" +
			"```yaml\n" +
			"keywords:\n" +
			"  must_have:\n" +
			"    - Docker\n" +
			"    - Kubernetes\n" +
			"```",
		Run: func(pass *Pass) { runDuplicate(pass, named) },
	}
}

// namedLists are the lists of mappings whose entries are told apart by
// their name, and what a message calls that name.
var namedLists = map[string]string{
	"levels":               "level name",
	"sub_skills":           "sub-skill name",
	"learning_path.phases": "phase title",
	"portfolio.projects":   "project title",
	"usage.use_cases":      "use case title",
	"assessment.quiz":      "quiz question",
	"faq":                  "faq question",
}

// namedList is the key that names the entries of a list of namedLists,
// and what a message calls it.
type namedList struct{ key, what string }

// namedListKeys finds the key that names the entries of each of
// namedLists: the first key of its items in the schema, which lists a
// level's name, a phase's title or a question first.
func namedListKeys() map[string]namedList {
	out := make(map[string]namedList, len(namedLists))
	for shape, what := range namedLists {
		var key string
		if keys := schema.Lookup(shape).Item().Keys(); len(keys) > 0 {
			key = keys[0]
		}
		out[shape] = namedList{key, what}
	}
	return out
}

// specialListKeys are the last keys of namedLists and of quizOptionsShape.
var specialListKeys = map[string]bool{}

func init() {
	for shape := range namedLists {
		specialListKeys[shape[strings.LastIndexByte(shape, '.')+1:]] = true
	}
	specialListKeys[quizOptionsShape[strings.LastIndexByte(quizOptionsShape, '.')+1:]] = true
}

func runDuplicate(pass *Pass, named map[string]namedList) {
	done := newOnceSet(pass.Doc) // lists shared through YAML aliases
	var shape []byte             // reused: string(shape) in a lookup does not copy
	walkContainers(pass, func(n *guide.Node, path []string, _ *guide.Field) {
		if n.Kind != guide.KindSequence || len(n.Items) < 2 || !done.first(n) {
			return
		}
		// Only lists at a few keys are special; most are plain lists of
		// text, whose shape need not be built to tell.
		if len(path) > 0 && specialListKeys[path[len(path)-1]] {
			shape = appendShape(shape[:0], path)
			if string(shape) == quizOptionsShape {
				return
			}
			if nl, ok := named[string(shape)]; ok {
				keys := make([]*guide.Node, 0, len(n.Items))
				for _, it := range n.Items {
					keys = append(keys, it.Get(nl.key)) // nil unless a mapping with that key
				}
				reportRepeats(keys, func(first, dup *guide.Node) {
					pass.Report(dup.Pos, "duplicate "+nl.what+" "+quote(dup.Text)+" "+firstAt(first, dup))
				})
			}
		}
		var where string
		reportRepeats(n.Items, func(first, dup *guide.Node) {
			if where == "" {
				where = dotted(path)
				if where == "" {
					where = "the list"
				}
			}
			pass.Report(dup.Pos, "duplicate item "+quote(dup.Text)+" in "+where+" "+firstAt(first, dup)+"; remove one")
		})
	})
}
