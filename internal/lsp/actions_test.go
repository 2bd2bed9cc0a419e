package lsp

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/skillguides/guidelint/lint"
)

// apply applies text edits (non-overlapping, any order) to text in enc.
func apply(text string, edits []protocol.TextEdit, enc string) string {
	t := newText([]byte(text))
	type span struct {
		start, end int
		s          string
	}
	var spans []span
	for _, e := range edits {
		spans = append(spans, span{t.offset(e.Range.Start, enc), t.offset(e.Range.End, enc), e.NewText})
	}
	out := text
	for i := len(spans) - 1; i >= 0; i-- { // edits come in document order
		sp := spans[i]
		out = out[:sp.start] + sp.s + out[sp.end:]
	}
	return out
}

func actions(h *harness, u protocol.DocumentURI, line uint32) []protocol.CodeAction {
	h.t.Helper()
	var acts []protocol.CodeAction
	h.must("textDocument/codeAction", protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u},
		Range:        protocol.Range{Start: protocol.Position{Line: line}, End: protocol.Position{Line: line}},
	}, &acts)
	return acts
}

func rules(ds []protocol.Diagnostic) map[string]int {
	m := map[string]int{}
	for _, d := range ds {
		m[d.Code.(string)]++
	}
	return m
}

// TestCodeActions applies each kind of quick fix and lints the result:
// the finding it was for is gone, and nothing new appears.
func TestCodeActions(t *testing.T) {
	cases := []struct {
		name, old, new, rule, title string
	}{
		{"certain fix", "estimated_hours: 180", "estimated_hours: 181", "stats-mismatch", "set stats.estimated_hours to 180"},
		{"did-you-mean", "\n  what: Technical", "\n  waht: Technical", "schema", `rename "waht" to "what"`},
		{"suppress at the end of the line", "  - Reference\n", "  - Reference\n        - reference\n", "quiz-options", "suppress quiz-options on this line"},
		{"suppress above a line with a comment", "estimated_hours: 180", "estimated_hours: 181  # checked", "stats-mismatch", "suppress stats-mismatch on this line"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			src := example(t)
			if !strings.Contains(src, c.old) {
				t.Fatalf("no %q", c.old)
			}
			src = strings.Replace(src, c.old, c.new, 1)
			u := h.open("technical-writing.yaml", src)
			var target *protocol.Diagnostic
			for _, d := range h.diags(u) {
				if d.Code == c.rule {
					d := d
					target = &d
				}
			}
			if target == nil {
				t.Fatalf("no %s finding in %v", c.rule, h.diags(u))
			}
			var chosen *protocol.CodeAction
			var titles []string
			for _, a := range actions(h, u, target.Range.Start.Line) {
				titles = append(titles, a.Title)
				if a.Title == c.title {
					a := a
					chosen = &a
				}
			}
			if chosen == nil {
				t.Fatalf("actions %q lack %q", titles, c.title)
			}
			fixed := apply(src, chosen.Edit.Changes[u], encUTF16)
			u2 := h.open("technical-writing.yaml", fixed)
			got := rules(h.diags(u2))
			if len(got) != 0 {
				t.Errorf("after %q: findings %v\n%s", c.title, got, fixed)
			}
		})
	}
}

func TestSuppressNotOfferedInJSON(t *testing.T) {
	h := newHarness(t)
	u := h.open("x.json", `{"id": "x", "title": "TODO"}`)
	for _, d := range h.diags(u) {
		for _, a := range actions(h, u, d.Range.Start.Line) {
			if strings.HasPrefix(a.Title, "suppress") {
				t.Errorf("JSON cannot hold the comment, yet offered %q", a.Title)
			}
		}
	}
}

func TestDocumentSymbols(t *testing.T) {
	h := newHarness(t)
	src := example(t)
	u := h.open("technical-writing.yaml", src)
	var syms []protocol.DocumentSymbol
	h.must("textDocument/documentSymbol", protocol.DocumentSymbolParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}, &syms)
	find := func(list []protocol.DocumentSymbol, name string) *protocol.DocumentSymbol {
		for i := range list {
			if list[i].Name == name {
				return &list[i]
			}
		}
		t.Fatalf("no symbol %q in %v", name, list)
		return nil
	}
	subs := find(syms, "sub_skills")
	if len(subs.Children) != 5 || !strings.HasPrefix(subs.Children[0].Detail, "weight ") {
		t.Errorf("sub_skills outline: %+v", subs.Children)
	}
	phases := find(find(syms, "learning_path").Children, "phases")
	if len(phases.Children) != 3 || !strings.HasSuffix(phases.Children[0].Detail, " hours") {
		t.Errorf("phases outline: %+v", phases.Children)
	}
	levels := find(syms, "levels")
	if len(levels.Children) == 0 || levels.Children[0].Detail == "" {
		t.Errorf("levels outline: %+v", levels.Children)
	}
	for i := 1; i < len(syms); i++ {
		if syms[i].Range.Start.Line <= syms[i-1].Range.End.Line {
			t.Errorf("%s starts at line %d, inside %s (ends %d)", syms[i].Name, syms[i].Range.Start.Line, syms[i-1].Name, syms[i-1].Range.End.Line)
		}
	}
}

func TestFormatting(t *testing.T) {
	h := newHarness(t)
	src := "title: X  # the name\nid: x\n"
	u := h.open("x.yaml", src)
	var edits []protocol.TextEdit
	h.must("textDocument/formatting", protocol.DocumentFormattingParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}, &edits)
	if got := apply(src, edits, encUTF16); got != "id: x\ntitle: X # the name\n" {
		t.Errorf("formatted:\n%s", got)
	}
	// A buffer fmt cannot keep intact is refused with words, not mangled.
	bad := "id: x\ntitle: [unclosed\n"
	u = h.open("y.yaml", bad)
	err := h.call("textDocument/formatting", protocol.DocumentFormattingParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}, &edits)
	if err == nil || !strings.Contains(err.Error(), "guidelint fmt:") {
		t.Errorf("formatting a broken buffer: %v, want a RequestFailed error", err)
	}
}

// TestPositionEncodings: emoji and CJK before a finding shift its column
// by a different amount in each encoding.
func TestPositionEncodings(t *testing.T) {
	src := strings.Replace(example(t), "category: Communication", "category: Communication", 1)
	src = strings.Replace(src, "estimated_hours: 180", "estimated_hours: 181", 1)
	// A flow mapping puts the finding after emoji and CJK on its line.
	src = strings.Replace(src, "stats:\n  learning_phases: 3\n  estimated_hours: 181\n  sub_skills: 5\n",
		"stats: {\"🚀𠮷野家\": 1, learning_phases: 3, estimated_hours: 181, sub_skills: 5}\n", 1)
	prefix := `stats: {"🚀𠮷野家": 1, learning_phases: 3, estimated_hours: `
	want := map[string]uint32{
		encUTF16: uint32(len([]rune(prefix)) + 2), // 🚀 and 𠮷 are two units each
		encUTF8:  uint32(len(prefix)),
		encUTF32: uint32(len([]rune(prefix))),
	}
	for enc, col := range want {
		h := newHarness(t, enc)
		u := h.open("technical-writing.yaml", src)
		found := false
		for _, d := range h.diags(u) {
			if d.Code == "stats-mismatch" {
				found = true
				if d.Range.Start.Character != col {
					t.Errorf("%s: finding at character %d, want %d", enc, d.Range.Start.Character, col)
				}
				if d.Range.End.Character != col+3 {
					t.Errorf("%s: finding ends at %d, want %d", enc, d.Range.End.Character, col+3)
				}
			}
		}
		if !found {
			t.Errorf("%s: no stats-mismatch in %v", enc, h.diags(u))
		}
	}
}

// TestIDUniqueAcrossWorkspace: a buffer is compared with the workspace's
// guides on disk, and a saved config is read again.
func TestIDUniqueAcrossWorkspace(t *testing.T) {
	h := newHarness(t)
	src := example(t)
	if err := os.WriteFile(filepath.Join(h.dir, "other.yaml"), []byte(strings.Replace(src, "title: Technical Writing", "title: Other", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	u := h.open("technical-writing.yaml", src)
	if rules(h.diags(u))["id-unique"] != 1 {
		t.Fatalf("no id-unique against the workspace: %v", h.diags(u))
	}
	cfg := filepath.Join(h.dir, ".guidelint.yaml")
	if err := os.WriteFile(cfg, []byte("rules:\n  id-unique: off\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.must("workspace/didChangeWatchedFiles", protocol.DidChangeWatchedFilesParams{Changes: []*protocol.FileEvent{{
		URI: protocol.DocumentURI(uri.File(cfg)), Type: protocol.FileChangeTypeCreated,
	}}}, nil)
	if n := rules(h.diags(u))["id-unique"]; n != 0 {
		t.Errorf("config turned id-unique off, still %d", n)
	}
	// A broken config is said, and linting goes on without it.
	if err := os.WriteFile(cfg, []byte("rules:\n  no-such-rule: off\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.must("textDocument/didSave", protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: protocol.DocumentURI(uri.File(cfg))}}, nil)
	if h.lastShown() == "" || !strings.Contains(h.lastShown(), "no-such-rule") {
		t.Errorf("messages shown: %q", h.shown)
	}
	if rules(h.diags(u))["id-unique"] != 1 {
		t.Errorf("without a usable config, id-unique is on again: %v", h.diags(u))
	}
}

func (h *harness) lastShown() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.shown) == 0 {
		return ""
	}
	return h.shown[len(h.shown)-1]
}

// TestBaselineReloaded: a finding the config's baseline holds is not
// shown, and a baseline written while the editor is open takes effect.
func TestBaselineReloaded(t *testing.T) {
	h := newHarness(t)
	src := strings.Replace(example(t), "estimated_hours: 180", "estimated_hours: 181", 1)
	path := filepath.Join(h.dir, "technical-writing.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(h.dir, ".guidelint.yaml"), []byte("baseline: .guidelint-baseline.json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	u := h.open("technical-writing.yaml", src)
	if rules(h.diags(u))["stats-mismatch"] != 1 {
		t.Fatalf("findings %v, want stats-mismatch", h.diags(u))
	}
	l, err := lint.New(lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.LintAll(context.Background(), []lint.Source{{Path: path, Data: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := l.NewBaseline(res.Diagnostics).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	bl := filepath.Join(h.dir, lint.BaselineFileName)
	if err := os.WriteFile(bl, b, 0o644); err != nil {
		t.Fatal(err)
	}
	h.must("workspace/didChangeWatchedFiles", protocol.DidChangeWatchedFilesParams{Changes: []*protocol.FileEvent{{
		URI: protocol.DocumentURI(uri.File(bl)), Type: protocol.FileChangeTypeCreated,
	}}}, nil)
	if n := rules(h.diags(u))["stats-mismatch"]; n != 0 {
		t.Errorf("the baseline holds the finding, still shown %d times", n)
	}
}
