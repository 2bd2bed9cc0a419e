package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillguides/guidelint/internal/schematest"
	"github.com/skillguides/guidelint/internal/testshared"
	"github.com/skillguides/guidelint/lint"
)

// sarifSample is a result holding every shape of diagnostic SARIF output
// must carry: each severity, end positions, a path needing escapes, a
// path outside the root (the working directory), standard input and a
// rule unknown to the registry.
func sarifSample(root string) *lint.Result {
	return &lint.Result{Files: 4, Diagnostics: []lint.Diagnostic{
		{Path: "guides/a.yaml", Line: 3, Column: 5, Severity: lint.Error, Rule: "schema", Message: `unknown key "wieght" (did you mean "weight"?)`},
		{Path: "guides/a.yaml", Line: 9, Column: 16, EndLine: 9, EndColumn: 18, Severity: lint.Warning, Rule: "placeholder", Message: "placeholder \"TBD\" left in title"},
		{Path: "guides/a.yaml", Line: 12, Column: 1, EndLine: 14, Severity: lint.Info, Rule: "empty-section", Message: "section is empty"},
		{Path: "guides/odd name:v2 #1.yaml", Line: 1, Column: 1, Severity: lint.Error, Rule: "parse", Message: "100% broken,\nsee: line 1"},
		{Path: filepath.Join(filepath.Dir(root), "elsewhere", "b.yaml"), Line: 2, Column: 3, Severity: lint.Error, Rule: "id-unique", Message: "id \"a\" is already used by guides/a.yaml:1:5"},
		{Path: "<stdin>", Line: 1, Column: 1, Severity: lint.Warning, Rule: "not-a-rule", Message: "from a rule the registry does not know"},
	}}
}

func TestSARIFValidatesAgainstBothSchemas(t *testing.T) {
	official := schematest.Compile(t, testshared.File(t, "schemas/sarif-schema-2.1.0.json"))
	store := schematest.Compile(t, testshared.File(t, "schemas/sarif-2.1.0.schemastore.json"))

	var buf bytes.Buffer
	if err := (sarifFormat{}).Format(&buf, sarifSample(workDir(t))); err != nil {
		t.Fatal(err)
	}
	schematest.ValidateJSON(t, official, "sarif output", buf.Bytes())
	schematest.ValidateJSON(t, store, "sarif output", buf.Bytes())

	// A real run, an empty one and the goldens' sample validate too.
	root := t.TempDir()
	for _, res := range []*lint.Result{runOn(t, root), {}, goldenSample()} {
		buf.Reset()
		if err := (sarifFormat{root: root}).Format(&buf, res); err != nil {
			t.Fatal(err)
		}
		schematest.ValidateJSON(t, official, "sarif output", buf.Bytes())
		schematest.ValidateJSON(t, store, "sarif output", buf.Bytes())
	}
}

// runOn lints a small broken guide written into dir.
func runOn(t *testing.T, dir string) *lint.Result {
	t.Helper()
	p := filepath.Join(dir, "broken.yaml")
	if err := os.WriteFile(p, []byte("id: broken\ntitle: [x]\ntagline: TODO\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := lint.New(lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Run(context.Background(), []string{p})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) == 0 {
		t.Fatal("no diagnostics on a broken guide")
	}
	return res
}

func TestSARIFContent(t *testing.T) {
	root := workDir(t)
	var buf bytes.Buffer
	if err := (sarifFormat{}).Format(&buf, sarifSample(root)); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name           string `json:"name"`
					InformationURI string `json:"informationUri"`
					Rules          []struct {
						ID               string `json:"id"`
						ShortDescription struct{ Text string }
						FullDescription  struct{ Text string }
						Help             struct{ Text, Markdown string }
						HelpURI          string `json:"helpUri"`
						Default          struct {
							Level string `json:"level"`
						} `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			ColumnKind         string                          `json:"columnKind"`
			Results            []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex *int   `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine, StartColumn, EndLine, EndColumn int
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "guidelint" || d.InformationURI == "" {
		t.Errorf("driver = %q %q", d.Name, d.InformationURI)
	}
	rules := lint.DefaultRules()
	if len(d.Rules) != len(rules) {
		t.Fatalf("driver lists %d rules, registry has %d", len(d.Rules), len(rules))
	}
	for i, r := range rules {
		got := d.Rules[i]
		if got.ID != r.ID || got.ShortDescription.Text != r.Summary || got.FullDescription.Text == "" ||
			got.Help.Text == "" || got.HelpURI != r.URL() || got.Default.Level != sarifLevel(r.Severity) {
			t.Errorf("rule %d = %+v, want %s", i, got, r.ID)
		}
	}
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}
	if u := run.OriginalURIBaseIDs[SRCROOT].URI; u != fileURI(root)+"/" {
		t.Errorf("%%SRCROOT%% = %q, want %q", u, fileURI(root)+"/")
	}
	type loc struct {
		uri, base, level string
		index            int
		sl, sc, el, ec   int
	}
	want := []loc{
		{"guides/a.yaml", SRCROOT, "error", indexOf("schema"), 3, 5, 0, 0},
		{"guides/a.yaml", SRCROOT, "warning", indexOf("placeholder"), 9, 16, 9, 18},
		{"guides/a.yaml", SRCROOT, "note", indexOf("empty-section"), 12, 1, 14, 0},
		{"guides/odd%20name%3Av2%20%231.yaml", SRCROOT, "error", indexOf("parse"), 1, 1, 0, 0},
		{fileURI(filepath.Join(filepath.Dir(root), "elsewhere", "b.yaml")), "", "error", indexOf("id-unique"), 2, 3, 0, 0},
		{"%3Cstdin%3E", SRCROOT, "warning", -1, 1, 1, 0, 0},
	}
	if len(run.Results) != len(want) {
		t.Fatalf("%d results, want %d", len(run.Results), len(want))
	}
	for i, r := range run.Results {
		pl := r.Locations[0].PhysicalLocation
		index := -1
		if r.RuleIndex != nil {
			index = *r.RuleIndex
		}
		got := loc{pl.ArtifactLocation.URI, pl.ArtifactLocation.URIBaseID, r.Level, index,
			pl.Region.StartLine, pl.Region.StartColumn, pl.Region.EndLine, pl.Region.EndColumn}
		if got != want[i] {
			t.Errorf("result %d = %+v, want %+v", i, got, want[i])
		}
	}
	if msg := run.Results[3].Message.Text; msg != "100% broken,\nsee: line 1" {
		t.Errorf("message = %q", msg)
	}
	if !strings.HasPrefix(log.Schema, "https://") {
		t.Errorf("$schema = %q", log.Schema)
	}
}

func indexOf(id string) int {
	for i, r := range lint.DefaultRules() {
		if r.ID == id {
			return i
		}
	}
	return -1
}

// workDir returns the working directory: the folder formats make paths
// relative to when Options.Root is empty.
func workDir(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

func TestSemver(t *testing.T) {
	for v, want := range map[string]bool{"1.2.3": true, "0.1.0-rc.1": true, "1.2.3+meta": true, "1.2": false, "devel": false, "1.x.3": false} {
		if got := isSemver(v); got != want {
			t.Errorf("isSemver(%q) = %v", v, got)
		}
	}
}

// TestSARIFCodeScanning: columns count UTF-16 code units (an emoji before
// a value is two), baselined findings are suppressed "external" and
// inline-suppressed ones "inSource" with their reason, parse problems are
// tool notifications, and the exit code is recorded.
func TestSARIFCodeScanning(t *testing.T) {
	dir := t.TempDir()
	src := "id: g  # guidelint:ignore id-filename -- kept\ntitle: \"🚀 ML\"\ntagline: \"🚀🚀: TBD\"\ncategory: TBD # guidelint:ignore placeholder until=2099-01-01 -- launch name\n"
	if err := os.WriteFile(filepath.Join(dir, "guide.yaml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte("id: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := lint.New(lint.Options{Disable: []string{"schema"}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Run(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	// Accept the tagline's placeholder through a baseline.
	var kept []lint.Diagnostic
	for _, d := range res.Diagnostics {
		if d.Rule == "placeholder" && d.Pointer == "/tagline" {
			d.Baselined = true
			res.Baselined = append(res.Baselined, d)
			continue
		}
		kept = append(kept, d)
	}
	res.Diagnostics = kept
	code := 1
	var buf bytes.Buffer
	if err := (sarifFormat{root: dir, exitCode: &code}).Format(&buf, res); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Invocations []struct {
				ExecutionSuccessful        bool `json:"executionSuccessful"`
				ExitCode                   *int `json:"exitCode"`
				ToolExecutionNotifications []struct {
					Descriptor struct{ ID string } `json:"descriptor"`
				} `json:"toolExecutionNotifications"`
			} `json:"invocations"`
			Results []struct {
				RuleID       string `json:"ruleId"`
				Locations    []struct{ PhysicalLocation struct{ Region sarifRegion } }
				Suppressions []sarifSuppression `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	inv := run.Invocations[0]
	if inv.ExitCode == nil || *inv.ExitCode != 1 || !inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 || inv.ToolExecutionNotifications[0].Descriptor.ID != "parse" {
		t.Errorf("invocation = %+v", inv)
	}
	var got []string
	for _, r := range run.Results {
		reg := r.Locations[0].PhysicalLocation.Region
		s := fmt.Sprintf("%s %d:%d-%d:%d", r.RuleID, reg.StartLine, reg.StartColumn, reg.EndLine, reg.EndColumn)
		for _, sup := range r.Suppressions {
			s += " " + sup.Kind + ":" + sup.Justification
		}
		got = append(got, s)
	}
	sort.Strings(got)
	want := []string{
		"id-filename 1:5-1:6 inSource:kept",
		"parse 2:1-0:0",
		// "🚀🚀: TBD", quotes included, is 9 code points and 11 UTF-16 units.
		"placeholder 3:10-3:21 external:accepted in the baseline",
		"placeholder 4:11-4:14 inSource:launch name (until 2099-01-01)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	official := schematest.Compile(t, testshared.File(t, "schemas/sarif-schema-2.1.0.json"))
	store := schematest.Compile(t, testshared.File(t, "schemas/sarif-2.1.0.schemastore.json"))
	schematest.ValidateJSON(t, official, "sarif output", buf.Bytes())
	schematest.ValidateJSON(t, store, "sarif output", buf.Bytes())
}
