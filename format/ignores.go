package format

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/yamlscan"
	"github.com/skillguides/guidelint/lint"
	yaml "go.yaml.in/yaml/v3"
)

// Some comments change what the linter reports when they move: a
// "# guidelint:ignore RULE" comment covers the line it ends, or, on a
// line of its own, the next line (lint.IgnoreComments); and a comment
// that starts with a letter or digit right after its '#' ("#MakeoverMonday
// challenges") makes the cut-text rule warn when it follows a plain text
// value on its line; and "[]#guidelint:ignore", which the linter does not
// read as a directive (no white space before the '#'), would become one
// once yaml.v3 writes it. Formatting must not change what the linter reports:
// after formatting, each such comment must be beside, or cover, the same
// nodes as before (a block mapping counts as on the line of its first
// entry, where the linter reports a missing key), or stay on a line of
// its own. Comments move with the entries they are written above or
// beside; when that is not enough (a flow list that would go block style,
// a mapping whose first entry changes), the nodes such a comment covers
// are pinned: a pinned flow collection stays flow, and a mapping with a
// pinned entry keeps its order.

// anchored is a comment whose place matters to the linter.
type anchored struct {
	line, col int
	text      string
	target    int  // the line whose nodes it covers or is beside; 0 for none
	ignore    bool // a guidelint:ignore comment (else a hashtag-like one)
	own       bool // a hashtag-like comment on a line of its own
	inert     bool // spelt like a guidelint:ignore comment, but none
}

// anchoredComments lists the comments of data whose place matters.
func anchoredComments(data []byte) []anchored {
	var out []anchored
	for _, ig := range lint.IgnoreComments(data) {
		out = append(out, anchored{line: ig.Line, col: ig.Col, text: ig.Text, target: ig.Target, ignore: true})
	}
	for _, c := range yamlscan.Comments(data) {
		if strings.Contains(c.Text, "guidelint:") {
			if !c.Spaced && strings.HasPrefix(strings.TrimLeft(c.Text[1:], " \t"), "guidelint:ignore") {
				// "[]#guidelint:ignore": no directive for the linter, which
				// wants white space before the '#'; yaml.v3 writes one.
				out = append(out, anchored{line: c.Line, col: c.Col, text: c.Text, inert: true})
			}
			continue
		}
		if r, _ := utf8.DecodeRuneInString(c.Text[1:]); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		a := anchored{line: c.Line, col: c.Col, text: c.Text, own: c.OwnLine}
		if !c.OwnLine {
			a.target = c.Line
		}
		out = append(out, a)
	}
	return out
}

// refusal is the error for an anchored comment formatting would move,
// at its place in src (the source, which a later pass does not read).
func (a *anchored) refusal(src []byte) error {
	for _, c := range anchoredComments(src) {
		if c.text == a.text && c.ignore == a.ignore && c.inert == a.inert {
			a.line, a.col, a.target = c.line, c.col, c.target
			break
		}
	}
	msg := fmt.Sprintf("cannot format: the comment %q would no longer cover what it covers on line %d; write that value on one line, or that part of the file by hand", a.text, a.target)
	switch {
	case a.inert:
		msg = fmt.Sprintf("cannot format: the comment %q would become a guidelint:ignore comment (formatted, white space comes before the \"#\"); remove it, or put the space there", a.text)
	case !a.ignore:
		msg = fmt.Sprintf("cannot format: formatted, the comment %q would no longer follow the same plain text, which changes what the cut-text rule reports; put a space after the \"#\", or quote the text before it", a.text)
	}
	return guide.ErrorList{{Pos: guide.Pos{Line: a.line, Col: a.col}, Msg: msg}}
}

// pinned returns the nodes of root that start on the lines targets.
func pinned(root *yaml.Node, targets map[int]bool) map[*yaml.Node]bool {
	if len(targets) == 0 {
		return nil
	}
	pins := map[*yaml.Node]bool{}
	walk(root, func(n *yaml.Node) {
		if n.Kind != yaml.DocumentNode && targets[n.Line] {
			pins[n] = true
		}
	})
	return pins
}

// isPlain reports whether n is a plain scalar with neither tag nor
// anchor written before it, as cut-text reads them ("! A #0" is not).
func isPlain(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Anchor == "" &&
		n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle|yaml.TaggedStyle) == 0
}

// bare reports whether the text of n (in lines, split at LF) starts with
// neither a tag nor an anchor, which yaml.v3 may not keep ("! A" reads
// as "A").
func bare(lines [][]byte, n *yaml.Node) bool {
	if n.Line < 1 || n.Line > len(lines) {
		return false
	}
	line := []rune(string(lines[n.Line-1]))
	if n.Column < 1 || n.Column > len(line) {
		return false
	}
	c := line[n.Column-1]
	return c != '!' && c != '&'
}

// walk calls f on n and every node below it.
func walk(n *yaml.Node, f func(*yaml.Node)) {
	f(n)
	for _, c := range n.Content {
		walk(c, f)
	}
}

// moved returns the anchored comments of the source (read as w.root)
// that cover or are beside other nodes in w.out. Comments are matched by
// text and the nodes they cover, as many times as they occur.
func moved(comments []anchored, w *written) []*anchored {
	all := func() []*anchored {
		out := make([]*anchored, len(comments))
		for i := range comments {
			out[i] = &comments[i]
		}
		return out
	}
	if len(comments) == 0 {
		return nil
	}
	var back yaml.Node
	if err := yaml.Unmarshal(w.out, &back); err != nil {
		return all()
	}
	// The ids of the nodes on each line, before (source lines) and after
	// (written lines); collections get negative ids.
	id := map[*yaml.Node]int{}
	before, after := map[int][]int{}, map[int][]int{}
	// The ids of the plain scalars, before and after: cut-text reads only
	// plain text, and yaml.v3 quotes some (a tab in it).
	plainBefore, plainAfter := map[int]bool{}, map[int]bool{}
	srcLines, outLines := bytes.Split(w.src, []byte("\n")), bytes.Split(w.out, []byte("\n"))
	same := true
	var pair func(n, o *yaml.Node)
	pair = func(n, o *yaml.Node) {
		if n.Kind != o.Kind || len(n.Content) != len(o.Content) {
			same = false
			return
		}
		if n.Kind != yaml.DocumentNode {
			id[n] = len(id) + 1
			if isCollection(n) {
				id[n] = -id[n]
			}
			before[n.Line] = append(before[n.Line], id[n])
			after[o.Line] = append(after[o.Line], id[n])
			plainBefore[id[n]] = isPlain(n) && bare(srcLines, n)
			plainAfter[id[n]] = isPlain(o) && bare(outLines, o)
		}
		for i := range n.Content {
			pair(n.Content[i], o.Content[i])
		}
	}
	pair(w.root, &back)
	if !same {
		return all()
	}
	key := func(c anchored, nodes map[int][]int, plain map[int]bool) string {
		var s []int
		for _, n := range nodes[c.target] {
			// cut-text reads the plain scalar before a comment: a
			// collection that starts on the line does not matter.
			switch {
			case c.ignore:
				s = append(s, n)
			case n > 0 && plain[n]:
				s = append(s, -n) // collections are left out: -n is free
			case n > 0:
				s = append(s, n)
			}
		}
		sort.Ints(s)
		return fmt.Sprint(c.ignore, c.own, c.inert, c.text, s)
	}
	have := map[string]int{}
	for _, c := range anchoredComments(w.out) {
		have[key(c, after, plainAfter)]++
	}
	var out []*anchored
	for i, c := range comments {
		k := key(c, before, plainBefore)
		if have[k] == 0 {
			out = append(out, &comments[i])
			continue
		}
		have[k]--
	}
	return out
}

// rescueComments puts back into root the comments of src that yaml.v3
// dropped while reading it (after the "[" of a flow list spread over
// lines, after an anchor or tag whose collection starts on the next line,
// on or before a "..." line): each goes above the first entry (mapping key
// or list item) that starts below it, or, with none, below the document.
func rescueComments(src []byte, root *yaml.Node) {
	kept := map[string]int{}
	walk(root, func(n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			for _, line := range strings.Split(c, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					kept[line]++
				}
			}
		}
	})
	var lost []yamlscan.Comment
	for _, c := range yamlscan.Comments(src) {
		if kept[c.Text] > 0 {
			kept[c.Text]--
			continue
		}
		lost = append(lost, c)
	}
	if len(lost) == 0 {
		return
	}
	// The entries in the order of their lines.
	var entries []*yaml.Node
	var collect func(n *yaml.Node)
	collect = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				entries = append(entries, n.Content[i])
			}
		case yaml.SequenceNode:
			entries = append(entries, n.Content...)
		}
		for _, c := range n.Content {
			collect(c)
		}
	}
	collect(root)
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
	})
	for i := len(lost) - 1; i >= 0; i-- { // backwards: joined above, they keep their order
		c := lost[i]
		j := sort.Search(len(entries), func(j int) bool { return entries[j].Line > c.Line })
		if j < len(entries) {
			entries[j].HeadComment = joinComments(c.Text, entries[j].HeadComment)
		} else if root.Kind == yaml.DocumentNode {
			root.FootComment = joinComments(c.Text, root.FootComment)
		}
	}
}
