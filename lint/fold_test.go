package lint

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// refFold is fold written the obvious way, to check the allocation-free
// versions against.
func refFold(s string) string {
	s = norm.NFC.String(s)
	var words []string
	for _, w := range strings.FieldsFunc(s, unicode.IsSpace) {
		words = append(words, strings.Map(unicode.ToLower, w))
	}
	return strings.Join(words, " ")
}

func checkFold(t *testing.T, a, b string) {
	if got, want := fold(a), refFold(a); got != want {
		t.Errorf("fold(%q) = %q, want %q", a, got, want)
	}
	same := refFold(a) == refFold(b)
	if got := foldEqual(a, b); got != same {
		t.Errorf("foldEqual(%q, %q) = %v, want %v", a, b, got, same)
	}
	if same && foldHash(a) != foldHash(b) {
		t.Errorf("foldHash differs for %q and %q, which fold the same", a, b)
	}
	if got := isBlank(a); got != (refFold(a) == "") {
		t.Errorf("isBlank(%q) = %v", a, got)
	}
}

func TestFold(t *testing.T) {
	cases := [][2]string{
		{"Docker", "docker"},
		{"  Machine   Learning ", "machine learning"},
		{"machine\tlearning", "Machine Learning"},
		{"MLflow", "ML flow"},
		{"", "   "},
		{"a", ""},
		{"Ünïcödé  Straße", "ünïcödé straße"},
		{"ab", "a b"},
		{"x\u00a0y", "x y"},
		{"already folded", "already folded"},
		{"trailing ", "trailing"},
		// The ASCII fast paths: first bytes that settle a pair, and bytes
		// next to white space that are not white space.
		{"Apple", "banana"},
		{"apple", "Apple pie"},
		{"\tApple", "apple"},
		{"\x1cA", "\x1ca"},
		{"\x1c", ""},
		{"\vx\fy\r", "x Y"},
		{"\u0085x", "X"},
		{"\u2028A\u2029", "a"},
		// NFC first: a decomposed accent (e + U+0301) is the composed
		// letter, also right after an ASCII prefix that compares equal.
		{"Caf\u00e9", "cafe\u0301"},
		{"De\u0301butant", "d\u00e9butant"},
		{"CAFE\u0301", "caf\u00c9"},
		{"ae\u0301", "a\u00e9"},
		{"e\u0301", "\u00e9"},
		{"\u0301", ""},
		{"A\u030a", "\u00c5"},
		{"\u1e9b\u0323", "\u1e9b\u0323"},
	}
	for _, c := range cases {
		checkFold(t, c[0], c[1])
		checkFold(t, c[1], c[0])
	}
}

func FuzzFold(f *testing.F) {
	f.Add("Docker", "docker ")
	f.Add(" A  b", "a B")
	f.Add("Ünï", "ünÏ")
	f.Add("Cafe\u0301", "caf\u00e9")
	f.Fuzz(func(t *testing.T, a, b string) {
		checkFold(t, a, b)
	})
}
