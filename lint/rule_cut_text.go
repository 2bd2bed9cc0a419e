package lint

import (
	"bytes"
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
			"issue number does: YAML ends the value at \" #\" and drops the rest as a\n" +
			"comment, so the page shows half a sentence and nothing says so. The\n" +
			"diagnostic is at the `#`. Ordinary comments (`weight: 25  # checked`, a\n" +
			"space after the `#`) and guidelint directives are left alone.\n" +
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
	src := newSource(doc.Data)
	if src == nil {
		return
	}
	done := newOnceSet(doc)
	walk(pass, func(n *guide.Node, _ []string, _ *guide.Field) {
		if n.Kind != guide.KindString || !done.first(n) {
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
		r, _ := utf8.DecodeRune(src.data[i+1 : le])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) || bytes.HasPrefix(src.data[i+1:le], []byte("guidelint:")) {
			return
		}
		p := src.pos(i)
		pass.Report(p, "the text after \" #\" was read as a comment; quote the value to keep it")
	})
}
