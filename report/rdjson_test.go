package report

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skillguides/guidelint/internal/schematest"
	"github.com/skillguides/guidelint/internal/testshared"
	"github.com/skillguides/guidelint/lint"
)

// TestRDJSONValidates: rdjson is a DiagnosticResult and each rdjsonl line
// a Diagnostic of reviewdog's schemas, for a real run with a fix, the
// goldens' sample and an empty run.
func TestRDJSONValidates(t *testing.T) {
	result := schematest.Compile(t, testshared.File(t, "schemas/reviewdog-rdf/DiagnosticResult.json"))
	diagnostic := schematest.Compile(t, testshared.File(t, "schemas/reviewdog-rdf/Diagnostic.json"))
	root := t.TempDir()
	for _, res := range []*lint.Result{rdRun(t, root), goldenSample(), {}} {
		var buf bytes.Buffer
		if err := (rdjsonFormat{root: root}).Format(&buf, res); err != nil {
			t.Fatal(err)
		}
		schematest.ValidateJSON(t, result, "rdjson output", buf.Bytes())
		buf.Reset()
		if err := (rdjsonFormat{root: root, lines: true}).Format(&buf, res); err != nil {
			t.Fatal(err)
		}
		for i, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte{'\n'}) {
			if len(line) > 0 {
				schematest.ValidateJSON(t, diagnostic, "rdjsonl line "+string(rune('1'+i)), line)
			}
		}
	}
}

// rdRun lints, in dir, a guide with a wrong stats block (a certain fix)
// and a CJK value before a finding on the same line.
func rdRun(t *testing.T, dir string) *lint.Result {
	t.Helper()
	src := "id: g\ntitle: \"機械学習\"  # guidelint:ignore nothing\nstats: {learning_phases: 9, estimated_hours: 10, sub_skills: 0}\nlearning_path:\n  total_hours: 10\n  phases: []\nsub_skills: []\n"
	p := filepath.Join(dir, "g.yaml")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := lint.New(lint.Options{Disable: []string{"schema"}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Run(context.Background(), []string{p})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestRDJSONColumnsAndFixes: columns count UTF-8 bytes, and a certain fix
// is a suggestion replacing the node.
func TestRDJSONColumnsAndFixes(t *testing.T) {
	root := t.TempDir()
	var buf bytes.Buffer
	if err := (rdjsonFormat{root: root}).Format(&buf, rdRun(t, root)); err != nil {
		t.Fatal(err)
	}
	var out rdResult
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	var fixed, unused bool
	for _, d := range out.Diagnostics {
		if d.Location.Path != "g.yaml" {
			t.Errorf("path %q, want g.yaml (relative to the root)", d.Location.Path)
		}
		switch d.Code.Value {
		case "stats-mismatch":
			if d.Location.Range.Start.Line == 3 && d.Location.Range.Start.Column == 26 && len(d.Suggestions) == 1 && d.Suggestions[0].Text == "0" &&
				d.Suggestions[0].Range.End.Column == 27 && strings.HasSuffix(d.Code.URL, "#stats-mismatch") {
				fixed = true
			}
		case "unused-ignore":
			// 機械学習 is 4 code points and 12 bytes: the comment starts at
			// code point 16, byte 24.
			unused = d.Location.Range.Start.Line == 2 && d.Location.Range.Start.Column == 24
		}
	}
	if !fixed || !unused {
		t.Errorf("fix as suggestion: %v, byte columns: %v\n%s", fixed, unused, buf.String())
	}
}

// TestRDJSONCutTextSuggestion: cut-text's fix is a suggestion that quotes
// the value together with the comment YAML cut from it: a range wider
// than the finding (at the "#"), in byte columns, with the quoted text.
func TestRDJSONCutTextSuggestion(t *testing.T) {
	root := t.TempDir()
	src := "overview:\n  why:\n    - Lis les «notes» #MakeoverMonday\n"
	if err := os.WriteFile(filepath.Join(root, "g.yaml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := lint.New(lint.Options{Enable: []string{"cut-text"}, Disable: []string{"schema"}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Run(context.Background(), []string{filepath.Join(root, "g.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := (rdjsonFormat{root: root}).Format(&buf, res); err != nil {
		t.Fatal(err)
	}
	var out rdResult
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	for _, d := range out.Diagnostics {
		if d.Code.Value != "cut-text" {
			continue
		}
		// « and » are 2 bytes each: the value starts at byte column 7 and
		// the line ends after byte 39.
		want := rdSuggestion{Range: rdRange{Start: rdPosition{Line: 3, Column: 7}, End: &rdPosition{Line: 3, Column: 40}},
			Text: `"Lis les «notes» #MakeoverMonday"`}
		if len(d.Suggestions) != 1 || d.Suggestions[0].Text != want.Text || d.Suggestions[0].Range.Start != want.Range.Start || *d.Suggestions[0].Range.End != *want.Range.End {
			t.Errorf("suggestions %+v, want %+v\n%s", d.Suggestions, want, buf.String())
		}
		return
	}
	t.Errorf("no cut-text finding:\n%s", buf.String())
}
