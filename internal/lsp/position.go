package lsp

import (
	"unicode/utf16"
	"unicode/utf8"

	"go.lsp.dev/protocol"
)

// Position encodings of LSP 3.17: how a Position's character counts.
const (
	encUTF16 = "utf-16" // the default: UTF-16 code units
	encUTF8  = "utf-8"  // bytes
	encUTF32 = "utf-32" // code points, as guidelint's own columns
)

// text is a buffer with the byte offset of each line's start, for
// turning positions of one unit into another.
type text struct {
	data  []byte
	lines []int // byte offset of each line's start; lines are split at LF
}

func newText(data []byte) *text {
	t := &text{data: data, lines: []int{0}}
	for i, c := range data {
		if c == '\n' {
			t.lines = append(t.lines, i+1)
		}
	}
	return t
}

// line returns line i (0-based) without its line break; "" past the end.
func (t *text) line(i int) []byte {
	if i < 0 || i >= len(t.lines) {
		return nil
	}
	end := len(t.data)
	if i+1 < len(t.lines) {
		end = t.lines[i+1] - 1
	}
	l := t.data[t.lines[i]:end]
	if n := len(l); n > 0 && l[n-1] == '\r' {
		l = l[:n-1]
	}
	return l
}

// units is how many units of enc the rune r takes.
func units(enc string, r rune) int {
	switch enc {
	case encUTF8:
		if r == utf8.RuneError {
			return 1 // an invalid byte is one byte
		}
		return utf8.RuneLen(r)
	case encUTF32:
		return 1
	}
	if n := utf16.RuneLen(r); n > 0 {
		return n
	}
	return 1
}

// fromPoint turns guidelint's 1-based line and code-point column into an
// LSP position in enc. Out-of-range input is clamped to the text.
func (t *text) fromPoint(line, col int, enc string) protocol.Position {
	if line < 1 {
		line, col = 1, 1
	}
	if line > len(t.lines) {
		line = len(t.lines)
		col = utf8.RuneCount(t.line(line-1)) + 1
	}
	l := t.line(line - 1)
	char := 0
	for i, n := 0, 1; i < len(l) && n < col; n++ {
		r, size := utf8.DecodeRune(l[i:])
		char += units(enc, r)
		i += size
	}
	return protocol.Position{Line: uint32(line - 1), Character: uint32(char)}
}

// offset turns an LSP position in enc into a byte offset of the text. A
// character past the end of its line means the end of the line (as LSP
// says); a line past the end means the end of the text. A position in the
// middle of a UTF-16 surrogate pair counts as after the character.
func (t *text) offset(p protocol.Position, enc string) int {
	if int(p.Line) >= len(t.lines) {
		return len(t.data)
	}
	start := t.lines[p.Line]
	l := t.line(int(p.Line))
	want, char := int(p.Character), 0
	i := 0
	for i < len(l) && char < want {
		r, size := utf8.DecodeRune(l[i:])
		char += units(enc, r)
		i += size
	}
	return start + i
}

// point turns a byte offset into a 1-based line and code-point column.
func (t *text) point(off int) (line, col int) {
	if off > len(t.data) {
		off = len(t.data)
	}
	lo, hi := 0, len(t.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if t.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1, utf8.RuneCount(t.data[t.lines[lo]:off]) + 1
}

// fromOffset turns a byte offset into an LSP position in enc.
func (t *text) fromOffset(off int, enc string) protocol.Position {
	line, col := t.point(off)
	return t.fromPoint(line, col, enc)
}
