package format

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/skillguides/guidelint/internal/yamlscan"
	yaml "go.yaml.in/yaml/v3"
)

// yaml.v3 drops blank lines, which writers use to separate the sections
// of a guide. They are put back by position: before reordering, the key
// and item nodes that a blank line separates from what precedes them are
// marked; after writing, the written text is parsed again, walked in step
// with the reordered tree, and a blank line goes above each marked node
// (above the comments written over it).

// markBlankLines marks the mapping keys and list items of n, other than
// the first of their collection, that the source separates from the
// previous entry by a blank line.
//
// comments holds the 1-based numbers of the lines that are comments
// (yamlscan.CommentLines): a line of a block scalar that starts with '#'
// is text, and must not hide the blank line above it.
func markBlankLines(lines [][]byte, comments map[int]bool, n *yaml.Node, marks map[*yaml.Node]bool) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 2; i < len(n.Content); i += 2 {
			if blankAbove(lines, comments, n.Content[i].Line) {
				marks[n.Content[i]] = true
			}
		}
	case yaml.SequenceNode:
		for i := 1; i < len(n.Content); i++ {
			if blankAbove(lines, comments, n.Content[i].Line) {
				marks[n.Content[i]] = true
			}
		}
	}
	for _, c := range n.Content {
		markBlankLines(lines, comments, c, marks)
	}
}

// blankAbove reports whether the first line above the 1-based line that is
// not a comment is blank.
func blankAbove(lines [][]byte, comments map[int]bool, line int) bool {
	j := commentBlockStart(lines, comments, line-1) - 1
	return j >= 0 && len(bytes.TrimSpace(lines[j])) == 0
}

// commentBlockStart returns the 0-based index of the first line of the
// run of comment lines that ends just above the 0-based line i (i itself
// when there is none).
func commentBlockStart(lines [][]byte, comments map[int]bool, i int) int {
	if i > len(lines) {
		i = len(lines)
	}
	for i > 0 && comments[i] { // line i-1, 0-based
		i--
	}
	return i
}

// restoreBlankLines inserts a blank line above each marked node of the
// written document out, whose tree is root.
func restoreBlankLines(out []byte, root *yaml.Node, marks map[*yaml.Node]bool) ([]byte, error) {
	var written yaml.Node
	if err := yaml.Unmarshal(out, &written); err != nil {
		return nil, err
	}
	lines := splitLines(out)
	comments := yamlscan.CommentLines(out)
	insert := map[int]bool{} // 0-based line indexes to put a blank line above
	var walk func(n, w *yaml.Node) error
	walk = func(n, w *yaml.Node) error {
		if len(n.Content) != len(w.Content) || n.Kind != w.Kind {
			return fmt.Errorf("written tree differs from the formatted one at line %d", w.Line)
		}
		for i, c := range n.Content {
			if marks[c] {
				j := commentBlockStart(lines, comments, w.Content[i].Line-1)
				if j > 0 && len(bytes.TrimSpace(lines[j-1])) > 0 {
					insert[j] = true
				}
			}
			if err := walk(c, w.Content[i]); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root, &written); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(len(out) + len(insert))
	for i, l := range lines {
		if insert[i] {
			buf.WriteByte('\n')
		}
		buf.Write(l)
		buf.WriteByte('\n')
	}
	return buf.Bytes(), nil
}

// dropFoldedBlankLines removes the blank line yaml.v3 writes after the
// last line of a folded (>) block scalar that ends in a single newline.
// The emitter means that extra line break to separate two lines of the
// value, but by a slip also writes it before the final newline; with clip
// chomping (">") trailing blank lines are not part of the value, so the
// line is only noise. (Folded scalars with keep chomping (">+"), where it
// would change the value, are written as literal scalars instead; see
// canonicalize.)
func dropFoldedBlankLines(out []byte) ([]byte, error) {
	var written yaml.Node
	if err := yaml.Unmarshal(out, &written); err != nil {
		return nil, err
	}
	var starts []int // 0-based lines of the folded scalars' indicators
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.Style&yaml.FoldedStyle != 0 && clipChomped(n.Value) {
			starts = append(starts, n.Line-1)
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&written)
	if len(starts) == 0 {
		return out, nil
	}
	lines := splitLines(out)
	drop := map[int]bool{}
	for _, s := range starts {
		// The scalar's lines are those after the indicator that are blank
		// or indented at least as much as its first non-blank line.
		first := s + 1
		for first < len(lines) && len(bytes.TrimSpace(lines[first])) == 0 {
			first++
		}
		if first >= len(lines) {
			continue
		}
		indent := len(lines[first]) - len(bytes.TrimLeft(lines[first], " "))
		if indent == 0 {
			continue
		}
		end := first
		for end < len(lines) && (len(bytes.TrimSpace(lines[end])) == 0 || len(lines[end])-len(bytes.TrimLeft(lines[end], " ")) >= indent) {
			end++
		}
		if end-1 > first && len(bytes.TrimSpace(lines[end-1])) == 0 {
			drop[end-1] = true
		}
	}
	var buf bytes.Buffer
	buf.Grow(len(out))
	for i, l := range lines {
		if !drop[i] {
			buf.Write(l)
			buf.WriteByte('\n')
		}
	}
	return buf.Bytes(), nil
}

// clipChomped reports whether a block scalar's value ends in exactly one
// newline, the case of clip chomping.
func clipChomped(v string) bool {
	return strings.HasSuffix(v, "\n") && !strings.HasSuffix(v, "\n\n")
}
