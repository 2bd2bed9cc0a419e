package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Summary counts the findings of a run.
type Summary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// Summarize counts a result's findings.
func (r *Result) Summarize() Summary {
	e, w, i := r.Count()
	return Summary{Files: r.Files, Errors: e, Warnings: w, Infos: i}
}

// WriteJSON writes the diagnostics and summary as one JSON document.
func WriteJSON(w io.Writer, r *Result) error {
	diags := r.Diagnostics
	if diags == nil {
		diags = []Diagnostic{}
	}
	type jsonDiag struct {
		Path      string   `json:"path"`
		Line      int      `json:"line"`
		Column    int      `json:"column"`
		EndLine   int      `json:"end_line,omitempty"`
		EndColumn int      `json:"end_column,omitempty"`
		Severity  Severity `json:"severity"`
		Rule      string   `json:"rule"`
		Message   string   `json:"message"`
	}
	out := struct {
		Diagnostics []jsonDiag `json:"diagnostics"`
		Summary     Summary    `json:"summary"`
	}{Diagnostics: make([]jsonDiag, len(diags)), Summary: r.Summarize()}
	for i, d := range diags {
		out.Diagnostics[i] = jsonDiag{d.Path, d.Line, d.Column, d.EndLine, d.EndColumn, d.Severity, d.Rule, d.Message}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// SummaryLine is the one-line tally printed on stderr after text output:
// "3 errors, 1 warning in 2 files".
func SummaryLine(r *Result) string {
	s := r.Summarize()
	if s.Errors+s.Warnings+s.Infos == 0 {
		return fmt.Sprintf("no problems in %s", plural(s.Files, "file"))
	}
	files := map[string]bool{}
	for _, d := range r.Diagnostics {
		files[d.Path] = true
	}
	var parts []string
	parts = append(parts, plural(s.Errors, "error"), plural(s.Warnings, "warning"))
	if s.Infos > 0 {
		parts = append(parts, plural(s.Infos, "info"))
	}
	return fmt.Sprintf("%s in %s (%d checked)", strings.Join(parts, ", "), plural(len(files), "file"), s.Files)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
