package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"

	"github.com/skillguides/guidelint/guide"
)

// Fingerprint identifies a finding across edits that move it but leave it
// as it is (SPEC §9): it is derived from the rule, the file's path, the
// JSON pointer of the node the finding is about, and what the node holds,
// never from a line or column. what is a scalar node's text; for a
// mapping, a list or no node at all, it is the message, which says what
// is wrong with it. Inserting lines above, reformatting with fmt and
// reordering keys keep it; changing the offending value changes it.
func Fingerprint(rule, path, pointer, what string) string {
	h := sha256.New()
	for _, part := range []string{"guidelint/v1", rule, path, pointer, what} {
		h.Write([]byte(strconv.Itoa(len(part))))
		h.Write([]byte{':'})
		h.Write([]byte(part))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// located is the node at a position of a document and its JSON pointer;
// key is set when the position is that of the node's key.
type located struct {
	pointer string
	node    *guide.Node
	key     string
	isKey   bool
}

// pointerIndex maps the positions of a document's values and keys to the
// outermost node there: a block mapping starts where its first key does,
// and a finding there (a missing key) is about the mapping, which keeps
// its pointer when fmt reorders its keys.
func pointerIndex(doc *guide.Document) map[guide.Pos]located {
	idx := map[guide.Pos]located{}
	seen := newOnceSet(doc)
	var rec func(n *guide.Node, ptr string)
	rec = func(n *guide.Node, ptr string) {
		if n == nil {
			return
		}
		if _, ok := idx[n.Pos]; !ok {
			idx[n.Pos] = located{pointer: ptr, node: n}
		}
		if !seen.first(n) {
			return
		}
		switch n.Kind {
		case guide.KindMapping:
			for i := range n.Fields {
				f := &n.Fields[i]
				p := ptr + "/" + guide.EscapePointerToken(f.Key)
				if _, ok := idx[f.KeyPos]; !ok {
					idx[f.KeyPos] = located{p, f.Value, f.Key, true}
				}
				rec(f.Value, p)
			}
		case guide.KindSequence:
			for i, it := range n.Items {
				rec(it, ptr+"/"+strconv.Itoa(i))
			}
		}
	}
	rec(doc.Root, "")
	return idx
}

// locate gives each of a document's findings the pointer of its node, the
// end of that node (or of its key, for a finding at a key), and its
// fingerprint.
func locate(doc *guide.Document, diags []Diagnostic, path string) {
	if len(diags) == 0 {
		return
	}
	var idx map[guide.Pos]located
	var src *source
	if doc != nil {
		idx = pointerIndex(doc)
		src = newSource(doc.Data)
	}
	for i := range diags {
		d := &diags[i]
		if d.Fingerprint != "" {
			continue
		}
		what := d.Message
		if at, ok := idx[guide.Pos{Line: d.Line, Col: d.Column}]; ok {
			d.Pointer = at.pointer
			if src != nil && d.EndLine == 0 {
				var end guide.Pos
				var ok bool
				if at.isKey {
					end, ok = src.keyEnd(guide.Pos{Line: d.Line, Col: d.Column}, at.key)
				} else {
					end, ok = src.end(at.node, 0)
				}
				if ok && (end.Line > d.Line || end.Line == d.Line && end.Col > d.Column) {
					d.EndLine, d.EndColumn = end.Line, end.Col
				}
			}
			if at.node != nil && at.node.Kind != guide.KindMapping && at.node.Kind != guide.KindSequence {
				what = at.node.Text
			}
		}
		d.Fingerprint = Fingerprint(d.Rule, path, d.Pointer, what)
	}
}
