package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/skillguides/guidelint/internal/english"
	"github.com/skillguides/guidelint/lint"
)

func init() {
	register("github", func(opts Options) Formatter {
		return githubFormat{root: opts.Root, linkBase: opts.LinkBase, maxRows: 500}
	})
}

// githubFormat writes one GitHub Actions workflow command per diagnostic,
// which the runner turns into an annotation on the file and line:
//
//	::error file=guides/a.yaml,line=24,col=5,title=guidelint (schema)::unknown key "wieght"
//
// Warnings are ::warning, infos ::notice. Values are escaped as the
// runner's toolkit does: "%", CR and LF in the message; also ":" and ","
// in properties. Paths are relative to root, the repository root, where
// GitHub looks files up; paths outside it are written as they are.
type githubFormat struct {
	tallied
	root, linkBase string
	// maxRows caps the findings table of the step summary: a summary may
	// hold at most 1 MiB.
	maxRows int
}

func (f githubFormat) Format(w io.Writer, r *lint.Result) error {
	root := rootDir(f.root)
	bw := bufio.NewWriter(w)
	for _, d := range r.Diagnostics {
		if d.Baselined {
			continue // accepted: no annotation
		}
		cmd := "notice"
		switch d.Severity {
		case lint.Error:
			cmd = "error"
		case lint.Warning:
			cmd = "warning"
		}
		path := d.Path
		if rel, ok := repoPath(d.Path, root); ok {
			path = rel
		}
		props := []string{
			"file=" + escapeGitHubProperty(path),
			"line=" + strconv.Itoa(max1(d.Line)),
			"col=" + strconv.Itoa(max1(d.Column)),
		}
		if d.EndLine >= d.Line && d.EndLine > 0 {
			props = append(props, "endLine="+strconv.Itoa(d.EndLine))
			if d.EndColumn > 0 {
				props = append(props, "endColumn="+strconv.Itoa(d.EndColumn))
			}
		}
		props = append(props, "title="+escapeGitHubProperty("guidelint ("+d.Rule+")"))
		bw.WriteString("::" + cmd + " " + strings.Join(props, ",") + "::" + escapeGitHubData(d.Message) + "\n")
	}
	return bw.Flush()
}

// escapeGitHubData escapes a workflow command's message, as
// @actions/core's escapeData does.
func escapeGitHubData(s string) string { return gitHubData.Replace(s) }

var gitHubData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")

// escapeGitHubProperty escapes a workflow command's property value, as
// @actions/core's escapeProperty does.
func escapeGitHubProperty(s string) string { return gitHubProperty.Replace(s) }

var gitHubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")

// StepSummary writes r as the Markdown of a GitHub Actions job summary
// (append it to the file $GITHUB_STEP_SUMMARY names): the tally, counts
// per rule and per file, and the findings as a table linking each to its
// file and line. The runner shows only the first ten error and ten
// warning annotations of a step; the summary shows them all.
func (f githubFormat) StepSummary(w io.Writer, r *lint.Result) error {
	root := rootDir(f.root)
	maxRows := f.maxRows
	bw := bufio.NewWriter(w)
	var diags []lint.Diagnostic // the findings that count: not those the baseline accepts
	for _, d := range r.Diagnostics {
		if !d.Baselined {
			diags = append(diags, d)
		}
	}
	if len(diags) == 0 {
		fmt.Fprintf(bw, "## guidelint\n\nNo problems in %s%s.\n\n", english.Plural(r.Files, "file"), baselineNote(r, " (", ")"))
		if len(r.Baselined) == 0 {
			return bw.Flush()
		}
	} else {
		fmt.Fprintf(bw, "## guidelint\n\n%s.\n\n", SummaryLine(r))
	}

	type counts struct{ errors, warnings, infos int }
	add := func(c *counts, s lint.Severity) {
		switch s {
		case lint.Error:
			c.errors++
		case lint.Warning:
			c.warnings++
		default:
			c.infos++
		}
	}
	byRule := map[string]*counts{}
	byFile := map[string]*counts{}
	var rules, files []string
	baselined := map[string]int{}
	for _, d := range r.Baselined {
		baselined[d.Rule]++
		if byRule[d.Rule] == nil {
			byRule[d.Rule] = &counts{}
			rules = append(rules, d.Rule)
		}
	}
	for _, d := range diags {
		if byRule[d.Rule] == nil {
			byRule[d.Rule] = &counts{}
			rules = append(rules, d.Rule)
		}
		if byFile[d.Path] == nil {
			byFile[d.Path] = &counts{}
			files = append(files, d.Path)
		}
		add(byRule[d.Rule], d.Severity)
		add(byFile[d.Path], d.Severity)
	}
	sort.Strings(rules)
	sort.Strings(files)

	// Findings the baseline accepts are counted apart: they do not fail
	// the run, and a reviewer wants to see the debt shrink.
	if len(r.Baselined) > 0 {
		bw.WriteString("| Rule | Errors | Warnings | Infos | Baselined |\n| --- | ---: | ---: | ---: | ---: |\n")
	} else {
		bw.WriteString("| Rule | Errors | Warnings | Infos |\n| --- | ---: | ---: | ---: |\n")
	}
	for _, id := range rules {
		c := byRule[id]
		name := markdownCell(id)
		if rule := r.Rule(id); rule != nil && rule.URL() != "" {
			name = "[" + name + "](" + rule.URL() + ")"
		}
		if len(r.Baselined) > 0 {
			fmt.Fprintf(bw, "| %s | %d | %d | %d | %d |\n", name, c.errors, c.warnings, c.infos, baselined[id])
		} else {
			fmt.Fprintf(bw, "| %s | %d | %d | %d |\n", name, c.errors, c.warnings, c.infos)
		}
	}
	if len(diags) == 0 {
		bw.WriteString("\n")
		return bw.Flush()
	}
	bw.WriteString("\n| File | Errors | Warnings | Infos |\n| --- | ---: | ---: | ---: |\n")
	for _, file := range files {
		c := byFile[file]
		fmt.Fprintf(bw, "| %s | %d | %d | %d |\n", summaryLink(file, 0, root, f.linkBase), c.errors, c.warnings, c.infos)
	}
	bw.WriteString("\n### Findings\n\n| Location | Severity | Rule | Message |\n| --- | --- | --- | --- |\n")
	for i, d := range diags {
		if i == maxRows {
			fmt.Fprintf(bw, "\n…and %d more; run guidelint locally to see them all.\n", len(diags)-maxRows)
			break
		}
		fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", summaryLink(d.Path, d.Line, root, f.linkBase), d.Severity, markdownCell(d.Rule), markdownCell(d.Message))
	}
	bw.WriteString("\n")
	return bw.Flush()
}

// summaryLink is a Markdown link to a file, or to a line of it, shown as
// "path" or "path:line".
func summaryLink(path string, line int, root, base string) string {
	text := path
	target := path
	if rel, ok := repoPath(path, root); ok {
		text, target = rel, rel
	}
	if line > 0 {
		text += ":" + strconv.Itoa(line)
	}
	href := escapePath(strings.ReplaceAll(target, "\\", "/"))
	if base != "" {
		href = strings.TrimSuffix(base, "/") + "/" + strings.TrimPrefix(href, "/")
	}
	if line > 0 {
		href += "#L" + strconv.Itoa(line)
	}
	return "[" + markdownCell(text) + "](" + href + ")"
}

// markdownCell makes text safe in a Markdown table cell: "|" and the
// characters that start Markdown or HTML markup are escaped, line breaks
// become <br>.
var markdownCell = strings.NewReplacer(
	"\r\n", "<br>", "\r", "<br>", "\n", "<br>",
	"|", `\|`, `\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;",
).Replace
