package guide

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/skillguides/guidelint/internal/fuzzseed"
)

// fuzzSeeds are the project's hostile inputs plus cases of the parser's
// own limits and quirks, added to the corpus next to the example guides.
var fuzzSeeds = append([]string{
	"base: &base {name: B, weight: 1}\none:\n  <<: *base\n  weight: 2\n",
	"a: " + strings.Repeat("[", MaxDepth+5) + strings.Repeat("]", MaxDepth+5) + "\n",
	`{"a": ` + strings.Repeat("[", MaxDepth+5) + strings.Repeat("]", MaxDepth+5) + "}",
	`{"id": "a", "title": "First", "title": "Second", "\u0061": 1}`,
	"title: \"Ünïcödé\"\nflow: {a: \"é\", b: 1, \"😀\": [x]}\n",
	"what: |\n  one\n  two\nwhy: >-\n  folded\n  text\n",
	"id: a\u2028b\n",
}, fuzzseed.Hostile...)

// FuzzParse checks that Parse never panics and that whatever it returns is
// consistent: every position is inside the file, Value and Root have the
// same shape, and Lookup finds every node by its pointer.
func FuzzParse(f *testing.F) {
	f.Add([]byte("%YAML 1.2\n---\nid: a\n"))
	f.Add([]byte("id: a\nwhy: [a, b: c: d]\ntitle: 'x' y\n  - \"q\" z\n"))
	f.Add([]byte("%YAML 1.1 # c\n%TAG ! x:\n--- \n%x: 1\n"))
	for _, dir := range []string{"../examples", "../testdata/seed"} {
		paths, err := filepath.Glob(filepath.Join(dir, "*"))
		if err != nil {
			f.Fatal(err)
		}
		for _, path := range paths {
			if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
				continue
			}
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
			// The same guide as JSON.
			if doc, _ := Parse(path, data); doc != nil {
				if j, err := json.MarshalIndent(doc.Value(), "", "  "); err == nil {
					f.Add(j)
				}
			}
		}
	}
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	var reused Parser // holds the previous input's tree: reuse must not leak it
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"x.yaml", "x.json"} {
			doc, err := checkParse(t, name, data)
			checkParser(t, &reused, name, data, doc, err)
		}
	})
}

// checkParser checks that a reused Parser returns what Parse did: want and
// wantErr.
func checkParser(t *testing.T, p *Parser, name string, data []byte, want *Document, wantErr error) {
	got, gotErr := p.Parse(name, data)
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
		t.Fatalf("%s: Parser.Parse error %v; Parse error %v", name, gotErr, wantErr)
	}
	if (got == nil) != (want == nil) {
		t.Fatalf("%s: Parser.Parse document %v; Parse document %v", name, got, want)
	}
	if got == nil {
		return
	}
	if g, w := dumpTree(got.Root), dumpTree(want.Root); g != w {
		t.Fatalf("%s: Parser.Parse tree differs from Parse's:\n%s\nwant:\n%s", name, g, w)
	}
	g, gerr := json.Marshal(got.Value())
	w, werr := json.Marshal(want.Value())
	if !bytes.Equal(g, w) || (gerr == nil) != (werr == nil) {
		t.Fatalf("%s: Parser.Parse value %s (%v); Parse value %s (%v)", name, g, gerr, w, werr)
	}
	// The typed view, its Node fields aside: the tree is compared above.
	if diff := cmp.Diff(want.Guide, got.Guide, cmpopts.IgnoreTypes((*Node)(nil))); diff != "" {
		t.Fatalf("%s: Parser.Parse typed guide differs from Parse's (-want +got):\n%s", name, diff)
	}
	if got.Shared != want.Shared || got.Format != want.Format || !bytes.Equal(got.Data, want.Data) {
		t.Fatalf("%s: Parser.Parse document fields differ from Parse's", name)
	}
}

// dumpTree writes a tree with its positions, a node shared through an
// alias once (later as a reference to its first place), so that a dump of
// an alias bomb stays small.
func dumpTree(root *Node) string {
	var b strings.Builder
	ids := map[*Node]int{}
	var rec func(n *Node, indent string)
	rec = func(n *Node, indent string) {
		if id, ok := ids[n]; ok {
			fmt.Fprintf(&b, "%s*%d\n", indent, id)
			return
		}
		ids[n] = len(ids)
		fmt.Fprintf(&b, "%s%s %v %q %v\n", indent, n.Kind, n.Pos, n.Text, n.Num)
		for _, f := range n.Fields {
			fmt.Fprintf(&b, "%s%q %v:\n", indent, f.Key, f.KeyPos)
			rec(f.Value, indent+"  ")
		}
		for _, it := range n.Items {
			rec(it, indent+"- ")
		}
	}
	rec(root, "")
	return b.String()
}

// jsonStart holds the characters a JSON value of each kind starts with.
var jsonStart = map[Kind]string{
	KindMapping:  "{",
	KindSequence: "[",
	KindString:   `"`,
	KindNumber:   "-0123456789",
	KindBool:     "tf",
	KindNull:     "n",
}

// checkParse parses data with Parse, checks the result and returns it.
func checkParse(t *testing.T, name string, data []byte) (*Document, error) {
	doc, err := Parse(name, data)
	if doc == nil && err == nil {
		t.Fatalf("%s: no document and no error", name)
	}
	var list ErrorList
	if err != nil && (!errors.As(err, &list) || len(list) == 0) {
		t.Fatalf("%s: error %T %v; want a non-empty ErrorList", name, err, err)
	}

	// Positions are checked against the text they count in: Data, or
	// what Parse made of data before it failed.
	text := data
	if doc != nil {
		text = doc.Data
	} else if norm, err := normalizeEncoding(data); err == nil {
		text = norm
	}
	lines := bytes.Split(text, []byte{'\n'})
	lineLen := make([]int, len(lines)) // code points of each line
	for i, line := range lines {
		lineLen[i] = utf8.RuneCount(line)
	}
	inFile := func(p Pos) bool {
		return p.Line >= 1 && p.Line <= len(lineLen) && p.Col >= 1 && p.Col <= 1+lineLen[p.Line-1]
	}
	lineRunes := map[int][]rune{}
	// at returns the character at p, or -1 at the end of a line.
	at := func(p Pos) rune {
		rs, ok := lineRunes[p.Line]
		if !ok {
			rs = []rune(string(lines[p.Line-1]))
			lineRunes[p.Line] = rs
		}
		if p.Col-1 < len(rs) {
			return rs[p.Col-1]
		}
		return -1
	}
	for _, e := range list {
		if !inFile(e.Pos) {
			t.Errorf("%s: error %q is outside the file (%d lines)", name, e, len(lineLen))
		}
		if e.Msg == "" {
			t.Errorf("%s: error at %v has no message", name, e.Pos)
		}
	}
	if doc == nil {
		return doc, err
	}
	if doc.Root == nil || doc.Root.Kind != KindMapping || doc.Guide == nil {
		t.Fatalf("%s: document without a mapping root or a Guide", name)
	}

	seen := map[*Node]bool{} // aliases share nodes; check each once
	var walk func(n *Node, v any, ptr string, depth int)
	walk = func(n *Node, v any, ptr string, depth int) {
		fail := func(format string, args ...any) {
			t.Errorf("%s: %s: %s", name, ptr, fmt.Sprintf(format, args...))
		}
		if !inFile(n.Pos) {
			fail("position %v is outside the file", n.Pos)
			return
		}
		// A value's position is where it is written: in JSON, at the
		// first character of its token; in YAML, at a character that is
		// not a blank (a null may be empty, at the end of its line).
		if c := at(n.Pos); doc.Format == JSON {
			if want := jsonStart[n.Kind]; !strings.ContainsRune(want, c) {
				fail("%s at %v starts with %q, want one of %q", n.Kind, n.Pos, c, want)
			}
		} else if n.Kind != KindNull && (c == ' ' || c == '\t' || c == '\r' || c == -1) {
			fail("%s at %v starts with %q", n.Kind, n.Pos, c)
		}
		if depth < 32 {
			if got, _ := doc.Root.Lookup(ptr); got != n {
				fail("Lookup finds %v, not the node", got)
			}
		}
		if seen[n] {
			return
		}
		seen[n] = true
		switch n.Kind {
		case KindMapping:
			m, ok := v.(map[string]any)
			if !ok || len(m) != len(n.Fields) {
				fail("mapping with %d fields has value %T of %d entries", len(n.Fields), v, len(m))
				return
			}
			for _, f := range n.Fields {
				if !inFile(f.KeyPos) {
					fail("key %q position %v is outside the file", f.Key, f.KeyPos)
				} else if c := at(f.KeyPos); doc.Format == JSON && c != '"' || f.Key != "" && (c == ' ' || c == '\t' || c == -1) {
					fail("key %q at %v starts with %q", f.Key, f.KeyPos, c)
				}
				fv, ok := m[f.Key]
				if !ok {
					fail("key %q is missing from the value", f.Key)
					continue
				}
				walk(f.Value, fv, ptr+"/"+EscapePointerToken(f.Key), depth+1)
			}
		case KindSequence:
			s, ok := v.([]any)
			if !ok || len(s) != len(n.Items) {
				fail("list of %d items has value %T of %d", len(n.Items), v, len(s))
				return
			}
			for i, it := range n.Items {
				walk(it, s[i], fmt.Sprintf("%s/%d", ptr, i), depth+1)
			}
		case KindString:
			if s, ok := v.(string); !ok || s != n.Text {
				fail("string %q has value %#v", n.Text, v)
			}
		case KindNumber:
			num, ok := v.(json.Number)
			if !ok || !isJSONNumber(string(num)) {
				fail("number %q has value %#v, want a json.Number in JSON's spelling", n.Text, v)
			}
		case KindBool:
			if _, ok := v.(bool); !ok {
				fail("boolean %q has value %#v", n.Text, v)
			}
		case KindNull:
			if v != nil {
				fail("null has value %#v", v)
			}
		default:
			fail("unknown kind %v", n.Kind)
		}
	}
	walk(doc.Root, doc.Value(), "", 0)
	return doc, err
}
