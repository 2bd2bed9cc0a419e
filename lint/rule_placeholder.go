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

// placeholderMarkers are the words placeholderRE looks for in capitals.
var placeholderMarkers = []string{"TODO", "TBD", "FIXME", "XXX"}

// mayHoldPlaceholder is a fast filter in front of placeholderRE: most text
// holds none of the markers, and the regexp costs more than these scans.
func mayHoldPlaceholder(s string) bool {
	for _, m := range placeholderMarkers {
		if strings.Contains(s, m) {
			return true
		}
	}
	for i := strings.IndexAny(s, "lL"); i >= 0 && i+5 <= len(s); {
		if strings.EqualFold(s[i:i+5], "lorem") {
			return true
		}
		j := strings.IndexAny(s[i+1:], "lL")
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func runPlaceholder(pass *Pass) {
	done := make(map[*guide.Node]bool) // strings shared through YAML aliases
	walk(pass.Guide.Node, func(n *guide.Node, path []string, _ *guide.Field) {
		if n.Kind != guide.KindString || done[n] {
			return
		}
		done[n] = true
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
