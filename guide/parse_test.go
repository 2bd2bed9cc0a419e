package guide

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"github.com/skillguides/guidelint/internal/fuzzseed"
)

// parse runs Parse and fails the test if it panics: Parse must never
// panic, whatever the input.
func parse(t testing.TB, name string, data []byte) (doc *Document, err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("Parse(%q) panicked: %v\n%s", name, r, debug.Stack())
		}
	}()
	return Parse(name, data)
}

// mustParse parses data that must load without any error.
func mustParse(t testing.TB, name string, data []byte) *Document {
	t.Helper()
	doc, err := parse(t, name, data)
	if err != nil || doc == nil {
		t.Fatalf("Parse(%q) = %v, %v; want a document and no error", name, doc, err)
	}
	return doc
}

// errStrings renders a Parse error as "line:col: message" lines.
func errStrings(err error) []string {
	if err == nil {
		return nil
	}
	var list ErrorList
	if !errors.As(err, &list) {
		return []string{fmt.Sprintf("not an ErrorList: %T %v", err, err)}
	}
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = e.Error()
	}
	return out
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// pointers lists the JSON pointer of every value below n.
func pointers(n *Node, prefix string, out *[]string) {
	*out = append(*out, prefix)
	for _, f := range n.Fields {
		pointers(f.Value, prefix+"/"+EscapePointerToken(f.Key), out)
	}
	for i, it := range n.Items {
		pointers(it, fmt.Sprintf("%s/%d", prefix, i), out)
	}
}

type keyVal struct{ Key, Val Pos }

// TestPositions checks the key and value position of every value of one
// document written three ways: YAML (block and flow style, block scalars,
// quoted keys, non-ASCII text before values on a line), pretty-printed JSON
// and minified JSON. Columns count code points: "é" and "😀" are one each.
func TestPositions(t *testing.T) {
	yamlData := readFile(t, "testdata/positions.yaml")
	jsonData := readFile(t, "testdata/positions.json")
	var minified bytes.Buffer
	if err := json.Compact(&minified, jsonData); err != nil {
		t.Fatal(err)
	}
	docs := [3]*Document{
		mustParse(t, "positions.yaml", yamlData),
		mustParse(t, "positions.json", jsonData),
		mustParse(t, "positions.min.json", minified.Bytes()),
	}
	formats := [3]string{"yaml", "json", "minified json"}

	// For each pointer: the key and value positions in the YAML, the JSON
	// and the minified JSON. For list items and the root the key position
	// is the value's own.
	want := []struct {
		ptr string
		pos [3][2]Pos // key, value
	}{
		{"", [3][2]Pos{{{2, 1}, {2, 1}}, {{1, 1}, {1, 1}}, {{1, 1}, {1, 1}}}},
		{"/id", [3][2]Pos{{{2, 1}, {2, 5}}, {{2, 3}, {2, 9}}, {{1, 2}, {1, 7}}}},
		{"/title", [3][2]Pos{{{3, 1}, {3, 8}}, {{3, 3}, {3, 12}}, {{1, 19}, {1, 27}}}},
		{"/flow", [3][2]Pos{{{4, 1}, {4, 7}}, {{4, 3}, {4, 11}}, {{1, 37}, {1, 44}}}},
		{"/flow/ä", [3][2]Pos{{{4, 8}, {4, 11}}, {{4, 12}, {4, 17}}, {{1, 45}, {1, 49}}}},
		{"/flow/b", [3][2]Pos{{{4, 16}, {4, 19}}, {{4, 22}, {4, 27}}, {{1, 53}, {1, 57}}}},
		{"/flow/😀", [3][2]Pos{{{4, 22}, {4, 27}}, {{4, 30}, {4, 35}}, {{1, 59}, {1, 63}}}},
		{"/flow/😀/0", [3][2]Pos{{{4, 28}, {4, 28}}, {{4, 36}, {4, 36}}, {{1, 64}, {1, 64}}}},
		{"/flow/😀/1", [3][2]Pos{{{4, 31}, {4, 31}}, {{4, 41}, {4, 41}}, {{1, 68}, {1, 68}}}},
		{"/quoted key", [3][2]Pos{{{5, 1}, {5, 15}}, {{5, 3}, {5, 17}}, {{1, 74}, {1, 87}}}},
		{"/single quoted", [3][2]Pos{{{6, 1}, {6, 18}}, {{6, 3}, {6, 20}}, {{1, 89}, {1, 105}}}},
		{"/ключ", [3][2]Pos{{{7, 1}, {7, 7}}, {{7, 3}, {7, 11}}, {{1, 111}, {1, 118}}}},
		{"/sub_skills", [3][2]Pos{{{8, 1}, {9, 3}}, {{8, 3}, {8, 17}}, {{1, 129}, {1, 142}}}},
		{"/sub_skills/0", [3][2]Pos{{{9, 5}, {9, 5}}, {{9, 5}, {9, 5}}, {{1, 143}, {1, 143}}}},
		{"/sub_skills/0/name", [3][2]Pos{{{9, 5}, {9, 11}}, {{10, 7}, {10, 15}}, {{1, 144}, {1, 151}}}},
		{"/sub_skills/0/weight", [3][2]Pos{{{10, 5}, {10, 13}}, {{11, 7}, {11, 17}}, {{1, 159}, {1, 168}}}},
		{"/sub_skills/1", [3][2]Pos{{{11, 5}, {11, 5}}, {{13, 5}, {13, 5}}, {{1, 172}, {1, 172}}}},
		{"/sub_skills/1/name", [3][2]Pos{{{11, 6}, {11, 12}}, {{13, 6}, {13, 14}}, {{1, 173}, {1, 180}}}},
		{"/sub_skills/1/weight", [3][2]Pos{{{11, 20}, {11, 28}}, {{13, 22}, {13, 32}}, {{1, 187}, {1, 196}}}},
		{"/sub_skills/2", [3][2]Pos{{{13, 5}, {13, 5}}, {{14, 5}, {14, 5}}, {{1, 202}, {1, 202}}}},
		{"/sub_skills/2/name", [3][2]Pos{{{13, 5}, {13, 11}}, {{15, 7}, {15, 15}}, {{1, 203}, {1, 210}}}},
		{"/overview", [3][2]Pos{{{14, 1}, {15, 3}}, {{18, 3}, {18, 15}}, {{1, 219}, {1, 230}}}},
		{"/overview/what", [3][2]Pos{{{15, 3}, {15, 9}}, {{19, 5}, {19, 13}}, {{1, 231}, {1, 238}}}},
		{"/overview/why", [3][2]Pos{{{18, 3}, {18, 8}}, {{20, 5}, {20, 12}}, {{1, 263}, {1, 269}}}},
		{"/overview/outcomes", [3][2]Pos{{{21, 3}, {21, 13}}, {{21, 5}, {21, 17}}, {{1, 283}, {1, 294}}}},
		{"/overview/outcomes/0", [3][2]Pos{{{21, 14}, {21, 14}}, {{21, 18}, {21, 18}}, {{1, 295}, {1, 295}}}},
		{"/overview/outcomes/1", [3][2]Pos{{{21, 17}, {21, 17}}, {{21, 23}, {21, 23}}, {{1, 299}, {1, 299}}}},
		{"/overview/outcomes/2", [3][2]Pos{{{21, 22}, {21, 22}}, {{21, 28}, {21, 28}}, {{1, 303}, {1, 303}}}},
		{"/nested", [3][2]Pos{{{22, 1}, {23, 3}}, {{23, 3}, {23, 13}}, {{1, 309}, {1, 318}}}},
		{"/nested/deeper", [3][2]Pos{{{23, 3}, {24, 5}}, {{24, 5}, {24, 15}}, {{1, 319}, {1, 328}}}},
		{"/nested/deeper/deepest", [3][2]Pos{{{24, 5}, {24, 14}}, {{25, 7}, {25, 18}}, {{1, 329}, {1, 339}}}},
		{"/nested/deeper/deepest/0", [3][2]Pos{{{24, 15}, {24, 15}}, {{25, 19}, {25, 19}}, {{1, 340}, {1, 340}}}},
		{"/nested/deeper/deepest/0/0", [3][2]Pos{{{24, 16}, {24, 16}}, {{25, 20}, {25, 20}}, {{1, 341}, {1, 341}}}},
		{"/nested/deeper/deepest/0/1", [3][2]Pos{{{24, 19}, {24, 19}}, {{25, 23}, {25, 23}}, {{1, 343}, {1, 343}}}},
		{"/nested/deeper/deepest/1", [3][2]Pos{{{24, 23}, {24, 23}}, {{25, 27}, {25, 27}}, {{1, 346}, {1, 346}}}},
		{"/nested/deeper/deepest/1/0", [3][2]Pos{{{24, 24}, {24, 24}}, {{25, 28}, {25, 28}}, {{1, 347}, {1, 347}}}},
		{"/nested/deeper/empty", [3][2]Pos{{{25, 5}, {25, 12}}, {{26, 7}, {26, 16}}, {{1, 351}, {1, 359}}}},
		{"/nested/deeper/none", [3][2]Pos{{{26, 5}, {26, 11}}, {{27, 7}, {27, 15}}, {{1, 362}, {1, 369}}}},
		{"/nested/deeper/a~1b", [3][2]Pos{{{27, 5}, {27, 12}}, {{28, 7}, {28, 14}}, {{1, 372}, {1, 378}}}},
		{"/nested/deeper/m~0n", [3][2]Pos{{{28, 5}, {28, 12}}, {{29, 7}, {29, 14}}, {{1, 386}, {1, 392}}}},
	}

	for i, doc := range docs {
		t.Run(formats[i], func(t *testing.T) {
			var all []string
			pointers(doc.Root, "", &all)
			var listed []string
			wantPos := map[string]keyVal{}
			gotPos := map[string]keyVal{}
			for _, w := range want {
				listed = append(listed, w.ptr)
				wantPos[w.ptr] = keyVal{w.pos[i][0], w.pos[i][1]}
				k, kok := doc.KeyPos(w.ptr)
				v, vok := doc.Pos(w.ptr)
				if !kok || !vok {
					t.Errorf("pointer %q not found", w.ptr)
				}
				gotPos[w.ptr] = keyVal{k, v}
			}
			sort.Strings(all)
			sort.Strings(listed)
			if diff := cmp.Diff(all, listed); diff != "" {
				t.Errorf("the table must list every value of the document (-in document +in table):\n%s", diff)
			}
			if diff := cmp.Diff(wantPos, gotPos); diff != "" {
				t.Errorf("positions (-want +got):\n%s", diff)
			}
		})
	}
	for i := 1; i < len(docs); i++ {
		if diff := cmp.Diff(docs[0].Value(), docs[i].Value()); diff != "" {
			t.Errorf("Value() of yaml and %s differ (-yaml +%s):\n%s", formats[i], formats[i], diff)
		}
	}
	if got, want := docs[0].Lookup("/overview/what").Text, "Line one.\nLine two.\n"; got != want {
		t.Errorf("literal block scalar = %q, want %q", got, want)
	}
}

// TestLineBreaks checks that lines are counted by LF alone, as editors and
// the rest of guidelint count them, although yaml.v3 also breaks lines at
// CR, NEL, LS and PS.
func TestLineBreaks(t *testing.T) {
	tests := []struct {
		name, data string
		ptr        string
		want       keyVal
	}{
		{"LF", "id: a\ntitle: b\n", "/title", keyVal{Pos{2, 1}, Pos{2, 8}}},
		{"CRLF", "id: a\r\ntitle: b\r\n", "/title", keyVal{Pos{2, 1}, Pos{2, 8}}},
		{"lone CR", "id: a\rtitle: b\r", "/title", keyVal{Pos{1, 7}, Pos{1, 14}}},
		{"LS in a quoted string", "id: \"a\u2028b\"\ntitle: c\n", "/title", keyVal{Pos{2, 1}, Pos{2, 8}}},
		{"NEL in a quoted string", "id: \"a\u0085b\" \ntitle: [x, \"y\u2029z\", w]\n", "/title/2", keyVal{Pos{2, 19}, Pos{2, 19}}},
		{"PS in a flow list", "title: [\"x\u2029y\", z]\n", "/title/1", keyVal{Pos{1, 16}, Pos{1, 16}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, "x.yaml", []byte(tt.data))
			k, _ := doc.KeyPos(tt.ptr)
			v, _ := doc.Pos(tt.ptr)
			if diff := cmp.Diff(tt.want, keyVal{k, v}); diff != "" {
				t.Errorf("positions of %s (-want +got):\n%s", tt.ptr, diff)
			}
		})
	}
	// yaml.v3 takes an LS in a plain scalar for a line break; the error
	// must still be on the file's first line, at the character after it.
	_, err := parse(t, "x.yaml", []byte("id: a\u2028b\ntitle: c\n"))
	if diff := cmp.Diff([]string{"1:7: yaml syntax error: could not find expected ':'"}, errStrings(err)); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
}

// TestValue checks the JSON-shaped value built for the schema validator,
// scalar by scalar, against what yaml.v3 resolves (YAML 1.2 core, with
// yaml.v3's own readings: 0o17, 0b101, 1_000 and 017 are integers).
func TestValue(t *testing.T) {
	num := func(s string) json.Number { return json.Number(s) }
	tests := []struct {
		src  string
		want any
		kind Kind
	}{
		// Dates and YAML 1.1 booleans stay strings.
		{"2024-01-01", "2024-01-01", KindString},
		{"2024-01-01T10:30:00Z", "2024-01-01T10:30:00Z", KindString},
		{"yes", "yes", KindString},
		{"Yes", "Yes", KindString},
		{"on", "on", KindString},
		{"ON", "ON", KindString},
		{"no", "no", KindString},
		{"off", "off", KindString},
		{"y", "y", KindString},
		{"!!bool yes", "yes", KindString},
		// YAML 1.2 booleans.
		{"true", true, KindBool},
		{"True", true, KindBool},
		{"FALSE", false, KindBool},
		// Integers, respelled when YAML's spelling is not JSON's.
		{"42", num("42"), KindNumber},
		{"-7", num("-7"), KindNumber},
		{"0", num("0"), KindNumber},
		{"+1", num("1"), KindNumber},
		{"0x1F", num("31"), KindNumber},
		{"-0x1F", num("-31"), KindNumber},
		{"0o17", num("15"), KindNumber},
		{"017", num("15"), KindNumber}, // yaml.v3 reads a leading 0 as octal
		{"007", num("7"), KindNumber},
		{"0b101", num("5"), KindNumber},
		{"1_000", num("1000"), KindNumber},
		{"12345678901234567890", num("12345678901234567890"), KindNumber},
		{"!!int '42'", num("42"), KindNumber},
		// Floats.
		{"1.5", num("1.5"), KindNumber},
		{"1e3", num("1e3"), KindNumber},
		{"1E3", num("1E3"), KindNumber},
		{"2.5e-3", num("2.5e-3"), KindNumber},
		{".5", num("0.5"), KindNumber},
		{"-.5", num("-0.5"), KindNumber},
		{"1.", num("1"), KindNumber},
		{"!!float 1", num("1"), KindNumber},
		// No JSON spelling: left as written.
		{".inf", ".inf", KindString},
		{"-.inf", "-.inf", KindString},
		{".nan", ".nan", KindString},
		{".NaN", ".NaN", KindString},
		{"1e400", "1e400", KindString}, // out of float64 range: yaml.v3 calls it a string
		// Nulls.
		{"", nil, KindNull},
		{"~", nil, KindNull},
		{"null", nil, KindNull},
		{"Null", nil, KindNull},
		// Quoted and tagged strings.
		{`"42"`, "42", KindString},
		{"'true'", "true", KindString},
		{"!!str 42", "42", KindString},
		{"!!binary aGVsbG8=", "aGVsbG8=", KindString},
		// Collections.
		{"[1, [two, [null, []]], {a: [true]}]", []any{num("1"), []any{"two", []any{nil, []any{}}}, map[string]any{"a": []any{true}}}, KindSequence},
		{"\n  - 1\n  -\n    - x\n    - ~", []any{num("1"), []any{"x", nil}}, KindSequence},
		{"{}", map[string]any{}, KindMapping},
		{"!custom {x: 1}", map[string]any{"x": num("1")}, KindMapping},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			doc := mustParse(t, "x.yaml", []byte("v: "+tt.src+"\n"))
			got := doc.Value().(map[string]any)["v"]
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Value()[v] (-want +got):\n%s", diff)
			}
			n := doc.Lookup("/v")
			if n.Kind != tt.kind {
				t.Errorf("Kind = %v, want %v", n.Kind, tt.kind)
			}
			if n.Kind == KindNumber {
				s := string(got.(json.Number))
				if !json.Valid([]byte(s)) {
					t.Errorf("number %q is not valid JSON", s)
				}
				if f, err := got.(json.Number).Float64(); err != nil || f != n.Num {
					t.Errorf("Num = %v, want %v (%v)", n.Num, f, err)
				}
			}
		})
	}
}

// TestJSONQuirks loads JSON that YAML parsers reject: "\/" escapes, tab
// indentation, surrogate pairs.
func TestJSONQuirks(t *testing.T) {
	data := "{\n\t\"url\": \"https:\\/\\/example.com\\/a\",\n\t\"emoji\": \"\\ud83d\\ude00\", \"after\": 1,\n" +
		"\t\"lone\": \"\\ud800\",\n\t\"escapes\": \"\\u00e9\\u0000\\b\\f\\n\\r\\t\\\"\\\\\",\n" +
		"\t\"numbers\": [-0, 1E+2, 0.5e-1, 12345678901234567890123]\n}\n"
	want := map[string]any{
		"url":     "https://example.com/a",
		"emoji":   "😀",
		"after":   json.Number("1"),
		"lone":    "\ufffd",
		"escapes": "é\x00\b\f\n\r\t\"\\",
		"numbers": []any{json.Number("-0"), json.Number("1E+2"), json.Number("0.5e-1"), json.Number("12345678901234567890123")},
	}
	for _, name := range []string{"x.json", "x.guide"} { // x.guide: sniffed as JSON
		doc := mustParse(t, name, []byte(data))
		if doc.Format != JSON {
			t.Errorf("%s: Format = %v, want json", name, doc.Format)
		}
		if diff := cmp.Diff(want, doc.Value()); diff != "" {
			t.Errorf("%s: Value() (-want +got):\n%s", name, diff)
		}
		// Columns count the escapes as written: a tab is one column.
		got := map[string]Pos{}
		for _, p := range []string{"/url", "/emoji", "/after", "/numbers/3"} {
			got[p], _ = doc.Pos(p)
		}
		k, _ := doc.KeyPos("/after")
		got["key /after"] = k
		wantPos := map[string]Pos{
			"/url":       {2, 9},
			"/emoji":     {3, 11},
			"key /after": {3, 27},
			"/after":     {3, 36},
			"/numbers/3": {6, 32},
		}
		if diff := cmp.Diff(wantPos, got); diff != "" {
			t.Errorf("%s: positions (-want +got):\n%s", name, diff)
		}
	}
}

// TestDuplicateKeys checks that a duplicate key is reported at the second
// key, naming the first, and that the document still loads with the first
// value.
func TestDuplicateKeys(t *testing.T) {
	var many strings.Builder
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&many, "k%d: %d\n", i, i)
	}
	many.WriteString("k3: again\n")
	tests := []struct {
		name, data string
		want       []string
		ptr        string // a duplicated key
		first      any    // its value
	}{
		{"yaml top level", "id: a\ntitle: First\ntitle: Second\n",
			[]string{`3:1: duplicate key "title" (first defined at line 2, column 1)`}, "/title", "First"},
		{"yaml flow", "m: {a: 1, b: 2, a: 3}\n",
			[]string{`1:17: duplicate key "a" (first defined at line 1, column 5)`}, "/m/a", json.Number("1")},
		{"yaml quoted", "\"a\": 1\n'a': 2\na: 3\n", []string{
			`2:1: duplicate key "a" (first defined at line 1, column 1)`,
			`3:1: duplicate key "a" (first defined at line 1, column 1)`,
		}, "/a", json.Number("1")},
		{"yaml list item", "l:\n  - x: 1\n    y: 2\n    x: [3]\n",
			[]string{`4:5: duplicate key "x" (first defined at line 2, column 5)`}, "/l/0/x", json.Number("1")},
		{"yaml large mapping", many.String(),
			[]string{`41:1: duplicate key "k3" (first defined at line 4, column 1)`}, "/k3", json.Number("3")},
		{"yaml anchor in dropped value", "a: 1\na: &x 2\nb: *x\n",
			[]string{`2:1: duplicate key "a" (first defined at line 1, column 1)`}, "/b", json.Number("2")},
		{"json", `{"id": "a", "title": "First", "title": "Second"}`,
			[]string{`1:31: duplicate key "title" (first defined at line 1, column 13)`}, "/title", "First"},
		{"json nested", "{\n  \"m\": {\n    \"a\": 1,\n    \"a\": {\"b\": 2}\n  }\n}\n",
			[]string{`4:5: duplicate key "a" (first defined at line 3, column 5)`}, "/m/a", json.Number("1")},
		{"json escaped", `{"a": 1, "\u0061": 2}`,
			[]string{`1:10: duplicate key "a" (first defined at line 1, column 2)`}, "/a", json.Number("1")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "x.yaml"
			if strings.HasPrefix(tt.name, "json") {
				name = "x.json"
			}
			doc, err := parse(t, name, []byte(tt.data))
			if diff := cmp.Diff(tt.want, errStrings(err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			if doc == nil {
				t.Fatal("no document; a duplicate key must not stop the rest from loading")
			}
			n := doc.Lookup(tt.ptr)
			if n == nil {
				t.Fatalf("%s is missing", tt.ptr)
			}
			var got any
			switch n.Kind {
			case KindString:
				got = n.Text
			case KindNumber:
				got = json.Number(n.Text)
			}
			if diff := cmp.Diff(tt.first, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.ptr, diff)
			}
		})
	}
}

func utf16File(s string, bigEndian bool) []byte {
	var out []byte
	put := func(u uint16) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	put(0xFEFF)
	for _, u := range utf16.Encode([]rune(s)) {
		put(u)
	}
	return out
}

// TestEncodings checks byte order marks, UTF-16 and invalid UTF-8.
func TestEncodings(t *testing.T) {
	const text = "id: a\ntitle: \"Ünïcödé 😀\"\ntagline: x\n"
	wantValue := map[string]any{"id": "a", "title": "Ünïcödé 😀", "tagline": "x"}
	wantPos := keyVal{Pos{3, 1}, Pos{3, 10}}
	const jsonText = "{\"id\": \"a\",\n\"title\": \"Ünïcödé 😀\",\n\"tagline\": \"x\"}"
	wantJSONPos := keyVal{Pos{3, 1}, Pos{3, 12}}
	tests := []struct {
		name, file string
		data       []byte
		want       keyVal
	}{
		{"utf-8", "x.yaml", []byte(text), wantPos},
		{"utf-8 bom", "x.yaml", append([]byte("\xEF\xBB\xBF"), text...), wantPos},
		{"utf-16le", "x.yaml", utf16File(text, false), wantPos},
		{"utf-16be", "x.yaml", utf16File(text, true), wantPos},
		{"json utf-8 bom", "x.json", append([]byte("\xEF\xBB\xBF"), jsonText...), wantJSONPos},
		{"json utf-16le", "x.json", utf16File(jsonText, false), wantJSONPos},
		{"json utf-16be", "x.json", utf16File(jsonText, true), wantJSONPos},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, tt.file, tt.data)
			if diff := cmp.Diff(wantValue, doc.Value()); diff != "" {
				t.Errorf("Value() (-want +got):\n%s", diff)
			}
			k, _ := doc.KeyPos("/tagline")
			v, _ := doc.Pos("/tagline")
			if diff := cmp.Diff(tt.want, keyVal{k, v}); diff != "" {
				t.Errorf("position of /tagline (-want +got):\n%s", diff)
			}
			if bytes.HasPrefix(doc.Data, []byte("\xEF\xBB\xBF")) || !bytes.Contains(doc.Data, []byte("Ünïcödé 😀")) {
				t.Errorf("Data = %q, want the text as UTF-8 without a BOM", doc.Data)
			}
		})
	}
}

// TestParseErrors checks the position and message of every kind of error
// that keeps a file from loading.
func TestParseErrors(t *testing.T) {
	var tenThousand = strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	tests := []struct {
		name, file, data string
		want             []string
	}{
		// YAML syntax: at the offending character, where PyYAML puts it
		// (more in TestParsePositionsMatchPyYAML); else the line yaml.v3
		// reports, at its first non-blank character.
		{"yaml unclosed flow", "x.yaml", "id: a\ntitle: [x, y\ncategory: c\n",
			[]string{"3:9: yaml syntax error: did not find expected ',' or ']'; close the list with \"]\", or quote an item that holds \"?\", \": \" or \" #\""}},
		// A tab in the indentation: yaml.v3 names the line before; the
		// error points at the tab and says what to do.
		{"yaml tab before a key", "x.yaml", "id: a\nlevels:\n  - name: B\n\tsummary: S\n",
			[]string{"4:1: yaml syntax error: found a tab character that violates indentation; indent with spaces, not tabs"}},
		{"yaml bad indentation", "x.yaml", "id: a\nsub:\n  b: 1\n c: 2\n",
			[]string{"4:2: yaml syntax error: did not find expected key"}},
		{"yaml mapping in scalar", "x.yaml", "id: a\n  title: b\n",
			[]string{"2:8: yaml syntax error: mapping values are not allowed in this context; this key is indented differently from the keys above it; align it with them"}},
		{"yaml tab indentation", "x.yaml", "a:\n\tb: 1\n",
			[]string{"2:1: yaml syntax error: found character that cannot start any token; indent with spaces, not tabs"}},
		{"yaml unterminated quote", "x.yaml", "id: a\ntitle: 'open\n",
			[]string{"3:1: yaml syntax error: found unexpected end of stream; the quote opened at line 2, column 8 is never closed; close it"}},
		{"yaml document end then content", "x.yaml", "a: 1\n...\nb: 2\n",
			[]string{"3:1: yaml syntax error: did not find expected <document start>"}},
		{"yaml unknown anchor", "x.yaml", "a: 1\nb: [x, *nope]\n",
			[]string{"2:8: yaml syntax error: unknown anchor 'nope' referenced"}},
		{"yaml crlf", "x.yaml", "id: a\r\ntitle: [x\r\ncategory: c\r\n",
			[]string{"3:9: yaml syntax error: did not find expected ',' or ']'; close the list with \"]\", or quote an item that holds \"?\", \": \" or \" #\""}},
		// Directives: %YAML 1.1 and 1.2 are read (TestYAMLDirective); the
		// rest are refused in words that say what to do.
		{"yaml version 2", "x.yaml", "%YAML 2.0\n---\nid: a\n",
			[]string{`1:7: yaml syntax error: unsupported %YAML directive "2.0"; guides are YAML 1.2: write "%YAML 1.2" or delete the line`}},
		{"unknown directive", "x.yaml", "# guide\n%FOO bar\n---\nid: a\n",
			[]string{`2:1: yaml syntax error: unknown directive "%FOO"; a line starting with % before the document may only be %YAML or %TAG: delete it, or quote the value it starts`}},
		{"directive without document start", "x.yaml", "%YAML 1.2\nid: a\n",
			[]string{`1:1: yaml syntax error: a directive must be followed by a line "---" that starts the document; add one, or delete the directive`}},
		{"directive alone", "x.yaml", "%YAML 1.2\n",
			[]string{`1:1: yaml syntax error: a directive must be followed by a line "---" that starts the document; add one, or delete the directive`}},
		// JSON syntax: the exact character.
		{"json missing value", "x.json", "{\"id\": \"a\",\n  \"title\": }\n",
			[]string{"2:12: json syntax error: invalid character '}' looking for beginning of value"}},
		{"json missing comma", "x.json", `{"a": 1 "b": 2}`,
			[]string{`1:9: json syntax error: invalid character '"' after object key:value pair`}},
		{"json bad literal", "x.json", `{"é": tru}`,
			[]string{"1:10: json syntax error: invalid character '}' in literal true (expecting 'e')"}},
		{"json trailing comma", "x.json", "{\"a\": 1,\n}",
			[]string{"2:1: json syntax error: invalid character '}' looking for beginning of object key string"}},
		{"json double comma", "x.json", `{"a": [1,,2]}`,
			[]string{"1:10: json syntax error: invalid character ',' looking for beginning of value"}},
		{"json control character", "x.json", "{\"a\": \"x\x00\"}",
			[]string{`1:9: json syntax error: invalid character '\x00' in string literal`}},
		{"json number out of range", "x.json", `{"a": 1e400}`,
			[]string{"1:7: number 1e400 is out of range"}},
		{"json unexpected eof", "x.json", "{\"id\": \"a\",\n  \"title\": [1, 2",
			[]string{"2:17: json syntax error: unexpected end of file"}},
		{"json unexpected eof after newline", "x.json", "{\"id\": \"a\",\n",
			[]string{"2:1: json syntax error: unexpected end of file"}},
		{"json eof in string", "x.json", `{"a": "abc`,
			[]string{"1:11: json syntax error: unexpected end of file"}},
		{"json trailing value", "x.json", "{\"a\": 1}\n{\"b\": 2}\n",
			[]string{"2:1: unexpected data after the top-level JSON value; want one guide per file"}},
		{"json trailing garbage", "x.json", `{"a": 1} x`,
			[]string{"1:10: json syntax error: invalid character 'x' after top-level value"}},
		// Nothing there.
		{"empty yaml", "x.yaml", "", []string{"1:1: file is empty; want a skill guide mapping"}},
		{"empty json", "x.json", "", []string{"1:1: file is empty; want a skill guide mapping"}},
		{"whitespace yaml", "x.yaml", " \n\t\n", []string{"1:1: file is empty; want a skill guide mapping"}},
		{"whitespace json", "x.json", " \n\t\n", []string{"1:1: file is empty; want a skill guide mapping"}},
		{"comments only", "x.yaml", "# a guide\n# to come\n", []string{"1:1: file is empty; want a skill guide mapping"}},
		{"bare document marker", "x.yaml", "--- # soon\n", []string{"1:1: file is empty; want a skill guide mapping"}},
		// Not a mapping.
		{"yaml list", "x.yaml", "# guide\n- a\n- b\n",
			[]string{"2:1: top level is a list; want a mapping of guide keys (id, title, ...)"}},
		{"yaml scalar", "x.yaml", "hello\n",
			[]string{"1:1: top level is a string; want a mapping of guide keys (id, title, ...)"}},
		{"yaml null", "x.yaml", "~\n",
			[]string{"1:1: top level is a null; want a mapping of guide keys (id, title, ...)"}},
		{"json list", "x.json", " [1]",
			[]string{"1:2: top level is a list; want a mapping of guide keys (id, title, ...)"}},
		{"json number", "x.json", "\n42\n",
			[]string{"2:1: top level is a number; want a mapping of guide keys (id, title, ...)"}},
		// More than one YAML document: at the second one's start.
		{"two documents", "x.yaml", "id: a\n---\nid: b\n",
			[]string{"2:1: file holds more than one YAML document; want one guide per file"}},
		{"two explicit documents", "x.yaml", "--- \nid: a\n...\n---\nid: b\n",
			[]string{"4:1: file holds more than one YAML document; want one guide per file"}},
		{"empty second document", "x.yaml", "id: a\n--- # nothing\n",
			[]string{"2:1: file holds more than one YAML document; want one guide per file"}},
		// Encoding: at the offending character.
		{"invalid utf-8", "x.yaml", "id: a\ntitle: caf\xe9 au lait\n",
			[]string{"2:11: invalid UTF-8 byte 0xe9; guides must be UTF-8 text"}},
		{"invalid utf-8 after non-ascii", "x.json", "{\"é\": \"ü\xff\"}",
			[]string{"1:9: invalid UTF-8 byte 0xff; guides must be UTF-8 text"}},
		{"nul in yaml", "x.yaml", "id: a\ntitle: x\x00y\n",
			[]string{"2:9: yaml syntax error: control characters are not allowed"}},
		{"C1 control in yaml", "x.yaml", "id: é\u0080\n",
			[]string{"1:6: yaml syntax error: control characters are not allowed"}},
		{"DEL in yaml", "x.yaml", "id: a\n  # \x7f\n",
			[]string{"2:5: yaml syntax error: control characters are not allowed"}},
		// Limits.
		{"yaml nesting", "x.yaml", "a: " + tenThousand + "\n",
			[]string{"1:1004: nesting is deeper than 1000 levels"}},
		{"yaml nesting beyond yaml.v3's limit", "x.yaml", "a: [" + tenThousand + "]\n",
			[]string{"1:1: yaml syntax error: exceeded max depth of 10000"}},
		{"json nesting", "x.json", `{"a": ` + tenThousand + "}",
			[]string{"1:1006: nesting is deeper than 1000 levels"}},
		{"alias cycle", "x.yaml", "a: &a [*a]\n",
			[]string{"1:8: alias *a refers to a value that contains it"}},
		{"merge cycle", "x.yaml", "a: &a {b: 1, <<: *a}\n",
			[]string{"1:18: alias *a refers to a value that contains it"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parse(t, tt.file, []byte(tt.data))
			if diff := cmp.Diff(tt.want, errStrings(err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			if doc != nil {
				t.Errorf("got a document; want none")
			}
		})
	}
}

// TestYAMLDirective: a %YAML 1.2 directive (the current version, which
// yaml.v3 calls "incompatible") or 1.1 is read, and positions after it
// are those of the file.
func TestYAMLDirective(t *testing.T) {
	for _, src := range []string{
		"%YAML 1.2\n---\nid: a\ntitle: T\n",
		"%YAML 1.1\n---\nid: a\ntitle: T\n",
		"# a guide\n%YAML 1.2 # the current version\n--- # start\nid: a\ntitle: T\n",
		"%YAML 1.2\r\n%TAG !e! tag:example.com,2000:\r\n---\r\nid: a\r\ntitle: T\r\n",
	} {
		doc, err := parse(t, "x.yaml", []byte(src))
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		title := doc.Root.Get("title")
		wantLine := strings.Count(src[:strings.Index(src, "title")], "\n") + 1
		if title == nil || title.Text != "T" || title.Pos != (Pos{wantLine, 8}) {
			t.Errorf("%q: title = %+v; want T at %d:8", src, title, wantLine)
		}
	}
}

// TestNonFatalErrors checks errors that leave the rest of the document
// loaded.
func TestNonFatalErrors(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string
		value      any
	}{
		{"complex key", "? [a]\n: 1\nb: 2\n",
			[]string{"1:3: mapping key is a list; keys must be plain text"},
			map[string]any{"b": json.Number("2")}},
		{"merge of a scalar", "a: 1\nb:\n  <<: 3\n  c: 4\n",
			[]string{"3:7: merge key << needs a mapping or a list of mappings, got a number"},
			map[string]any{"a": json.Number("1"), "b": map[string]any{"c": json.Number("4")}}},
		{"alias of a key", "{&k key: v, other: *k}\n", nil,
			map[string]any{"key": "v", "other": "key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parse(t, "x.yaml", []byte(tt.data))
			if diff := cmp.Diff(tt.want, errStrings(err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			if doc == nil {
				t.Fatal("no document")
			}
			if diff := cmp.Diff(tt.value, doc.Value()); diff != "" {
				t.Errorf("Value() (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMergeKeys checks "<<" merges: merged fields are present, explicit
// keys win, earlier sources win over later ones, and merged fields keep
// their positions at the anchored mapping.
func TestMergeKeys(t *testing.T) {
	const data = `base: &base
  name: Base
  weight: 10
a: &a {x: 1, y: 1}
b: &b {y: 2, z: 2, x: 2}
one:
  <<: *base
  weight: 20
many:
  y: 0
  <<: [*a, *b]
nested:
  <<: *b
  inner: {k: v}
`
	doc := mustParse(t, "x.yaml", []byte(data))
	// More merged fields than the mapping has keys: the fields must not
	// spill into the next mapping's.
	if n := doc.Lookup("/nested"); n == nil || len(n.Fields) != 4 {
		t.Errorf("/nested = %+v; want 4 fields", n)
	}
	if n := doc.Lookup("/nested/inner/k"); n == nil || n.Text != "v" {
		t.Errorf("/nested/inner/k = %+v; want v", n)
	}
	n := func(s string) json.Number { return json.Number(s) }
	want := map[string]any{
		"base": map[string]any{"name": "Base", "weight": n("10")},
		"a":    map[string]any{"x": n("1"), "y": n("1")},
		"b":    map[string]any{"x": n("2"), "y": n("2"), "z": n("2")},
		"one":  map[string]any{"name": "Base", "weight": n("20")},
		"many": map[string]any{"x": n("1"), "y": n("0"), "z": n("2")},
		"nested": map[string]any{"inner": map[string]any{"k": "v"},
			"x": n("2"), "y": n("2"), "z": n("2")},
	}
	if diff := cmp.Diff(want, doc.Value()); diff != "" {
		t.Errorf("Value() (-want +got):\n%s", diff)
	}
	got := map[string]keyVal{}
	for _, p := range []string{"/one/name", "/one/weight", "/many/x", "/many/y", "/many/z"} {
		k, _ := doc.KeyPos(p)
		v, _ := doc.Pos(p)
		got[p] = keyVal{k, v}
	}
	wantPos := map[string]keyVal{
		"/one/name":   {Pos{2, 3}, Pos{2, 9}},
		"/one/weight": {Pos{8, 3}, Pos{8, 11}},
		"/many/x":     {Pos{4, 8}, Pos{4, 11}},
		"/many/y":     {Pos{10, 3}, Pos{10, 6}},
		"/many/z":     {Pos{5, 14}, Pos{5, 17}},
	}
	if diff := cmp.Diff(wantPos, got); diff != "" {
		t.Errorf("positions (-want +got):\n%s", diff)
	}
}

// TestHostile feeds inputs built to exhaust memory, time or the stack.
func TestHostile(t *testing.T) {
	t.Run("billion laughs", func(t *testing.T) {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		doc, err := parse(t, "x.yaml", []byte(fuzzseed.BillionLaughs))
		runtime.ReadMemStats(&after)
		if doc != nil || err == nil || !strings.Contains(err.Error(), "aliases expand") {
			t.Errorf("Parse = %v, %v; want no document and an error about aliases", doc, err)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
			t.Errorf("Parse allocated %d MB on an alias bomb; it must refuse before expanding", alloc>>20)
		}
	})
	t.Run("deep block nesting", func(t *testing.T) {
		_, err := parse(t, "x.yaml", []byte("a: \n  "+strings.Repeat("- ", 5000)+"x\n"))
		if !regexp.MustCompile(`nest|depth`).MatchString(fmt.Sprint(err)) {
			t.Errorf("err = %v; want an error about nesting", err)
		}
	})
	t.Run("deep json objects", func(t *testing.T) {
		_, err := parse(t, "x.json", []byte(strings.Repeat(`{"a":`, 100000)))
		if !regexp.MustCompile(`nest|depth`).MatchString(fmt.Sprint(err)) {
			t.Errorf("err = %v; want an error about nesting", err)
		}
	})
	const keys = 100000
	for _, format := range []string{"yaml", "json"} {
		t.Run(fmt.Sprintf("%d keys in %s", keys, format), func(t *testing.T) {
			var b strings.Builder
			for i := 0; i < keys; i++ {
				if format == "yaml" {
					fmt.Fprintf(&b, "k%d: %d\n", i, i)
				} else {
					fmt.Fprintf(&b, "%s\"k%d\": %d\n", map[bool]string{true: "{", false: ","}[i == 0], i, i)
				}
			}
			if format == "yaml" {
				b.WriteString("k7: dup\n")
			} else {
				b.WriteString(",\"k7\": \"dup\"}\n")
			}
			doc, err := parse(t, "x."+format, []byte(b.String()))
			if doc == nil || len(doc.Root.Fields) != keys {
				t.Fatalf("Parse = %v, %v; want all %d keys", doc, err, keys)
			}
			wantCol := map[string]int{"yaml": 1, "json": 2}[format]
			want := []string{fmt.Sprintf(`%d:%d: duplicate key "k7" (first defined at line 8, column %d)`, keys+1, wantCol, wantCol)}
			if diff := cmp.Diff(want, errStrings(err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
	for _, format := range []string{"yaml", "json"} {
		t.Run("1MB line in "+format, func(t *testing.T) {
			long := strings.Repeat("é", 1<<19) // 1 MiB of UTF-8 on one line
			data := `{"a": "` + long + `", "b": 1}`
			if format == "yaml" {
				data = `{a: "` + long + `", b: 1}`
			}
			doc := mustParse(t, "x."+format, []byte(data))
			if got := doc.Lookup("/a").Text; got != long {
				t.Errorf("len(/a) = %d, want %d", len(got), len(long))
			}
			// b's key comes after the string: its column counts code points.
			want := 1 + len(`{"a": "`) + 1<<19 + len(`", `)
			if format == "yaml" {
				want = 1 + len(`{a: "`) + 1<<19 + len(`", `)
			}
			if k, _ := doc.KeyPos("/b"); k != (Pos{Line: 1, Col: want}) {
				t.Errorf("KeyPos(/b) = %v, want 1:%d", k, want)
			}
		})
	}
}

// TestManyNodesOnLastLine: a flow list on a last line without a newline.
// Each node's position was worked out by counting the whole line again,
// so 40,000 items took 4.6 s; the positions must still be exact.
func TestManyNodesOnLastLine(t *testing.T) {
	const n = 100000
	data := "id: a\nl: [" + strings.Repeat("1,", n-1) + "1]"
	doc := mustParse(t, "x.yaml", []byte(data))
	if got := len(doc.Lookup("/l").Items); got != n {
		t.Fatalf("%d items, want %d", got, n)
	}
	if got, want := doc.Lookup("/l/99999").Pos, (Pos{2, 5 + 2*(n-1)}); got != want {
		t.Errorf("last item at %v, want %v", got, want)
	}
}

// TestLookup checks pointers that name nothing.
func TestLookup(t *testing.T) {
	doc := mustParse(t, "x.yaml", []byte("id: a\nl: [x, y]\n\"a/b\": {\"~\": 1}\n"))
	for _, p := range []string{"id", "/nope", "/id/x", "/l/2", "/l/-1", "/l/01", "/l/x", "/a/b", "/a~1b/x"} {
		if n := doc.Lookup(p); n != nil {
			t.Errorf("Lookup(%q) = %v, want nil", p, n)
		}
		if _, ok := doc.Pos(p); ok {
			t.Errorf("Pos(%q) found something", p)
		}
		if _, ok := doc.KeyPos(p); ok {
			t.Errorf("KeyPos(%q) found something", p)
		}
	}
	for p, want := range map[string]Pos{"": {1, 1}, "/l/1": {2, 8}, "/a~1b/~0": {3, 14}} {
		if got, ok := doc.Pos(p); !ok || got != want {
			t.Errorf("Pos(%q) = %v, %v; want %v", p, got, ok, want)
		}
	}
	if got := doc.Root.Get("l").Items[0].Text; got != "x" {
		t.Errorf("Get(l)[0] = %q", got)
	}
}

// TestParseConcurrent parses the examples from several goroutines at once
// (run with -race): Parse keeps no shared state.
func TestParseConcurrent(t *testing.T) {
	paths := []string{"../examples/ml-systems.yaml", "../examples/data-engineering.yaml", "../examples/technical-writing.yaml"}
	want := make([]any, len(paths))
	data := make([][]byte, len(paths))
	for i, p := range paths {
		data[i] = readFile(t, p)
		want[i] = mustParse(t, p, data[i]).Value()
	}
	errs := make(chan string, 8*len(paths))
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		for i := range paths {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				doc, err := Parse(paths[i], data[i])
				if err != nil {
					errs <- err.Error()
					return
				}
				if diff := cmp.Diff(want[i], doc.Value()); diff != "" {
					errs <- paths[i] + ": " + diff
				}
			}(i)
		}
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestParserReuse parses every example and seed file with one Parser, in
// both orders, and checks each document against Parse's: the arena's
// blocks, reused and cleared between documents, must not leak one
// document into the next.
func TestParserReuse(t *testing.T) {
	var files [][2]string
	for _, dir := range []string{"../examples", "../testdata/seed"} {
		paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range paths {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, [2]string{path, string(data)})
			if doc, _ := Parse(path, data); doc != nil {
				j, _ := json.MarshalIndent(doc.Value(), "", "  ")
				files = append(files, [2]string{strings.TrimSuffix(path, ".yaml") + ".json", string(j)})
			}
		}
	}
	for _, s := range fuzzSeeds {
		files = append(files, [2]string{"seed.yaml", s}, [2]string{"seed.json", s})
	}
	if len(files) < 8 {
		t.Fatalf("only %d files to parse", len(files))
	}
	var p Parser
	for round := 0; round < 2; round++ {
		for _, f := range files {
			want, err := Parse(f[0], []byte(f[1]))
			checkParser(t, &p, f[0], []byte(f[1]), want, err)
		}
		for i, j := 0, len(files)-1; i < j; i, j = i+1, j-1 {
			files[i], files[j] = files[j], files[i]
		}
	}
}

// TestManyDuplicateKeys: every key of a large mapping written twice. Each
// duplicate names its first at its own line, in YAML and JSON, and the
// lookup of the first stays linear in the mapping's size.
func TestManyDuplicateKeys(t *testing.T) {
	const n = 20000
	var y, j strings.Builder
	j.WriteString("{\n")
	for round := 0; round < 2; round++ {
		for i := 0; i < n; i++ {
			fmt.Fprintf(&y, "k%d: %d\n", i, round)
			fmt.Fprintf(&j, "\"k%d\": %d,\n", i, round)
		}
	}
	j.WriteString("\"end\": 0}\n")
	for name, data := range map[string]string{"x.yaml": y.String(), "x.json": j.String()} {
		doc, err := Parse(name, []byte(data))
		var list ErrorList
		if doc == nil || !errors.As(err, &list) || len(list) != n {
			t.Fatalf("%s: %d errors (%v); want %d duplicate keys", name, len(list), err, n)
		}
		first := 1
		if name == "x.json" {
			first = 2
		}
		want := fmt.Sprintf("duplicate key \"k%d\" (first defined at line %d, column", n-1, first+n-1)
		if last := list[len(list)-1]; !strings.Contains(last.Msg, want) || last.Pos.Line != first+2*n-1 {
			t.Errorf("%s: last error %v; want at line %d: %s", name, last, first+2*n-1, want)
		}
		if v := doc.Lookup("/k7"); v == nil || v.Text != "0" {
			t.Errorf("%s: /k7 = %v, want the first value 0", name, v)
		}
	}
}
