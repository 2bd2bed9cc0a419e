package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/skillguides/guidelint/lint"
	"github.com/skillguides/guidelint/report"
)

// report writes the result in the --format asked for, to standard output
// or the -o file, then the --sarif-file, and whatever else the format
// asks for: a job summary, the tally on standard error. The tally counts
// the findings of all (res before --quiet hid some), followed by notes.
// It returns exitOK, or the status to exit with when a report cannot be
// written.
func (c Command) report(f lintFlags, res *lint.Result, status int, all *lint.Result, notes []string) int {
	color := c.colorOn(f.color, f.output)
	opts := report.Options{Root: reportRoot(), Color: color, Snippets: color, LinkBase: c.githubLinkBase(), ExitCode: &status}
	if f.shard != "" {
		sh, _ := lint.ParseShard(f.shard) // checked before the run
		opts.Category = fmt.Sprintf("guidelint/shard-%d-of-%d", sh.K, sh.N)
	}

	var out io.Writer = c.Stdout
	var buf bytes.Buffer
	if f.output != "" {
		out = &buf
	}
	format, err := report.New(f.format, opts)
	if err == nil {
		err = format.Format(out, res)
	}
	if err != nil {
		fmt.Fprintf(c.Stderr, "guidelint: writing the report: %v\n", err)
		return exitInternal
	}
	if f.output != "" {
		if err := c.writer.WriteFile(f.output, buf.Bytes(), 0o644); err != nil {
			return c.writeError(err)
		}
	}
	if f.sarifFile != "" {
		var sb bytes.Buffer
		sarif, err := report.New("sarif", opts)
		if err == nil {
			err = sarif.Format(&sb, res)
		}
		if err != nil {
			fmt.Fprintf(c.Stderr, "guidelint: writing the SARIF report: %v\n", err)
			return exitInternal
		}
		if err := c.writer.WriteFile(f.sarifFile, sb.Bytes(), 0o644); err != nil {
			return c.writeError(err)
		}
	}
	if s, ok := format.(report.StepSummarizer); ok {
		if path := c.getenv("GITHUB_STEP_SUMMARY"); path != "" {
			if err := appendStepSummary(path, res, s); err != nil {
				// The report is out; a job summary is a bonus.
				fmt.Fprintf(c.Stderr, "guidelint: warning: cannot write the job summary: %v\n", err)
			}
		}
	}
	if t, ok := format.(report.Tallier); ok {
		fmt.Fprintln(c.Stderr, strings.Join(append([]string{t.Tally(all)}, notes...), "; "))
	}
	return exitOK
}

// reportRoot is the folder SARIF URIs and GitHub annotation paths are
// relative to: the repository holding the working directory, else the
// working directory.
func reportRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	if root, ok := lint.RepoRoot(wd); ok {
		return root
	}
	return wd
}

// githubLinkBase is where the job summary links files to, from the
// variables GitHub Actions sets: the blob view of the commit under test.
func (c Command) githubLinkBase() string {
	server, repo, sha := c.getenv("GITHUB_SERVER_URL"), c.getenv("GITHUB_REPOSITORY"), c.getenv("GITHUB_SHA")
	if server == "" || repo == "" || sha == "" {
		return ""
	}
	return strings.TrimSuffix(server, "/") + "/" + repo + "/blob/" + sha + "/"
}

// colorOn decides --color: "always" and "never" are what they say; "auto"
// colours a terminal unless NO_COLOR is set to anything but "" (see
// no-color.org: the variable yields to an explicit flag) or TERM is dumb.
func (c Command) colorOn(mode, output string) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if output != "" || c.getenv("NO_COLOR") != "" || c.getenv("TERM") == "dumb" {
		return false
	}
	return isTerminal(c.Stdout)
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// appendStepSummary appends the Markdown job summary to the file GitHub
// Actions names in $GITHUB_STEP_SUMMARY.
func appendStepSummary(path string, res *lint.Result, s report.StepSummarizer) error {
	var buf bytes.Buffer
	if err := s.StepSummary(&buf, res); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(buf.Bytes())
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	return werr
}

// orList joins words as a sentence does: "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
