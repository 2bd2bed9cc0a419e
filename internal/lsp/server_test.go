package lsp

import (
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

func TestDiagnosticsWhileTyping(t *testing.T) {
	src := example(t)
	src = strings.Replace(src, "  learning_phases: 3", "  learning_phases: 4", 1)
	src = strings.Replace(src, "overview:\n  what:", "overview:\n  whta:", 1)
	h := newHarness(t)
	u := h.open("technical-writing.yaml", src)
	diags := h.diags(u)
	got := map[string]protocol.Range{}
	for _, d := range diags {
		got[d.Code.(string)+" "+d.Message] = d.Range
		if d.CodeDescription == nil || !strings.Contains(string(d.CodeDescription.Href), "#"+d.Code.(string)) {
			t.Errorf("%s: codeDescription %v, want the rule's doc", d.Code, d.CodeDescription)
		}
	}
	want := map[string]protocol.Range{
		`stats-mismatch stats.learning_phases is 4, want 3 (the number of learning_path.phases); set it to 3`: {Start: protocol.Position{Line: 5, Character: 19}, End: protocol.Position{Line: 5, Character: 20}},
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
	h.must("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": u, "version": 2},
		"contentChanges": []any{map[string]any{
			"range": protocol.Range{Start: protocol.Position{Line: 5, Character: 19}, End: protocol.Position{Line: 5, Character: 20}},
			"text":  "3",
		}},
	}, nil)
	for _, d := range h.diags(u) {
		if d.Code == "stats-mismatch" {
			t.Errorf("after the edit: %v", d)
		}
	}
}
