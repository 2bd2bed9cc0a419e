package lint

import (
	"bytes"
	"unicode/utf8"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/yamlscan"
)

// End positions. The parsers give where a value starts; where it ends is
// read back from the source: a scalar's token (a quoted string to its
// closing quote, a block scalar to its last indented line, a plain scalar
// with its continuation lines), a mapping or list to the end of its last
// value or to its closing bracket. Ends follow SARIF: the column just
// after the last character.

// source is a document's text with its line starts, for the scans.
type source struct {
	data  []byte
	lines []int // byte offset of each line's start
}

// newSource indexes text, or returns nil when its line breaks are not all
// "\n" (or "\r\n"): the parser also counts CR, NEL, LS and PS as breaks,
// and a scan by "\n" would place ends on the wrong lines.
func newSource(text []byte) *source {
	if bytes.IndexByte(text, '\r') >= 0 && bytes.Count(text, []byte("\r")) != bytes.Count(text, []byte("\r\n")) {
		return nil
	}
	return newLineSource(text)
}

// newLineSource indexes text for scans that stay on one line (cut-text),
// where a lone CR only ends the line early (lineEnd stops at it) and
// positions, counted by LF as the parser's are, stay right; it still
// refuses NEL, LS and PS, which the parser counts as breaks.
func newLineSource(text []byte) *source {
	if bytes.Contains(text, []byte("\u0085")) || bytes.Contains(text, []byte("\u2028")) || bytes.Contains(text, []byte("\u2029")) {
		return nil
	}
	s := &source{data: text, lines: []int{0}}
	for i, c := range text {
		if c == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	return s
}

// offset is the byte offset of a position, or false outside the text.
func (s *source) offset(p guide.Pos) (int, bool) {
	if p.Line < 1 || p.Line > len(s.lines) || p.Col < 1 {
		return 0, false
	}
	off := s.lines[p.Line-1]
	for col := 1; col < p.Col; col++ {
		if off >= len(s.data) || s.data[off] == '\n' {
			return 0, false
		}
		_, size := utf8.DecodeRune(s.data[off:])
		off += size
	}
	return off, true
}

// pos is the position of a byte offset.
func (s *source) pos(off int) guide.Pos {
	line := 1
	lo, hi := 0, len(s.lines)-1
	for lo <= hi { // the last line start at or before off
		mid := (lo + hi) / 2
		if s.lines[mid] <= off {
			line, lo = mid+1, mid+1
		} else {
			hi = mid - 1
		}
	}
	return guide.Pos{Line: line, Col: 1 + utf8.RuneCount(s.data[s.lines[line-1]:off])}
}

// lineEnd is the offset of the end of the line holding off, before its
// line break.
func (s *source) lineEnd(off int) int {
	// A CR ends the line too: before LF (CRLF), or alone, where YAML
	// breaks the line.
	i := bytes.IndexAny(s.data[off:], "\r\n")
	if i < 0 {
		return len(s.data)
	}
	return off + i
}

// indentOf is the number of spaces that start the line holding off.
func (s *source) indentOf(off int) int {
	start := s.lines[s.pos(off).Line-1]
	n := 0
	for start+n < len(s.data) && s.data[start+n] == ' ' {
		n++
	}
	return n
}

// end returns the position just after node n, which starts at n.Pos, or
// false when the source does not show it plainly (an alias, a position
// the scan cannot read). depth bounds the descent into the last values.
func (s *source) end(n *guide.Node, depth int) (guide.Pos, bool) {
	if n == nil || depth > guide.MaxDepth {
		return guide.Pos{}, false
	}
	off, ok := s.offset(n.Pos)
	if !ok || off >= len(s.data) {
		return guide.Pos{}, false
	}
	switch c := s.data[off]; {
	case c == '[' || c == '{':
		if e, ok := s.closeBracket(off); ok {
			return s.pos(e), true
		}
		return guide.Pos{}, false
	case c == '*' || c == '&' || c == '!':
		return guide.Pos{}, false // an alias, or a value behind an anchor or tag
	}
	switch n.Kind {
	case guide.KindMapping:
		if len(n.Fields) == 0 {
			return guide.Pos{}, false
		}
		return s.end(n.Fields[len(n.Fields)-1].Value, depth+1)
	case guide.KindSequence:
		if len(n.Items) == 0 {
			return guide.Pos{}, false
		}
		return s.end(n.Items[len(n.Items)-1], depth+1)
	}
	if e, ok := s.scalarEnd(off); ok {
		return s.pos(e), true
	}
	return guide.Pos{}, false
}

// scalarEnd is the offset just after the scalar token at off.
func (s *source) scalarEnd(off int) (int, bool) {
	switch s.data[off] {
	case '"':
		for i := off + 1; i < len(s.data); i++ {
			switch s.data[i] {
			case '\\':
				i++
			case '"':
				return i + 1, true
			}
		}
		return 0, false
	case '\'':
		for i := off + 1; i < len(s.data); i++ {
			if s.data[i] == '\'' {
				if i+1 < len(s.data) && s.data[i+1] == '\'' {
					i++
					continue
				}
				return i + 1, true
			}
		}
		return 0, false
	case '|', '>':
		return s.blockEnd(off), true
	}
	// A plain scalar (or a JSON number or literal): to the end of its line,
	// or a comment, or in a flow collection a separator; then its
	// continuation lines, indented deeper than the line it starts on.
	flow := yamlscan.InFlow([]rune(string(s.data[s.lines[s.pos(off).Line-1]:off])))
	end := s.plainLineEnd(off, flow)
	if flow {
		return end, true
	}
	indent := s.indentOf(off)
	for next := s.lineEnd(off) + 1; next < len(s.data); {
		le := s.lineEnd(next)
		line := s.data[next:le]
		trimmed := bytes.TrimLeft(line, " ")
		if len(trimmed) == 0 {
			next = le + 1
			continue
		}
		if len(line)-len(trimmed) <= indent || trimmed[0] == '#' {
			break
		}
		end = s.plainLineEnd(next+len(line)-len(trimmed), false)
		next = le + 1
	}
	return end, true
}

// plainLineEnd is where a plain scalar's text on one line ends.
func (s *source) plainLineEnd(off int, flow bool) int {
	le := s.lineEnd(off)
	end := le
	for i := off; i < le; i++ {
		c := s.data[i]
		if (c == ' ' || c == '\t') && i+1 < le && s.data[i+1] == '#' {
			end = i
			break
		}
		if flow && (c == ',' || c == ']' || c == '}') {
			end = i
			break
		}
		if c == ':' && (i+1 == le || s.data[i+1] == ' ' || (flow && i+1 < le && bytes.IndexByte([]byte(",]}"), s.data[i+1]) >= 0)) {
			end = i
			break
		}
	}
	for end > off && (s.data[end-1] == ' ' || s.data[end-1] == '\t') {
		end--
	}
	if end == off {
		end = min(off+1, le)
	}
	return end
}

// blockEnd is the offset just after a block scalar's last content line:
// the lines after its header indented deeper than the line it starts on.
func (s *source) blockEnd(off int) int {
	indent := s.indentOf(off)
	end := s.lineEnd(off)
	for next := end + 1; next < len(s.data); {
		le := s.lineEnd(next)
		line := s.data[next:le]
		trimmed := bytes.TrimLeft(line, " ")
		if len(trimmed) > 0 {
			if len(line)-len(trimmed) <= indent {
				break
			}
			end = le
		}
		next = le + 1
	}
	return end
}

// closeBracket is the offset just after the bracket that closes the flow
// collection opening at off, skipping quoted text and comments.
func (s *source) closeBracket(off int) (int, bool) {
	depth := 0
	for i := off; i < len(s.data); i++ {
		switch c := s.data[i]; c {
		case '[', '{':
			depth++
		case ']', '}':
			if depth--; depth == 0 {
				return i + 1, true
			}
		case '"', '\'':
			e, ok := s.scalarEnd(i)
			if !ok {
				return 0, false
			}
			i = e - 1
		case '#':
			if i > off && (s.data[i-1] == ' ' || s.data[i-1] == '\t') {
				i = s.lineEnd(i)
			}
		}
	}
	return 0, false
}

// keyEnd is the position just after the key that starts at p.
func (s *source) keyEnd(p guide.Pos, key string) (guide.Pos, bool) {
	off, ok := s.offset(p)
	if !ok || off >= len(s.data) {
		return guide.Pos{}, false
	}
	switch s.data[off] {
	case '"', '\'':
		if e, ok := s.scalarEnd(off); ok {
			return s.pos(e), true
		}
		return guide.Pos{}, false
	}
	if !bytes.HasPrefix(s.data[off:], []byte(key)) {
		return guide.Pos{}, false
	}
	return s.pos(off + len(key)), true
}
