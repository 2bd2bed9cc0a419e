// Package format rewrites skill guides in canonical form, the way gofmt
// rewrites Go: keys in the canonical order of the SkillGuide v1 format
// (SPEC §1) at every level, two-space indentation, block style, comments
// kept with the values they describe.
//
// YAML is formatted on the yaml.v3 node tree, so comments, quoting styles,
// anchors, aliases, tags and block scalars survive. Unknown keys are kept,
// after the known ones, in their original order (a "<<" merge key goes
// first). Long strings are never folded: yaml.v3 writes with an unlimited
// line width unless told otherwise. Flow collections become block ones,
// except empty ones, which stay [] and {}. A blank line that separates two
// entries in the source separates them in the result too (runs of blank
// lines become one). Comments move with the entry they are written above
// or beside; comments at the very top of the file stay at the top, and
// comments below the last entry of a block stay below it.
//
// What changes besides order and layout, because yaml.v3 keeps no trace
// of it: a folded (>) scalar is written with one line per paragraph, not
// wrapped where the source wrapped it, and a folded scalar with keep
// chomping (>+) is written as a literal one (|+), which yaml.v3 can write
// without changing its value, as is any block scalar that yaml.v3 cannot
// write back in its own style (a folded one with more-indented lines),
// double-quoted if even literal style would not do; a document start marker (---), a byte order
// mark and CRLF line endings are dropped. When an alias would come before
// its anchor after reordering, the anchor moves to the first occurrence.
//
// JSON guides are rewritten as canonical JSON: two-space indentation, keys
// in canonical order (unknown keys last, in their order), [] and {} for
// empty collections, numbers spelled as in the source, strings escaped by
// encoding/json without HTML escaping.
//
// Characters outside the Basic Multilingual Plane (emoji, rare
// ideographs), which yaml.v3 would write as \U escapes, are written as they
// are, in the scalar's own style.
//
// Formatting is idempotent (formatting formatted text changes nothing) and
// lossless: [Source] checks that its result decodes to the same value as
// its input, holds every comment of it (found in the text, not by yaml.v3,
// which drops some), and that every "# guidelint:ignore" comment covers
// the same nodes, so that linting the result finds what linting the input
// found; it returns an error naming the comment rather than a result that
// would not. To keep such a comment on what it covers, a flow collection it
// covers stays flow and the mapping holding its line keeps its order.
package format

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/yamlscan"
	"github.com/skillguides/guidelint/schema"
	yaml "go.yaml.in/yaml/v3"
)

// Source returns the canonical form of the guide in src. The name picks
// the syntax as [guide.Parse] does (.json is JSON, .yaml and .yml YAML,
// anything else by content); the result has the same syntax as the input.
//
// A document that does not parse cleanly (a syntax error, a duplicate key,
// more than one document) is not formatted: the error is the
// [guide.ErrorList] from guide.Parse, with positions. A document that
// yaml.v3 cannot write back without losing a comment gives a
// [guide.ErrorList] naming the comment.
func Source(name string, src []byte) ([]byte, error) {
	doc, err := guide.Parse(name, src)
	if err != nil {
		return nil, err
	}
	if doc.Format == guide.JSON {
		return formatJSON(doc)
	}
	return formatYAML(doc)
}

// maxPasses bounds the passes formatYAML makes to reach a fixed point.
const maxPasses = 5

// formatYAML formats a YAML document. yaml.v3 does not always attach a
// comment to the same node when it reads back what it wrote (a comment
// after a nested null value, say), so one pass is not always idempotent;
// passes are repeated until the text no longer changes, which makes
// formatting formatted text a no-op.
//
// The comments a result must hold are counted in the source text by
// yamlscan, not by yaml.v3, which drops some while parsing (after the "["
// of a flow list, after an anchor whose collection starts on the next
// line, on a "..." line): those are put back above the next entry, and a
// comment that still cannot be placed makes formatting fail with its
// position rather than disappear.
func formatYAML(doc *guide.Document) ([]byte, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(doc.Data, &root); err != nil {
		// guide.Parse accepted it, so this cannot happen; say what did.
		return nil, fmt.Errorf("yaml.v3 cannot re-read the document: %v", err)
	}
	want := yamlscan.Comments(doc.Data)
	cur := doc.Data
	parsed := &root // the first pass formats the tree just read
	for i := 0; i < maxPasses; i++ {
		out, err := formatPass(doc, cur, parsed, want)
		parsed = nil
		if err != nil {
			return nil, err
		}
		if bytes.Equal(out, cur) {
			return out, nil
		}
		cur = out
	}
	return nil, fmt.Errorf("formatting does not settle after %d passes (a bug in guidelint)", maxPasses)
}

// formatPass formats the YAML text data once, and checks that the result
// still has the value of doc, the comments want, and that every comment
// whose place the linter reads (see anchored) is where it was. root is
// data already read, or nil. When such comments would move, the pass is
// made again keeping the nodes beside them as they are (flow collections
// stay flow, their mapping keeps its order), until none moves; when that
// does not settle, formatting fails naming the comment where doc has it.
func formatPass(doc *guide.Document, data []byte, root *yaml.Node, want []yamlscan.Comment) ([]byte, error) {
	comments := anchoredComments(data)
	keep := map[int]bool{} // lines whose nodes stay in place
	var first *anchored    // the first comment that moved
	for attempt := 0; attempt < maxPasses; attempt++ {
		out, w, err := formatTree(doc, data, root, want, keep, comments)
		root = nil // a later attempt starts from a fresh tree
		if err != nil {
			if first == nil {
				return nil, err
			}
			// yaml.v3 cannot write some trees kept in flow style (a
			// null value of a flow mapping comes back as ''): the
			// comment that called for it is the reason.
			break
		}
		ms := moved(comments, w)
		if len(ms) == 0 {
			return out, nil
		}
		if first == nil {
			first = ms[0]
		}
		grew := false
		for _, m := range ms {
			if m.target > 0 && !keep[m.target] {
				keep[m.target], grew = true, true
			}
		}
		if !grew {
			break
		}
	}
	return nil, first.refusal(doc.Data)
}

// written is a formatted text with the tree it was written from.
type written struct {
	root *yaml.Node // the tree formatted, with the source's positions
	out  []byte
	src  []byte // the text root was read from
}

// formatTree formats the YAML text data (already read as root, or nil)
// once. The nodes on the lines keep (of data) are kept in place (see
// canonicalize).
func formatTree(doc *guide.Document, data []byte, root *yaml.Node, want []yamlscan.Comment, keep map[int]bool, comments []anchored) ([]byte, *written, error) {
	if root == nil {
		root = new(yaml.Node)
		if err := yaml.Unmarshal(data, root); err != nil {
			return nil, nil, fmt.Errorf("yaml.v3 cannot re-read the document: %v", err)
		}
	}
	pins := pinned(root, keep)
	rescueComments(data, root)
	blank := map[*yaml.Node]bool{}
	markBlankLines(splitLines(data), yamlscan.CommentLines(data), root, blank)

	wide := hideWide(root, data)
	uniqueAnchors(root)
	canonicalize(root, schema.Lookup(""), pins)
	anchorsFirst(root)
	plain, err := encode(root)
	if err != nil {
		return nil, nil, err
	}
	plain = wide.restore(plain)
	plainChecked := false // check(plain) passed: no need to run it again
	if tidy, err := dropFoldedBlankLines(plain); err == nil && check(doc, tidy, want) == nil {
		plain, plainChecked = tidy, true
	}

	// Put the blank lines back; if that ever changed the document (a
	// block scalar line that looks like a comment), do without them.
	out := plain
	if len(blank) > 0 {
		if spaced, err := restoreBlankLines(plain, root, blank); err == nil {
			out = spaced
		}
	}
	if plainChecked && bytes.Equal(out, plain) {
		return out, &written{root, out, data}, nil
	}
	if err := check(doc, out, want); err != nil {
		if bytes.Equal(out, plain) {
			out, err = quoteKept(doc, root, wide, want, err)
			return out, &written{root, out, data}, err
		}
		if err := check(doc, plain, want); err != nil {
			out, err = quoteKept(doc, root, wide, want, err)
			return out, &written{root, out, data}, err
		}
		out = plain
	}
	return out, &written{root, out, data}, nil
}

// quoteKept is formatPass's last resort when the result lost the value:
// a block scalar that keeps trailing blank lines ("|+") followed by a
// comment gets the comment's line among its kept ones when yaml.v3 writes
// it back (FuzzFormat: "0: >+\n \n\n#00", "0: >+\n \n#0", whose value is
// one newline). Written in double quotes,
// such scalars keep the value and the comment. err is the first check's,
// returned when this does not help.
func quoteKept(doc *guide.Document, root *yaml.Node, wide *stand, want []yamlscan.Comment, err error) ([]byte, error) {
	changed := false
	var rec func(n *yaml.Node)
	rec = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.Style&(yaml.FoldedStyle|yaml.LiteralStyle) != 0 && (strings.HasSuffix(n.Value, "\n\n") || strings.Trim(n.Value, "\n") == "") {
			n.Style = n.Style&^(yaml.FoldedStyle|yaml.LiteralStyle) | yaml.DoubleQuotedStyle
			changed = true
		}
		for _, c := range n.Content {
			rec(c)
		}
	}
	rec(root)
	if !changed {
		return nil, err
	}
	out, e := encode(root)
	if e != nil {
		return nil, err
	}
	out = wide.restore(out)
	if check(doc, out, want) != nil {
		return nil, err
	}
	return out, nil
}

// encode writes a node tree as YAML with two-space indentation. yaml.v3
// does not fold long lines unless told to (its line width is unlimited by
// default), so long strings stay on one line.
func encode(root *yaml.Node) (out []byte, err error) {
	defer func() {
		// yaml.v3's emitter panics on trees it cannot write.
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("yaml.v3 cannot write the formatted document: %v", p)
		}
	}()
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// check makes sure out decodes to the same value as doc and holds the
// comments want (counted in the text by yamlscan).
func check(doc *guide.Document, out []byte, want []yamlscan.Comment) error {
	got, err := guide.Parse(doc.Name, out)
	if err != nil {
		return fmt.Errorf("formatted document does not parse (a bug in guidelint): %v", err)
	}
	if !reflect.DeepEqual(got.Value(), doc.Value()) {
		return errors.New("formatting would change the document's value (a bug in guidelint)")
	}
	if lost := missingComment(want, yamlscan.Comments(out)); lost != nil {
		return guide.ErrorList{{Pos: guide.Pos{Line: lost.Line, Col: lost.Col}, Msg: fmt.Sprintf("cannot format: the comment %q would be lost (yaml.v3 cannot write a comment there); move it to a line of its own above the value it describes", lost.Text)}}
	}
	return nil
}

// canonicalize sorts the keys of every mapping into canonical order and
// turns flow collections into block ones, recursively. shape is the shape
// of n, nil for places the format does not define, which keep their
// order. Pinned nodes (covered by a guidelint:ignore comment) stay where
// they are: a pinned flow collection keeps its style and all it holds,
// and a mapping with a pinned entry keeps its order.
func canonicalize(n *yaml.Node, shape *schema.Shape, pins map[*yaml.Node]bool) {
	if keepsFlow(n, pins) {
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Style&yaml.FoldedStyle != 0 && strings.HasSuffix(n.Value, "\n\n") {
			// yaml.v3 writes one newline too many at the end of a folded
			// scalar; with keep chomping (">+") that would change the
			// value, so such a scalar is written literally ("|+").
			n.Style = n.Style&^yaml.FoldedStyle | yaml.LiteralStyle
		}
		if n.Style&(yaml.FoldedStyle|yaml.LiteralStyle) != 0 && !blockScalarRoundTrips(n) {
			// Nor does yaml.v3 write every block scalar back as it read
			// it (a folded one with more-indented lines, say): then
			// literal style, or else double quotes, keep the value.
			n.Style = n.Style&^yaml.FoldedStyle | yaml.LiteralStyle
			if !blockScalarRoundTrips(n) {
				n.Style = n.Style&^yaml.LiteralStyle | yaml.DoubleQuotedStyle
			}
		}
		return
	case yaml.DocumentNode:
		for _, c := range n.Content {
			canonicalize(c, shape, pins)
		}
		return
	case yaml.SequenceNode:
		blockStyle(n)
		for _, item := range n.Content {
			if isCollection(item) && item.LineComment != "" && !keepsFlow(item, pins) {
				// "- [a, b] # c" has nowhere to keep the comment once the
				// list is in block style: yaml.v3 would drop it or write it
				// after the next item. Put it above the item.
				item.HeadComment = joinComments(item.HeadComment, item.LineComment)
				item.LineComment = ""
			}
			canonicalize(item, shape.Item(), pins)
		}
	case yaml.MappingNode:
		blockStyle(n)
		if !pinsEntry(n, pins) {
			sortKeys(n, shape)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Value == "" && k.Anchor != "" && k.ShortTag() == "!!null" {
				// yaml.v3 writes an empty key as '', a string, so an
				// alias of this null key would read back as "". Say
				// !!null.
				k.Tag, k.Style = "!!null", k.Style|yaml.TaggedStyle
			}
			if isCollection(v) && v.LineComment != "" && len(v.Content) > 0 && !keepsFlow(v, pins) {
				// "key: [a, b] # c": in block style the comment belongs
				// after "key:"; left on the list, yaml.v3 writes it after
				// the next key or drops it.
				if k.LineComment == "" {
					k.LineComment = v.LineComment
				} else {
					v.HeadComment = joinComments(v.LineComment, v.HeadComment)
				}
				v.LineComment = ""
			}
			if k.LineComment != "" && v.Kind == yaml.AliasNode && v.LineComment == "" {
				// yaml.v3 writes the line comment of a key whose value
				// is an alias after the next key, where it may come
				// before that key's tag ("2: #\n!t"), which does not
				// parse (FuzzFormat). On the alias it stays on its line.
				v.LineComment, k.LineComment = k.LineComment, ""
			}
			if k.LineComment != "" && isCollection(v) && len(v.Content) > 0 && (v.Anchor != "" || v.Style&yaml.TaggedStyle != 0) {
				// yaml.v3 writes "key: # c" and then the anchor or tag
				// of a block collection at the start of the next line,
				// where it no longer belongs to the value. The comment
				// goes above the collection's first entry instead.
				v.HeadComment = joinComments(k.LineComment, v.HeadComment)
				k.LineComment = ""
			}
			canonicalize(v, shape.Field(keyName(k)), pins)
		}
	}
}

// blockScalarRoundTrips reports whether yaml.v3 writes the block scalar n
// in a way that reads back as the same string.
func blockScalarRoundTrips(n *yaml.Node) bool {
	value := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: n.Style &^ yaml.TaggedStyle, Value: n.Value}
	probe := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "k"}, value}}
	out, err := encode(probe)
	if err != nil {
		return false
	}
	var back map[string]any
	if err := yaml.Unmarshal(out, &back); err != nil {
		return false
	}
	s, ok := back["k"].(string)
	return ok && s == n.Value
}

// keepsFlow reports whether n is a pinned flow collection.
func keepsFlow(n *yaml.Node, pins map[*yaml.Node]bool) bool {
	return pins[n] && isCollection(n) && n.Style&yaml.FlowStyle != 0
}

// pinsEntry reports whether a mapping has a pinned key or value.
func pinsEntry(n *yaml.Node, pins map[*yaml.Node]bool) bool {
	for _, c := range n.Content {
		if pins[c] {
			return true
		}
	}
	return false
}

func isCollection(n *yaml.Node) bool {
	return n.Kind == yaml.SequenceNode || n.Kind == yaml.MappingNode
}

// blockStyle writes a non-empty collection in block style and an empty one
// as [] or {}.
func blockStyle(n *yaml.Node) {
	if len(n.Content) == 0 {
		n.Style |= yaml.FlowStyle
	} else {
		n.Style &^= yaml.FlowStyle
	}
}

func joinComments(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}

// keyName is the text of a mapping key, through an alias.
func keyName(k *yaml.Node) string {
	if k.Kind == yaml.AliasNode && k.Alias != nil {
		k = k.Alias
	}
	return k.Value
}

// sortKeys puts the entries of a mapping of the given shape in canonical
// order: known keys first, in the order of the format, then the others in
// their original order. The sort is stable, so it changes nothing for
// shapes the format does not define.
func sortKeys(n *yaml.Node, shape *schema.Shape) {
	if shape.NumKeys() == 0 || len(n.Content) < 4 {
		return
	}
	type entry struct {
		k, v *yaml.Node
		rank int
	}
	entries := make([]entry, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		r := canonicalRank(shape, keyName(k))
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			r = -1 // "<<: *base" reads best first; explicit keys win wherever they are
		}
		entries = append(entries, entry{n.Content[i], n.Content[i+1], r})
	}
	if sort.SliceIsSorted(entries, func(i, j int) bool { return entries[i].rank < entries[j].rank }) {
		return
	}
	// Comments move with the key they are written above, except at the
	// top of the file: a header there (a yaml-language-server modeline, a
	// licence) describes the file, not its first key, and stays first.
	// Likewise the comments below the last entry (yaml.v3 gives them to
	// its key) close the block and stay last.
	var head string
	if shape.Path() == "" {
		head, entries[0].k.HeadComment = entries[0].k.HeadComment, ""
	}
	last := entries[len(entries)-1].k
	foot := last.FootComment
	last.FootComment = ""
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].rank < entries[j].rank })
	entries[0].k.HeadComment = joinComments(head, entries[0].k.HeadComment)
	last = entries[len(entries)-1].k
	last.FootComment = joinComments(last.FootComment, foot)
	n.Content = n.Content[:0]
	for _, e := range entries {
		n.Content = append(n.Content, e.k, e.v)
	}
}

// uniqueAnchors renames anchors that reuse an earlier anchor's name
// (YAML allows it: an alias means the latest one before it), so that
// reordering keys cannot make an alias mean another value. Aliases follow
// their node's new name.
func uniqueAnchors(root *yaml.Node) {
	used := map[string]bool{}
	renamed := false
	var name func(n *yaml.Node)
	name = func(n *yaml.Node) {
		if n.Kind != yaml.AliasNode && n.Anchor != "" {
			if used[n.Anchor] {
				base := n.Anchor
				for i := 2; used[n.Anchor]; i++ {
					n.Anchor = fmt.Sprintf("%s_%d", base, i)
				}
				renamed = true
			}
			used[n.Anchor] = true
		}
		for _, c := range n.Content {
			name(c)
		}
	}
	name(root)
	if !renamed {
		return
	}
	var follow func(n *yaml.Node)
	follow = func(n *yaml.Node) {
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			n.Value = n.Alias.Anchor
		}
		for _, c := range n.Content {
			follow(c)
		}
	}
	follow(root)
}

// anchorsFirst makes sure that after reordering every alias still comes
// after its anchor, as YAML requires: when an alias now comes first, it
// takes the anchored value and the old anchor becomes the alias. Comments
// stay where they were.
func anchorsFirst(root *yaml.Node) {
	seen := map[*yaml.Node]bool{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.AliasNode {
			a := n.Alias
			if a == nil || seen[a] {
				return
			}
			full, alias := *a, yaml.Node{Kind: yaml.AliasNode, Value: a.Anchor, Alias: n}
			full.HeadComment, full.LineComment, full.FootComment = n.HeadComment, n.LineComment, n.FootComment
			alias.HeadComment, alias.LineComment, alias.FootComment = a.HeadComment, a.LineComment, a.FootComment
			full.Line, full.Column, alias.Line, alias.Column = n.Line, n.Column, a.Line, a.Column
			*n, *a = full, alias
			retarget(root, a, n)
		}
		if n.Anchor != "" {
			seen[n] = true
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(root)
}

// retarget points every alias of from at to instead.
func retarget(n, from, to *yaml.Node) {
	if n.Kind == yaml.AliasNode && n.Alias == from && n != from {
		n.Alias = to
	}
	for _, c := range n.Content {
		retarget(c, from, to)
	}
}

// missingComment returns a comment of want that got lacks (comments
// are compared by text, as many times as they occur), or nil.
func missingComment(want, got []yamlscan.Comment) *yamlscan.Comment {
	have := make(map[string]int, len(got))
	for _, c := range got {
		have[c.Text]++
	}
	for i := range want {
		if have[want[i].Text] == 0 {
			return &want[i]
		}
		have[want[i].Text]--
	}
	return nil
}

// splitLines splits text into lines without their line endings.
func splitLines(b []byte) [][]byte {
	lines := bytes.Split(b, []byte("\n"))
	if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		lines[i] = bytes.TrimSuffix(l, []byte("\r"))
	}
	return lines
}
