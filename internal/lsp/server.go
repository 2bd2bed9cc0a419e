// Package lsp is guidelint's language server: the engine of package lint
// answering an editor over the Language Server Protocol (3.17), so that a
// writer sees while typing what CI will say (SPEC §10).
//
// Server.Handle answers one message by its method and JSON params; Serve
// runs it over a byte stream (stdio) with go.lsp.dev/jsonrpc2's framing
// and connection. The protocol's types come from go.lsp.dev/protocol,
// except where that module predates LSP 3.17 (position encodings, an
// optional change range): those few shapes are declared here.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/gitrev"
	"github.com/skillguides/guidelint/lint"
)

// Options configure a Server.
type Options struct {
	// Notify sends a notification to the client (publishDiagnostics,
	// window/logMessage). Serve sets it; tests record.
	Notify func(ctx context.Context, method string, params any) error
	// Debounce is how long after an edit the buffer is linted, so that a
	// burst of keystrokes is linted once. Zero lints at once, on the
	// calling goroutine (tests and benchmarks).
	Debounce time.Duration
	// CacheDir is the folder of the fact index that id-unique and
	// title-unique read the workspace's guides through ("" for none).
	CacheDir string
	// Log receives the server's own messages (nil discards them).
	Log io.Writer
}

// Server is the language server's state: the open buffers, the
// workspace folders and the linter their configuration makes.
type Server struct {
	opts Options

	mu       sync.Mutex
	docs     map[protocol.DocumentURI]*document
	enc      string   // negotiated position encoding
	roots    []string // workspace folders, absolute
	linter   *lint.Linter
	cfgErr   string // why the config could not be used, shown once
	baseline string // the baseline file the config names, to reload on its change
	trees    workTrees
	shutdown bool
	timers   map[protocol.DocumentURI]*time.Timer
}

// document is one open buffer.
type document struct {
	uri     protocol.DocumentURI
	path    string // absolute file path
	version int32
	text    *text
	diags   []lint.Diagnostic // of text, once linted
	linted  int32             // the version diags are of

	// tree is text parsed, for hover, completion and the outline, made
	// on the first request after an edit; treeOf is the text it is of.
	tree   *guide.Document
	treeOf *text
}

// New returns a server; it is ready for "initialize".
func New(opts Options) *Server {
	return &Server{
		opts:   opts,
		docs:   map[protocol.DocumentURI]*document{},
		enc:    encUTF16,
		timers: map[protocol.DocumentURI]*time.Timer{},
	}
}

// errShutdown answers requests after "shutdown", as LSP says.
var errShutdown = jsonrpc2.NewError(jsonrpc2.InvalidRequest, "server is shutting down")

// Handle answers one message: a request's result (or a *jsonrpc2.Error),
// or, for a notification, nil. It never panics: a bug in a handler is an
// InternalError reply, logged with its stack.
func (s *Server) Handle(ctx context.Context, method string, params json.RawMessage) (result any, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.logf("panic in %s: %v\n%s", method, p, debug.Stack())
			result, err = nil, jsonrpc2.NewError(jsonrpc2.InternalError, fmt.Sprintf("guidelint: internal error in %s: %v", method, p))
		}
	}()
	s.mu.Lock()
	down := s.shutdown
	s.mu.Unlock()
	if down && method != "exit" {
		return nil, errShutdown
	}
	h, ok := handlers[method]
	if !ok {
		if strings.HasPrefix(method, "$/") {
			return nil, nil // optional notifications ($/cancelRequest, $/setTrace)
		}
		return nil, jsonrpc2.NewError(jsonrpc2.MethodNotFound, "method not supported: "+method)
	}
	return h(s, ctx, params)
}

// handlers answer the methods the server supports.
var handlers map[string]func(*Server, context.Context, json.RawMessage) (any, error)

func init() {
	handlers = map[string]func(*Server, context.Context, json.RawMessage) (any, error){
		"initialize":                          (*Server).initialize,
		"initialized":                         none,
		"shutdown":                            (*Server).doShutdown,
		"exit":                                none,
		"textDocument/didOpen":                (*Server).didOpen,
		"textDocument/didChange":              (*Server).didChange,
		"textDocument/didSave":                (*Server).didSave,
		"textDocument/didClose":               (*Server).didClose,
		"workspace/didChangeWatchedFiles":     (*Server).didChangeWatchedFiles,
		"workspace/didChangeConfiguration":    none,
		"workspace/didChangeWorkspaceFolders": (*Server).didChangeWorkspaceFolders,
		"textDocument/hover":                  (*Server).hover,
		"textDocument/completion":             (*Server).completion,
		"textDocument/codeAction":             (*Server).codeAction,
		"textDocument/documentSymbol":         (*Server).documentSymbol,
		"textDocument/formatting":             (*Server).formatting,
	}
}

func none(*Server, context.Context, json.RawMessage) (any, error) { return nil, nil }

// decode reads a message's params; a mistake is the client's (InvalidParams).
func decode(params json.RawMessage, v any) error {
	if len(params) == 0 {
		return jsonrpc2.NewError(jsonrpc2.InvalidParams, "missing params")
	}
	if err := json.Unmarshal(params, v); err != nil {
		return jsonrpc2.NewError(jsonrpc2.InvalidParams, "invalid params: "+err.Error())
	}
	return nil
}

// initializeParams is what the server reads of "initialize": LSP 3.17's
// position encodings are newer than go.lsp.dev/protocol.
type initializeParams struct {
	RootURI          protocol.DocumentURI       `json:"rootUri"`
	RootPath         string                     `json:"rootPath"`
	WorkspaceFolders []protocol.WorkspaceFolder `json:"workspaceFolders"`
	Capabilities     struct {
		General struct {
			PositionEncodings []string `json:"positionEncodings"`
		} `json:"general"`
	} `json:"capabilities"`
}

// serverCapabilities adds LSP 3.17's positionEncoding to the module's.
type serverCapabilities struct {
	protocol.ServerCapabilities
	PositionEncoding string `json:"positionEncoding"`
}

type initializeResult struct {
	Capabilities serverCapabilities   `json:"capabilities"`
	ServerInfo   *protocol.ServerInfo `json:"serverInfo,omitempty"`
}

func (s *Server) initialize(ctx context.Context, params json.RawMessage) (any, error) {
	var p initializeParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	enc := encUTF16
	for _, e := range p.Capabilities.General.PositionEncodings {
		// The client's order is its preference; UTF-16 is always
		// understood, so take another only when offered first.
		if e == encUTF8 || e == encUTF32 || e == encUTF16 {
			enc = e
			break
		}
	}
	var roots []string
	for _, f := range p.WorkspaceFolders {
		if dir := filePath(protocol.DocumentURI(f.URI)); dir != "" {
			roots = append(roots, dir)
		}
	}
	if len(roots) == 0 {
		if dir := filePath(p.RootURI); dir != "" {
			roots = append(roots, dir)
		} else if p.RootPath != "" {
			roots = append(roots, p.RootPath)
		}
	}
	s.mu.Lock()
	s.enc, s.roots = enc, roots
	s.mu.Unlock()
	s.reload()

	caps := protocol.ServerCapabilities{
		TextDocumentSync: protocol.TextDocumentSyncOptions{
			OpenClose: true,
			Change:    protocol.TextDocumentSyncKindIncremental,
			Save:      &protocol.SaveOptions{IncludeText: false},
		},
		HoverProvider: true,
		CompletionProvider: &protocol.CompletionOptions{
			TriggerCharacters: []string{":", " ", "-"},
		},
		CodeActionProvider: protocol.CodeActionOptions{
			CodeActionKinds: []protocol.CodeActionKind{protocol.QuickFix},
		},
		DocumentSymbolProvider:     true,
		DocumentFormattingProvider: true,
	}
	return initializeResult{
		Capabilities: serverCapabilities{ServerCapabilities: caps, PositionEncoding: enc},
		ServerInfo:   &protocol.ServerInfo{Name: "guidelint", Version: lint.Version},
	}, nil
}

func (s *Server) doShutdown(ctx context.Context, _ json.RawMessage) (any, error) {
	s.mu.Lock()
	s.shutdown = true
	for u, t := range s.timers {
		t.Stop()
		delete(s.timers, u)
	}
	s.mu.Unlock()
	return nil, nil
}

// reload reads the workspace's .guidelint.yaml (and the baseline it
// names) and makes the linter every buffer is linted with. A config that
// cannot be used is said once, and the buffers are linted without it, as
// "guidelint --no-config" would.
func (s *Server) reload() {
	s.mu.Lock()
	roots := append([]string(nil), s.roots...)
	s.mu.Unlock()
	// The workspace's guides as git sees them (SPEC §11): node_modules/
	// and ignored drafts are not compared. git is asked once per change
	// of the workspace, not once per keystroke.
	s.trees.reset()
	opts := lint.Options{Scope: roots, Jobs: 1, WorkTree: s.trees.list}
	var problem string
	if len(roots) > 0 {
		if path, err := lint.FindConfig(roots[0]); err != nil {
			problem = err.Error()
		} else if path != "" {
			cfg, err := lint.LoadConfig(path)
			if err != nil {
				problem = err.Error()
			} else {
				opts.Config = cfg
				if cfg.Baseline != "" {
					if b, err := lint.LoadBaseline(cfg.Baseline); err == nil {
						opts.Baseline = b
					} else if !errors.Is(err, os.ErrNotExist) {
						problem = err.Error()
					}
				}
			}
		}
	}
	if s.opts.CacheDir != "" {
		if c, err := lint.OpenCache(s.opts.CacheDir); err == nil {
			opts.Cache = c
		}
	}
	l, err := lint.New(opts)
	if err != nil {
		problem = err.Error()
		opts.Config, opts.Baseline = nil, nil
		l, _ = lint.New(opts)
	}
	s.mu.Lock()
	s.linter = l
	s.baseline = ""
	if opts.Config != nil {
		s.baseline = filepath.Clean(opts.Config.Baseline)
	}
	changed := problem != s.cfgErr
	s.cfgErr = problem
	s.mu.Unlock()
	if problem != "" && changed {
		s.notify(context.Background(), "window/showMessage", protocol.ShowMessageParams{
			Type:    protocol.MessageTypeWarning,
			Message: "guidelint: the configuration is not used: " + problem,
		})
	}
}

// filePath is the file a file: URI names ("" for other schemes).
func filePath(u protocol.DocumentURI) (path string) {
	if !strings.HasPrefix(string(u), "file://") {
		return ""
	}
	defer func() {
		if recover() != nil { // uri.Filename panics on some malformed URIs
			path = ""
		}
	}()
	return filepath.Clean(uri.URI(u).Filename())
}

func (s *Server) notify(ctx context.Context, method string, params any) {
	if s.opts.Notify == nil {
		return
	}
	if err := s.opts.Notify(ctx, method, params); err != nil {
		s.logf("notify %s: %v", method, err)
	}
}

func (s *Server) logf(format string, args ...any) {
	if s.opts.Log != nil {
		fmt.Fprintf(s.opts.Log, "guidelint lsp: "+format+"\n", args...)
	}
}

// view is what a request reads of a buffer, consistent with itself: its
// text and path, its findings (when they are of that text), the
// encoding and the linter that found them.
type view struct {
	text   *text
	path   string
	diags  []lint.Diagnostic
	enc    string
	linter *lint.Linter
}

// snapshot returns the view of an open buffer, or an InvalidParams error.
func (s *Server) snapshot(u protocol.DocumentURI) (view, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[u]
	if !ok {
		return view{}, jsonrpc2.NewError(jsonrpc2.InvalidParams, "document is not open: "+string(u))
	}
	v := view{text: d.text, path: d.path, enc: s.enc, linter: s.linter}
	if d.linted == d.version {
		v.diags = d.diags
	}
	return v, nil
}

// sortedURIs lists the open buffers in a stable order.
func (s *Server) sortedURIs() []protocol.DocumentURI {
	s.mu.Lock()
	defer s.mu.Unlock()
	us := make([]protocol.DocumentURI, 0, len(s.docs))
	for u := range s.docs {
		us = append(us, u)
	}
	sort.Slice(us, func(i, j int) bool { return us[i] < us[j] })
	return us
}

// parsed returns the buffer's text parsed, or nil when it does not
// parse; one parse per edit, however many requests read it.
func (s *Server) parsed(u protocol.DocumentURI, t *text) *guide.Document {
	s.mu.Lock()
	d, ok := s.docs[u]
	if ok && d.treeOf == t {
		tree := d.tree
		s.mu.Unlock()
		return tree
	}
	s.mu.Unlock()
	doc, err := guide.Parse("buffer", t.data)
	if err != nil || doc.Root == nil {
		doc = nil
	}
	s.mu.Lock()
	if d, ok := s.docs[u]; ok && d.text == t {
		d.tree, d.treeOf = doc, t
	}
	s.mu.Unlock()
	return doc
}

// workTrees remembers what git lists in each workspace folder until the
// workspace changes (a save, a close, a watched file, a reload): running
// git on every edit cost five times the lint.
type workTrees struct {
	mu    sync.Mutex
	lists map[string]workTree
}

type workTree struct {
	files []string
	ok    bool
}

// list is a lint.WorkTreeFunc.
func (w *workTrees) list(dir string) ([]string, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if t, ok := w.lists[dir]; ok {
		return t.files, t.ok
	}
	files, ok := gitrev.WorkTree(dir)
	sort.Strings(files) // once, so that walks need not copy it to sort it
	if w.lists == nil {
		w.lists = map[string]workTree{}
	}
	w.lists[dir] = workTree{files, ok}
	return files, ok
}

func (w *workTrees) reset() {
	w.mu.Lock()
	w.lists = nil
	w.mu.Unlock()
}
