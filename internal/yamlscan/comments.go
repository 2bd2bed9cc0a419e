package yamlscan

import (
	"bytes"
	"unicode/utf8"
)

// Comment is one comment of a YAML text, as the text holds it.
type Comment struct {
	Line, Col int    // 1-based; Col counts runes
	Text      string // from the '#' to the end of the line, trailing white space cut
	OwnLine   bool   // nothing but white space before it on its line
	Spaced    bool   // white space or the start of the line before it
}

// Comments finds the comments of a YAML text by reading its characters,
// without a parser: a '#' that starts a line or follows white space, outside
// quoted scalars, block scalars and the plain scalars that run on over
// lines. It knows flow collections, anchors, tags, document markers and
// directives, so it finds the comments a parser drops (after the "[" of a
// flow list, after an anchor whose collection starts on the next line, on a
// "..." line), which is what makes it a check on a parser's reading. On text
// that is not valid YAML its answer is a best effort; it never fails.
func Comments(src []byte) []Comment {
	s := scanner{src: bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))}
	s.run()
	return s.out
}

// CommentLines returns the 1-based numbers of the lines that hold nothing
// but a comment (white space before it), as Comments reads them: a line of
// a block scalar that starts with '#' is text, not a comment.
func CommentLines(src []byte) map[int]bool {
	lines := map[int]bool{}
	for _, c := range Comments(src) {
		if c.OwnLine {
			lines[c.Line] = true
		}
	}
	return lines
}

// scanner state. Lines are split at LF; a CR before it is white space.
type scanner struct {
	src []byte
	out []Comment

	flow int // depth of open flow collections

	// quote is the quote character of an open quoted scalar, or 0.
	quote byte

	// A plain scalar is open (plain), and may go on over the next lines
	// when they are indented more than plainParent (block context).
	plain       bool
	plainParent int

	// A block scalar's header has been read (block); its lines are those
	// indented at least blockIndent (0: not known yet, set by the first
	// non-blank line, which must be indented more than blockParent).
	block       bool
	blockParent int
	blockIndent int

	// parent is the column of the innermost block collection entry begun
	// on the current line (a key or a "-"), -1 at the document level.
	parent int
	// keyCol is the column of the last scalar begun in block context:
	// the key, when a ':' follows.
	keyCol int
	// started: document content has begun (directives no longer allowed).
	started bool
	// base counts the runes of the LF-counted line before the current
	// one, when a CR, NEL, LS or PS broke it.
	base int
}

func (s *scanner) run() {
	line, base := 1, 0 // the LF-counted line, and the runes before the segment on it
	for start := 0; start <= len(s.src); {
		end, next, lf := lineBreak(s.src, start)
		s.base = base
		s.line(line, s.src[start:end])
		if end == len(s.src) {
			break
		}
		if lf {
			line, base = line+1, 0
		} else {
			base += utf8.RuneCount(s.src[start:next])
		}
		start = next
	}
}

// lineBreak finds the end of the line that starts at src[start]: YAML (and
// yaml.v3) breaks lines at LF, CR, NEL, LS and PS, though positions count
// LF alone. next is where the next line starts; lf says whether the break
// was an LF (a CR before it stays in the line, as white space).
func lineBreak(src []byte, start int) (end, next int, lf bool) {
	for i := start; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\n':
			return i, i + 1, true
		case c == '\r' && (i+1 == len(src) || src[i+1] != '\n'):
			return i, i + 1, false
		case c == 0xC2 && i+1 < len(src) && src[i+1] == 0x85:
			return i, i + 2, false
		case c == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9):
			return i, i + 3, false
		}
	}
	return len(src), len(src), false
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' }

func isBlank(l []byte) bool {
	for _, b := range l {
		if !isSpace(b) {
			return false
		}
	}
	return true
}

func indentOf(l []byte) int {
	i := 0
	for i < len(l) && l[i] == ' ' {
		i++
	}
	return i
}

func isFlowIndicator(b byte) bool { return b == ',' || b == '[' || b == ']' || b == '{' || b == '}' }

// docMarker reports whether l starts with "---" or "..." followed by white
// space or its end.
func docMarker(l []byte, m string) bool {
	return bytes.HasPrefix(l, []byte(m)) && (len(l) == 3 || isSpace(l[3]))
}

// line reads one line (without its LF).
func (s *scanner) line(n int, l []byte) {
	ind := indentOf(l)
	if s.block {
		switch {
		case docMarker(l, "---") || docMarker(l, "..."):
			s.block = false
		case isBlank(l):
			return
		case s.blockIndent == 0 && ind > s.blockParent && ind > 0:
			s.blockIndent = ind
			return
		case s.blockIndent > 0 && ind >= s.blockIndent:
			return
		default:
			s.block = false
		}
	}
	i := 0
	if s.quote == 0 {
		if s.plain {
			switch {
			case isBlank(l):
				return // a blank line inside a plain scalar
			case bytes.HasPrefix(bytes.TrimLeft(l, " \t"), []byte("#")):
				s.plain = false
			case docMarker(l, "---") || docMarker(l, "..."):
				s.plain = false
			case s.flow > 0 || ind > s.plainParent:
				i = ind // the scalar goes on
			default:
				s.plain = false
			}
		}
		if !s.plain {
			s.parent = ind - 1
			if s.flow == 0 {
				switch {
				case docMarker(l, "---"):
					s.started, s.parent, i = true, -1, 3
				case docMarker(l, "..."):
					s.started, i = false, 3
				case len(l) > 0 && l[0] == '%' && !s.started:
					s.directive(n, l)
					return
				}
			}
		}
	}
	s.tokens(n, l, i)
}

// directive reads a "%" directive line: its only comment is after white
// space.
func (s *scanner) directive(n int, l []byte) {
	for i := 1; i < len(l); i++ {
		if l[i] == '#' && isSpace(l[i-1]) {
			s.comment(n, l, i)
			return
		}
	}
}

func (s *scanner) comment(n int, l []byte, i int) {
	s.out = append(s.out, Comment{
		Line:    n,
		Col:     1 + s.base + utf8.RuneCount(l[:i]),
		Text:    string(bytes.TrimRight(l[i:], " \t\r")),
		OwnLine: s.base == 0 && isBlank(l[:i]),
		Spaced:  i == 0 || isSpace(l[i-1]),
	})
}

// tokens reads l from byte i on.
func (s *scanner) tokens(n int, l []byte, i int) {
	for ; i < len(l); i++ {
		c := l[i]
		if s.quote != 0 {
			switch {
			case s.quote == '"' && c == '\\':
				i++
			case c == s.quote && s.quote == '\'' && i+1 < len(l) && l[i+1] == '\'':
				i++ // '' inside single quotes
			case c == s.quote:
				s.quote = 0
			}
			continue
		}
		if s.plain {
			switch {
			case c == '#' && i > 0 && isSpace(l[i-1]):
				s.plain = false
				s.comment(n, l, i)
				return
			case c == ':' && (i+1 == len(l) || isSpace(l[i+1]) || s.flow > 0 && isFlowIndicator(l[i+1])):
				s.plain = false
				s.value()
			case s.flow > 0 && isFlowIndicator(c):
				s.plain = false
				i-- // read it as an indicator
			}
			continue
		}
		next := byte(' ')
		if i+1 < len(l) {
			next = l[i+1]
		}
		switch {
		case isSpace(c):
			continue
		case c == '#':
			// Outside a plain scalar a '#' needs no space before it:
			// libyaml (and so yaml.v3) reads "[a]#c" as a comment.
			s.comment(n, l, i)
			return
		case c == '[' || c == '{':
			s.flow++
		case (c == ']' || c == '}') && s.flow > 0:
			s.flow--
		case c == ',' && s.flow > 0:
		case (c == '-' || c == '?') && isSpace(next) && s.flow == 0:
			s.parent = i // a block entry: what follows belongs to it
		case c == '?' && isSpace(next):
		case c == ':' && (isSpace(next) || s.flow > 0):
			s.value()
		case c == '&' || c == '!' || c == '*':
			for i+1 < len(l) && !isSpace(l[i+1]) && !(s.flow > 0 && isFlowIndicator(l[i+1])) {
				i++
			}
		case (c == '|' || c == '>') && s.flow == 0:
			s.blockHeader(n, l, i)
			return
		case c == '\'' || c == '"':
			s.quote = c
			s.key(i)
		default:
			s.plain = true
			s.plainParent = s.parent
			s.key(i)
		}
		s.started = true
	}
}

// key notes that a scalar starts at column i: if it is a key, the entry
// it begins is at i.
func (s *scanner) key(i int) {
	if s.flow == 0 {
		s.keyCol = i
	}
}

// value is called at a ':' indicator: in block context the key before it
// begins an entry of a mapping indented keyCol.
func (s *scanner) value() {
	if s.flow == 0 {
		s.parent = s.keyCol
	}
}

// blockHeader reads the header of a block scalar at l[i] ('|' or '>').
func (s *scanner) blockHeader(n int, l []byte, i int) {
	s.block, s.blockParent, s.blockIndent = true, s.parent, 0
	for i++; i < len(l) && (l[i] == '+' || l[i] == '-' || l[i] >= '1' && l[i] <= '9'); i++ {
		if c := l[i]; c >= '1' && c <= '9' {
			// libyaml: the parent's indentation plus the digit.
			s.blockIndent = max(s.parent, 0) + int(c-'0')
		}
	}
	// As libyaml reads it, a '#' after the indicators starts a comment
	// even with no space before it ("|#c").
	for ; i < len(l); i++ {
		if l[i] == '#' {
			s.comment(n, l, i)
			return
		}
	}
}
