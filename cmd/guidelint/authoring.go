package main

// The authoring commands: fmt, new and render (issue 5).

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/skillguides/guidelint/format"
	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/english"
	"github.com/skillguides/guidelint/internal/fserr"
	"github.com/skillguides/guidelint/internal/gitrev"
	"github.com/skillguides/guidelint/lint"
	"github.com/skillguides/guidelint/render"
	"github.com/skillguides/guidelint/schema"
)

// fmtFlags are the flags of "guidelint fmt".
type fmtFlags struct {
	list, diff, write bool
	stdinFilename     string
	config            string
	noConfig          bool
}

const fmtUsage = `Usage: guidelint fmt [-l | -d | -w] [path ...]

Rewrite skill guides in canonical form: keys in the canonical order of the
format at every level, two-space indentation, block style; comments, unknown
keys and long strings are kept as they are. JSON guides become canonical JSON.

Without a flag, prints the formatted guide named (one file, or - for standard
input). Folders are walked as lint walks them: the files and exclude globs
of .guidelint.yaml apply (without one, .yaml, .yml and .json files), hidden
folders are skipped; with -l, -d or -w and no path, "." is formatted.

Flags:
`

func (c Command) fmt(args []string) int {
	var f fmtFlags
	flags := flag.NewFlagSet("guidelint fmt", flag.ContinueOnError)
	flags.SetOutput(c.Stderr)
	flags.BoolVar(&f.list, "l", false, "list the files whose formatting differs")
	flags.BoolVar(&f.diff, "d", false, "print a unified diff of the changes formatting would make")
	flags.BoolVar(&f.write, "w", false, "rewrite the files in place (atomically, keeping their mode)")
	flags.StringVar(&f.stdinFilename, "stdin-filename", "", "`name` of standard input (path \"-\"): picks YAML or JSON, and names it in messages")
	flags.StringVar(&f.config, "config", "", "take the files and exclude globs from this config `file` instead of finding .guidelint.yaml")
	flags.BoolVar(&f.noConfig, "no-config", false, "ignore any .guidelint.yaml")
	flags.Usage = func() {
		fmt.Fprint(c.Stderr, fmtUsage)
		flags.PrintDefaults()
		fmt.Fprint(c.Stderr, "\nExit status: 0 formatted; 1 a file differs (-l, -d) or cannot be formatted; 2 usage error; 3 a file could not be written, or a bug.\n")
	}
	paths, status, ok := parseArgs(flags, args)
	if !ok {
		return status
	}
	modes := 0
	for _, on := range []bool{f.list, f.diff, f.write} {
		if on {
			modes++
		}
	}
	if modes > 1 {
		return c.usageError("fmt: -l, -d and -w cannot be used together")
	}
	if len(paths) == 0 {
		if modes == 0 {
			return c.usageError("fmt prints one formatted guide: name the file, or - for standard input (or use -l, -d or -w)")
		}
		paths = []string{"."}
	}
	if modes == 0 {
		if len(paths) != 1 {
			return c.usageError("fmt without -l, -d or -w prints one guide; %d paths were named (use -l, -d or -w for several)", len(paths))
		}
		if fi, err := os.Stat(paths[0]); err == nil && fi.IsDir() {
			return c.usageError("fmt without -l, -d or -w prints one guide; %s is a folder (use -l, -d or -w)", paths[0])
		}
	}
	if f.write && slices.Contains(paths, lint.StdinPath) {
		return c.usageError("fmt -w cannot rewrite standard input")
	}
	cfg, status := c.loadConfig(f.config, f.noConfig)
	if status != exitOK {
		return status
	}
	files, skipped, problems, err := lint.Files(paths, cfg, gitrev.WorkTree)
	if err != nil {
		return c.usageError("%v", err)
	}
	if skipped > 0 {
		fmt.Fprintf(c.Stderr, "%s: not guides\n", english.Plural(skipped, "file")+" skipped")
	}
	status = exitOK
	for _, d := range problems {
		fmt.Fprintf(c.Stderr, "%s: %s\n", d.Path, d.Message)
		status = exitFindings
	}
	worse := func(s int) {
		if s > status {
			status = s
		}
	}
	for _, p := range files {
		name, src, err := c.readGuide(p, f.stdinFilename)
		if err != nil {
			fmt.Fprintf(c.Stderr, "%s: %v\n", name, err)
			worse(exitFindings)
			continue
		}
		out, err := format.Source(name, src)
		if err != nil {
			worse(c.reportFormatError(name, err))
			continue
		}
		switch {
		case f.list:
			if !bytes.Equal(src, out) {
				fmt.Fprintln(c.Stdout, name)
				worse(exitFindings)
			}
		case f.diff:
			if d := format.Diff("a/"+filepath.ToSlash(name), "b/"+filepath.ToSlash(name), src, out); d != nil {
				c.Stdout.Write(d)
				worse(exitFindings)
			}
		case f.write:
			if bytes.Equal(src, out) {
				continue
			}
			if err := c.writer.WriteFile(p, out, 0o644); err != nil {
				worse(c.writeError(err))
			}
		default:
			c.Stdout.Write(out)
		}
	}
	return status
}

// reportFormatError prints why a file could not be formatted and returns
// the exit status it calls for: problems in the file (it does not parse,
// a comment yaml.v3 cannot keep) are findings, anything else is a bug.
func (c Command) reportFormatError(name string, err error) int {
	var list guide.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintf(c.Stderr, "%s:%d:%d: %s\n", name, e.Pos.Line, e.Pos.Col, e.Msg)
		}
		return exitFindings
	}
	fmt.Fprintf(c.Stderr, "%s: internal error: %v\nThis is a bug in guidelint; please report it at %s with the file.\n", name, err, reportURL)
	return exitInternal
}

// readGuide reads a guide named on the command line, or standard input
// for "-", and returns the name to show for it. Files over the lint size
// limit are refused.
func (c Command) readGuide(path, stdinName string) (string, []byte, error) {
	if path == lint.StdinPath {
		name := stdinName
		if name == "" {
			name = "<stdin>"
		}
		data, err := io.ReadAll(io.LimitReader(c.Stdin, lint.DefaultMaxFileSize+1))
		if err == nil && len(data) > lint.DefaultMaxFileSize {
			err = fmt.Errorf("standard input is larger than %d MB; not read", lint.DefaultMaxFileSize>>20)
		}
		return name, data, err
	}
	f, err := os.Open(path)
	if err != nil {
		return path, nil, fserr.Bare(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return path, nil, fserr.Bare(err)
	}
	tooLarge := fmt.Errorf("file is larger than %d MB; not read", lint.DefaultMaxFileSize>>20)
	if fi.Size() > lint.DefaultMaxFileSize {
		return path, nil, tooLarge
	}
	// Read through a limit too: the file may have grown since Stat.
	data, err := io.ReadAll(io.LimitReader(f, lint.DefaultMaxFileSize+1))
	if err != nil {
		return path, nil, fserr.Bare(err)
	}
	if len(data) > lint.DefaultMaxFileSize {
		return path, nil, tooLarge
	}
	return path, data, nil
}

const newUsage = `Usage: guidelint new ID [-o DIR]

Write DIR/ID.yaml (DIR defaults to "."): a new guide with every section of
the format in canonical order, each holding a TODO placeholder. It passes the
schema and every rule but "placeholder", whose warnings from
"guidelint DIR/ID.yaml" then list what is left to write. ID is lowercase
letters and digits in words joined by hyphens, like ml-systems. An existing
file is never overwritten.

Flags:
`

func (c Command) newGuide(args []string) int {
	flags := flag.NewFlagSet("guidelint new", flag.ContinueOnError)
	flags.SetOutput(c.Stderr)
	dir := flags.String("o", ".", "write the guide in `folder` (created if missing)")
	flags.Usage = func() {
		fmt.Fprint(c.Stderr, newUsage)
		flags.PrintDefaults()
	}
	rest, status, ok := parseArgs(flags, args)
	if !ok {
		return status
	}
	if len(rest) != 1 {
		return c.usageError("new takes one guide ID, like \"guidelint new ml-systems\"")
	}
	id := rest[0]
	data, err := format.ScaffoldWithSchema(id, scaffoldSchemaURL())
	if err != nil {
		return c.usageError("%v", err)
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return c.writeError(fmt.Errorf("cannot create folder %s: %v", *dir, fserr.Bare(err)))
	}
	path := filepath.Join(*dir, id+".yaml")
	// Written whole or not at all, and never over an existing file, even
	// one that appears while the scaffold is written.
	if err := c.writer.CreateFile(path, data, 0o644); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return c.usageError("%s already exists; not overwriting it", path)
		}
		return c.writeError(err)
	}
	fmt.Fprintf(c.Stdout, "created %s; replace its TODOs, then run: guidelint %s\n", path, path)
	return exitOK
}

const renderUsage = `Usage: guidelint render [--format markdown|html] [-o FILE] [--strict] FILE

Preview a guide as a page, with the sections and headings of the published
guides: Markdown (for pull-request previews) or a self-contained HTML page
(inline CSS, charts in HTML, a table of contents, no external assets).
FILE may be - for standard input. The format defaults to html when -o
names a .html file, else markdown.
A guide with errors (those guidelint lint reports) is still previewed, with
its errors on standard error; --strict fails instead, writing no page.

Flags:
`

func (c Command) render(args []string) int {
	flags := flag.NewFlagSet("guidelint render", flag.ContinueOnError)
	flags.SetOutput(c.Stderr)
	formatName := flags.String("format", "", "page `format`: markdown or html (default markdown, or html for an -o FILE ending in .html)")
	output := flags.String("o", "", "write the page to `file` (replaced atomically) instead of standard output")
	stdinName := flags.String("stdin-filename", "", "`name` of standard input (path \"-\") in messages")
	strict := flags.Bool("strict", false, "fail (exit 1, no page) when the guide has errors, rather than warn")
	flags.Usage = func() {
		fmt.Fprint(c.Stderr, renderUsage)
		flags.PrintDefaults()
	}
	rest, status, ok := parseArgs(flags, args)
	if !ok {
		return status
	}
	if len(rest) != 1 {
		return c.usageError("render takes one guide file (or - for standard input)")
	}
	if *formatName == "" {
		*formatName = "markdown"
		if ext := strings.ToLower(filepath.Ext(*output)); ext == ".html" || ext == ".htm" {
			*formatName = "html"
		}
	}
	var write func(io.Writer, *guide.SkillGuide) error
	switch *formatName {
	case "markdown", "md":
		write = render.Markdown
	case "html":
		write = render.HTML
	default:
		return c.usageError("unknown --format %q; want markdown or html", *formatName)
	}
	path := rest[0]
	if path != lint.StdinPath {
		if _, err := os.Stat(path); err != nil {
			return c.usageError("%s: no such file", path)
		}
	}
	name, src, err := c.readGuide(path, *stdinName)
	if err != nil {
		fmt.Fprintf(c.Stderr, "%s: %v\n", name, err)
		return exitFindings
	}
	doc, err := guide.Parse(name, src)
	if err != nil {
		// A document that parsed in part (a duplicate key) is still
		// previewed; one that did not parse is not.
		var list guide.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				fmt.Fprintf(c.Stderr, "%s:%d:%d: %s\n", name, e.Pos.Line, e.Pos.Col, e.Msg)
			}
		} else {
			fmt.Fprintf(c.Stderr, "%s: %v\n", name, err)
		}
		if doc == nil || *strict {
			return exitFindings
		}
	} else if errs, status := c.renderErrors(name, src); status != exitOK {
		return status
	} else if errs > 0 {
		// A preview of a broken guide looks finished: say it is not.
		if *strict {
			fmt.Fprintf(c.Stderr, "guidelint: %s: %s; no page written (--strict)\n", name, english.Plural(errs, "error"))
			return exitFindings
		}
		fmt.Fprintf(c.Stderr, "guidelint: warning: %s: %s; the page shows the guide as it is\n", name, english.Plural(errs, "error"))
	}
	var page bytes.Buffer
	if err := write(&page, doc.Guide); err != nil {
		fmt.Fprintf(c.Stderr, "guidelint: internal error rendering %s: %v\nThis is a bug in guidelint; please report it at %s with the file.\n", name, err, reportURL)
		return exitInternal
	}
	if *output == "" {
		if _, err := c.Stdout.Write(page.Bytes()); err != nil {
			fmt.Fprintf(c.Stderr, "guidelint: writing the page: %v\n", err)
			return exitInternal
		}
		return exitOK
	}
	if err := c.writer.WriteFile(*output, page.Bytes(), 0o644); err != nil {
		return c.writeError(err)
	}
	return exitOK
}

// scaffoldSchemaURL is the schema URL "guidelint new" writes in the
// modeline: the schema this binary embeds, published at its release tag
// or at the commit it was built from, so that editors keep checking the
// guide against the schema it was written for. A build that knows neither
// (go run, go test) names the main branch.
func scaffoldSchemaURL() string {
	var settings []debug.BuildSetting
	if bi, ok := debug.ReadBuildInfo(); ok {
		settings = bi.Settings
	}
	return schema.URLAt(schemaRef(lint.Version, settings))
}

// releaseRE matches a release version, with or without its "v", and
// pseudoRE the pseudo-version Go gives a build of an untagged commit
// (v0.1.1-0.20261202230000-abcdef123456), which names no tag.
var (
	releaseRE = regexp.MustCompile(`^v?[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$`)
	pseudoRE  = regexp.MustCompile(`[0-9]{14}-[0-9a-f]{12}$`)
	commitRE  = regexp.MustCompile(`^[0-9a-f]{40}$`)
)

// schemaRef is the git ref the schema of a build is published at: the tag
// of a release version, else the commit in the build's vcs.revision, else
// "main".
func schemaRef(version string, settings []debug.BuildSetting) string {
	if releaseRE.MatchString(version) && !pseudoRE.MatchString(version) {
		return "v" + strings.TrimPrefix(version, "v")
	}
	for _, s := range settings {
		if s.Key == "vcs.revision" && commitRE.MatchString(s.Value) {
			return s.Value
		}
	}
	return "main"
}

// renderErrors lints the guide render previews, with the config in
// effect, and prints its errors on standard error as lint does (warnings
// do not stop a preview and are left to lint). It returns how many there
// were, or a status other than exitOK when the config is bad.
func (c Command) renderErrors(name string, src []byte) (int, int) {
	cfg, status := c.loadConfig("", false)
	if status != exitOK {
		return 0, status
	}
	l, err := lint.New(lint.Options{Config: cfg})
	if err != nil {
		return 0, c.usageError("%v", err)
	}
	diags, err := l.Lint(context.Background(), name, src)
	if err != nil {
		return 0, c.runError(err)
	}
	n := 0
	for _, d := range diags {
		if d.Severity == lint.Error {
			n++
			fmt.Fprintf(c.Stderr, "%s:%d:%d: error: %s (%s)\n", d.Path, d.Line, d.Column, d.Message, d.Rule)
		}
	}
	return n, exitOK
}
