package report

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillguides/guidelint/lint"
)

func TestTokenLen(t *testing.T) {
	for _, tc := range []struct {
		line string
		col  int // 1-based, as diagnostics count
		flow bool
		want int
	}{
		{"    wieght: 40", 5, false, 6},                     // a key
		{"  total_hours: 35", 16, false, 2},                 // a plain value
		{"tagline: TODO write it # comment", 10, false, 13}, // up to the comment
		{"tagline: a#b c", 10, false, 5},                    // "#" inside a word is text
		{"title: \"a \\\" b\" # c", 8, false, 8},            // double-quoted, with an escape
		{"title: 'it''s' # c", 8, false, 7},                 // single-quoted, with a doubled quote
		{"title: \"unclosed", 8, false, 1},                  // continues on the next line
		{"  why: [It keeps, TBD]", 19, false, 3},            // flow context: stops at ]
		{"  why: [It's short, TBD]", 21, false, 3},          // an apostrophe is no quote
		{"  why: [a, b]", 8, false, 1},                      // the flow collection itself
		{"  - name: x", 3, false, 1},                        // a sequence indicator
		{"what: |", 7, false, 1},                            // a block scalar indicator
		{`  "weight": 90,`, 13, true, 2},                    // JSON: stops at ,
		{`  "sub_skills": [`, 3, true, 12},                  // JSON key
		{"tagline: Tech, Finance", 10, false, 13},           // block context keeps commas
		{"url: http://x.org/a:b", 6, false, 16},             // ":" not followed by space
		{"short", 9, false, 1},                              // past the end
	} {
		if got := tokenLen([]rune(tc.line), tc.col-1, tc.flow); got != tc.want {
			t.Errorf("tokenLen(%q, %d) = %d, want %d", tc.line, tc.col, got, tc.want)
		}
	}
}

func TestWriteTextSnippets(t *testing.T) {
	src := "id: x\n\tkey: \"日本語 TODO\"\r\nesc: a\x1bb\n"
	res := &lint.Result{
		Sources: map[string][]byte{"g.yaml": []byte(src)},
		Diagnostics: []lint.Diagnostic{
			{Path: "g.yaml", Line: 2, Column: 7, Severity: lint.Warning, Rule: "placeholder", Message: "placeholder"},
			{Path: "g.yaml", Line: 2, Column: 2, EndLine: 2, EndColumn: 5, Severity: lint.Error, Rule: "schema", Message: "bad\nkey\x1b[31m"},
			{Path: "g.yaml", Line: 3, Column: 6, Severity: lint.Info, Rule: "x", Message: "control"},
			{Path: "g.yaml", Line: 99, Column: 1, Severity: lint.Error, Rule: "x", Message: "no such line"},
			{Path: "other.yaml", Line: 1, Column: 1, Severity: lint.Error, Rule: "x", Message: "no source"},
		},
	}
	var buf bytes.Buffer
	if err := (textFormat{snippets: true}).Format(&buf, res); err != nil {
		t.Fatal(err)
	}
	want := "g.yaml:2:7: warning: placeholder (placeholder)\n" +
		"  |\n" +
		"2 | \tkey: \"日本語 TODO\"\n" +
		"  | \t     ^~~~~~~~~~~~~\n" + // 日本語 counts two columns each
		"g.yaml:2:2: error: bad\\nkey\\x1b[31m (schema)\n" +
		"  |\n" +
		"2 | \tkey: \"日本語 TODO\"\n" +
		"  | \t^~~\n" + // EndColumn is exclusive
		"g.yaml:3:6: info: control (x)\n" +
		"  |\n" +
		"3 | esc: a\uFFFDb\n" +
		"  |      ^~~\n" +
		"g.yaml:99:1: error: no such line (x)\n" +
		"other.yaml:1:1: error: no source (x)\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("snippets (-want +got):\n%s", diff)
	}

	buf.Reset()
	(textFormat{}).Format(&buf, &lint.Result{Diagnostics: res.Diagnostics[:1]})
	if got := buf.String(); got != "g.yaml:2:7: warning: placeholder (placeholder)\n" {
		t.Errorf("plain = %q", got)
	}

	buf.Reset()
	(textFormat{color: true}).Format(&buf, &lint.Result{Diagnostics: res.Diagnostics[:1]})
	if got := buf.String(); got != "\x1b[1mg.yaml:2:7:\x1b[0m \x1b[1;33mwarning:\x1b[0m placeholder \x1b[90m(placeholder)\x1b[0m\n" {
		t.Errorf("colour = %q", got)
	}
}
