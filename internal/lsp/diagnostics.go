package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/skillguides/guidelint/lint"
)

// changeEvent is a content change: a Range when incremental, none for
// the whole text (go.lsp.dev/protocol's Range cannot be absent).
type changeEvent struct {
	Range *protocol.Range `json:"range,omitempty"`
	Text  string          `json:"text"`
}

type didChangeParams struct {
	TextDocument   protocol.VersionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []changeEvent                            `json:"contentChanges"`
}

func (s *Server) didOpen(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DidOpenTextDocumentParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	path := filePath(p.TextDocument.URI)
	if path == "" {
		path = string(p.TextDocument.URI) // an unsaved buffer: its URI names it
	}
	s.mu.Lock()
	s.docs[p.TextDocument.URI] = &document{
		uri:     p.TextDocument.URI,
		path:    path,
		version: p.TextDocument.Version,
		text:    newText([]byte(p.TextDocument.Text)),
		linted:  -1,
	}
	s.mu.Unlock()
	s.schedule(ctx, p.TextDocument.URI)
	return nil, nil
}

func (s *Server) didChange(ctx context.Context, params json.RawMessage) (any, error) {
	var p didChangeParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	d, ok := s.docs[p.TextDocument.URI]
	if !ok {
		s.mu.Unlock()
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, "document is not open: "+string(p.TextDocument.URI))
	}
	data := d.text.data
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			data = []byte(c.Text)
			continue
		}
		t := newText(data)
		start, end := t.offset(c.Range.Start, s.enc), t.offset(c.Range.End, s.enc)
		if end < start {
			start, end = end, start
		}
		next := make([]byte, 0, len(data)-(end-start)+len(c.Text))
		next = append(next, data[:start]...)
		next = append(next, c.Text...)
		data = append(next, data[end:]...)
	}
	d.text = newText(data)
	d.version = p.TextDocument.Version
	s.mu.Unlock()
	s.schedule(ctx, p.TextDocument.URI)
	return nil, nil
}

func (s *Server) didSave(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DidSaveTextDocumentParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	if s.watched(filePath(p.TextDocument.URI)) {
		s.reload()
	}
	s.trees.reset()  // a new file may be one git now sees
	s.relintAll(ctx) // a saved guide may change another's id-unique
	return nil, nil
}

func (s *Server) didClose(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DidCloseTextDocumentParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	delete(s.docs, p.TextDocument.URI)
	if t := s.timers[p.TextDocument.URI]; t != nil {
		t.Stop()
		delete(s.timers, p.TextDocument.URI)
	}
	s.mu.Unlock()
	s.trees.reset()
	// A closed buffer's findings leave the editor's list.
	s.notify(ctx, "textDocument/publishDiagnostics", protocol.PublishDiagnosticsParams{
		URI: p.TextDocument.URI, Diagnostics: []protocol.Diagnostic{},
	})
	s.relintAll(ctx)
	return nil, nil
}

func (s *Server) didChangeWatchedFiles(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DidChangeWatchedFilesParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	for _, c := range p.Changes {
		if s.watched(filePath(c.URI)) {
			s.reload()
			break
		}
	}
	s.trees.reset()
	s.relintAll(ctx)
	return nil, nil
}

func (s *Server) didChangeWorkspaceFolders(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DidChangeWorkspaceFoldersParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	for _, f := range p.Event.Removed {
		dir := filePath(protocol.DocumentURI(f.URI))
		for i, r := range s.roots {
			if r == dir {
				s.roots = append(s.roots[:i], s.roots[i+1:]...)
				break
			}
		}
	}
	for _, f := range p.Event.Added {
		if dir := filePath(protocol.DocumentURI(f.URI)); dir != "" {
			s.roots = append(s.roots, dir)
		}
	}
	s.mu.Unlock()
	s.reload()
	s.relintAll(ctx)
	return nil, nil
}

// watched says whether path is a file the linter is made from: a config
// (a new one may appear), a baseline by its default name (a config may
// name it before it exists), or the baseline the config names.
func (s *Server) watched(path string) bool {
	if base := filepath.Base(path); base == lint.ConfigFileName || base == lint.BaselineFileName {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return path != "" && path == s.baseline
}

// schedule lints a buffer after the debounce, once for a burst of edits.
func (s *Server) schedule(ctx context.Context, u protocol.DocumentURI) {
	if s.opts.Debounce <= 0 {
		s.publish(ctx, u)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.timers[u]; t != nil {
		t.Stop()
	}
	s.timers[u] = time.AfterFunc(s.opts.Debounce, func() {
		s.mu.Lock()
		delete(s.timers, u)
		s.mu.Unlock()
		s.publish(context.Background(), u)
	})
}

func (s *Server) relintAll(ctx context.Context) {
	for _, u := range s.sortedURIs() {
		s.schedule(ctx, u)
	}
}

// publish lints a buffer and sends its diagnostics, unless it changed
// while being linted (the newer version's lint will send them).
func (s *Server) publish(ctx context.Context, u protocol.DocumentURI) {
	s.mu.Lock()
	d, ok := s.docs[u]
	if !ok {
		s.mu.Unlock()
		return
	}
	version, t, path, l, enc := d.version, d.text, d.path, s.linter, s.enc
	s.mu.Unlock()
	if l == nil {
		return
	}
	diags := lintBuffer(ctx, l, path, t.data)
	s.mu.Lock()
	if d2, ok := s.docs[u]; !ok || d2 != d || d.version != version {
		s.mu.Unlock()
		return
	}
	d.diags, d.linted = diags, version
	s.mu.Unlock()
	out := make([]protocol.Diagnostic, 0, len(diags))
	for _, dg := range diags {
		out = append(out, toProtocol(l, t, enc, dg))
	}
	s.notify(ctx, "textDocument/publishDiagnostics", protocol.PublishDiagnosticsParams{
		URI: u, Version: uint32(version), Diagnostics: out,
	})
}

// lintBuffer lints a buffer as the command would lint its file, with the
// workspace's guides for the rules that compare guides.
func lintBuffer(ctx context.Context, l *lint.Linter, path string, data []byte) []lint.Diagnostic {
	res, err := l.LintAll(ctx, []lint.Source{{Path: path, Data: data}})
	if err != nil {
		return nil
	}
	return res.Diagnostics
}

// toProtocol turns a finding into an LSP diagnostic: its node's range in
// the client's encoding, its rule as code with the rule's doc as link.
func toProtocol(l *lint.Linter, t *text, enc string, d lint.Diagnostic) protocol.Diagnostic {
	r := diagRange(t, enc, d)
	pd := protocol.Diagnostic{
		Range:    r,
		Severity: severity(d.Severity),
		Code:     d.Rule,
		Source:   "guidelint",
		Message:  d.Message,
	}
	if rule := l.Rule(d.Rule); rule != nil && rule.URL() != "" {
		pd.CodeDescription = &protocol.CodeDescription{Href: protocol.URI(rule.URL())}
	}
	return pd
}

// diagRange is a finding's range: from its position to its end, or to the
// end of its line when it has none.
func diagRange(t *text, enc string, d lint.Diagnostic) protocol.Range {
	start := t.fromPoint(d.Line, d.Column, enc)
	var end protocol.Position
	if d.EndLine > 0 {
		end = t.fromPoint(d.EndLine, d.EndColumn, enc)
	} else {
		end = t.fromPoint(d.Line, 1<<30, enc)
	}
	if end.Line < start.Line || end.Line == start.Line && end.Character < start.Character {
		end = start
	}
	return protocol.Range{Start: start, End: end}
}

func severity(s lint.Severity) protocol.DiagnosticSeverity {
	switch s {
	case lint.Error:
		return protocol.DiagnosticSeverityError
	case lint.Warning:
		return protocol.DiagnosticSeverityWarning
	}
	return protocol.DiagnosticSeverityInformation
}
