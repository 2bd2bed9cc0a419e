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

	yaml "go.yaml.in/yaml/v3"
)

func parseYAML(data []byte) (res parseResult) {
	res.format = YAML
	defer func() {
		// yaml.v3 panics on a few malformed inputs; a linter must not.
		if r := recover(); r != nil {
			res = parseResult{format: YAML, errs: []*Error{{Pos{1, 1}, fmt.Sprintf("yaml parser failed on this file: %v", r)}}}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if !errors.Is(err, io.EOF) {
			res.errs = append(res.errs, yamlSyntaxError(data, err))
		}
		return res
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		res.errs = append(res.errs, yamlSyntaxError(data, err))
		return res
	default:
		pos := Pos{next.Line, next.Column}
		if len(next.Content) > 0 {
			pos = Pos{next.Content[0].Line, next.Content[0].Column}
		}
		if !pos.IsValid() {
			pos = Pos{1, 1}
		}
		res.errs = append(res.errs, &Error{pos, "file holds more than one YAML document; want one guide per file"})
		return res
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return res
	}
	c := yamlConverter{done: map[*yaml.Node]converted{}}
	res.root, res.value = c.convert(doc.Content[0], 0)
	res.errs = append(res.errs, c.errs...)
	if c.fatal {
		res.root, res.value = nil, nil
	}
	return res
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlSyntaxError turns a yaml.v3 error ("yaml: line 3: did not find
// expected key") into an Error. yaml.v3 reports lines only; the column is
// that of the line's first non-blank character.
func yamlSyntaxError(data []byte, err error) *Error {
	msg := err.Error()
	line := 0
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	lines := bytes.Split(data, []byte{'\n'})
	if line == 0 {
		if p, ok := firstControlChar(data); ok && strings.Contains(msg, "control characters") {
			return &Error{p, "yaml syntax error: " + msg}
		}
		line = 1
	}
	if line > len(lines) {
		line = len(lines)
	}
	col := 1
	if line >= 1 {
		text := string(bytes.TrimRight(lines[line-1], "\r"))
		col = 1 + len([]rune(text)) - len([]rune(strings.TrimLeft(text, " \t")))
		if strings.TrimSpace(text) == "" {
			col = 1
		}
	}
	return &Error{Pos{line, col}, "yaml syntax error: " + msg}
}

// firstControlChar finds the first character YAML forbids in a document.
func firstControlChar(data []byte) (Pos, bool) {
	for i, r := range string(data) {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f || r == 0xfffe || r == 0xffff {
			return offsetPos(data, i), true
		}
	}
	return Pos{}, false
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
	errs   []*Error
	nodes  int // values built, counting each alias expansion in full
	fatal  bool
	done   map[*yaml.Node]converted // anchored nodes, for their aliases
	active []*yaml.Node             // anchored nodes being converted (cycle check)
}

var nullNode = &Node{Kind: KindNull, Text: "null"}

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

func (c *yamlConverter) convertSized(y *yaml.Node, depth int) (*Node, any, int) {
	pos := Pos{y.Line, y.Column}
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
		if !ok {
			n, v := c.fail(pos, "alias *%s refers to an unknown anchor", y.Value)
			return n, v, 1
		}
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
		n = &Node{Kind: KindSequence, Pos: pos, Items: make([]*Node, 0, len(y.Content))}
		items := make([]any, 0, len(y.Content))
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
		return &Node{Kind: KindNull, Pos: pos, Text: y.Value}, nil
	case "!!bool":
		b := strings.EqualFold(y.Value, "true")
		return &Node{Kind: KindBool, Pos: pos, Text: y.Value}, b
	case "!!int", "!!float":
		if f, num, ok := yamlNumber(y); ok {
			return &Node{Kind: KindNumber, Pos: pos, Text: y.Value, Num: f}, num
		}
	}
	return &Node{Kind: KindString, Pos: pos, Text: y.Value}, y.Value
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
	n := &Node{Kind: KindMapping, Pos: pos, Fields: make([]Field, 0, len(y.Content)/2)}
	m := make(map[string]any, len(y.Content)/2)
	size := 0
	var index map[string]int // key → field, for large mappings
	find := func(key string) int {
		if index != nil {
			if i, ok := index[key]; ok {
				return i
			}
			return -1
		}
		for i := range n.Fields {
			if n.Fields[i].Key == key {
				return i
			}
		}
		return -1
	}
	var merged []Field
	var mergedValues []any
	for i := 0; i+1 < len(y.Content); i += 2 {
		k, val := y.Content[i], y.Content[i+1]
		kpos := Pos{k.Line, k.Column}
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
		if j := find(k.Value); j >= 0 {
			first := n.Fields[j].KeyPos
			c.errs = append(c.errs, &Error{kpos, fmt.Sprintf("duplicate key %q (first defined at line %d, column %d)", k.Value, first.Line, first.Col)})
			continue
		}
		vn, vv, vsize := c.convertSized(val, depth+1)
		size += vsize
		n.Fields = append(n.Fields, Field{Key: k.Value, KeyPos: kpos, Value: vn})
		m[k.Value] = vv
		if index == nil && len(n.Fields) > 16 {
			index = make(map[string]int, len(y.Content)/2)
			for i, f := range n.Fields {
				index[f.Key] = i
			}
		} else if index != nil {
			index[k.Value] = len(n.Fields) - 1
		}
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
				c.errs = append(c.errs, &Error{Pos{s.Line, s.Column}, "merge key << needs a mapping or a list of mappings, got a " + sn.Kind.String()})
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
