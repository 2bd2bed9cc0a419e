package report

import (
	"bufio"
	"encoding/json"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/skillguides/guidelint/lint"
)

func init() {
	register("rdjson", func(o Options) Formatter { return rdjsonFormat{root: o.Root} })
	register("rdjsonl", func(o Options) Formatter { return rdjsonFormat{root: o.Root, lines: true} })
}

// rdjsonFormat writes reviewdog's Diagnostic Format, for reviewdog to
// comment on a pull request: one document (rdjson), or one diagnostic a
// line (rdjsonl). Paths are relative to Options.Root; columns count UTF-8
// bytes, as reviewdog does; a certain fix is a suggestion replacing the
// node; the rule's doc is code.url.
type rdjsonFormat struct {
	root  string
	lines bool
}

// The reviewdog.rdf messages guidelint writes (shared/schemas/reviewdog-rdf).
type (
	rdResult struct {
		Source      rdSource       `json:"source"`
		Diagnostics []rdDiagnostic `json:"diagnostics"`
	}
	rdDiagnostic struct {
		Message     string         `json:"message"`
		Location    rdLocation     `json:"location"`
		Severity    string         `json:"severity"`
		Source      *rdSource      `json:"source,omitempty"`
		Code        rdCode         `json:"code"`
		Suggestions []rdSuggestion `json:"suggestions,omitempty"`
	}
	rdSource struct {
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	rdCode struct {
		Value string `json:"value"`
		URL   string `json:"url,omitempty"`
	}
	rdLocation struct {
		Path  string   `json:"path"`
		Range *rdRange `json:"range,omitempty"`
	}
	rdRange struct {
		Start rdPosition  `json:"start"`
		End   *rdPosition `json:"end,omitempty"`
	}
	rdPosition struct {
		Line   int `json:"line"`
		Column int `json:"column"`
	}
	rdSuggestion struct {
		Range rdRange `json:"range"`
		Text  string  `json:"text"`
	}
)

var rdGuidelint = rdSource{Name: "guidelint", URL: InformationURI}

func (f rdjsonFormat) Format(w io.Writer, r *lint.Result) error {
	root := rootDir(f.root)
	var src sourceCache // each file's lines split once
	diags := make([]rdDiagnostic, 0, len(r.Diagnostics))
	for _, d := range r.Diagnostics {
		if d.Baselined {
			continue // accepted: not for review
		}
		diags = append(diags, f.diagnostic(d, r, root, &src))
	}
	bw := bufio.NewWriter(w)
	if f.lines {
		for _, d := range diags {
			d.Source = &rdGuidelint
			line, err := json.Marshal(d)
			if err != nil {
				return err
			}
			bw.Write(line)
			bw.WriteByte('\n')
		}
		return bw.Flush()
	}
	enc := json.NewEncoder(bw)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rdResult{Source: rdGuidelint, Diagnostics: diags}); err != nil {
		return err
	}
	return bw.Flush()
}

func (f rdjsonFormat) diagnostic(d lint.Diagnostic, r *lint.Result, root string, src *sourceCache) rdDiagnostic {
	path := d.Path
	if rel, ok := repoPath(d.Path, root); ok {
		path = rel
	}
	out := rdDiagnostic{
		Message:  d.Message,
		Location: rdLocation{Path: path},
		Severity: strings.ToUpper(d.Severity.String()),
		Code:     rdCode{Value: d.Rule},
	}
	if rule := r.Rule(d.Rule); rule != nil {
		out.Code.URL = rule.URL()
	}
	start := rdPosition{Line: d.Line, Column: src.column(r, d.Path, d.Line, d.Column, utf8.RuneLen)}
	rng := &rdRange{Start: start}
	if d.EndLine > 0 {
		rng.End = &rdPosition{Line: d.EndLine, Column: src.column(r, d.Path, d.EndLine, d.EndColumn, utf8.RuneLen)}
	}
	out.Location.Range = rng
	if fx := d.Fix; fx != nil {
		// The edit --fix would make, where it is certain: a value that
		// needs quotes (cut-text's "Enter a few #MakeoverMonday ...")
		// or spans more than the finding (the comment YAML cut) included.
		if e, ok := lint.EditOf(d.Path, r.Sources[d.Path], fx); ok {
			out.Suggestions = []rdSuggestion{{Range: rdRange{
				Start: rdPosition{Line: e.Line, Column: src.column(r, d.Path, e.Line, e.Column, utf8.RuneLen)},
				End:   &rdPosition{Line: e.EndLine, Column: src.column(r, d.Path, e.EndLine, e.EndColumn, utf8.RuneLen)},
			}, Text: e.Text}}
		} else if fx.Pointer == d.Pointer && rng.End != nil {
			if text, ok := suggestionText(fx.NewText, d.Path); ok {
				out.Suggestions = []rdSuggestion{{Range: *rng, Text: text}}
			}
		}
	}
	return out
}

// plainToken is a value that reads the same written bare in YAML and, for
// a number, in JSON: what a suggestion can put in place of the node.
var plainToken = regexp.MustCompile(`^(-?[0-9]+(\.[0-9]+)?|[A-Za-z][A-Za-z0-9 ._/-]*[A-Za-z0-9.])$`)

// suggestionText is a fix's new value as the file writes it, when that is
// certain: a number, or a plain word (quoted in JSON).
func suggestionText(v, path string) (string, bool) {
	if !plainToken.MatchString(v) {
		return "", false
	}
	if strings.HasSuffix(strings.ToLower(path), ".json") && (v[0] < '0' || v[0] > '9') && v[0] != '-' {
		q, _ := json.Marshal(v)
		return string(q), true
	}
	switch strings.ToLower(v) {
	case "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~":
		return "", false // YAML would read another type
	}
	return v, true
}
