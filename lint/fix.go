package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"

	"github.com/skillguides/guidelint/guide"
)

// AppliedFix is a fix that ApplyFixes made, at the position of the value
// it replaced.
type AppliedFix struct {
	Line, Column int
	Fix          *Fix
}

// ApplyFixes applies fixes to the source of one guide and returns the new
// source and what was applied. A fix is applied only where its intended
// text is certain: the value at its pointer must be a scalar on one line
// whose source spelling decodes to the value the parser saw, and after
// the edits every fixed pointer must read back as the fix says; otherwise
// nothing is changed and an error says why. Fixes of one value that
// disagree are all left out.
func ApplyFixes(name string, data []byte, fixes []*Fix) ([]byte, []AppliedFix, error) {
	doc, _ := guide.Parse(name, data)
	if doc == nil {
		return nil, nil, fmt.Errorf("%s does not parse; no fix applied", name)
	}
	// doc.Data drops a UTF-8 byte order mark; other re-encodings (UTF-16)
	// are not edited in place.
	if !bytes.HasSuffix(data, doc.Data) {
		return nil, nil, fmt.Errorf("%s is not UTF-8; no fix applied", name)
	}
	prefix := len(data) - len(doc.Data)
	src := doc.Data

	type edit struct {
		start, end int
		text       string
		fix        *Fix
		pos        guide.Pos
	}
	byPointer := map[string]*Fix{}
	conflict := map[string]bool{}
	for _, f := range fixes {
		if f == nil {
			continue
		}
		if prev, ok := byPointer[f.Pointer]; ok && prev.NewText != f.NewText {
			conflict[f.Pointer] = true
		}
		byPointer[f.Pointer] = f
	}
	var edits []edit
	for ptr, f := range byPointer {
		if conflict[ptr] {
			continue
		}
		start, end, text, n, err := fixSpan(name, doc, f)
		if err != nil {
			return nil, nil, err
		}
		edits = append(edits, edit{start, end, text, f, n.Pos})
	}
	if len(edits) == 0 {
		return data, nil, nil
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var out bytes.Buffer
	out.Grow(len(data) + 64)
	out.Write(data[:prefix])
	last := 0
	applied := make([]AppliedFix, 0, len(edits))
	for _, e := range edits {
		if e.start < last {
			continue // overlapping values cannot happen for scalars; be safe
		}
		out.Write(src[last:e.start])
		out.WriteString(e.text)
		last = e.end
		applied = append(applied, AppliedFix{Line: e.pos.Line, Column: e.pos.Col, Fix: e.fix})
	}
	out.Write(src[last:])
	result := out.Bytes()

	// Read the result back: the file must still parse to the same shape,
	// with each fixed value as intended.
	check, _ := guide.Parse(name, result)
	if check == nil {
		return nil, nil, fmt.Errorf("%s: the fixed file would not parse; no fix applied", name)
	}
	for _, a := range applied {
		n := check.Lookup(a.Fix.Pointer)
		if n == nil || n.Text != a.Fix.NewText {
			return nil, nil, fmt.Errorf("%s: fix %q did not read back as intended; no fix applied", name, a.Fix.Message)
		}
	}
	sort.Slice(applied, func(i, j int) bool {
		if applied[i].Line != applied[j].Line {
			return applied[i].Line < applied[j].Line
		}
		return applied[i].Column < applied[j].Column
	})
	return result, applied, nil
}

// fixSpan is the byte range of doc.Data that f replaces and the text it
// writes there, or an error saying why the fix is not certain.
func fixSpan(name string, doc *guide.Document, f *Fix) (start, end int, text string, n *guide.Node, err error) {
	n = doc.Lookup(f.Pointer)
	if n == nil {
		return 0, 0, "", nil, fmt.Errorf("%s: fix %q: nothing at %s", name, f.Message, f.Pointer)
	}
	start, end, ok := scalarSpan(doc.Data, n)
	if !ok {
		return 0, 0, "", nil, fmt.Errorf("%s:%d:%d: fix %q: the value's spelling is not one plain line; fix it by hand", name, n.Pos.Line, n.Pos.Col, f.Message)
	}
	end = restoredEnd(doc.Data, start, end, n, f.NewText)
	text, err = fixText(n, f.NewText, doc.Format)
	if err != nil {
		return 0, 0, "", nil, fmt.Errorf("%s:%d:%d: fix %q: %v", name, n.Pos.Line, n.Pos.Col, f.Message, err)
	}
	return start, end, text, n, nil
}

// An Edit is where and how a fix changes its file, as ApplyFixes would
// change it: the text from Line:Column up to EndLine:EndColumn (columns
// in characters, the end just after the last one replaced) becomes Text,
// the new value as the file spells it (quoted where it must be).
type Edit struct {
	Line, Column, EndLine, EndColumn int
	Text                             string
}

// EditOf says how f changes the guide data holds, for outputs that show
// a fix as a replacement (rdjson suggestions, editors' quick fixes). ok
// is false when applying f would not be certain.
func EditOf(name string, data []byte, f *Fix) (Edit, bool) {
	if f == nil {
		return Edit{}, false
	}
	doc, _ := guide.Parse(name, data)
	if doc == nil || !bytes.HasSuffix(data, doc.Data) {
		return Edit{}, false
	}
	start, end, text, _, err := fixSpan(name, doc, f)
	if err != nil {
		return Edit{}, false
	}
	if _, _, err := ApplyFixes(name, data, []*Fix{f}); err != nil {
		return Edit{}, false // would not read back as intended
	}
	sl, sc := lineCol(doc.Data, start)
	el, ec := lineCol(doc.Data, end)
	return Edit{Line: sl, Column: sc, EndLine: el, EndColumn: ec, Text: text}, true
}

// lineCol is the line and column (in characters) of a byte offset.
func lineCol(src []byte, off int) (int, int) {
	before := src[:off]
	line := 1 + bytes.Count(before, []byte("\n"))
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, 1 + utf8.RuneCount(before[lineStart:])
}

// scalarSpan finds the byte range of a scalar's source token, and only
// reports ok when decoding that token gives the node's value: then the
// replacement is exact.
func scalarSpan(src []byte, n *guide.Node) (start, end int, ok bool) {
	if n.Kind == guide.KindMapping || n.Kind == guide.KindSequence {
		return 0, 0, false
	}
	start, ok = byteOffset(src, n.Pos)
	if !ok || start >= len(src) {
		return 0, 0, false
	}
	lineEnd := bytes.IndexByte(src[start:], '\n')
	if lineEnd < 0 {
		lineEnd = len(src)
	} else {
		lineEnd += start
	}
	line := src[start:lineEnd]
	switch line[0] {
	case '"':
		i := 1
		for i < len(line) && line[i] != '"' {
			if line[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(line) {
			return 0, 0, false // continues on the next line
		}
		var s string
		if json.Unmarshal(line[:i+1], &s) != nil || s != n.Text {
			return 0, 0, false // a YAML-only escape: not certain
		}
		return start, start + i + 1, true
	case '\'':
		i := 1
		for i < len(line) {
			if line[i] == '\'' {
				if i+1 < len(line) && line[i+1] == '\'' {
					i += 2
					continue
				}
				break
			}
			i++
		}
		if i >= len(line) || strings.ReplaceAll(string(line[1:i]), "''", "'") != n.Text {
			return 0, 0, false
		}
		return start, start + i + 1, true
	}
	// A plain scalar (or a JSON number, true, false, null): its spelling
	// is its text, on this line.
	if !bytes.HasPrefix(line, []byte(n.Text)) || n.Text == "" {
		return 0, 0, false
	}
	end = start + len(n.Text)
	if end < lineEnd {
		switch src[end] {
		case ' ', '\t', ',', ']', '}', '\r':
		default:
			return 0, 0, false // more of the scalar follows
		}
	}
	return start, end, true
}

// restoredEnd extends the span of a plain scalar over the rest of its
// line when the fix's text is exactly that line's text from the value on:
// the fix of cut-text, which keeps what YAML read as a comment ("Enter a
// few #MakeoverMonday challenges") by quoting the whole line. Otherwise
// the span is the scalar's own.
func restoredEnd(src []byte, start, end int, n *guide.Node, newText string) int {
	if n.Kind != guide.KindString || newText == n.Text || src[start] == '"' || src[start] == '\'' {
		return end
	}
	le := bytes.IndexByte(src[start:], '\n')
	if le < 0 {
		le = len(src)
	} else {
		le += start
	}
	rest := bytes.TrimRight(src[start:le], " \t\r")
	if string(rest) != newText || !strings.HasPrefix(newText, n.Text) {
		return end
	}
	return start + len(rest)
}

// byteOffset converts a position (columns in code points) to a byte offset.
func byteOffset(src []byte, p guide.Pos) (int, bool) {
	off := 0
	for line := 1; line < p.Line; line++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return 0, false
		}
		off += i + 1
	}
	for col := 1; col < p.Col; col++ {
		if off >= len(src) || src[off] == '\n' {
			return 0, false
		}
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	return off, true
}

// fixText spells a fix's value for the file: a number as written, a
// string plain when YAML reads it back as that same string, else
// double-quoted (JSON quoting, which YAML accepts).
func fixText(n *guide.Node, value string, format guide.Format) (string, error) {
	switch n.Kind {
	case guide.KindNumber:
		var f float64
		if json.Unmarshal([]byte(value), &f) != nil {
			return "", fmt.Errorf("%q is not a number", value)
		}
		return value, nil
	case guide.KindString:
		quoted, err := jsonQuote(value)
		if err != nil {
			return "", err
		}
		if format == guide.JSON {
			return quoted, nil
		}
		if plainYAML(value) {
			return value, nil
		}
		if strings.ContainsAny(value, "\"\\") && printableLine(value) {
			// Single quotes need no backslashes: 'Say "hi" #tag' reads
			// better than "Say \"hi\" #tag".
			return "'" + strings.ReplaceAll(value, "'", "''") + "'", nil
		}
		return quoted, nil
	}
	return "", fmt.Errorf("cannot replace a %s", n.Kind)
}

// plainYAML reports whether s can be written as a plain YAML scalar in any
// context (block or flow) and read back as the same string.
func plainYAML(s string) bool {
	if s == "" || strings.TrimSpace(s) != s || strings.ContainsAny(s, ":#,[]{}&*!|>'\"%@`\n\r\t") || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "?") {
		return false
	}
	var m map[string]any
	if yaml.Unmarshal([]byte("v: "+s), &m) != nil {
		return false
	}
	got, ok := m["v"].(string)
	return ok && got == s
}

// jsonQuote writes s as a JSON string, which YAML reads as a double-quoted
// scalar; unlike json.Marshal it leaves <, > and & as they are.
func jsonQuote(s string) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// printableLine reports whether s can stand in single quotes on one line:
// no line break, tab or other control character, which only double
// quotes can escape.
func printableLine(s string) bool {
	for _, r := range s {
		if !unicode.IsPrint(r) && r != ' ' || r == '\ufeff' {
			return false
		}
	}
	return true
}
