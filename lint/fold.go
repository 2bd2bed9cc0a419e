package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Folding, as SPEC §3 defines it for every comparison of text between
// entries: Unicode NFC normalization, then case, then white space. Text
// pasted from another system often carries decomposed accents ("e" and a
// combining acute) that look the same as the composed letter the writer
// typed; without NFC first they would compare unequal.

// nfc returns s in Unicode normalization form C; most text already is,
// and is returned as is without a copy.
func nfc(s string) string {
	if isNFC(s) {
		return s
	}
	return norm.NFC.String(s)
}

// isNFC reports whether s is certainly NFC already, cheaply: ASCII always
// is, and norm's quick check settles most other text without allocating
// (IsNormalString allocated for every string compared). A false answer
// only costs a normalization that changes nothing.
func isNFC(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return norm.NFC.QuickSpanString(s[i:]) == len(s)-i
		}
	}
	return true
}

// normOnly reports whether a and b are different bytes that say the same
// once normalized: a difference no reader can see.
func normOnly(a, b string) bool {
	return a != b && nfc(a) == nfc(b)
}

// normHint is what a message says of two spellings for which normOnly
// holds, so that a writer who sees no difference knows what to retype.
const normHint = "differs only in Unicode normalization (composed vs decomposed accents)"

// fold normalises text for "the same after case and space folding"
// comparisons: NFC, lower case, runs of white space as one space,
// trimmed.
func fold(s string) string {
	if isFolded(s) {
		return s
	}
	s = nfc(s)
	var b strings.Builder
	b.Grow(len(s))
	foldRunes(s, func(r rune) { b.WriteRune(r) })
	return b.String()
}

// isFolded reports whether fold(s) == s, cheaply: the common case of
// already lower-case, single-spaced ASCII text (which is also NFC) needs
// no copy.
func isFolded(s string) bool {
	prevSpace := true // a leading space is not folded
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, 'A' <= c && c <= 'Z', c == '\t', c == '\n', c == '\r', c == '\v', c == '\f':
			return false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		default:
			prevSpace = false
		}
	}
	return len(s) == 0 || s[len(s)-1] != ' '
}

// foldRunes calls emit for each rune of fold(s), without allocating
// when s is already NFC.
func foldRunes(s string, emit func(rune)) {
	s = nfc(s)
	pending := false // a space is owed before the next word
	started := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			pending = started
			continue
		}
		if pending {
			emit(' ')
			pending = false
		}
		emit(unicode.ToLower(r))
		started = true
	}
}

// foldEqual reports whether fold(a) == fold(b), without allocating.
func foldEqual(a, b string) bool {
	if a == b {
		return true
	}
	// Most pairs differ early: compare the leading printable ASCII, which
	// fold leaves alone but for case, byte by byte, and leave the rest
	// (white space, other scripts) to the folding iterators.
	i := 0
	for i < len(a) && i < len(b) {
		ca, cb := a[i], b[i]
		if ca <= ' ' || ca >= utf8.RuneSelf || cb <= ' ' || cb >= utf8.RuneSelf {
			break
		}
		if lowerASCII(ca) != lowerASCII(cb) {
			return false
		}
		i++
	}
	// Both have folded to the same i letters; go on from there, unless
	// the rest is not NFC. The check starts at the last ASCII letter
	// compared, since a combining mark right after it composes with it.
	from := max(i-1, 0)
	if !isNFC(a[from:]) || !isNFC(b[from:]) {
		a, b, i = norm.NFC.String(a), norm.NFC.String(b), 0
	}
	fa := foldIter{s: a, i: i, started: i > 0}
	fb := foldIter{s: b, i: i, started: i > 0}
	for {
		ra, oka := fa.next()
		rb, okb := fb.next()
		if oka != okb || ra != rb {
			return false
		}
		if !oka {
			return true
		}
	}
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// foldIter yields the runes of fold(s) one at a time; s must be NFC.
type foldIter struct {
	s       string
	i       int
	pending bool
	started bool
}

func (f *foldIter) next() (rune, bool) {
	for f.i < len(f.s) {
		// ASCII first: nearly all text is, and decoding every byte as a
		// rune and asking unicode about it cost most of the duplicate rule.
		r, size := rune(f.s[f.i]), 1
		switch {
		case r >= utf8.RuneSelf:
			r, size = utf8.DecodeRuneInString(f.s[f.i:])
		case r == ' ' || '\t' <= r && r <= '\r':
			f.i++
			f.pending = f.started
			continue
		case f.pending:
			f.pending = false
			return ' ', true
		default:
			f.i++
			f.started = true
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			return r, true
		}
		if unicode.IsSpace(r) {
			f.i += size
			f.pending = f.started
			continue
		}
		if f.pending {
			f.pending = false
			return ' ', true
		}
		f.i += size
		f.started = true
		return unicode.ToLower(r), true
	}
	return 0, false
}

// foldHash hashes fold(s) (FNV-1a), without allocating when s is NFC.
func foldHash(s string) uint64 {
	h := uint64(14695981039346656037)
	foldRunes(s, func(r rune) {
		h ^= uint64(r)
		h *= 1099511628211
	})
	return h
}
