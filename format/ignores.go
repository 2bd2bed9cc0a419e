package format

import (
	"fmt"
	"sort"
	"strings"

	"github.com/skillguides/guidelint/internal/yamlscan"
	"github.com/skillguides/guidelint/lint"
	yaml "go.yaml.in/yaml/v3"
)

// A "# guidelint:ignore RULE" comment covers the line it ends, or, on a
// line of its own, the next line (lint.IgnoreComments). Formatting must
// not change what it suppresses: after formatting, each such comment must
// cover the same nodes as before (a block mapping counts as on the line
// of its first entry, where the linter reports a missing key). Comments
// move with the entries they are written above or beside; when that is
// not enough (a flow list that would go block style, a mapping whose
// first entry changes), the nodes a comment covers are pinned: a pinned
// flow collection stays flow, and a mapping with a pinned entry keeps its
// order.

// pinned returns the nodes of root that start on a line an ignore
// comment covers.
func pinned(root *yaml.Node, ignores []lint.IgnoreComment) map[*yaml.Node]bool {
	targets := map[int]bool{}
	for _, ig := range ignores {
		if ig.Target > 0 {
			targets[ig.Target] = true
		}
	}
	pins := map[*yaml.Node]bool{}
	walk(root, func(n *yaml.Node) {
		if n.Kind != yaml.DocumentNode && targets[n.Line] {
			pins[n] = true
		}
	})
	return pins
}

// walk calls f on n and every node below it.
func walk(n *yaml.Node, f func(*yaml.Node)) {
	f(n)
	for _, c := range n.Content {
		walk(c, f)
	}
}

// ignoreMoved returns an ignore comment of the source (read as w.root)
// that covers other nodes in w.out, or nil. Comments are matched by text
// and the nodes they cover, as many times as they occur.
func ignoreMoved(ignores []lint.IgnoreComment, w *written) *lint.IgnoreComment {
	if len(ignores) == 0 {
		return nil
	}
	var back yaml.Node
	if err := yaml.Unmarshal(w.out, &back); err != nil {
		return &ignores[0]
	}
	id := map[*yaml.Node]int{}
	before := map[int][]int{} // source line: ids of the nodes on it
	after := map[int][]int{}  // written line: ids of the nodes on it
	same := true
	var pair func(n, o *yaml.Node)
	pair = func(n, o *yaml.Node) {
		if n.Kind != o.Kind || len(n.Content) != len(o.Content) {
			same = false
			return
		}
		if n.Kind != yaml.DocumentNode {
			id[n] = len(id) + 1
			before[n.Line] = append(before[n.Line], id[n])
			after[o.Line] = append(after[o.Line], id[n])
		}
		for i := range n.Content {
			pair(n.Content[i], o.Content[i])
		}
	}
	pair(w.root, &back)
	if !same {
		return &ignores[0]
	}
	key := func(text string, ids []int) string {
		s := append([]int(nil), ids...)
		sort.Ints(s)
		return fmt.Sprint(text, s)
	}
	have := map[string]int{}
	for _, ig := range lint.IgnoreComments(w.out) {
		have[key(ig.Text, after[ig.Target])]++
	}
	for i, ig := range ignores {
		k := key(ig.Text, before[ig.Target])
		if have[k] == 0 {
			return &ignores[i]
		}
		have[k]--
	}
	return nil
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
