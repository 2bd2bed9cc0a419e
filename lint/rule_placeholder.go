package lint

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/skillguides/guidelint/guide"
)

// placeholder reports text that still holds a placeholder.
func placeholder() *Rule {
	return &Rule{
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
}

// placeholderRE finds the markers: capitalised whole words, or "lorem
// ipsum" in any case.
var placeholderRE = regexp.MustCompile(`\b(?:TODO|TBD|FIXME|XXX)\b|\b[lL][oO][rR][eE][mM]\s+[iI][pP][sS][uU][mM]\b`)

// mayHoldPlaceholder is a fast filter in front of placeholderRE: most text
// holds none of the markers, and the regexp costs more than these scans.
func mayHoldPlaceholder(s string) bool {
	// strings.Contains and IndexByte use the CPU's vector instructions; a
	// byte-by-byte scan of every string of a guide cost more than the
	// rest of the rule.
	if strings.Contains(s, "TODO") || strings.Contains(s, "TBD") || strings.Contains(s, "FIXME") || strings.Contains(s, "XXX") {
		return true
	}
	// "lorem ipsum" in any case: look for "psum" after a p or P.
	return containsPsum(s, strings.IndexByte, 'p') || containsPsum(s, strings.IndexByte, 'P')
}

func runPlaceholder(pass *Pass) {
	if !sourceMayHoldPlaceholder(pass.Doc.Data) {
		return
	}
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

// sourceMayHoldPlaceholder looks for the markers in the whole file at
// once, which most files pass in a few microseconds. Without backslash
// escapes every decoded string's text appears in the source (line
// folding only turns breaks into spaces), so a file without any marker
// holds no string with one.
func sourceMayHoldPlaceholder(data []byte) bool {
	if bytes.IndexByte(data, '\\') >= 0 {
		return true
	}
	if bytes.Contains(data, []byte("TODO")) || bytes.Contains(data, []byte("TBD")) || bytes.Contains(data, []byte("FIXME")) || bytes.Contains(data, []byte("XXX")) {
		return true
	}
	return containsPsum(data, bytes.IndexByte, 'p') || containsPsum(data, bytes.IndexByte, 'P')
}

// containsPsum reports whether p is followed by "sum" in any case, as in
// "ipsum", in a file (indexByte is bytes.IndexByte) or a decoded string
// (strings.IndexByte).
func containsPsum[S string | []byte](s S, indexByte func(S, byte) int, p byte) bool {
	for {
		i := indexByte(s, p)
		if i < 0 || i+4 > len(s) {
			return false
		}
		if s[i+1]|0x20 == 's' && s[i+2]|0x20 == 'u' && s[i+3]|0x20 == 'm' {
			return true
		}
		s = s[i+1:]
	}
}
