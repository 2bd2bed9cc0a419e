package lint

import (
	"regexp"
	"strings"

	"github.com/skillguides/guidelint/guide"
)

// Placeholder reports text that still holds a placeholder.
var Placeholder = &Rule{
	ID:       "placeholder",
	Summary:  "text still holds a placeholder such as TODO",
	Severity: Warning,
	Doc: "Reports a text value holding `TODO`, `TBD`, `FIXME` or `XXX` as a whole\n" +
		"word in capitals, or `lorem ipsum` in any case. The diagnostic is at the\n" +
		"value. Keys are not checked.\n" +
		"\n" +
		"Placeholders are how drafts mark what is left to write; one that ships\n" +
		"is a visible hole in the page. Only the capitalised markers count, as\n" +
		"whole words, so prose such as \"a todo list\", \"TBDs\" or sizes like\n" +
		"\"XXXL\" are left alone.\n" +
		"\n" +
		"Bad:\n" +
		"\n" +
		"```yaml\n" +
		"levels:\n" +
		"  - name: Expert\n" +
		"    summary: TODO describe the expert level\n" +
		"```\n" +
		"\n" +
		"Good:\n" +
		"\n" +
		"```yaml\n" +
		"levels:\n" +
		"  - name: Expert\n" +
		"    summary: Sets strategic direction for ML infrastructure.\n" +
		"```",
	Run: runPlaceholder,
}

func init() { register(Placeholder) }

// placeholderRE finds the markers: capitalised whole words, or "lorem
// ipsum" in any case.
var placeholderRE = regexp.MustCompile(`\b(?:TODO|TBD|FIXME|XXX)\b|(?i:\blorem\s+ipsum\b)`)

// mayHoldPlaceholder is a fast filter in front of placeholderRE: most text
// holds none of the markers, and the regexp costs more than these scans.
func mayHoldPlaceholder(s string) bool {
	// One pass over the bytes: most text holds none of the markers' first
	// letters followed by the rest, and this runs on every string.
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'T':
			if strings.HasPrefix(s[i:], "TODO") || strings.HasPrefix(s[i:], "TBD") {
				return true
			}
		case 'F':
			if strings.HasPrefix(s[i:], "FIXME") {
				return true
			}
		case 'X':
			if strings.HasPrefix(s[i:], "XXX") {
				return true
			}
		case 'l', 'L':
			if i+5 <= len(s) && strings.EqualFold(s[i:i+5], "lorem") {
				return true
			}
		}
	}
	return false
}

func runPlaceholder(pass *Pass) {
	done := newOnceSet(pass.Doc) // strings shared through YAML aliases
	walk(pass, func(n *guide.Node, path []string, _ *guide.Field) {
		if n.Kind != guide.KindString || !done.first(n) {
			return
		}
		if !mayHoldPlaceholder(n.Text) {
			return
		}
		m := placeholderRE.FindString(n.Text)
		if m == "" {
			return
		}
		where := dotted(path)
		if where == "" {
			where = "text"
		}
		pass.Report(n.Pos, "placeholder "+quote(m)+" left in "+where+"; replace it with the real text")
	})
}
