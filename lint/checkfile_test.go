package lint

import (
	"context"
	"sync"
	"testing"

	"github.com/skillguides/guidelint/guide"
)

// Only tests and benchmarks lint a file on its own this way; a run goes
// through Run's workers, each with its own Parser, and Lint takes a fresh
// one.

// checkFile lints one file's bytes on its own with l: parse, every enabled
// rule, inline suppression and severities; the rules that compare guides
// have nothing to compare it with.
func checkFile(l *Linter, path string, data []byte) fileResult {
	p := parsers.Get().(*guide.Parser)
	res := l.lintDoc(p, path, data)
	parsers.Put(p)
	res.finish(l, nil, nil)
	return res
}

// parsers are the Parsers of checkFile's callers, whose memory each call
// reuses.
var parsers = sync.Pool{New: func() any { return new(guide.Parser) }}

// defaultLinter is a linter of the built-in rules, no config.
var defaultLinter = sync.OnceValue(func() *Linter {
	l, err := New(Options{})
	if err != nil {
		panic(err)
	}
	return l
})

// runLint builds a linter for opts and runs it, as lint.Run did before
// the engine became a value.
func runLint(ctx context.Context, paths []string, opts Options) (*Result, error) {
	l, err := New(opts)
	if err != nil {
		return nil, err
	}
	return l.Run(ctx, paths)
}

// mustNew is New for a test that cannot go on without the linter.
func mustNew(t testing.TB, opts Options) *Linter {
	t.Helper()
	l, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return l
}
