package lsp

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// client is a scripted editor: it talks to Serve over pipes, as an
// editor talks to "guidelint lsp" over stdio.
type client struct {
	t    *testing.T
	conn jsonrpc2.Conn
	done chan error

	mu    sync.Mutex
	diags map[protocol.DocumentURI][]protocol.Diagnostic
	seen  chan protocol.DocumentURI
}

func startClient(t *testing.T, root string, encodings ...string) *client {
	t.Helper()
	cr, sw := io.Pipe() // server → client
	sr, cw := io.Pipe() // client → server
	c := &client{t: t, done: make(chan error, 1), diags: map[protocol.DocumentURI][]protocol.Diagnostic{}, seen: make(chan protocol.DocumentURI, 100)}
	go func() {
		c.done <- Serve(context.Background(), sr, sw, Options{CacheDir: t.TempDir()})
		sw.Close()
	}()
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(rwc{cr, cw}))
	c.conn.Go(context.Background(), func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		if req.Method() == "textDocument/publishDiagnostics" {
			var p protocol.PublishDiagnosticsParams
			if err := json.Unmarshal(req.Params(), &p); err != nil {
				t.Errorf("publishDiagnostics: %v", err)
			}
			c.mu.Lock()
			c.diags[p.URI] = p.Diagnostics
			c.mu.Unlock()
			c.seen <- p.URI
		}
		return reply(ctx, nil, nil)
	})
	t.Cleanup(func() { c.conn.Close() })
	init := map[string]any{
		"processId": 1,
		"rootUri":   string(uri.File(root)),
		"capabilities": map[string]any{
			"general": map[string]any{"positionEncodings": encodings},
		},
	}
	var res map[string]any
	c.call("initialize", init, &res)
	c.notify("initialized", map[string]any{})
	return c
}

type rwc struct {
	io.Reader
	io.WriteCloser
}

func (c *client) call(method string, params, result any) error {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, result)
	return err
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// open opens a buffer and waits for its diagnostics.
func (c *client) open(path, text string) []protocol.Diagnostic {
	c.t.Helper()
	u := protocol.DocumentURI(uri.File(path))
	c.notify("textDocument/didOpen", protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: u, LanguageID: "yaml", Version: 1, Text: text,
	}})
	return c.wait(u)
}

func (c *client) wait(u protocol.DocumentURI) []protocol.Diagnostic {
	c.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case got := <-c.seen:
			if got == u {
				c.mu.Lock()
				defer c.mu.Unlock()
				return c.diags[u]
			}
		case <-timeout:
			c.t.Fatalf("no diagnostics for %s", u)
		}
	}
}

func (c *client) shutdown() {
	c.t.Helper()
	if err := c.call("shutdown", nil, nil); err != nil {
		c.t.Fatalf("shutdown: %v", err)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err != nil {
			c.t.Fatalf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		c.t.Fatal("server did not exit")
	}
}

func readExample(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDiagnosticsWhileTyping(t *testing.T) {
	dir := t.TempDir()
	src := readExample(t, "technical-writing.yaml")
	src = strings.Replace(src, "  learning_phases: 3", "  learning_phases: 4", 1)
	src = strings.Replace(src, "overview:\n  what:", "overview:\n  whta:", 1)
	c := startClient(t, dir)
	path := filepath.Join(dir, "technical-writing.yaml")
	diags := c.open(path, src)
	got := map[string]protocol.Range{}
	for _, d := range diags {
		got[d.Code.(string)+" "+d.Message] = d.Range
		if d.CodeDescription == nil || !strings.Contains(string(d.CodeDescription.Href), "#"+d.Code.(string)) {
			t.Errorf("%s: codeDescription %v, want the rule's doc", d.Code, d.CodeDescription)
		}
	}
	want := map[string]protocol.Range{
		`stats-mismatch stats.learning_phases is 4, want 3 (the number of learning_path.phases)`: {Start: protocol.Position{Line: 5, Character: 19}, End: protocol.Position{Line: 5, Character: 20}},
	}
	for k, r := range want {
		if got[k] != r {
			t.Errorf("diagnostic %q at %v, want %v; got %v", k, got[k], r, diags)
		}
	}
	var schemaMsgs []string
	for _, d := range diags {
		if d.Code == "schema" {
			schemaMsgs = append(schemaMsgs, d.Message)
		}
	}
	if len(schemaMsgs) == 0 || !strings.Contains(strings.Join(schemaMsgs, "\n"), `unknown key "whta" (did you mean "what"?)`) {
		t.Errorf("schema findings %q: want the misspelt key", schemaMsgs)
	}

	// An incremental edit fixes the stats: the finding goes.
	u := protocol.DocumentURI(uri.File(path))
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": u, "version": 2},
		"contentChanges": []any{map[string]any{
			"range": protocol.Range{Start: protocol.Position{Line: 5, Character: 19}, End: protocol.Position{Line: 5, Character: 20}},
			"text":  "3",
		}},
	})
	for _, d := range c.wait(u) {
		if d.Code == "stats-mismatch" {
			t.Errorf("after the edit: %v", d)
		}
	}
	c.shutdown()
}
