package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/skillguides/guidelint/format"
	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/lint"
	"github.com/skillguides/guidelint/schema"
)

// codeRequestFailed is LSP's RequestFailed: the request was understood,
// and the server cannot do it (a buffer fmt would not keep intact).
const codeRequestFailed jsonrpc2.Code = -32803

// --- hover ---

func (s *Server) hover(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.HoverParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	v, err := s.snapshot(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	t, enc := v.text, v.enc
	off := t.offset(p.Position, enc)
	line, col := t.point(off)
	var parts []string
	if path, ok := keyPathAt(t, off, s.parsed(p.TextDocument.URI, t)); ok {
		if sh := schema.Lookup(dotted(path)); sh != nil && (sh.Title() != "" || sh.Description() != "") {
			md := "**" + sh.Title() + "** (`" + dotted(path) + "`)\n\n" + sh.MarkdownDescription()
			if e := sh.Enum(); len(e) > 0 {
				md += "\n\nOne of: `" + strings.Join(e, "`, `") + "`."
			}
			parts = append(parts, md)
		}
	}
	for _, d := range v.diags {
		if !covers(d, line, col) {
			continue
		}
		if r := v.linter.Rule(d.Rule); r != nil {
			md := fmt.Sprintf("**%s** (%s): %s\n\n%s", r.ID, d.Severity, r.Summary, strings.TrimSpace(r.Doc))
			if u := r.URL(); u != "" {
				md += "\n\n[Rule documentation](" + u + ")"
			}
			parts = append(parts, md)
		}
	}
	if len(parts) == 0 {
		return nil, nil
	}
	return protocol.Hover{Contents: protocol.MarkupContent{
		Kind: protocol.Markdown, Value: strings.Join(parts, "\n\n---\n\n"),
	}}, nil
}

// covers says whether a finding's range holds the 1-based point.
func covers(d lint.Diagnostic, line, col int) bool {
	endLine, endCol := d.EndLine, d.EndColumn
	if endLine == 0 {
		endLine, endCol = d.Line, 1<<30
	}
	after := line > d.Line || line == d.Line && col >= d.Column
	before := line < endLine || line == endLine && col <= endCol
	return after && before
}

// keyPathAt is the schema path of the key at or before the cursor on its
// line: from the parsed tree when the buffer parses (YAML or JSON), else
// read lexically (YAML).
func keyPathAt(t *text, off int, doc *guide.Document) ([]string, bool) {
	line, col := t.point(off)
	if doc != nil {
		return treePath(doc.Root, guide.Pos{Line: line, Col: col})
	}
	li := line - 1
	info := readLine(t.line(li))
	if info.keyCol < 0 {
		return nil, false
	}
	path, inText := ownerPath(t, li, info.keyCol, info.dashes)
	if inText {
		return nil, false
	}
	return append(path, info.key), true
}

// treePath walks the parsed tree to the key on the cursor's line at or
// before it: the key under the cursor, or the key of the value it is in.
func treePath(n *guide.Node, at guide.Pos) ([]string, bool) {
	var path []string
	for n != nil {
		switch n.Kind {
		case guide.KindMapping:
			var f *guide.Field
			for i := range n.Fields {
				if !at.Before(n.Fields[i].KeyPos) {
					f = &n.Fields[i]
				}
			}
			if f == nil {
				return path, len(path) > 0
			}
			path = append(path, f.Key)
			if f.KeyPos.Line == at.Line || f.Value == nil || at.Before(f.Value.Pos) {
				return path, true
			}
			n = f.Value
		case guide.KindSequence:
			var item *guide.Node
			for _, it := range n.Items {
				if !at.Before(it.Pos) {
					item = it
				}
			}
			if item == nil {
				return path, len(path) > 0
			}
			path = append(path, "[]")
			n = item
		default:
			return path, len(path) > 0
		}
	}
	return path, len(path) > 0
}

// --- completion ---

func (s *Server) completion(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.CompletionParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	v, err := s.snapshot(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	t, enc := v.text, v.enc
	list := protocol.CompletionList{Items: []protocol.CompletionItem{}}
	if isJSON(t.data) {
		return list, nil // JSON is written by programs more than by hand
	}
	off := t.offset(p.Position, enc)
	c := contextAt(t, off)
	if c.inText {
		return list, nil
	}
	rng := protocol.Range{Start: t.fromOffset(c.start, enc), End: t.fromOffset(off, enc)}
	if c.key == "" {
		list.Items = keyItems(c, rng)
	} else {
		list.Items = valueItems(t, off, c, rng, s.parsed(p.TextDocument.URI, t))
	}
	return list, nil
}

func isJSON(data []byte) bool {
	d := bytes.TrimLeft(data, " \t\r\n\ufeff")
	return len(d) > 0 && d[0] == '{'
}

// keyItems are the keys the mapping at the cursor may have and has not
// yet, in canonical order, each inserting a snippet for its value shape.
func keyItems(c cursorCtx, rng protocol.Range) []protocol.CompletionItem {
	sh := schema.Lookup(dotted(c.path))
	items := []protocol.CompletionItem{}
	for i, k := range sh.Keys() {
		if c.present[k] {
			continue
		}
		f := sh.Field(k)
		detail := f.Title()
		if sh.Required(k) {
			detail += " (required)"
		}
		items = append(items, protocol.CompletionItem{
			Label:            k,
			Kind:             protocol.CompletionItemKindProperty,
			Detail:           detail,
			Documentation:    protocol.MarkupContent{Kind: protocol.Markdown, Value: f.MarkdownDescription()},
			SortText:         fmt.Sprintf("%03d", i),
			FilterText:       k,
			InsertTextFormat: protocol.InsertTextFormatSnippet,
			InsertTextMode:   protocol.InsertTextModeAsIs,
			TextEdit:         &protocol.TextEdit{Range: rng, NewText: keySnippet(k, f, c.col)},
		})
	}
	return items
}

// keySnippet is "key: " and a placeholder in the shape of its value; a
// list or mapping opens on the next line, indented under the key.
func keySnippet(k string, f *schema.Shape, col int) string {
	ind := strings.Repeat(" ", col+2)
	switch f.Type() {
	case "object":
		return k + ":\n" + ind + "$0"
	case "array":
		return k + ":\n" + ind + "- $0"
	case "number", "integer":
		return k + ": ${1:0}"
	case "boolean":
		return k + ": ${1|true,false|}"
	}
	if e := f.Enum(); len(e) > 0 {
		return k + ": ${1|" + strings.Join(e, ",") + "|}"
	}
	return k + ": $0"
}

// valueItems are the values that may go after "key:": the schema's enum
// values, the guide's level names for a level, the question's options
// for an answer.
func valueItems(t *text, off int, c cursorCtx, rng protocol.Range, doc *guide.Document) []protocol.CompletionItem {
	var values []string
	kind := protocol.CompletionItemKindEnumMember
	sh := schema.Lookup(dotted(append(append([]string(nil), c.path...), c.key)))
	values = append(values, sh.Enum()...)
	if len(values) == 0 && (c.key == "level" || c.key == "answer") {
		kind = protocol.CompletionItemKindValue
		if doc == nil {
			doc = parseAround(t, off)
		}
		if doc != nil && doc.Root != nil {
			line, _ := t.point(off)
			if c.key == "level" {
				values = stringsAt(doc.Root.Get("levels"), "name")
			} else if q := itemAt(doc.Root.Get("assessment").Get("quiz"), line); q != nil {
				values = stringsAt(q.Get("options"), "")
			}
		}
	}
	items := []protocol.CompletionItem{}
	for i, v := range values {
		items = append(items, protocol.CompletionItem{
			Label:      v,
			Kind:       kind,
			SortText:   fmt.Sprintf("%03d", i),
			FilterText: v,
			TextEdit:   &protocol.TextEdit{Range: rng, NewText: yamlScalar(v)},
		})
	}
	return items
}

// parseAround parses a buffer that does not parse with the cursor's
// line blanked: the line being typed is what most often breaks it.
func parseAround(t *text, off int) *guide.Document {
	line, _ := t.point(off)
	data := append([]byte(nil), t.data...)
	start := t.lines[line-1]
	end := start + len(t.line(line-1))
	for i := start; i < end; i++ {
		data[i] = ' '
	}
	doc, err := guide.Parse("buffer", data)
	if err != nil {
		return nil
	}
	return doc
}

// itemAt is the item of a sequence that holds the 1-based line: the last
// one starting at or before it.
func itemAt(seq *guide.Node, line int) *guide.Node {
	var found *guide.Node
	if seq == nil {
		return nil
	}
	for _, it := range seq.Items {
		if it.Pos.Line <= line {
			found = it
		}
	}
	return found
}

// stringsAt lists the strings of a sequence's items, or of their field
// key when key is set.
func stringsAt(seq *guide.Node, key string) []string {
	var out []string
	if seq == nil {
		return nil
	}
	for _, it := range seq.Items {
		if key != "" {
			it = it.Get(key)
		}
		if it != nil && it.Kind == guide.KindString {
			out = append(out, it.Text)
		}
	}
	return out
}

// yamlScalar writes a value so that YAML reads it back as the same string.
func yamlScalar(v string) string {
	if plainSafe(v) {
		return v
	}
	return "'" + strings.ReplaceAll(v, "'", "''") + "'"
}

var plainRisky = regexp.MustCompile(`^(?i:y|n|yes|no|on|off|true|false|null|~|[-+]?[0-9.][0-9._a-fox:+-]*|[-+]?\.inf|\.nan)$`)

func plainSafe(v string) bool {
	if v == "" || v != strings.TrimSpace(v) || plainRisky.MatchString(v) {
		return false
	}
	if strings.ContainsAny(v[:1], "-?:,[]{}#&*!|>'\"%@`") || strings.Contains(v, ": ") || strings.Contains(v, " #") || strings.HasSuffix(v, ":") {
		return false
	}
	return utf8.ValidString(v) && !strings.ContainsAny(v, "\n\t")
}

// --- code actions ---

var didYouMean = regexp.MustCompile(`^unknown key "((?:[^"\\]|\\.)*)" \(did you mean "((?:[^"\\]|\\.)*)"\?\)`)

func (s *Server) codeAction(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.CodeActionParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	v, err := s.snapshot(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	t, enc, l := v.text, v.enc, v.linter
	from, to := int(p.Range.Start.Line)+1, int(p.Range.End.Line)+1
	actions := []protocol.CodeAction{}
	for _, d := range v.diags {
		end := d.EndLine
		if end == 0 {
			end = d.Line
		}
		if end < from || d.Line > to {
			continue
		}
		pd := toProtocol(l, t, enc, d)
		if d.Fix != nil {
			if fixed, _, err := lint.ApplyFixes(v.path, t.data, []*lint.Fix{d.Fix}); err == nil {
				actions = append(actions, protocol.CodeAction{
					Title: d.Fix.Message, Kind: protocol.QuickFix, Diagnostics: []protocol.Diagnostic{pd},
					IsPreferred: true,
					Edit:        edit(p.TextDocument.URI, t, enc, fixed),
				})
			}
		}
		if m := didYouMean.FindStringSubmatch(d.Message); d.Rule == "schema" && m != nil {
			key, _ := strconv.Unquote(`"` + m[1] + `"`)
			want, _ := strconv.Unquote(`"` + m[2] + `"`)
			if a, ok := renameKey(p.TextDocument.URI, t, enc, d, key, want); ok {
				a.Diagnostics = []protocol.Diagnostic{pd}
				actions = append(actions, a)
			}
		}
		if !isJSON(t.data) && !d.Internal {
			actions = append(actions, suppress(p.TextDocument.URI, t, enc, d, pd))
		}
	}
	return actions, nil
}

// edit is a workspace edit turning the buffer into want: one text edit
// over the part that differs.
func edit(u protocol.DocumentURI, t *text, enc string, want []byte) *protocol.WorkspaceEdit {
	a, b := t.data, want
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	for pre > 0 && pre < len(a) && !utf8.RuneStart(a[pre]) {
		pre-- // an edit starts at a character, not inside one
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	for suf > 0 && !utf8.RuneStart(a[len(a)-suf]) {
		suf--
	}
	e := protocol.TextEdit{
		Range:   protocol.Range{Start: t.fromOffset(pre, enc), End: t.fromOffset(len(a)-suf, enc)},
		NewText: string(b[pre : len(b)-suf]),
	}
	return &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{u: {e}}}
}

// renameKey replaces a misspelt key with the one it was meant to be.
func renameKey(u protocol.DocumentURI, t *text, enc string, d lint.Diagnostic, key, want string) (protocol.CodeAction, bool) {
	start := t.offset(t.fromPoint(d.Line, d.Column, enc), enc)
	rest := t.data[start:]
	n := len(key)
	if len(rest) > 0 && (rest[0] == '"' || rest[0] == '\'') {
		n += 2 // a quoted key keeps its quotes
		want = string(rest[0]) + want + string(rest[0])
	}
	if n > len(rest) {
		return protocol.CodeAction{}, false
	}
	fixed := append(append(append([]byte(nil), t.data[:start]...), want...), t.data[start+n:]...)
	return protocol.CodeAction{
		Title:       fmt.Sprintf("rename %q to %q", key, strings.Trim(want, `"'`)),
		Kind:        protocol.QuickFix,
		IsPreferred: true,
		Edit:        edit(u, t, enc, fixed),
	}, true
}

// suppress adds "# guidelint:ignore RULE -- " for a finding: at the end of
// its line when the line has no comment, else on a line of its own above
// it (which covers the next line), indented like it. The reason after
// "--" is the writer's to type.
func suppress(u protocol.DocumentURI, t *text, enc string, d lint.Diagnostic, pd protocol.Diagnostic) protocol.CodeAction {
	li := d.Line - 1
	l := t.line(li)
	directive := "# guidelint:ignore " + d.Rule + " -- "
	var pos protocol.Position
	var insert string
	if bytes.IndexByte(l, '#') < 0 && len(bytes.TrimSpace(l)) > 0 {
		pos = t.fromPoint(d.Line, utf8.RuneCount(l)+1, enc)
		insert = "  " + directive
	} else {
		ind := len(l) - len(bytes.TrimLeft(l, " "))
		pos = protocol.Position{Line: uint32(li)}
		insert = strings.Repeat(" ", ind) + directive + "\n"
	}
	return protocol.CodeAction{
		Title:       "suppress " + d.Rule + " on this line",
		Kind:        protocol.QuickFix,
		Diagnostics: []protocol.Diagnostic{pd},
		Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{
			u: {{Range: protocol.Range{Start: pos, End: pos}, NewText: insert}},
		}},
	}
}

// --- document symbols ---

func (s *Server) documentSymbol(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DocumentSymbolParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	v, err := s.snapshot(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	t, enc := v.text, v.enc
	doc := s.parsed(p.TextDocument.URI, t)
	if doc == nil {
		return []protocol.DocumentSymbol{}, nil
	}
	end := t.fromOffset(len(t.data), enc)
	return symbols(t, enc, doc.Root, end, 0), nil
}

// symbols outlines a mapping: a symbol per key, with the items of its
// lists named by their name or title, and their weight, hours or
// duration as detail. Each ends where the next begins.
func symbols(t *text, enc string, n *guide.Node, end protocol.Position, depth int) []protocol.DocumentSymbol {
	out := []protocol.DocumentSymbol{}
	if n == nil || n.Kind != guide.KindMapping || depth > 3 {
		return out
	}
	for i, f := range n.Fields {
		next := end
		if i+1 < len(n.Fields) {
			next = lineEndBefore(t, n.Fields[i+1].KeyPos, enc)
		}
		start := t.fromPoint(f.KeyPos.Line, f.KeyPos.Col, enc)
		sym := protocol.DocumentSymbol{
			Name:           f.Key,
			Kind:           protocol.SymbolKindField,
			Range:          protocol.Range{Start: start, End: maxPos(start, next)},
			SelectionRange: protocol.Range{Start: start, End: t.fromPoint(f.KeyPos.Line, f.KeyPos.Col+utf8.RuneCountInString(f.Key), enc)},
		}
		v := f.Value
		switch {
		case v == nil:
		case v.Kind == guide.KindMapping:
			sym.Kind = protocol.SymbolKindNamespace
			sym.Children = symbols(t, enc, v, sym.Range.End, depth+1)
		case v.Kind == guide.KindSequence:
			sym.Kind = protocol.SymbolKindArray
			sym.Detail = fmt.Sprintf("%d items", len(v.Items))
			sym.Children = itemSymbols(t, enc, v, sym.Range.End, depth+1)
		default:
			sym.Detail = v.Text
		}
		out = append(out, sym)
	}
	return out
}

func itemSymbols(t *text, enc string, seq *guide.Node, end protocol.Position, depth int) []protocol.DocumentSymbol {
	var out []protocol.DocumentSymbol
	for i, it := range seq.Items {
		if it.Kind != guide.KindMapping {
			continue
		}
		name := it.Get("name")
		if name == nil || name.Kind != guide.KindString {
			name = it.Get("title")
		}
		if name == nil || name.Kind != guide.KindString {
			name = it.Get("question")
		}
		if name == nil || name.Kind != guide.KindString {
			continue
		}
		next := end
		if i+1 < len(seq.Items) {
			next = lineEndBefore(t, seq.Items[i+1].Pos, enc)
		}
		start := t.fromPoint(it.Pos.Line, it.Pos.Col, enc)
		sym := protocol.DocumentSymbol{
			Name:           name.Text,
			Kind:           protocol.SymbolKindObject,
			Range:          protocol.Range{Start: start, End: maxPos(start, next)},
			SelectionRange: protocol.Range{Start: t.fromPoint(name.Pos.Line, name.Pos.Col, enc), End: t.fromPoint(name.Pos.Line, name.Pos.Col+utf8.RuneCountInString(name.Text), enc)},
		}
		for _, k := range []string{"weight", "hours", "duration"} {
			if v := it.Get(k); v != nil && v.Text != "" {
				switch k {
				case "weight":
					sym.Detail = "weight " + v.Text
				case "hours":
					sym.Detail = v.Text + " hours"
				default:
					sym.Detail = v.Text
				}
				break
			}
		}
		sym.Children = symbols(t, enc, it, sym.Range.End, depth+1)
		out = append(out, sym)
	}
	return out
}

// lineEndBefore is the end of the line before p: where a symbol that the
// one at p follows ends.
func lineEndBefore(t *text, p guide.Pos, enc string) protocol.Position {
	if p.Line <= 1 {
		return t.fromPoint(1, 1, enc)
	}
	return t.fromPoint(p.Line-1, 1<<30, enc)
}

func maxPos(a, b protocol.Position) protocol.Position {
	if b.Line > a.Line || b.Line == a.Line && b.Character >= a.Character {
		return b
	}
	return a
}

// --- formatting ---

func (s *Server) formatting(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DocumentFormattingParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	v, err := s.snapshot(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	t, enc := v.text, v.enc
	out, err := format.Source("buffer", t.data)
	if err != nil {
		return nil, jsonrpc2.NewError(codeRequestFailed, "guidelint fmt: "+err.Error())
	}
	if bytes.Equal(out, t.data) {
		return []protocol.TextEdit{}, nil
	}
	return edit(p.TextDocument.URI, t, enc, out).Changes[p.TextDocument.URI], nil
}
