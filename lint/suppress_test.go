package lint

import (
	"strings"
	"testing"
)

// TestHasDirective checks the fast filter of parseDirectives against the
// directive regexp: it may let through text without a directive, never
// the other way round.
func TestHasDirective(t *testing.T) {
	for s, want := range map[string]bool{
		"# guidelint:ignore":                   true,
		"x: 1 #guidelint:ignore-file":          true,
		"x: 1 #\tguidelint:ignore duplicate":   true,
		"a: b\n  # guidelint:ignore\nc: d":     true,
		"guidelint:ignore":                     false,
		"# guidelint ignore":                   false,
		"C# is a language; # see guidelint:ig": false,
		"":                                     false,
		"#":                                    false,
	} {
		if got := hasDirective([]byte(s)); got != want {
			t.Errorf("hasDirective(%q) = %v, want %v", s, got, want)
		}
		checkHasDirective(t, s)
	}
}

func checkHasDirective(t *testing.T, s string) {
	for _, line := range strings.Split(s, "\n") {
		if directiveRE.MatchString(strings.TrimRight(line, "\r")) && !hasDirective([]byte(s)) {
			t.Errorf("hasDirective(%q) = false, but line %q holds a directive", s, line)
		}
	}
}

func FuzzHasDirective(f *testing.F) {
	f.Add("# guidelint:ignore")
	f.Add("a: 1 #\f guidelint:ignore-file x")
	f.Fuzz(checkHasDirective)
}
