package guide

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// yaml.v3 reports a syntax error by line only, and for several problems
// the line before the one at fault. locateYAMLError finds the offending
// character itself with a lexical look at the lines around, for the
// mistakes writers make most (SPEC §2), and words a hint where the fix is
// certain. The positions agree with PyYAML's problem marks (see
// testdata/parse-positions.json, checked against PyYAML by .ci/run).
//
// It works on files whose only line break is LF (or CRLF), and returns
// ok false whenever it is not sure, leaving the line-level position.
func locateYAMLError(data []byte, line int, problem string) (pos Pos, hint string, ok bool) {
	lines := strings.Split(string(data), "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\r")
	}
	if line < 1 || line > len(lines) {
		return Pos{}, "", false
	}
	text := lines[line-1]
	at := func(l, byteCol int) Pos { return Pos{l, utf8.RuneCountInString(lines[l-1][:byteCol]) + 1} }
	switch problem {
	case "mapping values are not allowed in this context":
		cols := valueColons(text)
		switch {
		case len(cols) >= 2:
			return at(line, cols[1]), `quote the value: it contains ": "`, true
		case len(cols) == 1 && line > 1:
			return at(line, cols[0]), "this key is indented differently from the keys above it; align it with them", true
		}
	case "found character that cannot start any token":
		if i := strings.IndexByte(text, '\t'); i >= 0 && strings.TrimLeft(text[:i], " ") == "" {
			return at(line, i), "indent with spaces, not tabs", true
		}
		if i, c := reservedStart(text); i >= 0 {
			return at(line, i), "quote the value: YAML reserves " + `"` + c + `"` + " at the start of a value", true
		}
	case "found a tab character that violates indentation":
		for l := line; l <= len(lines) && l <= line+1; l++ {
			t := lines[l-1]
			if i := strings.IndexByte(t, '\t'); i >= 0 && strings.TrimLeft(t[:i], " ") == "" {
				return at(l, i), "indent with spaces, not tabs", true
			}
		}
	case "did not find expected key":
		if i, ok := trailingText(text); ok {
			return at(line, i), "quote the whole value, or remove the text after its end", true
		}
		if i := firstNonBlank(text); i >= 0 {
			return at(line, i), "", true
		}
	case "did not find expected '-' indicator", "could not find expected ':'":
		l := nextNonBlank(lines, line)
		if l == 0 {
			return Pos{}, "", false
		}
		t := lines[l-1]
		if i, ok := trailingText(t); ok {
			return at(l, i), "quote the whole value, or remove the text after its end", true
		}
		hint := ""
		if problem == "could not find expected ':'" {
			hint = `a key on the line above has no ": " after it; write "key: value"`
		}
		return at(l, firstNonBlank(t)), hint, true
	case "did not find expected ',' or ']'", "did not find expected ',' or '}'", "did not find expected node content":
		if p, ok := flowProblem(lines, line); ok {
			return p, "", true
		}
	case "found unexpected end of stream":
		// At the end, as PyYAML says; the hint names the quote left open.
		end := Pos{len(lines), utf8.RuneCountInString(lines[len(lines)-1]) + 1}
		if i := strings.IndexAny(text, `"'`); i >= 0 {
			q := at(line, i)
			return end, "the quote opened at line " + itoa(q.Line) + ", column " + itoa(q.Col) + " is never closed; close it", true
		}
	}
	return Pos{}, "", false
}

// valueColons returns the byte offsets of the colons on a block line that
// are mapping indicators (followed by a space or the end of the line),
// outside quotes and before a comment.
func valueColons(text string) []int {
	var out []int
	var quote byte
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			if i == 0 || strings.ContainsRune(" [{,:-", rune(text[i-1])) {
				quote = c
			}
		case c == '#' && (i == 0 || text[i-1] == ' '):
			return out
		case c == ':' && (i+1 == len(text) || text[i+1] == ' '):
			out = append(out, i)
		}
	}
	return out
}

// reservedStart returns the offset of a character YAML reserves ("@",
// "`", "%") where a value starts, and that character.
func reservedStart(text string) (int, string) {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '@' && c != '`' && c != '%' {
			continue
		}
		before := strings.TrimRight(text[:i], " ")
		if before == "" || strings.HasSuffix(before, ":") || strings.HasSuffix(before, "-") || strings.HasSuffix(before, "[") || strings.HasSuffix(before, ",") || strings.HasSuffix(before, "{") {
			return i, string(c)
		}
	}
	return -1, ""
}

// trailingText finds text after a quoted or flow value that has ended
// ('title: 'ML' Systems', `- "Quoted" then more`, `why: [a]]`): the offset
// of its first character.
func trailingText(text string) (int, bool) {
	i := firstNonBlank(text)
	if i < 0 {
		return 0, false
	}
	if strings.HasPrefix(text[i:], "- ") {
		if i = firstNonBlankFrom(text, i+2); i < 0 {
			return 0, false
		}
	}
	if cols := valueColons(text[i:]); len(cols) > 0 {
		if i = firstNonBlankFrom(text, i+cols[0]+1); i < 0 {
			return 0, false
		}
	}
	end := -1
	switch text[i] {
	case '"', '\'':
		q := text[i]
		for j := i + 1; j < len(text); j++ {
			if text[j] == '\\' && q == '"' {
				j++
				continue
			}
			if text[j] == q {
				if q == '\'' && j+1 < len(text) && text[j+1] == '\'' {
					j++ // '' is a quote inside single quotes
					continue
				}
				end = j + 1
				break
			}
		}
	case '[', '{':
		depth := 0
		for j := i; j < len(text); j++ {
			switch text[j] {
			case '[', '{':
				depth++
			case ']', '}':
				depth--
			}
			if depth == 0 {
				end = j + 1
				break
			}
		}
	}
	if end < 0 {
		return 0, false
	}
	j := firstNonBlankFrom(text, end)
	if j < 0 || text[j] == '#' || text[j] == ':' || text[j] == ',' {
		return 0, false
	}
	return j, true
}

// flowProblem finds where a flow collection opened on or before line goes
// wrong: an item that starts with ":", a second ": " in one item, or a
// ": " after an item that spans lines (a key must be on one line).
func flowProblem(lines []string, line int) (Pos, bool) {
	// Find the opening bracket on the line.
	text := lines[line-1]
	start := strings.IndexAny(text, "[{")
	if start < 0 {
		return Pos{}, false
	}
	depth := 0
	var quote byte
	colons := 0
	itemStart := true
	spans := false
	for l := line; l <= len(lines); l++ {
		t := lines[l-1]
		from := 0
		if l == line {
			from = start
		} else if depth > 0 && !itemStart {
			spans = true // the item goes on from the line before
		}
		for i := from; i < len(t); i++ {
			c := t[i]
			if quote != 0 {
				if c == quote {
					quote = 0
				}
				continue
			}
			switch {
			case c == '"' || c == '\'':
				quote = c
				itemStart = false
			case c == '#' && (i == 0 || t[i-1] == ' '):
				i = len(t)
			case c == '[' || c == '{':
				depth++
				colons, itemStart, spans = 0, true, false
			case c == ']' || c == '}':
				depth--
				if depth == 0 {
					return Pos{}, false
				}
			case c == ',':
				colons, itemStart, spans = 0, true, false
			case c == ':' && (i+1 == len(t) || t[i+1] == ' ' || t[i+1] == ','):
				if itemStart || colons > 0 || spans {
					return Pos{l, utf8.RuneCountInString(t[:i]) + 1}, true
				}
				colons++
			case c != ' ':
				itemStart = false
			}
		}
	}
	return Pos{}, false
}

// lfLines reports whether data breaks lines with LF or CRLF only, so that
// yaml.v3's line numbers are those of the file.
func lfLines(data []byte) bool {
	if bytes.Contains(data, breakNEL) || bytes.Contains(data, breakLS) || bytes.Contains(data, breakPS) {
		return false
	}
	for i := bytes.IndexByte(data, '\r'); i >= 0; {
		if i+1 >= len(data) || data[i+1] != '\n' {
			return false
		}
		j := bytes.IndexByte(data[i+1:], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return true
}

func firstNonBlank(text string) int { return firstNonBlankFrom(text, 0) }

// firstNonBlankFrom returns the offset of the first character at or after
// from that is not a space or tab, or -1.
func firstNonBlankFrom(text string, from int) int {
	for i := from; i < len(text); i++ {
		if text[i] != ' ' && text[i] != '\t' {
			return i
		}
	}
	return -1
}

// nextNonBlank returns the number of the first line after line that holds
// more than white space and comments, or 0.
func nextNonBlank(lines []string, line int) int {
	for l := line + 1; l <= len(lines); l++ {
		t := strings.TrimSpace(lines[l-1])
		if t != "" && !strings.HasPrefix(t, "#") {
			return l
		}
	}
	return 0
}

func itoa(i int) string { return strconv.Itoa(i) }
