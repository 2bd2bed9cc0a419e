package guide

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

type jsonNumber = json.Number

// parseJSON reads JSON with encoding/json's tokenizer rather than a YAML
// parser: YAML 1.2 is meant to be a superset of JSON, but YAML parsers
// reject valid JSON such as "\/" escapes and tab indentation.
func parseJSON(data []byte, a *arena) (res parseResult) {
	res.format = JSON
	p := &jsonParser{data: data, dec: json.NewDecoder(bytes.NewReader(data)), line: 1, col: 1, arena: a}
	p.dec.UseNumber()
	tok, start, err := p.next()
	if errors.Is(err, io.EOF) {
		return res
	}
	if err == nil {
		res.root, res.value, err = p.value(tok, start, 0)
	}
	if err == nil {
		_, start, err = p.next()
		if errors.Is(err, io.EOF) {
			err = nil
		} else if err == nil {
			err = &Error{p.pos(start), "unexpected data after the top-level JSON value; want one guide per file"}
		}
	}
	res.errs = p.errs
	if err != nil {
		res.root, res.value = nil, nil
		res.errs = append(res.errs, p.syntaxError(err))
	}
	return res
}

type jsonParser struct {
	arena *arena
	data  []byte
	dec   *json.Decoder
	errs  []*Error
	nodes int
	// A cursor for offset → position: tokens come in increasing offset
	// order, so counting from the last one keeps this linear on huge lines.
	off, line, col int
}

func (p *jsonParser) pos(off int) Pos {
	if off < p.off {
		p.off, p.line, p.col = 0, 1, 1
	}
	for p.off < off && p.off < len(p.data) {
		r, size := utf8.DecodeRune(p.data[p.off:])
		if r == '\n' {
			p.line++
			p.col = 1
		} else {
			p.col++
		}
		p.off += size
	}
	return Pos{p.line, p.col}
}

// next returns the next token and the offset where it starts.
func (p *jsonParser) next() (json.Token, int, error) {
	off := int(p.dec.InputOffset())
	for off < len(p.data) {
		switch p.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	tok, err := p.dec.Token()
	return tok, off, err
}

func (p *jsonParser) syntaxError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// A Decoder's token errors carry offsets that count only the bytes
		// it scanned as values, not the whole input. Scanning the whole
		// input again finds the same first error at its exact offset.
		var raw json.RawMessage
		if err := json.Unmarshal(p.data, &raw); errors.As(err, &se) {
			if se.Error() == "unexpected end of JSON input" {
				return &Error{offsetPos(p.data, len(p.data)), "json syntax error: unexpected end of file"}
			}
		}
		off := int(se.Offset) - 1
		if off < 0 {
			off = 0
		}
		return &Error{offsetPos(p.data, off), "json syntax error: " + se.Error()}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &Error{offsetPos(p.data, len(p.data)), "json syntax error: unexpected end of file"}
	}
	return &Error{Pos{1, 1}, "json syntax error: " + err.Error()}
}

func (p *jsonParser) value(tok json.Token, start, depth int) (*Node, any, error) {
	pos := p.pos(start)
	p.nodes++
	if p.nodes > MaxNodes {
		return nil, nil, &Error{pos, fmt.Sprintf("document holds more than %d values", MaxNodes)}
	}
	switch t := tok.(type) {
	case nil:
		return p.arena.nodes.one(Node{Kind: KindNull, Pos: pos, Text: "null"}), nil, nil
	case bool:
		text := "false"
		if t {
			text = "true"
		}
		return p.arena.nodes.one(Node{Kind: KindBool, Pos: pos, Text: text}), t, nil
	case json.Number:
		f, err := t.Float64()
		if err != nil {
			return nil, nil, &Error{pos, fmt.Sprintf("number %s is out of range", t)}
		}
		return p.arena.nodes.one(Node{Kind: KindNumber, Pos: pos, Text: string(t), Num: f}), t, nil
	case string:
		return p.arena.nodes.one(Node{Kind: KindString, Pos: pos, Text: t}), t, nil
	case json.Delim:
		if depth >= MaxDepth {
			return nil, nil, &Error{pos, fmt.Sprintf("nesting is deeper than %d levels", MaxDepth)}
		}
		if t == '[' {
			return p.array(pos, depth)
		}
		return p.object(pos, depth)
	}
	return nil, nil, &Error{pos, fmt.Sprintf("unexpected JSON token %v", tok)}
}

func (p *jsonParser) array(pos Pos, depth int) (*Node, any, error) {
	n := p.arena.nodes.one(Node{Kind: KindSequence, Pos: pos})
	var items []any
	for {
		tok, start, err := p.next()
		if err != nil {
			return nil, nil, err
		}
		if tok == json.Delim(']') {
			if items == nil {
				items = []any{}
			}
			return n, items, nil
		}
		in, iv, err := p.value(tok, start, depth+1)
		if err != nil {
			return nil, nil, err
		}
		n.Items = append(n.Items, in)
		items = append(items, iv)
	}
}

func (p *jsonParser) object(pos Pos, depth int) (*Node, any, error) {
	n := p.arena.nodes.one(Node{Kind: KindMapping, Pos: pos})
	m := map[string]any{}
	var dups keyIndex
	for {
		tok, start, err := p.next()
		if err != nil {
			return nil, nil, err
		}
		if tok == json.Delim('}') {
			return n, m, nil
		}
		key, _ := tok.(string)
		kpos := p.pos(start)
		tok, start, err = p.next()
		if err != nil {
			return nil, nil, err
		}
		vn, vv, err := p.value(tok, start, depth+1)
		if err != nil {
			return nil, nil, err
		}
		if _, dup := m[key]; dup {
			p.errs = append(p.errs, duplicateKey(kpos, key, dups.first(n.Fields, key)))
			continue
		}
		n.Fields = append(n.Fields, Field{Key: key, KeyPos: kpos, Value: vn})
		m[key] = vv
	}
}

// isJSONNumber reports whether s is a number in JSON's grammar.
func isJSONNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	if i >= len(s) {
		return false
	}
	if s[i] == '0' {
		i++
	} else if s[i] >= '1' && s[i] <= '9' {
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	} else {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		d := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == d {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		d := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == d {
			return false
		}
	}
	return i == len(s)
}
