package report

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillguides/guidelint/lint"
)

// TestGitHubEscaping checks the workflow command against what the
// runner's toolkit (@actions/core command.ts) produces: the message
// escapes %, CR and LF; properties also escape : and ,.
func TestGitHubEscaping(t *testing.T) {
	root := workDir(t)
	diags := []lint.Diagnostic{
		{Path: "guides/a,b:c.yaml", Line: 3, Column: 5, Severity: lint.Error, Rule: "schema",
			Message: "100% wrong:\r\nwant a, b: c"},
		{Path: "guides/a.yaml", Line: 9, Column: 16, EndLine: 9, EndColumn: 19, Severity: lint.Warning, Rule: "placeholder", Message: "placeholder \"TBD\""},
		{Path: "guides/a.yaml", Line: 12, Column: 1, Severity: lint.Info, Rule: "empty-section", Message: "empty"},
		{Path: filepath.Join(filepath.Dir(root), "out.yaml"), Line: 1, Column: 1, Severity: lint.Error, Rule: "parse", Message: "outside"},
	}
	var buf bytes.Buffer
	if err := (githubFormat{}).Format(&buf, &lint.Result{Diagnostics: diags}); err != nil {
		t.Fatal(err)
	}
	outside := escapeGitHubProperty(filepath.Join(filepath.Dir(root), "out.yaml"))
	want := "::error file=guides/a%2Cb%3Ac.yaml,line=3,col=5,title=guidelint (schema)::100%25 wrong:%0D%0Awant a, b: c\n" +
		"::warning file=guides/a.yaml,line=9,col=16,endLine=9,endColumn=19,title=guidelint (placeholder)::placeholder \"TBD\"\n" +
		"::notice file=guides/a.yaml,line=12,col=1,title=guidelint (empty-section)::empty\n" +
		"::error file=" + outside + ",line=1,col=1,title=guidelint (parse)::outside\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("workflow commands (-want +got):\n%s", diff)
	}
	if got := escapeGitHubProperty("a%b\rc\nd:e,f"); got != "a%25b%0Dc%0Ad%3Ae%2Cf" {
		t.Errorf("escapeGitHubProperty = %q", got)
	}
	if got := escapeGitHubData("a%b\rc\nd:e,f"); got != "a%25b%0Dc%0Ad:e,f" {
		t.Errorf("escapeGitHubData = %q", got)
	}
}

// TestGitHubPathsRelativeToRoot: annotations name files from the
// repository root, wherever guidelint ran (here, in the root's folder
// "report").
func TestGitHubPathsRelativeToRoot(t *testing.T) {
	root := filepath.Dir(workDir(t))
	var buf bytes.Buffer
	res := &lint.Result{Diagnostics: []lint.Diagnostic{{Path: "guides/a.yaml", Line: 1, Column: 1, Severity: lint.Error, Rule: "schema", Message: "m"}}}
	(githubFormat{root: root}).Format(&buf, res)
	if !strings.HasPrefix(buf.String(), "::error file=report/guides/a.yaml,") {
		t.Errorf("got %q", buf.String())
	}
}

func TestStepSummary(t *testing.T) {
	res := &lint.Result{Files: 3, Diagnostics: []lint.Diagnostic{
		{Path: "guides/a.yaml", Line: 3, Column: 5, Severity: lint.Error, Rule: "schema", Message: "a | b\nc <d> & `e` *f* [g](h)"},
		{Path: "guides/a.yaml", Line: 7, Column: 5, Severity: lint.Warning, Rule: "placeholder", Message: "placeholder"},
		{Path: "guides/b c.yaml", Line: 1, Column: 1, Severity: lint.Info, Rule: "not-a-rule", Message: "info"},
	}}
	var buf bytes.Buffer
	if err := (githubFormat{maxRows: 2}).StepSummary(&buf, res); err != nil {
		t.Fatal(err)
	}
	want := `## guidelint

1 error, 1 warning, 1 info in 2 files (3 checked).

| Rule | Errors | Warnings | Infos |
| --- | ---: | ---: | ---: |
| not-a-rule | 0 | 0 | 1 |
| [placeholder](` + res.Rule("placeholder").URL() + `) | 0 | 1 | 0 |
| [schema](` + res.Rule("schema").URL() + `) | 1 | 0 | 0 |

| File | Errors | Warnings | Infos |
| --- | ---: | ---: | ---: |
| [guides/a.yaml](guides/a.yaml) | 1 | 1 | 0 |
| [guides/b c.yaml](guides/b%20c.yaml) | 0 | 0 | 1 |

### Findings

| Location | Severity | Rule | Message |
| --- | --- | --- | --- |
| [guides/a.yaml:3](guides/a.yaml#L3) | error | schema | a \| b<br>c &lt;d&gt; &amp; ` + "\\`e\\`" + ` \*f\* \[g\](h) |
| [guides/a.yaml:7](guides/a.yaml#L7) | warning | placeholder | placeholder |

…and 1 more; run guidelint locally to see them all.

`
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}

	buf.Reset()
	(githubFormat{maxRows: 500}).StepSummary(&buf, &lint.Result{Files: 2})
	if got := buf.String(); got != "## guidelint\n\nNo problems in 2 files.\n\n" {
		t.Errorf("clean summary = %q", got)
	}

	buf.Reset()
	(githubFormat{linkBase: "https://github.com/o/r/blob/abc/", maxRows: 500}).StepSummary(&buf, res)
	if !strings.Contains(buf.String(), "[guides/a.yaml:3](https://github.com/o/r/blob/abc/guides/a.yaml#L3)") {
		t.Errorf("absolute links missing:\n%s", buf.String())
	}
}

// TestStepSummaryBaselined: findings the baseline accepts are counted in
// a column of their own, neither annotated nor listed with the others.
func TestStepSummaryBaselined(t *testing.T) {
	res := &lint.Result{Files: 2,
		Diagnostics: []lint.Diagnostic{
			{Path: "guides/a.yaml", Line: 2, Column: 8, Severity: lint.Warning, Rule: "placeholder", Message: "new one"},
			{Path: "guides/b.yaml", Line: 3, Column: 1, Severity: lint.Error, Rule: "schema", Message: "old one", Baselined: true},
		},
		Baselined: []lint.Diagnostic{{Path: "guides/b.yaml", Line: 3, Column: 1, Severity: lint.Error, Rule: "schema", Message: "old one", Baselined: true}},
	}
	f := githubFormat{root: t.TempDir(), maxRows: 500}
	var sum, ann bytes.Buffer
	if err := f.StepSummary(&sum, res); err != nil {
		t.Fatal(err)
	}
	if err := f.Format(&ann, res); err != nil {
		t.Fatal(err)
	}
	s := sum.String()
	for _, want := range []string{"1 baselined", "| Baselined |", "| 0 | 1 | 0 | 0 |", "| 0 | 0 | 0 | 1 |", "new one"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "old one") || strings.Contains(ann.String(), "old one") {
		t.Errorf("a baselined finding is listed or annotated:\n%s\n%s", s, ann.String())
	}
}
