package report

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/skillguides/guidelint/internal/yamlscan"
	"github.com/skillguides/guidelint/lint"
)

func init() {
	register("text", func(opts Options) Formatter {
		return textFormat{color: opts.Color, snippets: opts.Snippets}
	})
}

// textFormat writes one "path:line:col: severity: message (rule)" line per
// diagnostic, the shape go vet uses and editors parse, with colour and
// source snippets when Options ask for them:
//
//	guides/a.yaml:24:5: error: unknown key "wieght" (did you mean "weight"?) (schema)
//	   |
//	24 |     wieght: 40
//	   |     ^~~~~~
//
// Control characters in messages and quoted source are escaped, so a
// hostile guide cannot send escape sequences to the terminal.
type textFormat struct {
	tallied
	color, snippets bool
}

// ANSI escape sequences of the text output.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiCyan   = "\x1b[1;36m"
	ansiGreen  = "\x1b[32m"
	ansiGrey   = "\x1b[90m"
)

func (f textFormat) Format(w io.Writer, r *lint.Result) error {
	bw := bufio.NewWriter(w)
	var src sourceCache
	for _, d := range r.Diagnostics {
		writeTextLine(bw, d, f.color)
		if f.snippets {
			if line, ok := src.line(r, d.Path, d.Line); ok {
				writeSnippet(bw, d, line, src.flow(r, d.Path), f.color)
			}
		}
	}
	return bw.Flush()
}

func writeTextLine(bw *bufio.Writer, d lint.Diagnostic, color bool) {
	pos := d.Path + ":" + strconv.Itoa(d.Line) + ":" + strconv.Itoa(d.Column) + ":"
	msg := escapeControl(d.Message)
	mark := ""
	if d.Baselined {
		mark = " [baselined]" // shown on request (--show-baselined); accepted, not counted
	}
	if !color {
		bw.WriteString(pos + " " + d.Severity.String() + ": " + msg + " (" + d.Rule + ")" + mark + "\n")
		return
	}
	sev := ansiCyan
	switch d.Severity {
	case lint.Error:
		sev = ansiRed
	case lint.Warning:
		sev = ansiYellow
	}
	bw.WriteString(ansiBold + escapeControl(pos) + ansiReset + " " + sev + d.Severity.String() + ":" + ansiReset + " " + msg + " " + ansiGrey + "(" + d.Rule + ")" + mark + ansiReset + "\n")
}

// writeSnippet writes the source line of d and a caret marker under its
// node, with a gutter holding the line number.
func writeSnippet(bw *bufio.Writer, d lint.Diagnostic, line string, flow, color bool) {
	num := strconv.Itoa(d.Line)
	pad := strings.Repeat(" ", len(num))
	gutter := func(s string) string {
		if color {
			return ansiGrey + s + ansiReset
		}
		return s
	}
	runes := []rune(line)
	col := d.Column - 1
	if col > len(runes) {
		col = len(runes)
	}
	if col < 0 {
		col = 0
	}
	n := d.EndColumn - d.Column
	if d.EndLine != d.Line || n <= 0 {
		n = tokenLen(runes, col, flow)
	}
	if col+n > len(runes) {
		n = len(runes) - col
	}
	// The marker lines up under the node: tabs copied, wide characters
	// counted twice.
	var indent strings.Builder
	for _, r := range runes[:col] {
		if r == '\t' {
			indent.WriteByte('\t')
		} else {
			indent.WriteString(strings.Repeat(" ", displayWidth(r)))
		}
	}
	marks := 0
	for _, r := range runes[col : col+n] {
		marks += displayWidth(r)
	}
	caret := "^"
	if marks > 1 {
		caret += strings.Repeat("~", marks-1)
	}
	if color {
		caret = ansiGreen + caret + ansiReset
	}
	bw.WriteString(pad + " " + gutter("|") + "\n")
	bw.WriteString(gutter(num+" |") + " " + escapeSource(line) + "\n")
	bw.WriteString(pad + " " + gutter("|") + " " + indent.String() + caret + "\n")
}

// tokenLen is the length in code points of the YAML or JSON token that
// starts at line[col]: a quoted string up to its closing quote, a plain
// scalar up to ": ", " #" or the end of the line (and, in flow context,
// up to ",", "]" or "}"). Anything else, or a token it cannot delimit,
// gets 1.
func tokenLen(line []rune, col int, flow bool) int {
	if col >= len(line) {
		return 1
	}
	switch c := line[col]; c {
	case '"':
		for j := col + 1; j < len(line); j++ {
			switch line[j] {
			case '\\':
				j++
			case '"':
				return j - col + 1
			}
		}
		return 1
	case '\'':
		for j := col + 1; j < len(line); j++ {
			if line[j] == '\'' {
				if j+1 < len(line) && line[j+1] == '\'' {
					j++
					continue
				}
				return j - col + 1
			}
		}
		return 1
	case '{', '[', '|', '>', '&', '*', '!', '#', ' ', '\t':
		return 1
	case '-', '?', ':':
		if col+1 >= len(line) || line[col+1] == ' ' || line[col+1] == '\t' {
			return 1 // an indicator, not the start of a scalar
		}
	}
	if !flow {
		flow = yamlscan.InFlow(line[:col])
	}
	j := col
scan:
	for ; j < len(line); j++ {
		switch r := line[j]; r {
		case ':':
			if j+1 == len(line) || line[j+1] == ' ' || line[j+1] == '\t' || (flow && strings.ContainsRune(",]}", line[j+1])) {
				break scan
			}
		case ' ', '\t':
			if j+1 < len(line) && line[j+1] == '#' {
				break scan
			}
		case ',', ']', '}':
			if flow {
				break scan
			}
		}
	}
	for j > col && (line[j-1] == ' ' || line[j-1] == '\t') {
		j--
	}
	if j == col {
		return 1
	}
	return j - col
}

func displayWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// escapeControl writes control characters (other than tab) as Go escapes,
// so that a message stays on one line and cannot drive the terminal.
func escapeControl(s string) string {
	if !hasControl(s, false) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// escapeSource is escapeControl for a quoted source line, keeping tabs so
// that the marker below lines up.
func escapeSource(s string) string {
	if !hasControl(s, true) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r != '\t' && isControl(r) {
			b.WriteRune(utf8.RuneError)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func hasControl(s string, allowTab bool) bool {
	for _, r := range s {
		if isControl(r) && !(allowTab && r == '\t') {
			return true
		}
	}
	return false
}

func isControl(r rune) bool { return r < 0x20 || (r >= 0x7f && r < 0xa0) }

// sourceCache splits each file's source into lines once.
type sourceCache struct {
	lines map[string][]string
	flows map[string]bool
}

func (c *sourceCache) load(r *lint.Result, path string) []string {
	if lines, ok := c.lines[path]; ok {
		return lines
	}
	if c.lines == nil {
		c.lines, c.flows = map[string][]string{}, map[string]bool{}
	}
	var lines []string
	if data, ok := r.Source(path); ok {
		lines = strings.Split(string(data), "\n")
		for i, l := range lines {
			lines[i] = strings.TrimSuffix(l, "\r")
		}
		t := bytes.TrimLeft(data, " \t\r\n")
		c.flows[path] = len(t) > 0 && (t[0] == '{' || t[0] == '[')
	}
	c.lines[path] = lines
	return lines
}

func (c *sourceCache) line(r *lint.Result, path string, n int) (string, bool) {
	lines := c.load(r, path)
	if n < 1 || n > len(lines) {
		return "", false
	}
	return lines[n-1], true
}

func (c *sourceCache) flow(r *lint.Result, path string) bool { return c.flows[path] }

// column turns col, counted in code points on line n of path, into the
// count of units width gives each character (UTF-8 bytes for reviewdog,
// UTF-16 code units for SARIF). Without the source the column is kept,
// which is right for ASCII; a column past the line's end counts one a
// step.
func (c *sourceCache) column(r *lint.Result, path string, n, col int, width func(rune) int) int {
	line, ok := c.line(r, path, n)
	if !ok || col < 1 {
		return col
	}
	units, i := 1, 1
	for _, ch := range line {
		if i >= col {
			return units
		}
		units += width(ch)
		i++
	}
	return units + col - i
}
