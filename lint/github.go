package lint

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// GitHubOptions control WriteGitHub and WriteStepSummary.
type GitHubOptions struct {
	// Root is the folder annotation paths are relative to: the
	// repository root, where GitHub looks files up. Empty means the
	// working directory. Paths outside it are written as they are.
	Root string
	// LinkBase, when set, turns the step summary's locations into links
	// LinkBase + path + "#L" + line, e.g.
	// "https://github.com/OWNER/REPO/blob/SHA/"; empty means links
	// relative to the summary.
	LinkBase string
	// MaxRows caps the findings table of the step summary (a summary may
	// hold at most 1 MiB); 0 means 500.
	MaxRows int
}

// WriteGitHub writes one GitHub Actions workflow command per diagnostic,
// which the runner turns into an annotation on the file and line:
//
//	::error file=guides/a.yaml,line=24,col=5,title=guidelint (schema)::unknown key "wieght"
//
// Warnings are ::warning, infos ::notice. Values are escaped as the
// runner's toolkit does: "%", CR and LF in the message; also ":" and ","
// in properties.
func WriteGitHub(w io.Writer, diags []Diagnostic, opts GitHubOptions) error {
	root := rootDir(opts.Root)
	bw := bufio.NewWriter(w)
	for _, d := range diags {
		cmd := "notice"
		switch d.Severity {
		case Error:
			cmd = "error"
		case Warning:
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

// WriteStepSummary writes r as the Markdown of a GitHub Actions job
// summary (append it to the file $GITHUB_STEP_SUMMARY names): the tally,
// counts per rule and per file, and the findings as a table linking each
// to its file and line. The runner shows only the first ten error and ten
// warning annotations of a step; the summary shows them all.
func WriteStepSummary(w io.Writer, r *Result, opts GitHubOptions) error {
	root := rootDir(opts.Root)
	maxRows := opts.MaxRows
	if maxRows <= 0 {
		maxRows = 500
	}
	bw := bufio.NewWriter(w)
	if len(r.Diagnostics) == 0 {
		fmt.Fprintf(bw, "## guidelint\n\nNo problems in %s.\n\n", plural(r.Files, "file"))
		return bw.Flush()
	}
	fmt.Fprintf(bw, "## guidelint\n\n%s.\n\n", SummaryLine(r))

	type counts struct{ errors, warnings, infos int }
	add := func(c *counts, s Severity) {
		switch s {
		case Error:
			c.errors++
		case Warning:
			c.warnings++
		default:
			c.infos++
		}
	}
	byRule := map[string]*counts{}
	byFile := map[string]*counts{}
	var rules, files []string
	for _, d := range r.Diagnostics {
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

	bw.WriteString("| Rule | Errors | Warnings | Infos |\n| --- | ---: | ---: | ---: |\n")
	for _, id := range rules {
		c := byRule[id]
		name := markdownCell(id)
		if rule := r.Rule(id); rule != nil && rule.URL() != "" {
			name = "[" + name + "](" + rule.URL() + ")"
		}
		fmt.Fprintf(bw, "| %s | %d | %d | %d |\n", name, c.errors, c.warnings, c.infos)
	}
	bw.WriteString("\n| File | Errors | Warnings | Infos |\n| --- | ---: | ---: | ---: |\n")
	for _, f := range files {
		c := byFile[f]
		fmt.Fprintf(bw, "| %s | %d | %d | %d |\n", summaryLink(f, 0, root, opts.LinkBase), c.errors, c.warnings, c.infos)
	}
	bw.WriteString("\n### Findings\n\n| Location | Severity | Rule | Message |\n| --- | --- | --- | --- |\n")
	for i, d := range r.Diagnostics {
		if i == maxRows {
			fmt.Fprintf(bw, "\n…and %d more; run guidelint locally to see them all.\n", len(r.Diagnostics)-maxRows)
			break
		}
		fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", summaryLink(d.Path, d.Line, root, opts.LinkBase), d.Severity, markdownCell(d.Rule), markdownCell(d.Message))
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
	segs := strings.Split(strings.ReplaceAll(target, "\\", "/"), "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	href := strings.Join(segs, "/")
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
