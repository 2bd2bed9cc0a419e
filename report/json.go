package report

import (
	"encoding/json"
	"io"

	"github.com/skillguides/guidelint/lint"
)

func init() {
	register("json", func(Options) Formatter { return jsonFormat{} })
}

// jsonFormat writes the diagnostics and the run's summary as one JSON
// document: {"diagnostics": [...], "summary": {...}}.
type jsonFormat struct{}

func (jsonFormat) Format(w io.Writer, r *lint.Result) error {
	diags := r.Diagnostics
	if diags == nil {
		diags = []lint.Diagnostic{}
	}
	type jsonDiag struct {
		Path      string        `json:"path"`
		Line      int           `json:"line"`
		Column    int           `json:"column"`
		EndLine   int           `json:"end_line,omitempty"`
		EndColumn int           `json:"end_column,omitempty"`
		Severity  lint.Severity `json:"severity"`
		Rule      string        `json:"rule"`
		Message   string        `json:"message"`
		Pointer   string        `json:"pointer,omitempty"`
		// Fingerprint identifies the finding across edits that move it.
		Fingerprint string `json:"fingerprint,omitempty"`
		Baselined   bool   `json:"baselined,omitempty"`
	}
	out := struct {
		Diagnostics []jsonDiag `json:"diagnostics"`
		Summary     summary    `json:"summary"`
	}{Diagnostics: make([]jsonDiag, len(diags)), Summary: summarize(r)}
	for i, d := range diags {
		out.Diagnostics[i] = jsonDiag{d.Path, d.Line, d.Column, d.EndLine, d.EndColumn, d.Severity, d.Rule, d.Message, d.Pointer, d.Fingerprint, d.Baselined}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
