package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"github.com/skillguides/guidelint/internal/english"
	"github.com/skillguides/guidelint/internal/gitrev"
	"github.com/skillguides/guidelint/lint"
)

// ignores lists every suppression comment of the guides (SPEC §9): where
// it is, what it suppresses, why, until when, and how many findings it
// suppressed in a lint of the same files, for an audit.
func (c Command) ignores(args []string) int {
	fs := flag.NewFlagSet("guidelint ignores", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	format := fs.String("format", "text", "output `format`: text or json")
	config := fs.String("config", "", "use this config `file` instead of finding .guidelint.yaml")
	noConfig := fs.Bool("no-config", false, "ignore any .guidelint.yaml")
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, "Usage: guidelint ignores [--format text|json] [path ...]\n\nList every guidelint:ignore comment of the guides in the named files and folders (default \".\"),\nwith its rules, reason, until= date and how many findings it suppressed.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, status, ok := parseArgs(fs, args)
	if !ok {
		return status
	}
	if *format != "text" && *format != "json" {
		return c.usageError("unknown --format %q; want text or json", *format)
	}
	if *noConfig && *config != "" {
		return c.usageError("--config and --no-config cannot be used together")
	}
	cfg, status := c.loadConfig(*config, *noConfig)
	if status != exitOK {
		return status
	}
	l, err := lint.New(lint.Options{Config: cfg, Stdin: c.Stdin, WorkTree: gitrev.WorkTree})
	if err != nil {
		return c.usageError("%v", err)
	}
	res, err := l.Run(context.Background(), paths)
	if err != nil {
		return c.runError(err)
	}
	if *format == "json" {
		list := res.Ignores
		if list == nil {
			list = []lint.Ignore{}
		}
		enc := json.NewEncoder(c.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Ignores []lint.Ignore `json:"ignores"`
		}{list}); err != nil {
			fmt.Fprintf(c.Stderr, "guidelint: writing the list: %v\n", err)
			return exitInternal
		}
		return exitOK
	}
	for _, ig := range res.Ignores {
		kind := "ignore"
		if ig.File {
			kind = "ignore-file"
		}
		line := fmt.Sprintf("%s:%d:%d: %s %s", ig.Path, ig.Line, ig.Column, kind, strings.Join(ig.Rules, ","))
		if ig.Until != "" {
			line += " until " + ig.Until
		}
		if ig.Reason != "" {
			line += " -- " + ig.Reason
		}
		switch {
		case ig.Expired:
			line += " (expired: suppresses nothing)"
		default:
			line += fmt.Sprintf(" (suppressed %d)", ig.Suppressed)
		}
		fmt.Fprintln(c.Stdout, line)
	}
	fmt.Fprintf(c.Stderr, "%s in %s\n", english.Plural(len(res.Ignores), "suppression comment"), english.Plural(res.Files, "file"))
	return exitOK
}
