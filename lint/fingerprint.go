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

// located is the node at a position of a document and its JSON pointer.
type located struct {
	pointer string
	node    *guide.Node
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
			idx[n.Pos] = located{ptr, n}
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
					idx[f.KeyPos] = located{p, f.Value}
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

// locate gives each of a document's findings the pointer of its node and
// its fingerprint.
func locate(doc *guide.Document, diags []Diagnostic) {
	if len(diags) == 0 {
		return
	}
	var idx map[guide.Pos]located
	if doc != nil {
		idx = pointerIndex(doc)
	}
	for i := range diags {
		d := &diags[i]
		if d.Fingerprint != "" {
			continue
		}
		what := d.Message
		if at, ok := idx[guide.Pos{Line: d.Line, Col: d.Column}]; ok {
			d.Pointer = at.pointer
			if at.node != nil && at.node.Kind != guide.KindMapping && at.node.Kind != guide.KindSequence {
				what = at.node.Text
			}
		}
		d.Fingerprint = Fingerprint(d.Rule, d.Path, d.Pointer, what)
	}
}
