package lint

import (
	"math"
	"strconv"
	"strings"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/schema"
)

// Helpers shared by the semantic rules (rule_*.go).

// itemToken stands for "any element of a list" in the paths that walk
// hands to its visitor.
const itemToken = "[]"

// visitor is called by walk for each value of a document: n is the value,
// path the keys leading to it with itemToken for each list element, and f
// the mapping entry holding n (nil for list elements and the root). path is
// reused between calls: copy it to keep it.
type visitor func(n *guide.Node, path []string, f *guide.Field)

// walk calls visit for every value below root, in document order. YAML
// aliases make the tree a DAG: visit sees each place a shared value appears,
// but walk descends into a shared mapping or list only once, so the work is
// bounded by the parser's node limit.
func walk(pass *Pass, visit visitor) { walkTree(pass, visit, false) }

// walkContainers is walk for rules about mappings and lists: it calls visit
// only for those, sparing a call for each of the many strings and numbers.
func walkContainers(pass *Pass, visit visitor) { walkTree(pass, visit, true) }

func isContainer(n *guide.Node) bool {
	return n != nil && (n.Kind == guide.KindMapping || n.Kind == guide.KindSequence)
}

func walkTree(pass *Pass, visit visitor, containersOnly bool) {
	root := pass.Guide.Node
	seen := newOnceSet(pass.Doc)
	var rec func(n *guide.Node, path []string, f *guide.Field)
	rec = func(n *guide.Node, path []string, f *guide.Field) {
		if n == nil {
			return
		}
		if !isContainer(n) {
			if !containersOnly {
				visit(n, path, f)
			}
			return
		}
		visit(n, path, f)
		if !seen.first(n) {
			return
		}
		if n.Kind == guide.KindMapping {
			for i := range n.Fields {
				fld := &n.Fields[i]
				if containersOnly && !isContainer(fld.Value) {
					continue
				}
				rec(fld.Value, append(path, fld.Key), fld)
			}
			return
		}
		for _, it := range n.Items {
			if containersOnly && !isContainer(it) {
				continue
			}
			rec(it, append(path, itemToken), nil)
		}
	}
	rec(root, make([]string, 0, 8), nil)
}

// shapeOf renders a walk path as a pattern of the format's structure:
// keys joined by dots, "[]" after a list ("levels[].capabilities").
func shapeOf(path []string) string { return string(appendShape(nil, path)) }

// appendShape appends shapeOf(path) to dst, for callers that look shapes
// up once per list and can reuse one buffer.
func appendShape(dst []byte, path []string) []byte {
	start := len(dst)
	for _, p := range path {
		if p == itemToken {
			dst = append(dst, itemToken...)
			continue
		}
		if len(dst) > start {
			dst = append(dst, '.')
		}
		dst = append(dst, p...)
	}
	return dst
}

// dotted renders a walk path for a message: the keys joined by dots, list
// indexes left out ("levels.capabilities"); the diagnostic's line says
// which element.
func dotted(path []string) string {
	var b strings.Builder
	for _, p := range path {
		if p == itemToken {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// quizOptionsShape is where quiz options live; quiz-options and the
// schema's minItems cover them, so duplicate and empty-section leave them
// alone.
const quizOptionsShape = "assessment.quiz[].options"

// formatNumber writes a number for a message the way a writer would: no
// trailing zeros, no float noise (33.33+33.33+33.34 is 100, not
// 100.00000000000001).
func formatNumber(v float64) string {
	r := math.Round(v*1e6) / 1e6
	if math.IsInf(r, 0) || math.IsNaN(r) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// sameNumber reports whether two sums of decimal numbers are equal, allowing
// for float rounding.
func sameNumber(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// sumOf sums the number num gives for each item of l. ok is false when
// the list is absent, empty or holds an item of the wrong type (the
// schema or empty-section says so), or when an item has no number (the
// schema says so): a sum of part of the list would mislead.
func sumOf[T any](l guide.List[T], num func(T) *guide.Number) (sum float64, ok bool) {
	if len(l.Items) == 0 || !l.Complete() {
		return 0, false
	}
	for _, it := range l.Items {
		n := num(it)
		if n == nil {
			return 0, false
		}
		sum += n.Value
	}
	return sum, true
}

// blank reports whether s is missing or blank, which the schema reports.
func blank(s *guide.String) bool { return s == nil || schema.Blank(s.Value) }

// firstAt describes where the first of two equal entries is, for a
// duplicate's message: "(first at line 12)", with the column when both
// are on one line, and the first's spelling when it differs. When the
// two differ only in Unicode normalization, which no reader can see, it
// says so.
func firstAt(first, second *guide.Node) string {
	s := "(first at line " + strconv.Itoa(first.Pos.Line)
	if first.Pos.Line == second.Pos.Line {
		s += ", column " + strconv.Itoa(first.Pos.Col)
	}
	if first.Text != second.Text {
		s += " as " + quote(first.Text)
	}
	s += ")"
	if normOnly(first.Text, second.Text) {
		s += "; it " + normHint
	}
	return s
}

// onceSet remembers the nodes already handled. Only YAML aliases and merge
// keys make a node appear twice, so for other documents it is nil and
// remembers nothing, sparing a map per walk.
type onceSet map[*guide.Node]bool

func newOnceSet(doc *guide.Document) onceSet {
	if doc != nil && doc.Shared {
		return onceSet{}
	}
	return nil
}

// first reports whether n is met for the first time.
func (s onceSet) first(n *guide.Node) bool {
	if s == nil {
		return true
	}
	if s[n] {
		return false
	}
	s[n] = true
	return true
}

// A step is one move from a container to a value inside it: a key of a
// mapping, or an index of a list.
type step struct {
	parent *guide.Node
	key    string // for a mapping
	index  int    // for a list
}

// pathTo finds target below root and returns the steps leading to it (in
// document order, the first place it appears), or false. It costs a walk
// of the tree, so rules call it only for a finding, which is rare.
func pathTo(root, target *guide.Node) ([]step, bool) {
	var steps []step
	seen := map[*guide.Node]bool{} // aliases share nodes: visit each once
	var rec func(n *guide.Node) bool
	rec = func(n *guide.Node) bool {
		if n == nil {
			return false
		}
		if n == target {
			return true
		}
		if !isContainer(n) || seen[n] {
			return false
		}
		seen[n] = true
		for i := range n.Fields {
			steps = append(steps, step{parent: n, key: n.Fields[i].Key})
			if rec(n.Fields[i].Value) {
				return true
			}
			steps = steps[:len(steps)-1]
		}
		for i, it := range n.Items {
			steps = append(steps, step{parent: n, index: i})
			if rec(it) {
				return true
			}
			steps = steps[:len(steps)-1]
		}
		return false
	}
	return steps, rec(root)
}

// pointerOf renders steps as a JSON pointer, for fixes.
func pointerOf(steps []step) string {
	var b strings.Builder
	for _, s := range steps {
		b.WriteByte('/')
		if s.parent.Kind == guide.KindSequence {
			b.WriteString(strconv.Itoa(s.index))
		} else {
			b.WriteString(guide.EscapePointerToken(s.key))
		}
	}
	return b.String()
}

// itemPath names a value for a message so that a writer finds the very
// item: keys joined by dots with list indexes counted from 0
// ("learning_path.phases[2].deliverables[1]"), followed by the title or
// name of the innermost list element that has one (`phase "Ship it"`),
// which is how a writer knows the item on the page.
func itemPath(root, target *guide.Node) string {
	steps, ok := pathTo(root, target)
	if !ok {
		return ""
	}
	var b strings.Builder
	named := ""
	for i, s := range steps {
		if s.parent.Kind == guide.KindSequence {
			b.WriteString("[" + strconv.Itoa(s.index) + "]")
			el := s.parent.Items[s.index]
			if i+1 == len(steps) || el.Kind != guide.KindMapping {
				continue
			}
			for _, k := range []string{"title", "name", "question", "misconception"} {
				if v := el.Get(k); v != nil && v.Kind == guide.KindString && strings.TrimSpace(v.Text) != "" && v != target {
					noun := "item"
					if i > 0 && steps[i-1].parent.Kind == guide.KindMapping {
						noun = singular(steps[i-1].key)
					}
					named = noun + " " + quote(shorten(v.Text, 40))
					break
				}
			}
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.key)
	}
	if named != "" {
		b.WriteString(" (" + named + ")")
	}
	return b.String()
}

// singular turns a list's key into the noun for one of its items, for
// messages: "phases" is a phase, "use_cases" a use case, "quiz" a quiz
// question.
func singular(key string) string {
	switch key {
	case "quiz":
		return "question"
	case "items":
		return "resource"
	case "misconceptions":
		return "misconception"
	}
	key = strings.ReplaceAll(key, "_", " ")
	if strings.HasSuffix(key, "s") {
		key = key[:len(key)-1]
	}
	return key
}

// shorten cuts s to at most n characters, with an ellipsis when cut.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
