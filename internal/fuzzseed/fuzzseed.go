// Package fuzzseed holds the hostile inputs that the project's fuzz targets
// and hostile-input tables start from, so that guide, lint and format test
// the same cases. It imports nothing of the project, so any package's own
// tests can use it.
package fuzzseed

import "strings"

// BillionLaughs is the classic alias bomb: nine levels of nine aliases
// each, 9^9 strings if expanded.
const BillionLaughs = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`

// Hostile are small inputs built to hurt a parser: alias bombs and cycles,
// merge keys, absurd nesting, JSON escapes YAML parsers reject, duplicate
// keys, odd line breaks, byte order marks, bad encodings, several
// documents, and scalars YAML resolves in surprising ways.
var Hostile = []string{
	BillionLaughs,
	"a: &a [*a]\n",
	"a: &a {b: 1, <<: *a}\n",
	"a: &a {x: 1}\nb: &b {y: 2}\nm:\n  <<: [*a, *b]\n  x: 0\n",
	"{&k key: v, other: *k}\n",
	"? [a]\n: 1\n",
	"a: 1\nb: *nope\n",
	"a: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n",
	"a:\n  " + strings.Repeat("- ", 10000) + "x\n",
	`{"a": ` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "}",
	strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000),
	"id: a\ntitle: First\ntitle: Second\n",
	`{"id": "a", "title": "First", "title": "Second", "\u0069d": "b"}`,
	"{\n\t\"url\": \"https:\\/\\/x.org\",\n\t\"e\": \"\\ud83d\\ude00\\ud800\"\n}\n",
	"\xEF\xBB\xBFid: a\n",
	"\xFF\xFEi\x00d\x00:\x00 \x00a\x00\n\x00",
	"\xFE\xFF\x00i\x00d\x00:\x00 \x00a\x00\n",
	"id: caf\xe9\n",
	"id: a\ntitle: x\x00y\n",
	"id: a\rtitle: b\r",
	"id: \"a\u2028b\"\ntitle: [\"c\u0085d\", e]\n",
	"id: a\n---\nid: b\n",
	"--- # c\n",
	"# only a comment\n",
	"",
	" \n\t\n",
	"- a\n- b\n",
	"just a scalar\n",
	`{"a": 1} {"b": 2}`,
	`{"a": [1,,2]}`,
	"v: [2024-01-01, yes, on, 0x1F, 1e3, .inf, .nan, ~, 017, 1_000, !!bool yes, 1e400]\n",
	`{"a": 1e400, "b": -0, "c": 1E+2}`,
}
