package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/skillguides/guidelint/internal/gitrev"
	"github.com/skillguides/guidelint/lint"
)

// baseline writes or prunes the baseline file (SPEC §9):
//
//	guidelint baseline write [path ...]   record today's findings
//	guidelint baseline prune [path ...]   drop the entries nothing matches any more
func (c Command) baseline(args []string) int {
	if len(args) == 0 || (args[0] != "write" && args[0] != "prune") {
		return c.usageError("baseline wants write or prune: \"guidelint baseline write [path ...]\" records today's findings, \"guidelint baseline prune [path ...]\" drops the fixed ones")
	}
	verb := args[0]
	fs := flag.NewFlagSet("guidelint baseline "+verb, flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	file := fs.String("baseline", "", "the baseline `file` (default: the config's baseline:, else "+lint.BaselineFileName+")")
	config := fs.String("config", "", "use this config `file` instead of finding .guidelint.yaml")
	noConfig := fs.Bool("no-config", false, "ignore any .guidelint.yaml")
	fs.Usage = func() {
		fmt.Fprintf(c.Stderr, "Usage: guidelint baseline %s [--baseline FILE] [path ...]\n\nFlags:\n", verb)
		fs.PrintDefaults()
	}
	paths, status, ok := parseArgs(fs, args[1:])
	if !ok {
		return status
	}
	if *noConfig && *config != "" {
		return c.usageError("--config and --no-config cannot be used together")
	}
	cfg, status := c.loadConfig(*config, *noConfig)
	if status != exitOK {
		return status
	}
	path := *file
	if path == "" {
		path = lint.BaselineFileName
		if cfg != nil && cfg.Baseline != "" {
			path = relToWD(cfg.Baseline)
		}
	}
	opts := lint.Options{Config: cfg, Stdin: c.Stdin, Scope: lint.ScopeFor(paths, cfg), WorkTree: gitrev.WorkTree}
	var old *lint.Baseline
	if verb == "prune" {
		b, err := lint.LoadBaseline(path)
		if err != nil {
			return c.usageError("%v", err)
		}
		old, opts.Baseline = b, b
	}
	l, err := lint.New(opts)
	if err != nil {
		return c.usageError("%v", err)
	}
	res, err := l.Run(context.Background(), paths)
	if err != nil {
		return c.runError(err)
	}
	var b *lint.Baseline
	var said string
	if verb == "write" {
		b = l.NewBaseline(res.Diagnostics)
		said = fmt.Sprintf("%s: %d findings recorded in %d entries", path, len(res.Diagnostics), len(b.Entries))
	} else {
		b = old.Prune(res.Stale)
		said = fmt.Sprintf("%s: %d stale entries dropped, %d left", path, len(old.Entries)-len(b.Entries), len(b.Entries))
	}
	data, err := b.Marshal()
	if err != nil {
		fmt.Fprintf(c.Stderr, "guidelint: internal error: %v\nThis is a bug in guidelint; please report it at %s.\n", err, reportURL)
		return exitInternal
	}
	if err := c.writer.WriteFile(path, data, 0o644); err != nil {
		return c.writeError(err) // exit 3, like every failed write
	}
	fmt.Fprintln(c.Stderr, said)
	return exitOK
}
