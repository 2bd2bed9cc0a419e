package lsp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// frame is one message as a client writes it.
func frame(body string) string {
	return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)
}

// replies reads the framed messages a server wrote.
func replies(t *testing.T, out []byte) []map[string]any {
	t.Helper()
	r := bufio.NewReader(bytes.NewReader(out))
	var msgs []map[string]any
	for {
		var n int
		line, err := r.ReadString('\n')
		if err == io.EOF {
			return msgs
		}
		if _, err := fmt.Sscanf(line, "Content-Length: %d\r\n", &n); err != nil {
			t.Fatalf("bad header %q", line)
		}
		r.ReadString('\n')
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatalf("reply %q: %v", body, err)
		}
		msgs = append(msgs, m)
	}
}

// TestHostileMessages: a broken or hostile message gets a JSON-RPC error
// and the session goes on; the server neither crashes nor hangs.
func TestHostileMessages(t *testing.T) {
	in := strings.Join([]string{
		"Content-Length: nope\r\n\r\n",
		"X-Junk\r\n\r\n",
		frame(`{not json`),
		frame(`[1, 2, 3]`),
		frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"file:///nonexistent","capabilities":{}}}`),
		frame(`{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":"a string"}`),
		frame(`{"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///not/open.yaml"},"position":{"line":0,"character":0}}}`),
		frame(`{"jsonrpc":"2.0","id":4,"method":"no/suchMethod","params":{}}`),
		frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///x.yaml","version":1,"text":"id: [\u0000"}}}`),
		frame(`{"jsonrpc":"2.0","id":5,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///x.yaml"},"position":{"line":4000000000,"character":4000000000}}}`),
		frame(`{"jsonrpc":"2.0","id":6,"method":"shutdown"}`),
		frame(`{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{}}`),
		frame(`{"jsonrpc":"2.0","method":"exit"}`),
	}, "")
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- Serve(context.Background(), strings.NewReader(in), &out, Options{}) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server hung")
	}
	byID := map[float64]map[string]any{}
	var nullIDErrors int
	for _, m := range replies(t, out.Bytes()) {
		if id, ok := m["id"].(float64); ok {
			byID[id] = m
		} else if m["error"] != nil && m["method"] == nil {
			nullIDErrors++
		}
	}
	if nullIDErrors != 4 {
		t.Errorf("%d errors for unreadable messages, want 4 (two bad headers, bad JSON, not JSON-RPC)", nullIDErrors)
	}
	code := func(id float64) float64 {
		m := byID[id]
		e, _ := m["error"].(map[string]any)
		c, _ := e["code"].(float64)
		return c
	}
	if byID[1]["result"] == nil {
		t.Errorf("initialize: %v", byID[1])
	}
	for id, want := range map[float64]jsonrpc2.Code{2: jsonrpc2.InvalidParams, 3: jsonrpc2.InvalidParams, 4: jsonrpc2.MethodNotFound, 7: jsonrpc2.InvalidRequest} {
		if code(id) != float64(want) {
			t.Errorf("request %v: reply %v, want error %d", id, byID[id], want)
		}
	}
	if _, ok := byID[5]; !ok || code(5) != 0 {
		t.Errorf("completion past the end: %v, want a result", byID[5])
	}
}

// TestHugeLengthRefused: a Content-Length beyond the limit is not
// allocated.
func TestHugeLengthRefused(t *testing.T) {
	in := "Content-Length: 9000000000000\r\n\r\n{}"
	var out bytes.Buffer
	err := Serve(context.Background(), strings.NewReader(in), &out, Options{})
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		t.Fatalf("Serve: %v", err)
	}
}

// FuzzServer feeds random edits and random messages to the handler: it
// must never panic (an InternalError reply is a panic caught) and every
// answer must be JSON.
func FuzzServer(f *testing.F) {
	f.Add([]byte("id: x\ntitle: X\n"), uint32(0), uint32(3), "TODO", uint8(0), []byte(`{}`))
	f.Add([]byte("levels:\n  - name: A\n    duration: 0-6 months\nuse_cases:\n  - level: "), uint32(4), uint32(11), "B", uint8(2), []byte(`{"x":1}`))
	f.Add([]byte("{\"id\": \"🚀\"}"), uint32(0), uint32(9), "\"", uint8(4), []byte(`null`))
	methods := []string{"textDocument/hover", "textDocument/completion", "textDocument/codeAction", "textDocument/documentSymbol", "textDocument/formatting", "textDocument/didChange", "initialize", "workspace/didChangeWatchedFiles"}
	f.Fuzz(func(t *testing.T, doc []byte, line, char uint32, insert string, which uint8, raw []byte) {
		h := newDirect(t)
		u := h.open("f.yaml", string(doc))
		pos := protocol.Position{Line: line % 64, Character: char % 256}
		td := protocol.TextDocumentIdentifier{URI: u}
		tdp := protocol.TextDocumentPositionParams{TextDocument: td, Position: pos}
		check := func(method string, res any, err error) {
			var e *jsonrpc2.Error
			if errors.As(err, &e) && e.Code == jsonrpc2.InternalError {
				t.Fatalf("%s: %v", method, err)
			}
			if _, err := json.Marshal(res); err != nil {
				t.Fatalf("%s: result not JSON: %v", method, err)
			}
		}
		edit := map[string]any{
			"textDocument": map[string]any{"uri": u, "version": 2},
			"contentChanges": []any{map[string]any{
				"range": protocol.Range{Start: pos, End: protocol.Position{Line: pos.Line + uint32(which%3), Character: uint32(which)}},
				"text":  insert,
			}},
		}
		for _, m := range []struct {
			method string
			params any
		}{
			{"textDocument/didChange", edit},
			{"textDocument/hover", protocol.HoverParams{TextDocumentPositionParams: tdp}},
			{"textDocument/completion", protocol.CompletionParams{TextDocumentPositionParams: tdp}},
			{"textDocument/codeAction", protocol.CodeActionParams{TextDocument: td, Range: protocol.Range{Start: pos, End: pos}}},
			{"textDocument/documentSymbol", protocol.DocumentSymbolParams{TextDocument: td}},
			{"textDocument/formatting", protocol.DocumentFormattingParams{TextDocument: td}},
		} {
			b, _ := json.Marshal(m.params)
			res, err := h.s.Handle(context.Background(), m.method, b)
			check(m.method, res, err)
		}
		// A random message to a random method.
		method := methods[int(which)%len(methods)]
		res, err := h.s.Handle(context.Background(), method, raw)
		check(method, res, err)
	})
}
