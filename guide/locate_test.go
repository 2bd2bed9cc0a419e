package guide

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestParsePositionsMatchPyYAML: for common writer mistakes, the parse
// error is at the offending character, the position an independent
// parser gives (PyYAML's problem_mark, recorded in the golden file and
// checked against PyYAML by scripts/pyyaml-marks.py in .ci/run), with a
// hint where the fix is certain.
func TestParsePositionsMatchPyYAML(t *testing.T) {
	data, err := os.ReadFile("testdata/parse-positions.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name, Src, Hint string
		Line, Col       int
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 20 {
		t.Fatalf("%d cases; want at least 20", len(cases))
	}
	for _, c := range cases {
		for _, crlf := range []bool{false, true} {
			src := c.Src
			if crlf {
				src = strings.ReplaceAll(src, "\n", "\r\n")
			}
			_, err := Parse("x.yaml", []byte(src))
			list, ok := err.(ErrorList)
			if !ok || len(list) != 1 {
				t.Errorf("%s (crlf %v): err = %v; want one parse error", c.Name, crlf, err)
				continue
			}
			e := list[0]
			if e.Pos != (Pos{c.Line, c.Col}) {
				t.Errorf("%s (crlf %v): at %v (%s); PyYAML says %d:%d", c.Name, crlf, e.Pos, e.Msg, c.Line, c.Col)
			}
			if !strings.Contains(e.Msg, c.Hint) {
				t.Errorf("%s: message %q; want it to say %q", c.Name, e.Msg, c.Hint)
			}
		}
	}
}

// FuzzLocate: the locator never panics (parseYAML would recover, but with
// a useless message) and names a position inside the file.
func FuzzLocate(f *testing.F) {
	f.Add([]byte("a: b: c\n"), 1, 0)
	f.Add([]byte("why: [a,\n b: c: d\n"), 1, 6)
	f.Add([]byte("- 'x' y\n  - \"q\n"), 1, 3)
	problems := []string{
		"mapping values are not allowed in this context", "found character that cannot start any token",
		"found a tab character that violates indentation", "did not find expected key",
		"did not find expected '-' indicator", "could not find expected ':'",
		"did not find expected ',' or ']'", "did not find expected ',' or '}'",
		"did not find expected node content", "found unexpected end of stream",
	}
	f.Fuzz(func(t *testing.T, data []byte, line, problem int) {
		if problem < 0 {
			problem = -problem
		}
		pos, _, ok := locateYAMLError(data, line, problems[problem%len(problems)])
		if !ok {
			return
		}
		lines := strings.Split(string(data), "\n")
		if pos.Line < 1 || pos.Line > len(lines) || pos.Col < 1 || pos.Col > len([]rune(lines[pos.Line-1]))+1 {
			t.Fatalf("position %v outside the file %q", pos, data)
		}
	})
}
