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
		Doc: "Reports a text value still holding a placeholder: a value that is, or\n" +
			"starts with, `TODO`, `TBD`, `FIXME` or `XXX` in capitals (alone, or with a\n" +
			"note: `TODO: write this`), or ends with one after a label (`Owner: TBD`);\n" +
			"such a marker with a colon anywhere\n" +
			"(`still holding a TODO: write this`); a marker in brackets (`[TBD]`,\n" +
			"`<TODO>`, `(TBD)`); or Latin filler (`Lorem ipsum dolor sit amet`). The\n" +
			"diagnostic is at the value and names the item\n" +
			"(`learning_path.phases[2].deliverables[1] (phase \"Ship it\")`, lists\n" +
			"counted from 0). Keys are not checked.\n" +
			"\n" +
			"Placeholders are how drafts mark what is left to write; one that ships\n" +
			"is a visible hole in the page. A mention is not a placeholder: prose\n" +
			"such as \"a todo list\", \"TODO lists help\", \"FIXME comments should\n" +
			"link a ticket\", \"a TBD-free plan\", a masking pattern\n" +
			"(\"XXX-XX-1234\"), \"filled with lorem ipsum\" or a quoted example\n" +
			"(`\"# TODO: set requests\"`) is left alone.\n" +
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

// The shapes of a placeholder (SPEC §3, refined by issue 16): a marker
// that starts the value or ends it after a label's colon, a marker with a
// note after a colon, a marker in brackets, Latin filler that starts the
// value. A marker inside a longer
// word (TBD-free, XXX-XX-1234, even in brackets: "(XXX-XX-1234)",
// "[TODO-123]", an issue key) or quotes is a mention.
var (
	placeholderStartRE   = regexp.MustCompile(`^\s*(TODO|TBD|FIXME|XXX)(?:$|[\s:.,;!?)\]…])`)
	placeholderNoteRE    = regexp.MustCompile(`(?:^|[\s(\[{<])(TODO|TBD|FIXME|XXX):`)
	placeholderBracketRE = regexp.MustCompile(`[\[(<{]\s*(?:TODO|TBD|FIXME|XXX)(?:[\s:.,;!?…][^\])>}\n]*)?[\])>}]`)
	placeholderLoremRE   = regexp.MustCompile(`^\s*[lL][oO][rR][eE][mM]\s+[iI][pP][sS][uU][mM]\b`)
	// A sentence about the markers, not one: "TODO lists help new cooks
	// plan", "FIXME comments should link a ticket".
	placeholderTalkRE = regexp.MustCompile(`^\s*(?:TODO|TBD|FIXME|XXX)s?\s+(?:comments?|lists?|items?|markers?|apps?|tags?|notes?|entries|annotations?)\b`)
	// A marker standing for a label's value: "Owner: TBD".
	placeholderLabelRE = regexp.MustCompile(`:\s+(TODO|TBD|FIXME|XXX)[.!]?\s*$`)
)

// findPlaceholder returns the placeholder s holds, as the message quotes
// it, or "".
func findPlaceholder(s string) string {
	if m := placeholderStartRE.FindStringSubmatch(s); m != nil && !placeholderTalkRE.MatchString(s) {
		return m[1]
	}
	if m := placeholderLoremRE.FindString(s); m != "" {
		return strings.TrimSpace(m)
	}
	if loc := placeholderLabelRE.FindStringSubmatchIndex(s); loc != nil && !quotedAt(s, loc[2]) {
		return s[loc[2]:loc[3]]
	}
	for _, loc := range placeholderNoteRE.FindAllStringSubmatchIndex(s, -1) {
		if !quotedAt(s, loc[2]) {
			return s[loc[2]:loc[3]]
		}
	}
	for _, loc := range placeholderBracketRE.FindAllStringIndex(s, -1) {
		if !quotedAt(s, loc[0]) {
			return s[loc[0]:loc[1]]
		}
	}
	return ""
}

// quotedAt reports whether byte i of s lies inside quotes or backquotes
// opened before it: a quoted example, not a marker.
func quotedAt(s string, i int) bool {
	before := s[:i]
	return strings.Count(before, `"`)%2 == 1 || strings.Count(before, "`")%2 == 1 ||
		strings.Count(before, "“") > strings.Count(before, "”")
}

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
		m := findPlaceholder(n.Text)
		if m == "" {
			return
		}
		// The item itself, not only its list: a list of deliverables may
		// hold a dozen lines and the writer looks for the one to fill.
		where := itemPath(pass.Guide.Node, n)
		if where == "" {
			where = dotted(path)
		}
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
