package lsp

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

// The measures of SPEC §10: one edit of the 20 KB example linted in a few
// milliseconds, hover and completion well under one. Over the handler,
// no pipes: go test -bench . ./internal/lsp

func benchDoc(b *testing.B) (*harness, protocol.DocumentURI, string) {
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", "ml-systems.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	h := newDirect(b)
	src := string(data)
	return h, h.open("ml-systems.yaml", src), src
}

// editParams is a didChange of one incremental edit: text typed at pos
// (del 0), or the del characters after pos deleted (text "").
func editParams(u protocol.DocumentURI, version int, pos protocol.Position, text string, del uint32) json.RawMessage {
	end := pos
	end.Character += del
	b, _ := json.Marshal(map[string]any{
		"textDocument": map[string]any{"uri": u, "version": version},
		"contentChanges": []any{map[string]any{
			"range": protocol.Range{Start: pos, End: end}, "text": text,
		}},
	})
	return b
}

// typeAndDelete is edit i of a writer who types "x" and deletes it, so
// that the buffer stays the example.
func typeAndDelete(u protocol.DocumentURI, i int, pos protocol.Position) json.RawMessage {
	if i%2 == 1 {
		return editParams(u, i+2, pos, "", 1)
	}
	return editParams(u, i+2, pos, "x", 0)
}

// BenchmarkEdit is one keystroke in the 20 KB example and the lint of
// the buffer it triggers (Debounce 0: on the calling goroutine).
func BenchmarkEdit(b *testing.B) {
	h, u, src := benchDoc(b)
	pos := at(src, "tagline: ", 1, len("tagline: "))
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := h.s.Handle(ctx, "textDocument/didChange", typeAndDelete(u, i, pos)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHover(b *testing.B) {
	h, u, src := benchDoc(b)
	p, _ := json.Marshal(protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: at(src, "estimated_hours", 1, 2),
	}})
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := h.s.Handle(ctx, "textDocument/hover", p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompletion(b *testing.B) {
	h, u, src := benchDoc(b)
	pos := at(src, "answer: ", 1, len("answer: "))
	p, _ := json.Marshal(protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: pos,
	}})
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := h.s.Handle(ctx, "textDocument/completion", p); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMemoryFlatAfterEdits: 10,000 edits of one buffer leave the heap
// where 100 left it (the server keeps one text and one set of findings
// per buffer, nothing per edit). GUIDELINT_LSP_HEAP=1 prints the numbers.
func TestMemoryFlatAfterEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 lints")
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", "ml-systems.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	h := newDirect(t)
	src := string(data)
	u := h.open("ml-systems.yaml", src)
	pos := at(src, "tagline: ", 1, len("tagline: "))
	ctx := context.Background()
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	edits := func(from, n int) {
		for i := from; i < from+n; i++ {
			if _, err := h.s.Handle(ctx, "textDocument/didChange", typeAndDelete(u, i, pos)); err != nil {
				t.Fatal(err)
			}
		}
	}
	edits(2, 100)
	before := heap()
	edits(102, 10000)
	after := heap()
	if os.Getenv("GUIDELINT_LSP_HEAP") != "" {
		t.Logf("heap after 100 edits: %d KB; after 10,100: %d KB", before>>10, after>>10)
	}
	if after > before+before/2+1<<20 {
		t.Errorf("heap grew from %d KB to %d KB over 10,000 edits", before>>10, after>>10)
	}
	if !strings.Contains(string(h.s.docs[u].text.data), "tagline: ") {
		t.Error("buffer lost")
	}
}
