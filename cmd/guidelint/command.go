package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/skillguides/guidelint/internal/atomicfile"
	"github.com/skillguides/guidelint/internal/english"
	"github.com/skillguides/guidelint/internal/gitrev"
	"github.com/skillguides/guidelint/lint"
	"github.com/skillguides/guidelint/report"
	"github.com/skillguides/guidelint/schema"
)

// Exit statuses.
const (
	exitOK       = 0 // no errors, warnings within --max-warnings
	exitFindings = 1 // findings that fail the run
	exitUsage    = 2 // bad flags, bad config, a named path that does not exist
	exitInternal = 3 // a bug in guidelint
	// exitWrite is the one status for a file that could not be written,
	// whatever the command (fmt -w, --fix, -o, --sarif-file, new, render
	// -o, baseline): the run could not finish its job, as for a bug, and the
	// message says which file and why.
	exitWrite = 3
)

const reportURL = "https://github.com/skillguides/guidelint/issues"

// Command is the guidelint command line, with its standard streams and
// environment, so that tests can run it end to end into buffers.
type Command struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Getenv reads the environment (NO_COLOR, GITHUB_STEP_SUMMARY, ...);
	// nil means os.Getenv.
	Getenv func(string) string

	// writer writes every file the command writes (fmt -w, --fix, new,
	// -o, --sarif-file, render -o); tests make it fail at each step.
	writer atomicfile.Writer
}

func (c Command) getenv(key string) string {
	if c.Getenv == nil {
		return os.Getenv(key)
	}
	return c.Getenv(key)
}

const usage = `guidelint validates and lints skill guides (YAML or JSON).

Usage:
  guidelint [lint] [flags] [path ...]   lint files and folders (default ".")
  guidelint fmt [-l | -d | -w] [path ...]  canonical formatting, comments kept
  guidelint new ID [-o DIR]             scaffold a guide that passes the schema
  guidelint render [--format markdown|html] [-o FILE] FILE   preview a guide as a page
  guidelint schema                      print the SkillGuide JSON Schema
  guidelint rules [RULE]                list rules, or explain one
  guidelint ignores [path ...]          list suppression comments, for audit
  guidelint lsp                         run the language server (stdio), for editors
  guidelint baseline write|prune [path ...]  record today's findings, or drop the fixed ones
  guidelint version                     print the version (also --version)
`

// Main runs the command with arguments (without the program name) and
// returns the exit status.
func (c Command) Main(args []string) (status int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(c.Stderr, "guidelint: internal error: %v\n%s\nThis is a bug in guidelint; please report it at %s with the command and input.\n", p, debug.Stack(), reportURL)
			status = exitInternal
		}
	}()
	if len(args) > 0 {
		switch args[0] {
		case "lint":
			return c.lint(args[1:])
		case "schema":
			return c.schema(args[1:])
		case "fmt":
			return c.fmt(args[1:])
		case "new":
			return c.newGuide(args[1:])
		case "render":
			return c.render(args[1:])
		case "rules":
			return c.rules(args[1:])
		case "ignores":
			return c.ignores(args[1:])
		case "baseline":
			return c.baseline(args[1:])
		case "lsp":
			return c.lsp(args[1:])
		case "version", "--version", "-version":
			fmt.Fprintf(c.Stdout, "guidelint %s (%s %s/%s)\n", lint.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return exitOK
		case "help", "-h", "-help", "--help":
			// Lint is what a bare guidelint runs: its flags belong in the
			// help a first-time user asks for, not behind "lint -h".
			fmt.Fprint(c.Stdout, usage)
			fmt.Fprint(c.Stdout, "\nLint flags (guidelint [lint] [flags] [path ...]):\n")
			fs := c.lintFlagSet(&lintFlags{})
			fs.SetOutput(c.Stdout)
			fs.PrintDefaults()
			fmt.Fprint(c.Stdout, "\nRun \"guidelint COMMAND -h\" for the flags of another command.\n")
			return exitOK
		}
	}
	return c.lint(args)
}

func (c Command) usageError(format string, args ...any) int {
	fmt.Fprintf(c.Stderr, "guidelint: "+format+"\n", args...)
	return exitUsage
}

func (c Command) schema(args []string) int {
	if len(args) > 0 {
		return c.usageError("schema takes no arguments")
	}
	c.Stdout.Write(schema.JSON())
	return exitOK
}

// rules lists the rules of the linter the config in effect makes (the
// built-in ones and its house rules), or explains one.
func (c Command) rules(args []string) int {
	if len(args) > 1 {
		return c.usageError("rules takes at most one rule ID")
	}
	cfg, status := c.loadConfig("", false)
	if status != exitOK {
		return status
	}
	l, err := lint.New(lint.Options{Config: cfg})
	if err != nil {
		return c.usageError("%v", err)
	}
	if len(args) == 0 {
		tw := tabwriter.NewWriter(c.Stdout, 0, 4, 2, ' ', 0)
		for _, r := range l.Rules() {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Summary)
		}
		tw.Flush()
		return exitOK
	}
	r := l.Rule(args[0])
	if r == nil {
		return c.usageError("unknown rule %q; \"guidelint rules\" lists them", args[0])
	}
	fmt.Fprintf(c.Stdout, "%s (default: %s)\n\n%s\n\n%s\n", r.ID, r.Severity, r.Summary, strings.TrimSpace(r.Doc))
	if u := r.URL(); u != "" {
		fmt.Fprintf(c.Stdout, "\nMore: %s\n", u)
	}
	return exitOK
}

// listFlag is a comma-separated, repeatable flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

// lintFlags are the flags of "guidelint lint".
type lintFlags struct {
	format        string
	config        string
	noConfig      bool
	enable        listFlag
	disable       listFlag
	maxWarnings   int
	quiet         bool
	jobs          int
	stdinFilename string
	maxFileSize   int64
	color         string
	output        string
	sarifFile     string
	cacheDir      string
	noCache       bool
	fix           bool
	baseline      string
	showBaselined bool
	newFromRev    string
	shard         string
	staged        bool
}

// lintFlagSet defines the lint flags into f; the top-level help prints
// them too.
func (c Command) lintFlagSet(f *lintFlags) *flag.FlagSet {
	formats := report.Names()
	fs := flag.NewFlagSet("guidelint lint", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.StringVar(&f.format, "format", "text", "output `format`: "+orList(formats))
	fs.StringVar(&f.config, "config", "", "use this config `file` instead of finding .guidelint.yaml")
	fs.BoolVar(&f.noConfig, "no-config", false, "ignore any .guidelint.yaml")
	fs.Var(&f.enable, "enable", "turn on `rules` (comma-separated)")
	fs.Var(&f.disable, "disable", "turn off `rules` (comma-separated)")
	fs.IntVar(&f.maxWarnings, "max-warnings", -1, "fail when there are more than `N` warnings (-1: no limit)")
	fs.BoolVar(&f.quiet, "quiet", false, "report errors only")
	fs.IntVar(&f.jobs, "j", runtime.GOMAXPROCS(0), "lint `N` files in parallel")
	fs.StringVar(&f.stdinFilename, "stdin-filename", "", "`name` of standard input (path \"-\") in diagnostics")
	fs.Int64Var(&f.maxFileSize, "max-file-size", lint.DefaultMaxFileSize, "skip files larger than `bytes` with a file diagnostic")
	fs.StringVar(&f.color, "color", "auto", "colour text output and quote the source under each finding: `when` auto (a terminal, and NO_COLOR unset), always or never")
	fs.StringVar(&f.output, "o", "", "write the report to `file` (replaced atomically) instead of standard output")
	fs.StringVar(&f.output, "output", "", "same as -o")
	fs.StringVar(&f.sarifFile, "sarif-file", "", "also write a SARIF report to `file`, whatever the --format")
	fs.StringVar(&f.cacheDir, "cache-dir", "", "keep results of unchanged files in `folder` (default: guidelint in the user cache folder)")
	fs.BoolVar(&f.noCache, "no-cache", false, "lint every file afresh, without reading or writing the cache")
	fs.BoolVar(&f.fix, "fix", false, "apply the fixes whose result is certain (a wrong stats block, a level's spelling), then lint again")
	fs.StringVar(&f.baseline, "baseline", "", "accept the findings recorded in this baseline `file` (default: the config's baseline:)")
	fs.BoolVar(&f.showBaselined, "show-baselined", false, "also print the findings the baseline accepts, marked")
	fs.StringVar(&f.shard, "shard", "", "lint part `K/N` of the files (a CI matrix job); cross-file rules still compare every guide")
	fs.BoolVar(&f.staged, "staged", false, "compare the files named with the other guides as git's index holds them (what the commit holds): pre-commit's hook sets it")
	fs.StringVar(&f.newFromRev, "new-from-rev", "", "report only findings the git revision `rev` did not have (read with git, nothing checked out)")
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, "Usage: guidelint [lint] [flags] [path ...]\n\nLint skill guides in the named files and folders (default \".\"); \"-\" reads standard input.\n\nFlags:\n")
		fs.PrintDefaults()
		fmt.Fprint(c.Stderr, "\nExit status: 0 no errors, 1 findings that fail the run, 2 usage or config error, 3 internal error.\n")
	}
	return fs
}

func (c Command) lint(args []string) int {
	var f lintFlags
	formats := report.Names()
	fs := c.lintFlagSet(&f)
	paths, status, ok := parseArgs(fs, args)
	if !ok {
		return status
	}
	if !slices.Contains(formats, f.format) {
		return c.usageError("unknown --format %q; want %s", f.format, orList(formats))
	}
	switch f.color {
	case "auto", "always", "never":
	default:
		return c.usageError("unknown --color %q; want auto, always or never", f.color)
	}
	if f.output != "" && f.output == f.sarifFile {
		return c.usageError("-o and --sarif-file name the same file %s", f.output)
	}
	if f.jobs < 1 {
		return c.usageError("-j must be at least 1, got %d", f.jobs)
	}
	if f.noConfig && f.config != "" {
		return c.usageError("--config and --no-config cannot be used together")
	}

	opts := lint.Options{
		Enable: f.enable, Disable: f.disable, Jobs: f.jobs,
		MaxFileSize: f.maxFileSize, Stdin: c.Stdin, StdinName: f.stdinFilename,
		WorkTree: gitrev.WorkTree, // walks see what git sees (SPEC §11)
	}
	if f.staged {
		opts.Staged = gitrev.EachStaged // git ls-files --stage
	}
	if f.shard != "" {
		sh, err := lint.ParseShard(f.shard)
		if err != nil {
			return c.usageError("--shard: %v", err)
		}
		if f.fix || f.newFromRev != "" {
			return c.usageError("--shard cannot be used with --fix or --new-from-rev")
		}
		opts.Shard = sh
	}
	cfg, status := c.loadConfig(f.config, f.noConfig)
	if status != exitOK {
		return status
	}
	opts.Config = cfg
	if path := f.baseline; path != "" || (cfg != nil && cfg.Baseline != "") {
		if path == "" {
			path = relToWD(cfg.Baseline)
		}
		b, err := lint.LoadBaseline(path)
		if err != nil {
			return c.usageError("%v", err)
		}
		opts.Baseline = b
	}
	// pre-commit names changed files only: compare ids and titles with
	// every guide.
	opts.Scope = lint.ScopeFor(paths, opts.Config)
	if !f.noCache {
		dir := f.cacheDir
		if dir == "" {
			dir = c.defaultCacheDir()
		}
		if dir != "" {
			cache, err := lint.OpenCache(dir)
			if err != nil && f.cacheDir != "" {
				return c.usageError("--cache-dir: %v", err)
			}
			opts.Cache = cache // nil when the default folder is unusable: lint without
		}
	}
	// Trade memory for speed while linting (lint.Options.TuneGC), unless
	// the user tuned the collector with GOGC or GOMEMLIMIT.
	opts.TuneGC = c.getenv("GOGC") == "" && c.getenv("GOMEMLIMIT") == ""
	if prof := c.getenv("GUIDELINT_CPUPROFILE"); prof != "" {
		// For profiling whole runs (docs/performance.md); not a user flag.
		if f, err := os.Create(prof); err == nil {
			if pprof.StartCPUProfile(f) == nil {
				defer func() { pprof.StopCPUProfile(); f.Close() }()
			}
		}
	}

	if f.fix {
		for _, p := range paths {
			if p == lint.StdinPath {
				return c.usageError("--fix rewrites files; it cannot fix standard input")
			}
		}
	}
	l, err := lint.New(opts)
	if err != nil {
		var ure *lint.UnknownRuleError
		if errors.As(err, &ure) {
			return c.usageError("--%v", err) // "--enable: unknown rule ..."
		}
		return c.usageError("%v", err) // a *lint.ConfigError, with its position
	}
	res, err := l.Run(context.Background(), paths)
	if prof := c.getenv("GUIDELINT_MEMPROFILE"); prof != "" {
		// What the run allocated, and what it still holds at its end
		// (docs/performance.md); not a user flag.
		if f, err := os.Create(prof); err == nil {
			pprof.Lookup("allocs").WriteTo(f, 0)
			f.Close()
		}
	}
	fixFailed := false
	if err == nil && f.fix {
		var changed bool
		if changed, fixFailed = c.applyFixes(res); changed {
			res, err = l.Run(context.Background(), paths) // report what is left
		}
	}
	if err == nil && f.newFromRev != "" {
		var old []lint.Diagnostic
		if old, err = revFindings(context.Background(), opts, paths, f.newFromRev); err == nil {
			fresh, known := lint.Ratchet(res.Diagnostics, old)
			res.Diagnostics, res.Baselined = fresh, append(res.Baselined, known...)
		}
	}
	if err != nil {
		return c.runError(err)
	}
	if f.showBaselined {
		res.Diagnostics = lint.Sort(append(res.Diagnostics, res.Baselined...))
	}
	// The tally counts every finding, hidden or not, and says what
	// --quiet hid: "no problems" over hidden warnings would be a lie.
	full := *res
	var notes []string
	if f.quiet {
		var kept []lint.Diagnostic
		hidden := map[lint.Severity]int{}
		for _, d := range res.Diagnostics {
			if d.Severity == lint.Error {
				kept = append(kept, d)
			} else if !d.Baselined {
				hidden[d.Severity]++
			}
		}
		res.Diagnostics = kept
		var parts []string
		if n := hidden[lint.Warning]; n > 0 {
			parts = append(parts, english.Plural(n, "warning"))
		}
		if n := hidden[lint.Info]; n > 0 {
			parts = append(parts, english.Plural(n, "info"))
		}
		if len(parts) > 0 {
			notes = append(notes, strings.Join(parts, ", ")+" hidden by --quiet")
		}
	}

	// The exit status is known before the report, which records it
	// (SARIF's invocation).
	status = exitOK
	errs, warnings, _ := res.Count()
	if errs > 0 || (f.maxWarnings >= 0 && warnings > f.maxWarnings) {
		status = exitFindings
	}
	if f.maxWarnings >= 0 && warnings > f.maxWarnings {
		// Without this, "0 errors, 3 warnings" and exit 1 leave the
		// reader to guess why the run failed.
		notes = append(notes, fmt.Sprintf("failed: more than --max-warnings %d", f.maxWarnings))
	}
	for _, d := range res.Diagnostics {
		if d.Internal {
			status = exitInternal
		}
	}
	if fixFailed {
		status = exitWrite
	}
	if failed := c.report(f, res, status, &full, notes); failed != exitOK {
		return failed
	}
	return status
}

// runError is the exit status of a run that failed: 2 for a usage error
// (a named path that does not exist, an unknown revision), said as such;
// 3 for anything else, which is a bug.
func (c Command) runError(err error) int {
	var ue *lint.UsageError
	if errors.As(err, &ue) {
		return c.usageError("%v", err)
	}
	fmt.Fprintf(c.Stderr, "guidelint: internal error: %v\nThis is a bug in guidelint; please report it at %s.\n", err, reportURL)
	return exitInternal
}

// parseArgs parses a subcommand's arguments with parseInterspersed. When
// it cannot go on it returns ok false with the exit status: 0 after -h
// printed the usage, 2 for a bad flag (the flag set has said which).
func parseArgs(fs *flag.FlagSet, args []string) (paths []string, status int, ok bool) {
	paths, err := parseInterspersed(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return nil, exitOK, false
	case err != nil:
		return nil, exitUsage, false
	}
	return paths, exitOK, true
}

// parseInterspersed parses flags that may come before, between or after
// paths ("guidelint guides --format json"), as users of golangci-lint
// expect; "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return paths, nil
		}
		// flag stops at the first non-flag; "--" was consumed by Parse.
		if len(args) >= len(rest)+1 && args[len(args)-len(rest)-1] == "--" {
			return append(paths, rest...), nil
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
}

// applyFixes applies the fixes carried by diagnostics, file by file,
// atomically, and says on stderr what it changed. A file whose fixes are
// not all certain is left untouched, with a note. It reports whether any
// file changed, and whether a file could not be written.
func (c Command) applyFixes(res *lint.Result) (changed, writeFailed bool) {
	byFile := map[string][]*lint.Fix{}
	var files []string
	for _, d := range res.Diagnostics {
		if d.Fix == nil {
			continue
		}
		if _, ok := byFile[d.Path]; !ok {
			files = append(files, d.Path)
		}
		byFile[d.Path] = append(byFile[d.Path], d.Fix)
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(c.Stderr, "guidelint: %s: not fixed: %v\n", path, err)
			continue
		}
		out, applied, err := lint.ApplyFixes(path, data, byFile[path])
		if err != nil {
			fmt.Fprintf(c.Stderr, "guidelint: not fixed: %v\n", err)
			continue
		}
		if len(applied) == 0 {
			continue
		}
		// The file exists: WriteFile keeps its mode, 0o644 is not used.
		if err := c.writer.WriteFile(path, out, 0o644); err != nil {
			fmt.Fprintf(c.Stderr, "guidelint: %s: not fixed: %v\n", path, err)
			writeFailed = true
			continue
		}
		changed = true
		for _, a := range applied {
			fmt.Fprintf(c.Stderr, "%s:%d:%d: fixed: %s\n", path, a.Line, a.Column, a.Fix.Message)
		}
	}
	return changed, writeFailed
}

// writeError says that a file could not be written and returns
// exitWrite, the status of every failed write.
func (c Command) writeError(err error) int {
	fmt.Fprintf(c.Stderr, "guidelint: %v\n", err) // "writing PATH: ..."
	return exitWrite
}

// defaultCacheDir is guidelint's folder in the user cache directory, found
// through c.getenv so that tests never touch the real one; "" when the
// environment names none.
func (c Command) defaultCacheDir() string {
	if d := c.getenv("GUIDELINT_CACHE_DIR"); d != "" {
		return d
	}
	var base string
	switch runtime.GOOS {
	case "windows":
		base = c.getenv("LocalAppData")
	case "darwin", "ios":
		if h := c.getenv("HOME"); h != "" {
			base = filepath.Join(h, "Library", "Caches")
		}
	default:
		base = c.getenv("XDG_CACHE_HOME")
		if base == "" || !filepath.IsAbs(base) {
			base = ""
			if h := c.getenv("HOME"); h != "" {
				base = filepath.Join(h, ".cache")
			}
		}
	}
	if base == "" {
		return ""
	}
	return filepath.Join(base, "guidelint")
}

// loadConfig loads the config in effect: the file named by --config, or
// else the nearest .guidelint.yaml above the working folder; none with
// --no-config. A config that cannot be found or read is a usage error.
func (c Command) loadConfig(path string, noConfig bool) (*lint.Config, int) {
	if noConfig {
		return nil, exitOK
	}
	if path == "" {
		wd, err := os.Getwd()
		if err == nil {
			path, err = lint.FindConfig(wd)
		}
		if err != nil {
			return nil, c.usageError("finding %s: %v", lint.ConfigFileName, err)
		}
		if path == "" {
			return nil, exitOK
		}
	}
	cfg, err := lint.LoadConfig(relToWD(path))
	if err == nil {
		// Rule names are checked against a linter's rules: every command
		// refuses a config that names no rule guidelint has, not only lint.
		_, err = lint.New(lint.Options{Config: cfg})
	}
	if err != nil {
		return nil, c.usageError("%v", err)
	}
	return cfg, exitOK
}

// relToWD shortens an absolute path under the working directory to a
// relative one, for messages.
func relToWD(path string) string {
	if !filepath.IsAbs(path) {
		return path
	}
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}
