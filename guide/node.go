package guide

import (
	"strconv"
	"strings"
)

// Pos is a 1-based position in a file. Columns count Unicode code points,
// the unit editors, SARIF (columnKind unicodeCodePoints) and go vet use.
// Lines are counted by LF alone, as in Document.Data (a CR, NEL, LS or PS
// that YAML takes for a line break does not start a line here), and a
// position Parse gives is always inside the file: at most one column past
// the end of its line, on a line that exists (a file ending in LF has an
// empty last line).
type Pos struct {
	Line int // 1-based line
	Col  int // 1-based column, in code points
}

// IsValid reports whether p names a real position.
func (p Pos) IsValid() bool { return p.Line > 0 && p.Col > 0 }

// String formats p as "line:col".
func (p Pos) String() string { return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col) }

// Before reports whether p comes before q in the file.
func (p Pos) Before(q Pos) bool {
	return p.Line < q.Line || (p.Line == q.Line && p.Col < q.Col)
}

// Kind is the JSON type of a Node.
type Kind uint8

// The kinds of Node. They are the JSON types, since a guide is JSON-shaped
// whether it was written in YAML or JSON.
const (
	KindNull Kind = iota
	KindBool
	KindNumber
	KindString
	KindMapping
	KindSequence
)

var kindNames = [...]string{"null", "boolean", "number", "string", "mapping", "list"}

// String names the kind in a writer's words ("mapping", "list", ...).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Node is one value of a parsed guide with its position. The tree is the
// same for YAML and JSON input; YAML aliases share the anchored Node, so the
// tree may be a DAG but never has cycles.
type Node struct {
	Kind Kind
	Pos  Pos // where the value starts

	// Text is the value of a String, and the source spelling of a Number,
	// Bool or Null.
	Text string
	// Num is the value of a Number.
	Num float64
	// Fields are the entries of a Mapping, in document order.
	Fields []Field
	// Items are the elements of a Sequence.
	Items []*Node
}

// Field is one key of a Mapping.
type Field struct {
	Key    string
	KeyPos Pos
	Value  *Node
}

// Field returns the entry named key of a Mapping, or nil.
func (n *Node) Field(key string) *Field {
	if n == nil || n.Kind != KindMapping {
		return nil
	}
	for i := range n.Fields {
		if n.Fields[i].Key == key {
			return &n.Fields[i]
		}
	}
	return nil
}

// Get returns the value of key in a Mapping, or nil.
func (n *Node) Get(key string) *Node {
	if f := n.Field(key); f != nil {
		return f.Value
	}
	return nil
}

// Lookup returns the node at a JSON pointer (RFC 6901) below n, and the
// position of the key that holds it (the item's own position for list
// elements, n's position for the empty pointer). It returns nil when the
// pointer names nothing.
func (n *Node) Lookup(pointer string) (node *Node, keyPos Pos) {
	if n == nil {
		return nil, Pos{}
	}
	if pointer == "" {
		return n, n.Pos
	}
	if pointer[0] != '/' {
		return nil, Pos{}
	}
	tokens := strings.Split(pointer[1:], "/")
	for i, tok := range tokens {
		tokens[i] = unescapePointer(tok)
	}
	return n.LookupPath(tokens)
}

// LookupPath is Lookup for a pointer already split into unescaped tokens.
// A list index is decimal without leading zeros, as RFC 6901 says.
func (n *Node) LookupPath(path []string) (node *Node, keyPos Pos) {
	cur, kp := n, Pos{}
	if n != nil {
		kp = n.Pos
	}
	for _, tok := range path {
		if cur == nil {
			return nil, Pos{}
		}
		switch cur.Kind {
		case KindMapping:
			f := cur.Field(tok)
			if f == nil {
				return nil, Pos{}
			}
			cur, kp = f.Value, f.KeyPos
		case KindSequence:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(cur.Items) || (len(tok) > 1 && tok[0] == '0') || tok[0] == '+' {
				return nil, Pos{}
			}
			cur = cur.Items[i]
			kp = cur.Pos
		default:
			return nil, Pos{}
		}
	}
	return cur, kp
}

func unescapePointer(tok string) string {
	if !strings.Contains(tok, "~") {
		return tok
	}
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
}

// EscapePointerToken escapes one token for use in a JSON pointer.
func EscapePointerToken(tok string) string {
	if !strings.ContainsAny(tok, "~/") {
		return tok
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(tok)
}
