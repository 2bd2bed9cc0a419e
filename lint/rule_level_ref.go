package lint

import (
	"strings"
	"unicode/utf8"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/suggest"
)

// LevelRef reports a use case or portfolio project whose level is not one
// of the guide's levels.
var LevelRef = &Rule{
	ID:       "level-ref",
	Summary:  "a use case or project names an unknown level",
	Severity: Error,
	Doc: "Reports a `usage.use_cases[].level` or `portfolio.projects[].level` that\n" +
		"names no level of the guide's `levels`. Case and runs of spaces do not\n" +
		"matter (`advanced` names `Advanced`). The diagnostic is at the `level`\n" +
		"value and lists the levels there are, or suggests the closest one.\n" +
		"\n" +
		"The page links each use case and project to its level; a level that does\n" +
		"not exist (renamed, misspelt, or from another guide) leaves a dead link\n" +
		"and a reader who cannot tell how hard the project is. When a level has\n" +
		"no name the schema reports that, and this rule stays silent.\n" +
		"\n" +
		"Bad:\n" +
		"\n" +
		"```yaml\n" +
		"levels:\n" +
		"  - name: Beginner\n" +
		"  - name: Advanced\n" +
		"portfolio:\n" +
		"  projects:\n" +
		"    - title: Batch Recommendation Pipeline\n" +
		"      level: Expert    # level \"Expert\" names no level; want one of \"Beginner\", \"Advanced\"\n" +
		"```\n" +
		"\n" +
		"Good:\n" +
		"\n" +
		"```yaml\n" +
		"portfolio:\n" +
		"  projects:\n" +
		"    - title: Batch Recommendation Pipeline\n" +
		"      level: Advanced\n" +
		"```",
	Run: runLevelRef,
}

func init() { register(LevelRef) }

func runLevelRef(pass *Pass) {
	g := pass.Guide
	levels := list(g.Node, "levels")
	if levels == nil || len(levels.Items) == 0 {
		return
	}
	known := make(map[string]bool, len(levels.Items))
	var names, folded []string
	for _, lv := range levels.Items {
		name := lv.Get("name")
		if lv.Kind != guide.KindMapping || name == nil || name.Kind != guide.KindString || fold(name.Text) == "" {
			// A level without a usable name (the schema reports it) might
			// be the one a reference means: check nothing.
			return
		}
		k := fold(name.Text)
		if !known[k] {
			known[k] = true
			names = append(names, name.Text)
			folded = append(folded, k)
		}
	}
	check := func(ref *guide.String) {
		if blank(ref) || known[fold(ref.Value)] {
			return
		}
		msg := "level " + quote(ref.Value) + " names no level"
		k := fold(ref.Value)
		if s, ok := suggest.Closest(k, folded, min(2, utf8.RuneCountInString(k)/2)); ok {
			for i, f := range folded {
				if f == s {
					pass.Report(ref.Pos, msg+"; did you mean "+quote(names[i])+"?")
					return
				}
			}
		}
		quoted := make([]string, len(names))
		for i, n := range names {
			quoted[i] = quote(n)
		}
		pass.Report(ref.Pos, msg+"; want one of "+strings.Join(quoted, ", "))
	}
	if g.Usage != nil {
		for _, uc := range g.Usage.UseCases {
			check(uc.Level)
		}
	}
	if g.Portfolio != nil {
		for _, p := range g.Portfolio.Projects {
			check(p.Level)
		}
	}
}
