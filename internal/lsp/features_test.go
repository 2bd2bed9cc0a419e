package lsp

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// harness is a scripted editor. newHarness talks to Serve over pipes, as
// an editor talks to "guidelint lsp" over stdio; newDirect calls the
// handler itself (benchmarks, fuzzing). Both lint on the goroutine that
// handles the edit (Debounce 0), so a test reads the findings of its
// last edit without waiting on a timer.
type harness struct {
	t         testing.TB
	s         *Server // direct only
	conn      jsonrpc2.Conn
	dir       string
	mu        sync.Mutex
	published map[protocol.DocumentURI]protocol.PublishDiagnosticsParams
	shown     []string
}

func (h *harness) record(method string, params json.RawMessage) {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch method {
	case "textDocument/publishDiagnostics":
		var p protocol.PublishDiagnosticsParams
		if err := json.Unmarshal(params, &p); err != nil {
			h.t.Errorf("publishDiagnostics: %v", err)
		}
		h.published[p.URI] = p
	case "window/showMessage":
		var p protocol.ShowMessageParams
		if err := json.Unmarshal(params, &p); err != nil {
			h.t.Errorf("showMessage: %v", err)
		}
		h.shown = append(h.shown, p.Message)
	}
}

func newHarness(t testing.TB, encodings ...string) *harness {
	h := &harness{t: t, dir: t.TempDir(), published: map[protocol.DocumentURI]protocol.PublishDiagnosticsParams{}}
	cr, sw := io.Pipe() // server → client
	sr, cw := io.Pipe() // client → server
	done := make(chan error, 1)
	go func() {
		done <- Serve(context.Background(), sr, sw, Options{CacheDir: t.TempDir()})
		sw.Close()
	}()
	h.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(rwc{cr, cw}))
	h.conn.Go(context.Background(), func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		h.record(req.Method(), req.Params())
		return reply(ctx, nil, nil)
	})
	t.Cleanup(func() {
		h.call("shutdown", nil, nil)
		h.conn.Notify(context.Background(), "exit", nil)
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("server did not exit")
		}
		h.conn.Close()
	})
	h.initialize(encodings)
	return h
}

func newDirect(t testing.TB, encodings ...string) *harness {
	h := &harness{t: t, dir: t.TempDir(), published: map[protocol.DocumentURI]protocol.PublishDiagnosticsParams{}}
	h.s = New(Options{Notify: func(ctx context.Context, method string, params any) error {
		b, err := json.Marshal(params)
		if err != nil {
			return err
		}
		h.record(method, b)
		return nil
	}})
	h.initialize(encodings)
	return h
}

func (h *harness) initialize(encodings []string) {
	h.must("initialize", map[string]any{
		"rootUri":      string(uri.File(h.dir)),
		"capabilities": map[string]any{"general": map[string]any{"positionEncodings": encodings}},
	}, nil)
}

// notifications are the methods without a reply.
var notifications = map[string]bool{
	"initialized": true, "exit": true, "textDocument/didOpen": true, "textDocument/didChange": true,
	"textDocument/didSave": true, "textDocument/didClose": true, "workspace/didChangeWatchedFiles": true,
	"workspace/didChangeWorkspaceFolders": true,
}

func (h *harness) call(method string, params, result any) error {
	h.t.Helper()
	if h.s == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if notifications[method] {
			if err := h.conn.Notify(ctx, method, params); err != nil {
				return err
			}
			// The server answers in order: once this request's reply is
			// back, what the notification published has been recorded.
			_, err := h.conn.Call(ctx, "$/guidelint/barrier", nil, nil)
			return err
		}
		_, err := h.conn.Call(ctx, method, params, result)
		return err
	}
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
	h.mu.Lock()
	defer h.mu.Unlock()
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

// rwc joins the client's ends of the two pipes.
type rwc struct {
	io.Reader
	io.WriteCloser
}
