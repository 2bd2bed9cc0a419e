package lsp

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// harness drives a Server's handler directly, as benchmarks do: no pipes,
// diagnostics computed on the calling goroutine.
type harness struct {
	t         testing.TB
	s         *Server
	dir       string
	published map[protocol.DocumentURI]protocol.PublishDiagnosticsParams
	shown     []string
}

func newHarness(t testing.TB, encodings ...string) *harness {
	h := &harness{t: t, dir: t.TempDir(), published: map[protocol.DocumentURI]protocol.PublishDiagnosticsParams{}}
	h.s = New(Options{Notify: func(ctx context.Context, method string, params any) error {
		switch p := params.(type) {
		case protocol.PublishDiagnosticsParams:
			h.published[p.URI] = p
		case protocol.ShowMessageParams:
			h.shown = append(h.shown, p.Message)
		}
		return nil
	}})
	h.call("initialize", map[string]any{
		"rootUri":      string(uri.File(h.dir)),
		"capabilities": map[string]any{"general": map[string]any{"positionEncodings": encodings}},
	}, nil)
	return h
}

func (h *harness) call(method string, params, result any) error {
	h.t.Helper()
	raw, err := json.Marshal(params)
	if err != nil {
		h.t.Fatal(err)
	}
	res, err := h.s.Handle(context.Background(), method, raw)
	if err != nil {
		return err
	}
	if result != nil {
		b, err := json.Marshal(res)
		if err != nil {
			h.t.Fatal(err)
		}
		if err := json.Unmarshal(b, result); err != nil {
			h.t.Fatalf("%s result %s: %v", method, b, err)
		}
	}
	return nil
}

func (h *harness) must(method string, params, result any) {
	h.t.Helper()
	if err := h.call(method, params, result); err != nil {
		h.t.Fatalf("%s: %v", method, err)
	}
}

func (h *harness) open(name, text string) protocol.DocumentURI {
	h.t.Helper()
	u := protocol.DocumentURI(uri.File(filepath.Join(h.dir, name)))
	h.must("textDocument/didOpen", protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: u, LanguageID: "yaml", Version: 1, Text: text,
	}}, nil)
	return u
}

func (h *harness) diags(u protocol.DocumentURI) []protocol.Diagnostic {
	return h.published[u].Diagnostics
}

// at is the position of the n-th occurrence (from 1) of needle in text,
// plus off characters, counted in UTF-16.
func at(text, needle string, n, off int) protocol.Position {
	i := -1
	for ; n > 0; n-- {
		j := strings.Index(text[i+1:], needle)
		if j < 0 {
			panic("no " + needle)
		}
		i += 1 + j
	}
	t := newText([]byte(text))
	p := t.fromOffset(i, encUTF16)
	p.Character += uint32(off)
	return p
}

func example(t testing.TB) string {
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", "technical-writing.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHoverKey(t *testing.T) {
	h := newHarness(t)
	src := example(t)
	u := h.open("technical-writing.yaml", src)
	var hv protocol.Hover
	h.must("textDocument/hover", protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: at(src, "estimated_hours", 1, 3),
	}}, &hv)
	if hv.Contents.Kind != protocol.Markdown || !strings.Contains(hv.Contents.Value, "(`stats.estimated_hours`)") {
		t.Errorf("hover on estimated_hours = %q", hv.Contents.Value)
	}
	// An enum's values are listed; a list item's key is found through "[]".
	h.must("textDocument/hover", protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: at(src, "kind:", 1, 1),
	}}, &hv)
	if !strings.Contains(hv.Contents.Value, "`resources.items[].kind`") || !strings.Contains(hv.Contents.Value, "One of: `course`") {
		t.Errorf("hover on kind = %q", hv.Contents.Value)
	}
	if strings.Count(hv.Contents.Value, "`")%2 != 0 {
		t.Errorf("hover has a stray backtick: %q", hv.Contents.Value)
	}
}

func TestHoverDiagnostic(t *testing.T) {
	h := newHarness(t)
	src := strings.Replace(example(t), "estimated_hours: 180", "estimated_hours: 181", 1)
	u := h.open("technical-writing.yaml", src)
	var hv protocol.Hover
	h.must("textDocument/hover", protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: at(src, "181", 1, 1),
	}}, &hv)
	for _, want := range []string{"**stats-mismatch** (error)", "[Rule documentation](https://", "#stats-mismatch)"} {
		if !strings.Contains(hv.Contents.Value, want) {
			t.Errorf("hover on a finding lacks %q:\n%s", want, hv.Contents.Value)
		}
	}
}

func labels(items []protocol.CompletionItem) []string {
	sort.SliceStable(items, func(i, j int) bool { return items[i].SortText < items[j].SortText })
	var out []string
	for _, it := range items {
		out = append(out, it.Label)
	}
	return out
}

func complete(h *harness, u protocol.DocumentURI, pos protocol.Position) protocol.CompletionList {
	h.t.Helper()
	var list protocol.CompletionList
	h.must("textDocument/completion", protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: pos,
	}}, &list)
	return list
}

func TestCompletion(t *testing.T) {
	h := newHarness(t)
	src := example(t)
	// A new sub-skill being typed: its mapping has "name:" already.
	src = strings.Replace(src, "sub_skills:\n", "sub_skills:\n  - name: Editing\n    \n", 1)
	u := h.open("technical-writing.yaml", src)
	pos := at(src, "Editing\n    \n", 1, 0)
	pos.Line++
	pos.Character = 4
	list := complete(h, u, pos)
	if diff := cmp.Diff([]string{"weight", "description", "example_tasks"}, labels(list.Items)); diff != "" {
		t.Errorf("keys of a new sub-skill (-want +got):\n%s", diff)
	}
	for _, it := range list.Items {
		if it.Label == "weight" && (it.TextEdit == nil || it.TextEdit.NewText != "weight: ${1:0}") {
			t.Errorf("weight inserts %+v", it.TextEdit)
		}
	}

	// Enum values after "kind: ".
	src2 := strings.Replace(example(t), "kind: book", "kind: b", 1)
	u2 := h.open("b.yaml", src2)
	list = complete(h, u2, at(src2, "kind: b\n", 1, 7))
	if got := labels(list.Items); len(got) != 7 || got[0] != "course" {
		t.Errorf("kind values = %v", got)
	}
	if list.Items[0].TextEdit.Range.Start != at(src2, "kind: b\n", 1, 6) {
		t.Errorf("value edit replaces %v, want from the typed word", list.Items[0].TextEdit.Range)
	}

	// The guide's level names where a level goes, even while the line
	// does not parse.
	src3 := strings.Replace(example(t), "      level: Beginner", "      level: \"", 1)
	u3 := h.open("c.yaml", src3)
	list = complete(h, u3, at(src3, "level: \"", 1, len("level: ")))
	if got := labels(list.Items); len(got) < 3 || got[0] != "Beginner" {
		t.Errorf("level values = %v, want the guide's level names", got)
	}

	// The question's options where its answer goes.
	src4 := example(t)
	u4 := h.open("d.yaml", src4)
	list = complete(h, u4, at(src4, "answer: Tutorial", 1, len("answer: ")))
	if diff := cmp.Diff([]string{"Tutorial", "How-to guide", "Reference", "Explanation"}, labels(list.Items)); diff != "" {
		t.Errorf("answer values (-want +got):\n%s", diff)
	}

	// Top-level keys not yet there, in canonical order.
	src5 := "id: x\ntitle: X\n\n"
	u5 := h.open("x.yaml", src5)
	list = complete(h, u5, protocol.Position{Line: 2})
	got := labels(list.Items)
	if len(got) < 5 || got[0] != "category" || got[1] != "tagline" {
		t.Errorf("top-level keys = %v, want category, tagline, ... in canonical order", got)
	}
	for _, k := range got {
		if k == "id" || k == "title" {
			t.Errorf("offered %q, which the guide has", k)
		}
	}
}
