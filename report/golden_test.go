package report

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillguides/guidelint/lint"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// goldenSample is the one result every golden file writes: each severity, end
// positions, a path in Japanese with a space, a message that each format
// must escape (control characters, line breaks, %, |, markup), a rule the
// result does not list, and sources for the text snippets. Its rules are
// its own, so the goldens do not change with the built-in catalogue.
func goldenSample() *lint.Result {
	run := func(*lint.Pass) {}
	const jp = "guides/日本語 ガイド.yaml"
	return &lint.Result{
		Files: 3,
		Rules: []*lint.Rule{ // sorted by ID, as a run's are
			{ID: "spelling", Summary: "a word is misspelt", Doc: "Reports a misspelt word.\n\nSpell it right.", Severity: lint.Error, DocURL: "https://example.com/rules#spelling", Run: run},
			{ID: "tagline-length", Summary: "tagline over 80 characters", Doc: "Reports a long tagline.", Severity: lint.Warning, DocURL: "https://example.com/rules#tagline-length", Run: run},
			{ID: "tone", Summary: "the tone could be calmer", Doc: "Suggests a calmer tone.", Severity: lint.Info, Run: run},
		},
		Diagnostics: []lint.Diagnostic{
			{Path: "guides/a.yaml", Line: 2, Column: 7, EndLine: 2, EndColumn: 14, Severity: lint.Error, Rule: "spelling", Message: `unknown word "recieve" (did you mean "receive"?)`},
			{Path: "guides/a.yaml", Line: 3, Column: 10, Severity: lint.Warning, Rule: "tagline-length", Message: "tagline is 100% too long | cut <b>it</b> & `this`,\nthen: *that* [x]\x1b[31m"},
			{Path: jp, Line: 1, Column: 1, Severity: lint.Info, Rule: "tone", Message: "title could be calmer: 落ち着いて"},
			{Path: jp, Line: 4, Column: 5, Severity: lint.Warning, Rule: "unlisted", Message: "from a rule the result does not list"},
		},
		Sources: map[string][]byte{
			"guides/a.yaml": []byte("id: a\nword: recieve\ntagline: A tagline that goes on and on # long\n"),
			jp:              []byte("\xEF\xBB\xBFtitle: 日本語のガイド\nlevels:\n  - name: 初級\n  - 名前: x\n"),
		},
	}
}

// TestGolden writes goldenSample in every format, and in the variants options
// and optional interfaces give, and compares each with
// testdata/NAME.golden; -update rewrites them. A format without a golden
// file fails, so a new format comes with its golden.
func TestGolden(t *testing.T) {
	wd := workDir(t)
	cases := map[string]func(io.Writer, *lint.Result) error{}
	for _, name := range Names() {
		cases[name] = mustNew(t, name, Options{}).Format
	}
	cases["text-color-snippets"] = mustNew(t, "text", Options{Color: true, Snippets: true}).Format
	for _, name := range Names() {
		opts := Options{LinkBase: "https://github.com/o/r/blob/abc/"}
		if s, ok := mustNew(t, name, opts).(StepSummarizer); ok {
			cases[name+"-step-summary"] = s.StepSummary
		}
		if tl, ok := mustNew(t, name, opts).(Tallier); ok {
			cases[name+"-tally"] = func(w io.Writer, r *lint.Result) error {
				_, err := io.WriteString(w, tl.Tally(r)+"\n")
				return err
			}
		}
	}
	// The working directory is the root; its URI depends on the machine.
	rootURI := fileURI(wd)

	var names []string
	for name, write := range cases {
		names = append(names, name)
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := write(&buf, goldenSample()); err != nil {
				t.Fatal(err)
			}
			got := strings.ReplaceAll(buf.String(), rootURI, "file://$ROOT")
			file := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", file, diff)
			}
		})
	}

	files, _ := filepath.Glob(filepath.Join("testdata", "*.golden"))
	sort.Strings(names)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".golden")
		if i := sort.SearchStrings(names, name); i == len(names) || names[i] != name {
			t.Errorf("%s is the golden of no case: remove it", f)
		}
	}
}

func TestNewUnknown(t *testing.T) {
	f, err := New("xml", Options{})
	if err == nil || f != nil {
		t.Fatalf("New(xml) = %v, %v; want an error", f, err)
	}
	if want := "github, json, rdjson, rdjsonl, sarif, text"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not list the formats %q", err, want)
	}
}

func mustNew(t *testing.T, name string, opts Options) Formatter {
	t.Helper()
	f, err := New(name, opts)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
