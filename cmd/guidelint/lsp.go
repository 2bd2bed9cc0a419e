package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/skillguides/guidelint/internal/lsp"
)

// lsp runs the language server on standard input and output (SPEC §10).
func (c Command) lsp(args []string) int {
	fs := flag.NewFlagSet("guidelint lsp", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	debounce := fs.Duration("debounce", 50*time.Millisecond, "lint a buffer this long after its last edit")
	fs.Bool("stdio", true, "speak over standard input and output (the only transport; editors pass it)")
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, "Usage: guidelint lsp [--debounce D]\n\nRun the language server over standard input and output: diagnostics while typing,\nquick fixes, hover, completion, outline and formatting for skill guides.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	rest, status, ok := parseArgs(fs, args)
	if !ok {
		return status
	}
	if len(rest) > 0 {
		return c.usageError("lsp takes no arguments")
	}
	err := lsp.Serve(context.Background(), c.Stdin, c.Stdout, lsp.Options{
		Debounce: *debounce,
		CacheDir: c.defaultCacheDir(),
		Log:      c.Stderr,
	})
	if err != nil {
		fmt.Fprintf(c.Stderr, "guidelint lsp: %v\n", err)
		return exitUsage
	}
	return exitOK
}
