package guide

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

func parseYAML(data []byte, a *arena) (res parseResult) {
	res.format = YAML
	defer func() {
		// yaml.v3 panics on a few malformed inputs; a linter must not.
		if r := recover(); r != nil {
			res = parseResult{format: YAML, errs: []*Error{{Pos{1, 1}, fmt.Sprintf("yaml parser failed on this file: %v", r)}}}
		}
	}()
	data, derr := yamlDirectives(data)
	if derr != nil {
		res.errs = append(res.errs, derr)
		return res
	}
	lines := newYAMLLines(data)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if !errors.Is(err, io.EOF) {
			res.errs = append(res.errs, yamlSyntaxError(data, lines, err))
		}
		return res
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		res.errs = append(res.errs, yamlSyntaxError(data, lines, err))
		return res
	default:
		// The document node starts at its "---" marker.
		pos := lines.pos(next.Line, next.Column)
		res.errs = append(res.errs, &Error{pos, "file holds more than one YAML document; want one guide per file"})
		return res
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return res
	}
	if top := doc.Content[0]; top.Kind == yaml.ScalarNode && top.Value == "" && top.ShortTag() == "!!null" && top.Style&yaml.TaggedStyle == 0 {
		return res // a bare "---": the file is as good as empty
	}
	c := yamlConverter{arena: a, lines: lines, done: map[*yaml.Node]converted{}}
	res.root, res.value = c.convert(doc.Content[0], 0)
	res.shared = c.shared
	res.errs = append(res.errs, c.errs...)
	if c.fatal {
		res.root, res.value = nil, nil
	}
	return res
}

var (
	yamlLineRE   = regexp.MustCompile(`^yaml: line (\d+): `)
	yamlAnchorRE = regexp.MustCompile(`^yaml: unknown anchor '([0-9A-Za-z_-]+)' referenced$`)
)

// yamlParserProblems are the problems yaml.v3's parser (not its scanner)
// reports. For those, the line in the message is a 0-based mark: yaml.v3
// adds one only for scanner errors.
var yamlParserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// yamlSyntaxError turns a yaml.v3 error ("yaml: line 3: did not find
// expected key") into an Error. yaml.v3 reports lines only; the column is
// that of the line's first non-blank character.
func yamlSyntaxError(data []byte, lines *yamlLines, err error) *Error {
	msg := err.Error()
	if m := yamlAnchorRE.FindStringSubmatch(msg); m != nil {
		// yaml.v3 gives no position for an unknown alias: find it.
		return &Error{findAlias(data, m[1]), "yaml syntax error: unknown anchor '" + m[1] + "' referenced"}
	}
	line := 0
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
		if yamlParserProblems[msg] {
			line++
		}
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if line == 0 {
		if p, ok := firstControlChar(data); ok && strings.Contains(msg, "control characters") {
			return &Error{p, "yaml syntax error: " + msg}
		}
		line = 1
	}
	if lines.simple || lfLines(data) {
		if pos, hint, ok := locateYAMLError(data, line, msg); ok {
			if hint == "" {
				hint = yamlHints[msg]
			}
			if hint != "" {
				msg += "; " + hint
			}
			return &Error{pos, "yaml syntax error: " + msg}
		}
	}
	pos := lines.firstNonBlank(data, line)
	if msg == "found a tab character that violates indentation" {
		// yaml.v3 names the line before the tab's; point at the tab.
		if p, ok := indentTab(data, line); ok {
			pos = p
		}
	}
	if hint := yamlHints[msg]; hint != "" {
		msg += "; " + hint
	}
	return &Error{pos, "yaml syntax error: " + msg}
}

// yamlHints say what to do about the syntax errors writers meet most,
// which yaml.v3 words for parser authors.
var yamlHints = map[string]string{
	"found a tab character that violates indentation": "indent with spaces, not tabs",
	// yaml.v3 accepts only "%YAML 1.1"; without the directive it reads
	// the file as the guide format's YAML 1.2.
	"found incompatible YAML document": "remove the %YAML line; guides are read as YAML 1.2 without it",
	"did not find expected ',' or ']'": "close the list with \"]\", or quote an item that holds \"?\", \": \" or \" #\"",
}

// indentTab finds the first tab in the indentation of line (1-based) or
// of the two lines after it.
func indentTab(data []byte, line int) (Pos, bool) {
	off := 0
	for l := 1; off <= len(data); l++ {
		end := bytes.IndexByte(data[off:], '\n')
		if end < 0 {
			end = len(data) - off
		}
		if l >= line && l <= line+2 {
			for i, c := range data[off : off+end] {
				if c == '\t' {
					return Pos{l, i + 1}, true
				}
				if c != ' ' {
					break
				}
			}
		}
		if l > line+2 {
			break
		}
		off += end + 1
	}
	return Pos{}, false
}

// findAlias returns the position of the first alias *name in data, or 1:1.
func findAlias(data []byte, name string) Pos {
	re := regexp.MustCompile(`(?:^|[^0-9A-Za-z_-])(\*` + regexp.QuoteMeta(name) + `)(?:[^0-9A-Za-z_-]|$)`)
	if m := re.FindSubmatchIndex(data); m != nil {
		return offsetPos(data, m[2])
	}
	return Pos{1, 1}
}

// firstControlChar finds the first character yaml.v3's reader refuses:
// C0 and C1 controls other than tab, LF, CR and NEL, DEL, U+FFFE, U+FFFF.
func firstControlChar(data []byte) (Pos, bool) {
	for i, r := range string(data) {
		ok := r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0x7e) || r == 0x85 ||
			(r >= 0xa0 && r <= 0xd7ff) || (r >= 0xe000 && r <= 0xfffd) || r >= 0x10000
		if !ok {
			return offsetPos(data, i), true
		}
	}
	return Pos{}, false
}

// yamlLines maps yaml.v3's marks to positions in the file. yaml.v3 counts
// lines by YAML 1.1's line breaks: LF, CR, CRLF, NEL (U+0085), LS (U+2028)
// and PS (U+2029); guidelint, like editors and compilers, counts lines by
// LF alone, so that a position always names a line of Data. Within one
// YAML line there is no LF, so a YAML column maps to the file by an offset.
//
// Most files hold no CR, NEL, LS or PS; for them the two counts agree and
// positions pass through unchanged, so the per-line table (a pass over
// every byte) is built only when needed.
type yamlLines struct {
	data    []byte
	simple  bool // LF is the only line break: yaml.v3's marks are file positions
	n       int  // number of lines, when simple
	lastLen int  // code points on the last line, when simple; -1 until counted
	lines   []yamlLine
}

var (
	breakCR  = []byte{'\r'}
	breakNEL = []byte{0xC2, 0x85}
	breakLS  = []byte{0xE2, 0x80, 0xA8}
	breakPS  = []byte{0xE2, 0x80, 0xA9}
)

type yamlLine struct {
	start int // byte offset of the line's first character
	runes int // code points before the line break
	pos   Pos // file position of start
}

func newYAMLLines(data []byte) *yamlLines {
	if !bytes.Contains(data, breakCR) && !bytes.Contains(data, breakNEL) && !bytes.Contains(data, breakLS) && !bytes.Contains(data, breakPS) {
		return &yamlLines{data: data, simple: true, n: 1 + bytes.Count(data, []byte{'\n'}), lastLen: -1}
	}
	return &yamlLines{data: data} // the table is built on first use
}

// table returns the per-line table, building it on first use.
func (l *yamlLines) table() []yamlLine {
	if l.lines == nil {
		l.build()
	}
	return l.lines
}

func (l *yamlLines) build() {
	data := l.data
	l.lines = make([]yamlLine, 0, 1+bytes.Count(data, []byte{'\n'}))
	cur := yamlLine{pos: Pos{1, 1}}
	fileLine, fileCol := 1, 1
	for i := 0; i < len(data); {
		b := data[i]
		brk := 0 // length of the line break at i
		switch {
		case b == '\n':
			brk = 1
		case b == '\r':
			brk = 1
			if i+1 < len(data) && data[i+1] == '\n' {
				brk = 2
			}
		case b == 0xC2 && i+1 < len(data) && data[i+1] == 0x85: // NEL
			brk = 2
		case b == 0xE2 && i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xA8 || data[i+2] == 0xA9): // LS, PS
			brk = 3
		}
		if brk == 0 {
			if b&0xC0 != 0x80 { // not a UTF-8 continuation byte: a new code point
				cur.runes++
				fileCol++
			}
			i++
			continue
		}
		l.lines = append(l.lines, cur)
		if data[i+brk-1] == '\n' {
			fileLine, fileCol = fileLine+1, 1
		} else {
			fileCol++ // CR, NEL, LS, PS are characters of the file's line
		}
		i += brk
		cur = yamlLine{start: i, pos: Pos{fileLine, fileCol}}
	}
	l.lines = append(l.lines, cur)
}

// pos converts a 1-based yaml.v3 line and column to a file position,
// clamped to the file.
func (l *yamlLines) pos(line, col int) Pos {
	if l.simple && line >= 1 && line < l.n && col >= 1 {
		// Not the last line: yaml.v3 marks tokens it read, so the column
		// is inside the line (or just past its end).
		return Pos{line, col}
	}
	if l.simple && line == l.n && col >= 1 {
		// Counted once: a flow list on a last line without a newline has
		// a node for every few characters.
		if l.lastLen < 0 {
			l.lastLen = utf8.RuneCount(l.data[bytes.LastIndexByte(l.data, '\n')+1:])
		}
		if col > l.lastLen+1 {
			col = l.lastLen + 1
		}
		return Pos{line, col}
	}
	lines := l.table()
	if line < 1 {
		line, col = 1, 1
	}
	if line > len(lines) {
		line, col = len(lines), math.MaxInt
	}
	ln := lines[line-1]
	if col < 1 {
		col = 1
	}
	if col > ln.runes+1 {
		col = ln.runes + 1
	}
	return Pos{ln.pos.Line, ln.pos.Col + col - 1}
}

// firstNonBlank returns the position of the first character of a YAML line
// that is not a space or tab (its start when there is none).
func (l *yamlLines) firstNonBlank(data []byte, line int) Pos {
	lines := l.table()
	if line < 1 {
		line = 1
	}
	if line > len(lines) {
		line = len(lines)
	}
	ln := lines[line-1]
	col := 1
	for i := ln.start; i < len(data) && col <= ln.runes && (data[i] == ' ' || data[i] == '\t'); i++ {
		col++
	}
	if col > ln.runes {
		col = 1
	}
	return l.pos(line, col)
}

type converted struct {
	node  *Node
	value any
	size  int
}

// yamlConverter builds the Node tree and the JSON-shaped value from a
// yaml.Node tree in one walk, resolving aliases and merge keys, finding
// duplicate keys, and bounding what hostile input can make it build.
type yamlConverter struct {
	shared bool // an alias or merge key made a node appear twice
	arena  *arena
	lines  *yamlLines
	errs   []*Error
	nodes  int // values built, counting each alias expansion in full
	fatal  bool
	done   map[*yaml.Node]converted // anchored nodes, for their aliases
	active []*yaml.Node             // anchored nodes being converted (cycle check)
}

var nullNode = &Node{Kind: KindNull, Text: "null"}

func (c *yamlConverter) node(n Node) *Node { return c.arena.nodes.one(n) }

func (c *yamlConverter) fail(pos Pos, format string, args ...any) (*Node, any) {
	if !c.fatal {
		c.errs = append(c.errs, &Error{pos, fmt.Sprintf(format, args...)})
	}
	c.fatal = true
	return nullNode, nil
}

func (c *yamlConverter) convert(y *yaml.Node, depth int) (*Node, any) {
	n, v, _ := c.convertSized(y, depth)
	return n, v
}

func (c *yamlConverter) pos(y *yaml.Node) Pos { return c.lines.pos(y.Line, y.Column) }

func (c *yamlConverter) convertSized(y *yaml.Node, depth int) (*Node, any, int) {
	pos := c.pos(y)
	if c.fatal {
		return nullNode, nil, 1
	}
	if depth > MaxDepth {
		n, v := c.fail(pos, "nesting is deeper than %d levels", MaxDepth)
		return n, v, 1
	}
	if y.Kind == yaml.AliasNode {
		target := y.Alias
		for _, a := range c.active {
			if a == target {
				n, v := c.fail(pos, "alias *%s refers to a value that contains it", y.Value)
				return n, v, 1
			}
		}
		done, ok := c.done[target]
		if !ok && target != nil {
			// The anchored value was never converted: it is a mapping key
			// or the value of a key dropped as a duplicate.
			c.convertSized(target, depth)
			if c.fatal {
				return nullNode, nil, 1
			}
			done, ok = c.done[target]
		}
		if !ok {
			n, v := c.fail(pos, "alias *%s refers to an unknown anchor", y.Value)
			return n, v, 1
		}
		c.shared = true
		c.nodes += done.size
		if c.nodes > MaxNodes {
			n, v := c.fail(pos, "aliases expand this document to more than %d values; refusing to expand it (an alias bomb?)", MaxNodes)
			return n, v, 1
		}
		return done.node, done.value, done.size
	}
	c.nodes++
	if c.nodes > MaxNodes {
		n, v := c.fail(pos, "document holds more than %d values", MaxNodes)
		return n, v, 1
	}
	if y.Anchor != "" {
		c.active = append(c.active, y)
	}
	var (
		n    *Node
		v    any
		size = 1
	)
	switch y.Kind {
	case yaml.ScalarNode:
		n, v = c.scalar(y, pos)
	case yaml.SequenceNode:
		n = c.node(Node{Kind: KindSequence, Pos: pos, Items: c.arena.ptrs.take(len(y.Content))})
		items := c.arena.values.take(len(y.Content))
		for _, item := range y.Content {
			in, iv, isize := c.convertSized(item, depth+1)
			n.Items = append(n.Items, in)
			items = append(items, iv)
			size += isize
		}
		v = items
	case yaml.MappingNode:
		var msize int
		n, v, msize = c.mapping(y, pos, depth)
		size += msize
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			n, v = nullNode, nil
		} else {
			return c.convertSized(y.Content[0], depth)
		}
	default:
		n, v = c.fail(pos, "unsupported YAML node")
	}
	if y.Anchor != "" {
		c.active = c.active[:len(c.active)-1]
		c.done[y] = converted{n, v, size}
	}
	return n, v, size
}

func (c *yamlConverter) scalar(y *yaml.Node, pos Pos) (*Node, any) {
	switch y.ShortTag() {
	case "!!null":
		return c.node(Node{Kind: KindNull, Pos: pos, Text: y.Value}), nil
	case "!!bool":
		// YAML 1.2's core schema spellings; "!!bool yes" stays a string.
		switch y.Value {
		case "true", "True", "TRUE":
			return c.node(Node{Kind: KindBool, Pos: pos, Text: y.Value}), true
		case "false", "False", "FALSE":
			return c.node(Node{Kind: KindBool, Pos: pos, Text: y.Value}), false
		}
	case "!!int", "!!float":
		if f, num, ok := yamlNumber(y); ok {
			return c.node(Node{Kind: KindNumber, Pos: pos, Text: y.Value, Num: f}), num
		}
	}
	return c.node(Node{Kind: KindString, Pos: pos, Text: y.Value}), y.Value
}

// yamlNumber reads an !!int or !!float scalar as a float and a canonical
// JSON number. NaN and infinities have no JSON form and are left strings.
func yamlNumber(y *yaml.Node) (float64, jsonNumber, bool) {
	if isJSONNumber(y.Value) {
		f, err := strconv.ParseFloat(y.Value, 64)
		if err == nil {
			return f, jsonNumber(y.Value), true
		}
	}
	var f float64
	if err := y.Decode(&f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, "", false
	}
	return f, jsonNumber(strconv.FormatFloat(f, 'g', -1, 64)), true
}

func (c *yamlConverter) mapping(y *yaml.Node, pos Pos, depth int) (*Node, any, int) {
	n := c.node(Node{Kind: KindMapping, Pos: pos, Fields: c.arena.fields.take(len(y.Content) / 2)})
	m := make(map[string]any, len(y.Content)/2)
	size := 0
	var dups keyIndex
	var merged []Field
	var mergedValues []any
	for i := 0; i+1 < len(y.Content); i += 2 {
		k, val := y.Content[i], y.Content[i+1]
		kpos := c.pos(k)
		if k.Kind == yaml.AliasNode && k.Alias != nil {
			k = k.Alias
		}
		if k.Kind != yaml.ScalarNode {
			c.errs = append(c.errs, &Error{kpos, "mapping key is a " + yamlKindName(k.Kind) + "; keys must be plain text"})
			continue
		}
		if k.ShortTag() == "!!merge" {
			fs, vs, msize := c.merge(val, depth)
			merged = append(merged, fs...)
			mergedValues = append(mergedValues, vs...)
			size += msize
			continue
		}
		// m holds the explicit keys so far (merged ones come after the loop).
		if _, dup := m[k.Value]; dup {
			c.errs = append(c.errs, duplicateKey(kpos, k.Value, dups.first(n.Fields, k.Value)))
			continue
		}
		vn, vv, vsize := c.convertSized(val, depth+1)
		size += vsize
		n.Fields = append(n.Fields, Field{Key: k.Value, KeyPos: kpos, Value: vn})
		m[k.Value] = vv
	}
	// Explicit keys win over merged ones, and earlier merge sources over
	// later ones, as the YAML merge key type says.
	for i, f := range merged {
		if _, ok := m[f.Key]; ok {
			continue
		}
		n.Fields = append(n.Fields, f)
		m[f.Key] = mergedValues[i]
	}
	return n, m, size
}

// merge converts the value of a "<<" key: a mapping, or a list of them.
func (c *yamlConverter) merge(val *yaml.Node, depth int) ([]Field, []any, int) {
	c.shared = true
	src := val
	if src.Kind == yaml.AliasNode && src.Alias != nil && src.Alias.Kind == yaml.SequenceNode {
		src = src.Alias
	}
	var sources []*yaml.Node
	if src.Kind == yaml.SequenceNode {
		sources = src.Content
	} else {
		sources = []*yaml.Node{val}
	}
	var fields []Field
	var values []any
	size := 0
	for _, s := range sources {
		sn, sv, ssize := c.convertSized(s, depth+1)
		size += ssize
		if sn.Kind != KindMapping {
			if !c.fatal {
				c.errs = append(c.errs, &Error{c.pos(s), "merge key << needs a mapping or a list of mappings, got a " + sn.Kind.String()})
			}
			continue
		}
		sm, _ := sv.(map[string]any)
		for _, f := range sn.Fields {
			fields = append(fields, f)
			values = append(values, sm[f.Key])
		}
	}
	return fields, values, size
}

func yamlKindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	return "value"
}
