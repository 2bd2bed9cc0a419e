package format

import (
	"unicode"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// yaml.v3's emitter counts every character outside the Basic Multilingual
// Plane as unprintable: a scalar holding an emoji or a rare CJK ideograph
// (𠮷) is written double-quoted with \U escapes, and a block scalar is
// flattened to one escaped line. Such characters are hidden from it: each
// distinct one stands in for a private-use character (which it prints as
// is) that the document does not hold, and the written text gets the
// characters back. Characters that are not printable (unassigned ones,
// format characters such as language tags) keep yaml.v3's escapes.

// stand maps the stand-ins of a tree back to the characters they hide.
type stand struct {
	back map[rune]rune
}

// hideWide replaces the printable characters outside the BMP of every
// scalar of root with stand-ins absent from src (the text root was read
// from, which holds its comments too).
func hideWide(root *yaml.Node, src []byte) *stand {
	s := &stand{}
	if !hasWide(src) {
		return s
	}
	// The private use characters taken: in the text, or in a value
	// (written there as an escape).
	taken := map[rune]bool{}
	for _, r := range string(src) {
		if r >= 0xE000 && r <= 0xF8FF {
			taken[r] = true
		}
	}
	walk(root, func(n *yaml.Node) {
		for _, r := range n.Value {
			if r >= 0xE000 && r <= 0xF8FF {
				taken[r] = true
			}
		}
	})
	hide := map[rune]rune{}
	next := rune(0xE000) // the private use area
	walk(root, func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && hasWide([]byte(n.Value)) {
			n.Value = mapRunes(n.Value, func(r rune) rune {
				if r <= 0xFFFF || !unicode.IsPrint(r) {
					return r
				}
				if p, ok := hide[r]; ok {
					return p
				}
				for next <= 0xF8FF && taken[next] {
					next++
				}
				if next > 0xF8FF {
					return r // out of stand-ins: yaml.v3 escapes the rest
				}
				hide[r] = next
				if s.back == nil {
					s.back = map[rune]rune{}
				}
				s.back[next] = r
				next++
				return hide[r]
			})
		}
	})
	return s
}

// restore puts the hidden characters back into text written from the tree.
func (s *stand) restore(out []byte) []byte {
	if len(s.back) == 0 {
		return out
	}
	return []byte(mapRunes(string(out), func(r rune) rune {
		if w, ok := s.back[r]; ok {
			return w
		}
		return r
	}))
}

// mapRunes applies f to the runes of s; bytes that are not UTF-8 are
// kept as they are.
func mapRunes(s string, f func(rune) rune) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b = append(b, s[i])
		} else {
			b = utf8.AppendRune(b, f(r))
		}
		i += n
	}
	return string(b)
}

// hasWide reports whether b holds a 4-byte UTF-8 sequence.
func hasWide(b []byte) bool {
	for _, c := range b {
		if c >= 0xF0 {
			return true
		}
	}
	return false
}
