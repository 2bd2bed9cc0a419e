// Package report writes the result of a lint run in the formats guidelint
// offers:
//
//   - "text", for people: one "path:line:col: severity: message (rule)"
//     line per finding, the go vet shape editors parse; with
//     Options.Color and Options.Snippets, colours and the source line with
//     a caret marker under the node.
//   - "json", for programs: one document, {"diagnostics": [...],
//     "summary": {...}}.
//   - "sarif", for code scanning: SARIF 2.1.0 with every rule of the run
//     in tool.driver.rules and URIs relative to %SRCROOT% (Options.Root).
//   - "github", for GitHub Actions: workflow commands the runner shows as
//     annotations, and a Markdown job summary.
//
// Each format is a Formatter found by name with New; Names lists them. A
// format is one file of this package that registers itself, so adding one
// touches nothing else. Writers only read a lint.Result: the engine knows
// nothing of them.
//
// What a command does besides writing the report is asked of the format
// through optional interfaces: a Tallier wants the run's tally on
// standard error, a StepSummarizer writes a CI job summary.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/skillguides/guidelint/internal/english"
	"github.com/skillguides/guidelint/lint"
)

// A Formatter writes a lint result in one format.
type Formatter interface {
	Format(w io.Writer, r *lint.Result) error
}

// A Tallier is a Formatter for people, whose findings want the run's
// tally beside them: a command prints the line Tally returns on standard
// error, apart from the report. Formats for programs carry their own
// counts and do not implement it.
type Tallier interface {
	Tally(r *lint.Result) string
}

// A StepSummarizer is a Formatter for a CI system that also shows a
// Markdown summary of the job: a command appends what StepSummary writes
// to the file GitHub Actions names in $GITHUB_STEP_SUMMARY.
type StepSummarizer interface {
	StepSummary(w io.Writer, r *lint.Result) error
}

// tallied makes a format a Tallier of SummaryLine, by embedding.
type tallied struct{}

// Tally returns SummaryLine(r).
func (tallied) Tally(r *lint.Result) string { return SummaryLine(r) }

// Options are what formats need from the caller. Each format reads the
// fields that concern it and ignores the others.
type Options struct {
	// Root is the folder that formats locating files for another system
	// (SARIF's %SRCROOT%, GitHub annotations and job summary links) write
	// paths relative to: the repository root, where those systems look
	// files up. Empty means the working directory. A path outside it is
	// written absolute (SARIF: a file:// URI) or as it is (GitHub).
	Root string
	// Color writes ANSI colours in text output: the position in bold, the
	// severity in red, yellow or cyan, the rule dimmed.
	Color bool
	// Snippets writes, in text output, each finding's source line with a
	// caret marker under its node (actionlint style). The source comes
	// from Result.Sources; a finding without one gets no snippet.
	Snippets bool
	// LinkBase, when set, is where the GitHub job summary links files to:
	// LinkBase + path + "#L" + line, e.g.
	// "https://github.com/OWNER/REPO/blob/SHA/". Empty means links
	// relative to the summary.
	LinkBase string
	// ExitCode, when set, is the exit status of the command writing the
	// report: SARIF records it in its invocation.
	ExitCode *int
	// Category, when set, tells runs of one tool apart that report on
	// different files, such as the shards of a CI matrix: SARIF writes
	// it as the run's automationDetails id ("CATEGORY/"), which GitHub
	// code scanning keeps apart.
	Category string
}

// formats maps each format's name to its constructor. The formats' files
// fill it at init; it is never changed afterwards, so concurrent reads
// are safe.
var formats = map[string]func(Options) Formatter{}

// register adds a format: one call from the init of its file.
func register(name string, newFormat func(Options) Formatter) {
	if _, dup := formats[name]; dup {
		panic("report: format " + name + " registered twice")
	}
	formats[name] = newFormat
}

// New returns the formatter of the format called name, configured by opts.
// The error for an unknown name lists the known ones.
func New(name string, opts Options) (Formatter, error) {
	newFormat, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown report format %q; want one of %s", name, strings.Join(Names(), ", "))
	}
	return newFormat(opts), nil
}

// Names returns the names of the formats New knows, sorted.
func Names() []string {
	names := make([]string, 0, len(formats))
	for name := range formats {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// summary counts the findings of a run; it is the "summary" of JSON
// output.
type summary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	// Skipped counts files a walk found that are not guides (SPEC §11).
	Skipped int `json:"skipped,omitempty"`
}

func summarize(r *lint.Result) summary {
	e, w, i := r.Count()
	return summary{Files: r.Files, Errors: e, Warnings: w, Infos: i, Skipped: r.Skipped}
}

// SummaryLine is the one-line tally of a run that people read after
// the findings: "3 errors, 1 warning in 2 files (5 checked)", or
// "no problems in 5 files".
func SummaryLine(r *lint.Result) string {
	s := summarize(r)
	if s.Errors+s.Warnings+s.Infos == 0 {
		return "no problems in " + english.Plural(s.Files, "file") + baselineNote(r, " (", ")") + skippedNote(r)
	}
	files := map[string]bool{}
	for _, d := range r.Diagnostics {
		if !d.Baselined {
			files[d.Path] = true
		}
	}
	parts := []string{english.Plural(s.Errors, "error"), english.Plural(s.Warnings, "warning")}
	if s.Infos > 0 {
		parts = append(parts, english.Plural(s.Infos, "info"))
	}
	return fmt.Sprintf("%s in %s (%d checked%s)", strings.Join(parts, ", "), english.Plural(len(files), "file"), s.Files, baselineNote(r, "; ", "")) + skippedNote(r)
}

// skippedNote says how many files a walk found were not guides, so a
// folder that "has no problems" is not taken to have been linted whole.
func skippedNote(r *lint.Result) string {
	if r.Skipped == 0 {
		return ""
	}
	return "; " + english.Plural(r.Skipped, "file") + " skipped: not guides"
}

// baselineNote says how many findings the baseline accepted and how many
// of its entries matched nothing, between open and close; "" without a
// baseline's word to say.
func baselineNote(r *lint.Result, open, close string) string {
	var parts []string
	if n := len(r.Baselined); n > 0 {
		parts = append(parts, fmt.Sprintf("%d baselined", n))
	}
	if n := len(r.Stale); n > 0 {
		entries := "entries"
		if n == 1 {
			entries = "entry"
		}
		parts = append(parts, fmt.Sprintf("%d stale baseline %s: guidelint baseline prune drops them", n, entries))
	}
	if len(parts) == 0 {
		return ""
	}
	return open + strings.Join(parts, "; ") + close
}
