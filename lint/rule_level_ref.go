package lint

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/suggest"
)

// levelRef reports a use case or portfolio project whose level is not one
// of the guide's levels.
func levelRef() *Rule {
	return &Rule{
		ID:       "level-ref",
		Summary:  "a use case or project names an unknown level",
		Severity: Error,
		Doc: "Reports a `usage.use_cases[].level` or `portfolio.projects[].level` that\n" +
			"names no level of the guide's `levels`. Case, runs of spaces and Unicode\n" +
			"normalization do not matter (`advanced` names `Advanced`, and a\n" +
			"decomposed accent the composed one). The diagnostic is at the `level`\n" +
			"value and lists the levels there are, or suggests the closest one.\n" +
			"A reference that matches only once these are ignored gets an\n" +
			"`info` note instead, with a fix that `guidelint --fix` applies: the\n" +
			"level's own spelling.\n" +
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
}

// Bounds for a list of levels far longer than any guide's: how many names
// the did-you-mean search compares a reference with, and how many a
// message lists.
const (
	maxSuggestedLevels = 64
	maxListedLevels    = 10
)

func runLevelRef(pass *Pass) {
	g := pass.Guide
	levels := g.Levels
	if len(levels.Items) == 0 || !levels.Complete() {
		// A level that is not a mapping (the schema reports it) might be
		// the one a reference means: check nothing.
		return
	}
	// names are the levels' names as first written, one for each folded
	// spelling. A guide has a handful of levels: they are compared in
	// place; a map of folded names serves a long list.
	var names []string
	var exact map[string]string // folded name -> name as written
	if len(levels.Items) > 16 {
		exact = make(map[string]string, len(levels.Items))
	}
	for _, lv := range levels.Items {
		if blank(lv.Name) {
			return // nor can one without a usable name
		}
		name := lv.Name.Value
		if exact != nil {
			k := fold(name)
			if _, ok := exact[k]; !ok {
				exact[k] = name
				names = append(names, name)
			}
		} else if _, ok := findLevel(names, nil, name); !ok {
			names = append(names, name)
		}
	}
	var folded []string // names folded, for suggestions
	check := func(ref *guide.String, pointer func() string) {
		if blank(ref) {
			return
		}
		if name, ok := findLevel(names, exact, ref.Value); ok {
			if normOnly(name, ref.Value) {
				// The same letters, composed differently: nothing a reader
				// sees, but a renderer comparing bytes breaks the link.
				pass.ReportDiagnostic(Diagnostic{Line: ref.Pos.Line, Column: ref.Pos.Col, Severity: Info,
					Message: "level " + quote(ref.Value) + " " + normHint + " from " + quote(name) + " in levels; retype it",
					Fix:     &Fix{Message: "write level " + quote(name), Pointer: pointer(), NewText: name}})
			} else if name != ref.Value {
				// It matches (case and spacing are ignored), so this is no
				// error; but a page that spells a level two ways looks
				// careless, and the intended spelling is certain: --fix
				// rewrites it.
				pass.ReportDiagnostic(Diagnostic{Line: ref.Pos.Line, Column: ref.Pos.Col, Severity: Info,
					Message: "level " + quote(ref.Value) + " is spelled " + quote(name) + " in levels",
					Fix:     &Fix{Message: "write level " + quote(name), Pointer: pointer(), NewText: name}})
			}
			return
		}
		msg := "level " + quote(ref.Value) + " names no level"
		k := fold(ref.Value)
		if folded == nil { // once, for the first unknown reference
			folded = make([]string, len(names))
			for i, n := range names {
				folded[i] = fold(n)
			}
		}
		// A guide has a handful of levels. Against thousands, a guess for
		// each of thousands of references would take minutes and the
		// whole list in each message would bury the report.
		if len(folded) <= maxSuggestedLevels {
			if s, ok := suggest.Closest(k, folded, min(2, utf8.RuneCountInString(k)/2)); ok {
				for i, f := range folded {
					if f == s {
						pass.Report(ref.Pos, msg+"; did you mean "+quote(names[i])+"?")
						return
					}
				}
			}
		}
		shown := names[:min(len(names), maxListedLevels)]
		quoted := make([]string, len(shown))
		for i, n := range shown {
			quoted[i] = quote(n)
		}
		want := "; want one of " + strings.Join(quoted, ", ")
		if more := len(names) - len(shown); more > 0 {
			want += " (and " + plural(more, "more level") + ")"
		}
		pass.Report(ref.Pos, msg+want)
	}
	// The pointers are built only for a fix: most references are right,
	// and a string for each cost more than the check.
	if u := g.Usage; u != nil {
		for i, c := range u.UseCases.Items {
			check(c.Level, func() string { return "/usage/use_cases/" + strconv.Itoa(sourceIndex(u.UseCases, i)) + "/level" })
		}
	}
	if p := g.Portfolio; p != nil {
		for i, pr := range p.Projects.Items {
			check(pr.Level, func() string { return "/portfolio/projects/" + strconv.Itoa(sourceIndex(p.Projects, i)) + "/level" })
		}
	}
}

// sourceIndex returns the index in the list as written of the i-th item
// of a list of mappings, past the items of other types that l leaves out.
func sourceIndex[T any](l guide.List[T], i int) int {
	if l.Complete() {
		return i
	}
	for j, it := range l.Node.Items {
		if it != nil && it.Kind == guide.KindMapping {
			if i == 0 {
				return j
			}
			i--
		}
	}
	return i
}

// findLevel returns the level name that ref means once case and spacing
// are ignored: from exact when there is one, else from names.
func findLevel(names []string, exact map[string]string, ref string) (string, bool) {
	if exact != nil {
		name, ok := exact[fold(ref)]
		return name, ok
	}
	for _, n := range names {
		if foldEqual(n, ref) {
			return n, true
		}
	}
	return "", false
}
