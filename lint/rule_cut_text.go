package lint

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/yamlscan"
)

// cutText reports prose that YAML cut short at a " #" it read as the
// start of a comment.
func cutText() *Rule {
	return &Rule{
		ID:       "cut-text",
		Summary:  "text after \" #\" was read as a comment",
		Severity: Warning,
		Doc: "Reports an unquoted text value followed on its line by a comment that\n" +
			"starts with a letter or digit right after the `#`, as a hashtag or an\n" +
			"issue number does, or that the value plainly continues into (it ends\n" +
			"with a word no sentence ends with: `Count the # of pages`): YAML ends the value at \" #\" and drops the rest as a\n" +
			"comment, so the page shows half a sentence and nothing says so. The\n" +
			"diagnostic is at the `#`. Its certain fix (`--fix`) quotes the value\n" +
			"with the rest of its line, so the page shows all of it; a value in a\n" +
			"flow list (`[a, b #c]`) is left for the writer. Ordinary comments\n" +
			"(`weight: 25  # checked`, a space after the `#`), guidelint directives\n" +
			"and comments after a value that is not prose (`id`, `level`,\n" +
			"`duration`, `url`, `kind`, `cost`: `kind: docs #official`) are left\n" +
			"alone.\n" +
			"\n" +
			"Bad:\n" +
			"\n" +
			"```yaml\n" +
			"overview:\n" +
			"  why:\n" +
			"    - Enter a few #MakeoverMonday challenges   # the text after \" #\" was read as a comment; quote the value to keep it\n" +
			"```\n" +
			"\n" +
			"Good:\n" +
			"\n" +
			"```yaml\n" +
			"overview:\n" +
			"  why:\n" +
			"    - \"Enter a few #MakeoverMonday challenges\"\n" +
			"```",
		Run: runCutText,
	}
}

func runCutText(pass *Pass) {
	doc := pass.Doc
	if doc.Format != guide.YAML || bytes.IndexByte(doc.Data, '#') < 0 {
		return
	}
	src := newLineSource(doc.Data)
	if src == nil {
		return
	}
	done := newOnceSet(doc)
	walk(pass, func(n *guide.Node, _ []string, f *guide.Field) {
		if n.Kind != guide.KindString || (f != nil && notProse[f.Key]) || !done.first(n) {
			return
		}
		off, ok := src.offset(n.Pos)
		if !ok || off >= len(src.data) {
			return
		}
		switch src.data[off] {
		case '"', '\'', '|', '>', '[', '{', '*', '&', '!':
			return // quoted, block, flow or alias: YAML cut nothing
		}
		// In a flow collection the value ends at "," "]" or "}": "[a] #x"
		// cut nothing.
		flow := yamlscan.InFlow([]rune(string(src.data[src.lines[n.Pos.Line-1]:off])))
		end := src.plainLineEnd(off, flow)
		le := src.lineEnd(off)
		// The comment that follows the value on its line, if any.
		i := end
		for i < le && (src.data[i] == ' ' || src.data[i] == '\t') {
			i++
		}
		if i == end || i+1 >= le || src.data[i] != '#' {
			return
		}
		if len(bytes.TrimSpace(src.data[i+1:le])) == 0 {
			return // an empty comment: nothing was cut ("- A # ", as fmt writes "[A,# ")
		}
		r, _ := utf8.DecodeRune(src.data[i+1 : le])
		if bytes.HasPrefix(src.data[i+1:le], []byte("guidelint:")) {
			return
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !continues(src.data[off:end]) {
			return
		}
		p := src.pos(i)
		d := Diagnostic{Line: p.Line, Column: p.Col,
			Message: "the text after \" #\" was read as a comment; quote the value to keep it"}
		if full, ok := cutWhole(src, off, end, le, n); ok {
			if steps, found := pathTo(pass.Guide.Node, n); found {
				d.Pointer = pointerOf(steps)
				d.Fix = &Fix{Message: "quote the value to keep " + quote(shorten(full, 60)), Pointer: d.Pointer, NewText: full}
			}
		}
		pass.ReportDiagnostic(d)
	})
}

// notProse are the keys whose values are names, codes or links rather
// than prose: "kind: docs #official" or "id: ml-systems #main" ends with
// an ordinary comment, and quoting it would break the value.
var notProse = map[string]bool{"id": true, "level": true, "duration": true, "url": true, "kind": true, "cost": true}

// cutBlockPrefixRE is what may come before a value on its line in block
// style: indentation, list dashes and one key. A flow collection ("[a,
// b #c]") is not fixed: where its value would end is not certain.
var cutBlockPrefixRE = regexp.MustCompile(`^[ ]*(?:-[ ]+)*(?:[^\s\[\]{},#&*!|>'"%@` + "`" + `-][^\[\]{},#]*:[ ]+)?$`)

// cutWhole is the text the writer meant for the value at off (the value
// and the comment that cut it, to the end of the line) when restoring it
// is certain: the value is plain, on this one line, in block style.
func cutWhole(src *source, off, end, le int, n *guide.Node) (string, bool) {
	if n.Text != string(src.data[off:end]) {
		return "", false // folded over lines, or escaped: not one plain line
	}
	lineStart := src.lines[src.pos(off).Line-1]
	if !cutBlockPrefixRE.Match(src.data[lineStart:off]) {
		return "", false
	}
	full := string(bytes.TrimRight(src.data[off:le], " \t\r"))
	if !utf8.ValidString(full) {
		return "", false
	}
	return full, true
}

// danglingWords end no sentence: a value ending with one ("Count the",
// "Track the number of") plainly continues after the " #" that cut it,
// as in "Count the # of pages".
var danglingWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "and": true, "or": true,
	"with": true, "for": true, "in": true, "on": true, "by": true, "per": true, "your": true,
	"our": true, "their": true, "its": true, "my": true, "this": true, "that": true,
}

// continues reports whether value, the text before a " #", plainly goes on
// after it: its last word is one no sentence ends with.
func continues(value []byte) bool {
	i := bytes.LastIndexAny(value, " \t")
	return danglingWords[strings.ToLower(string(value[i+1:]))]
}
