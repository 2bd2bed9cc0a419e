package yamlscan

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestComments(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string // "line:col text", own-line comments marked with "*"
	}{
		{"trailing", "a: b # c\n", []string{"1:6 # c"}},
		{"own line", "# top\na: b\n  # inner\n", []string{"*1:1 # top", "*3:3 # inner"}},
		{"hash in plain", "a: b#c\nurl: http://x/#frag\n", nil},
		{"hash in quotes", "a: 'b # c'\nd: \"e # \\\" # f\"\ng: 'it''s # x'\n", nil},
		{"multi-line quotes", "a: \"one\n  # two\n  three\" # four\n", []string{"3:10 # four"}},
		{"flow open bracket", "why: [ # agreed with the board\n  a, b ]\n", []string{"1:8 # agreed with the board"}},
		{"flow items", "x: [a, # one\n  b # two\n  ] # three\n", []string{"1:8 # one", "2:5 # two", "3:5 # three"}},
		{"anchor then collection", "why: &w # shared\n  - a\n", []string{"1:9 # shared"}},
		{"tag then collection", "why: !!seq # t\n  - a\n", []string{"1:12 # t"}},
		{"document end", "a: b\n... # end\n", []string{"2:5 # end"}},
		{"before document end", "a: b\n# before\n...\n", []string{"*2:1 # before"}},
		{"document start", "--- # head\na: b\n", []string{"1:5 # head"}},
		{"directive", "%YAML 1.2 # v\n---\na: b\n", []string{"1:11 # v"}},
		{"block scalar text", "a: |\n  # not a comment\n  text\n# after\nb: c\n", []string{"*4:1 # after"}},
		{"block scalar header", "a: >- # folded\n  x\n", []string{"1:7 # folded"}},
		{"block scalar last line", "a: |\n  x\n  # text\n\nb: c # d\n", []string{"5:6 # d"}},
		{"block scalar in list", "- |\n  # text\n- b # c\n", []string{"3:5 # c"}},
		{"block scalar nested", "l:\n  - k: |\n      # text\n    j: x # c\n", []string{"4:10 # c"}},
		{"block scalar header, no space", "a: |-#c\n  x\n", []string{"1:6 #c"}},
		{"block scalar indicator", "a: |2\n    # text\n  more\n", nil},
		{"block scalar empty", "a: |\nb: c # d\n", []string{"2:6 # d"}},
		{"plain over lines", "a: one\n  two # c\n", []string{"2:7 # c"}},
		{"plain then quote-like", "a: one\n  'two # not\n", []string{"2:8 # not"}},
		{"flow plain then quote", "a: [one\n  'two' # c\n  ]\n", []string{"2:9 # c"}},
		{"lone cr breaks the line", "a: |\r  # text\r# c\n", []string{"1:15 # c"}},
		{"nel breaks the line", "a: 'x'\u0085# c\n", []string{"1:8 # c"}},
		{"crlf", "a: b # c\r\n# d\r\n", []string{"1:6 # c", "*2:1 # d"}},
		{"unicode column", "é: ü # c\n", []string{"1:6 # c"}},
		{"after flow end", "a: {b: c}#d\n", []string{"1:10 #d"}},
		{"colon in plain", "a: b:c # d\n", []string{"1:8 # d"}},
	} {
		var got []string
		for _, c := range Comments([]byte(tc.src)) {
			s := ""
			if c.OwnLine {
				s = "*"
			}
			got = append(got, s+itoa(c.Line)+":"+itoa(c.Col)+" "+c.Text)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: %q (-want +got):\n%s", tc.name, tc.src, diff)
		}
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestInFlow(t *testing.T) {
	for _, tc := range []struct {
		prefix string
		want   bool
	}{
		{"a: [b, ", true},
		{"- {a: ", true},
		{"a: [b, c] ", false},
		{"0{:: ", false},
		{"a: b [c ", false},
		{"a: 'x [y' ", false},
		{"a: [\"x ]\", ", true},
		{"a: [b] # [ ", false},
		{"a: [b, # ", true},
		{"key: ", false},
		{"[[a], ", true},
	} {
		if got := InFlow([]rune(tc.prefix)); got != tc.want {
			t.Errorf("InFlow(%q) = %v, want %v", tc.prefix, got, tc.want)
		}
	}
}
