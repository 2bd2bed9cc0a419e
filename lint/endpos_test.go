package lint

import (
	"fmt"
	"testing"

	"github.com/skillguides/guidelint/guide"
)

// TestNodeEnds: the end of each kind of node, as SARIF counts it (the
// column after the last character, in code points).
func TestNodeEnds(t *testing.T) {
	yamlSrc := "id: ml-systems # a comment\n" + // 1
		"title: \"ML: Systems\"\n" + // 2
		"tagline: 'it''s ☕ time'\n" + // 3
		"category: Technical and\n" + // 4
		"  more technical\n" + // 5
		"overview:\n" + // 6
		"  what: |\n" + // 7
		"    Line one.\n" + // 8
		"      Line two.\n" + // 9
		"\n" + // 10
		"  why: [a, \"b, c\", d] # flow\n" + // 11
		"  outcomes:\n" + // 12
		"    - first\n" + // 13
		"    - second: x\n" + // 14
		"stats: {learning_phases: 3}\n" // 15
	jsonSrc := "{\n  \"id\": \"x\",\n  \"stats\": {\"learning_phases\": 12.5, \"x\": true},\n  \"why\": [\"a\\\"b\"]\n}\n"
	for _, tc := range []struct {
		name, src, pointer string
		want               string
	}{
		{"y.yaml", yamlSrc, "/id", "1:15"},
		{"y.yaml", yamlSrc, "/title", "2:21"},
		{"y.yaml", yamlSrc, "/tagline", "3:24"},
		{"y.yaml", yamlSrc, "/category", "5:17"},
		{"y.yaml", yamlSrc, "/overview/what", "9:16"},
		{"y.yaml", yamlSrc, "/overview/why", "11:22"},
		{"y.yaml", yamlSrc, "/overview/why/1", "11:18"},
		{"y.yaml", yamlSrc, "/overview/why/2", "11:21"},
		{"y.yaml", yamlSrc, "/overview/outcomes", "14:16"},
		{"y.yaml", yamlSrc, "/overview", "14:16"},
		{"y.yaml", yamlSrc, "/stats", "15:28"},
		{"y.yaml", yamlSrc, "/stats/learning_phases", "15:27"},
		{"j.json", jsonSrc, "/id", "2:12"},
		{"j.json", jsonSrc, "/stats", "3:48"},
		{"j.json", jsonSrc, "/stats/learning_phases", "3:36"},
		{"j.json", jsonSrc, "/stats/x", "3:47"},
		{"j.json", jsonSrc, "/why/0", "4:17"},
		{"j.json", jsonSrc, "", "5:2"},
	} {
		doc, err := guide.Parse(tc.name, []byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		n := doc.Lookup(tc.pointer)
		s := newSource(doc.Data)
		end, ok := s.end(n, 0)
		got := fmt.Sprintf("%d:%d", end.Line, end.Col)
		if !ok {
			got = "none"
		}
		if got != tc.want {
			t.Errorf("%s %q (starts %v): ends %s, want %s", tc.name, tc.pointer, n.Pos, got, tc.want)
		}
	}
	// A key's end, for findings about a key.
	doc, _ := guide.Parse("y.yaml", []byte("overview:\n  \"wh at\": x\n  wieght: 3\n"))
	s := newSource(doc.Data)
	for _, f := range doc.Root.Get("overview").Fields {
		end, ok := s.keyEnd(f.KeyPos, f.Key)
		want := map[string]string{"wh at": "2:10", "wieght": "3:9"}[f.Key]
		if got := fmt.Sprintf("%d:%d", end.Line, end.Col); !ok || got != want {
			t.Errorf("key %q ends %s (%v), want %s", f.Key, got, ok, want)
		}
	}
	// Line breaks the scan cannot follow: no ends rather than wrong ones.
	if newSource([]byte("id: a\rtitle: b\r")) != nil {
		t.Error("a CR-only file got a source")
	}
}
