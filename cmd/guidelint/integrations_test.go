package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	yaml "go.yaml.in/yaml/v3"

	"github.com/skillguides/guidelint/internal/schematest"
	"github.com/skillguides/guidelint/internal/testshared"
)

// The integration files live at the module root.
const (
	actionFile    = "../../action.yml"
	preCommitFile = "../../.pre-commit-hooks.yaml"
)

func TestPreCommitHooksFile(t *testing.T) {
	sch := schematest.Compile(t, testshared.File(t, "schemas/pre-commit-hooks.json"))
	schematest.ValidateYAMLFile(t, sch, preCommitFile)

	var hooks []map[string]any
	readYAML(t, preCommitFile, &hooks)
	if len(hooks) != 1 {
		t.Fatalf("%d hooks, want 1", len(hooks))
	}
	h := hooks[0]
	for key, want := range map[string]any{
		"id": "guidelint", "name": "guidelint", "entry": "guidelint --staged", "language": "golang",
		"types_or": []any{"yaml", "json"}, "require_serial": true,
	} {
		if !cmp.Equal(h[key], want) {
			t.Errorf("%s = %v, want %v", key, h[key], want)
		}
	}
	if _, ok := h["stages"]; ok {
		t.Error("stages is set; pre-commit 3 rejects the old stage names and the default (every stage) is right")
	}
	if d, _ := h["description"].(string); d == "" {
		t.Error("no description")
	}
	// The files and exclude patterns take guides and leave hidden files.
	files := regexp.MustCompile(h["files"].(string))
	exclude := regexp.MustCompile(h["exclude"].(string))
	for path, want := range map[string]bool{
		"guides/ml.yaml": true, "ml.yml": true, "g/ml.json": true, "README.md": false,
		".guidelint.yaml": false, ".github/workflows/ci.yml": false, "a/.hidden/x.yaml": false,
	} {
		if got := files.MatchString(path) && !exclude.MatchString(path); got != want {
			t.Errorf("hook takes %s = %v, want %v", path, got, want)
		}
	}
}

func TestActionFile(t *testing.T) {
	sch := schematest.Compile(t, testshared.File(t, "schemas/github-action.json"))
	schematest.ValidateYAMLFile(t, sch, actionFile)

	var action struct {
		Inputs map[string]struct {
			Default string `yaml:"default"`
		} `yaml:"inputs"`
		Runs struct {
			Using string `yaml:"using"`
			Steps []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
				Run  string            `yaml:"run"`
				Env  map[string]string `yaml:"env"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	readYAML(t, actionFile, &action)
	for _, in := range []string{"paths", "config", "version", "format", "sarif-file", "fail-on-warnings", "only-new"} {
		if _, ok := action.Inputs[in]; !ok {
			t.Errorf("input %s missing", in)
		}
	}
	if action.Inputs["format"].Default != "github" || action.Inputs["paths"].Default != "." {
		t.Errorf("defaults: format %q, paths %q", action.Inputs["format"].Default, action.Inputs["paths"].Default)
	}
	if action.Runs.Using != "composite" {
		t.Errorf("runs.using = %q", action.Runs.Using)
	}
	setupGo := false
	for _, s := range action.Runs.Steps {
		if strings.HasPrefix(s.Uses, "actions/setup-go@") {
			setupGo = true
			if s.With["go-version-file"] != "${{ github.action_path }}/go.mod" {
				t.Errorf("setup-go go-version-file = %q", s.With["go-version-file"])
			}
		}
		// Script injection: an expression pasted into a script is run as
		// code; inputs must come in through env.
		if strings.Contains(s.Run, "${{") {
			t.Errorf("a run script interpolates an expression; pass it through env instead:\n%s", s.Run)
		}
	}
	if !setupGo {
		t.Error("no actions/setup-go step")
	}
}

// TestActionRunScript runs the action's "Run guidelint" script with a
// stand-in guidelint that prints its arguments, to check how inputs map
// to flags and that no input is ever executed.
func TestActionRunScript(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	script := actionStep(t, "Run guidelint")
	dir := t.TempDir()
	stub := filepath.Join(dir, "guidelint")
	if err := os.WriteFile(stub, []byte("#!/bin/sh\nfor a in \"$@\"; do printf '[%s]' \"$a\"; done\necho\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"INPUT_PATHS": ".", "INPUT_FORMAT": "github", "INPUT_FAIL_ON_WARNINGS": "false"},
			"[--format][github][--][.]"},
		{map[string]string{"INPUT_PATHS": "guides\n  more/*.yaml", "INPUT_FORMAT": "github", "INPUT_CONFIG": "ci/guidelint.yaml",
			"INPUT_SARIF_FILE": "guidelint.sarif", "INPUT_FAIL_ON_WARNINGS": "true"},
			"[--format][github][--config][ci/guidelint.yaml][--sarif-file][guidelint.sarif][--max-warnings][0][--][guides][more/*.yaml]"},
		{map[string]string{"INPUT_PATHS": "$(touch pwned) `touch pwned`;touch pwned", "INPUT_FORMAT": "text; touch pwned", "INPUT_FAIL_ON_WARNINGS": "$(touch pwned)"},
			"[--format][text; touch pwned][--][$(touch][pwned)][`touch][pwned`;touch][pwned]"},
	} {
		cmd := exec.Command(bash, "-c", script)
		cmd.Dir = dir
		cmd.Env = []string{"PATH=" + dir + string(os.PathListSeparator) + os.Getenv("PATH")}
		for k, v := range tc.env {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Fatalf("script: %v\n%s", err, errb.String())
		}
		if got := strings.TrimSpace(out.String()); got != tc.want {
			t.Errorf("env %v:\n got %s\nwant %s", tc.env, got, tc.want)
		}
		if _, err := os.Stat(filepath.Join(dir, "pwned")); err == nil {
			t.Fatalf("an input was executed: env %v", tc.env)
		}
	}
}

// TestActionPicksInstall runs the action's "Choose how to install"
// script: a release tag (the version input, or the tag the action is
// used at) installs the prebuilt release; a commit, a branch, latest, a
// fork or a local action builds with Go.
func TestActionPicksInstall(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	script := actionStep(t, "Choose how to install guidelint")
	const repo = "skillguides/guidelint"
	for _, tc := range []struct {
		version, ref, repo string
		want               string
	}{
		{"", "v1.2.3", repo, "method=release ref=v1.2.3"},
		{"v0.4.0", "main", repo, "method=release ref=v0.4.0"},
		{"v2.0.0-rc.1", "", "", "method=release ref=v2.0.0-rc.1"},
		{"", "main", repo, "method=go ref=main"},
		{"", "v1", repo, "method=go ref=v1"},
		{"", "0123456789abcdef0123456789abcdef01234567", repo, "method=go ref=0123456789abcdef0123456789abcdef01234567"},
		{"latest", "v1.2.3", repo, "method=go ref=latest"},
		{"", "v1.2.3", "someone/fork", "method=go ref="},
		{"", "", "", "method=go ref="},
		{"v1.2.3; touch pwned", "", "", "method=go ref=v1.2.3; touch pwned"},
	} {
		dir := t.TempDir()
		out := filepath.Join(dir, "output")
		cmd := exec.Command(bash, "-c", script)
		cmd.Dir = dir
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "GITHUB_OUTPUT=" + out,
			"GUIDELINT_VERSION=" + tc.version, "ACTION_REF=" + tc.ref, "ACTION_REPOSITORY=" + tc.repo}
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("script: %v\n%s", err, msg)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(strings.ReplaceAll(string(data), "\n", " ")); got != tc.want {
			t.Errorf("version %q, action_ref %q of %q: got %q, want %q", tc.version, tc.ref, tc.repo, got, tc.want)
		}
		if _, err := os.Stat(filepath.Join(dir, "pwned")); err == nil {
			t.Fatalf("an input was executed: version %q", tc.version)
		}
	}
}

// actionStep returns the script of the action's step with that name.
func actionStep(t *testing.T, name string) string {
	t.Helper()
	var action struct {
		Runs struct {
			Steps []struct {
				Name string `yaml:"name"`
				Run  string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	readYAML(t, actionFile, &action)
	for _, s := range action.Runs.Steps {
		if s.Name == name {
			return s.Run
		}
	}
	t.Fatalf("no %q step in %s", name, actionFile)
	return ""
}

// TestSARIFFileFlag: --sarif-file writes, besides the main report, SARIF
// that validates against both schemas.
func TestSARIFFileFlag(t *testing.T) {
	official := schematest.Compile(t, testshared.File(t, "schemas/sarif-schema-2.1.0.json"))
	store := schematest.Compile(t, testshared.File(t, "schemas/sarif-2.1.0.schemastore.json"))
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte("id: bad\ntitle: [x]\ntagline: TODO\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _, code := runIn(t, dir, nil, []string{"--format", "github", "--sarif-file", "out.sarif", "bad.yaml"})
	if code != exitFindings || !strings.HasPrefix(stdout, "::error file=bad.yaml,") {
		t.Fatalf("exit %d, stdout:\n%s", code, stdout)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	schematest.ValidateJSON(t, official, "out.sarif", data)
	schematest.ValidateJSON(t, store, "out.sarif", data)
	if !bytes.Contains(data, []byte(`"uri": "bad.yaml"`)) {
		t.Errorf("out.sarif does not locate bad.yaml:\n%s", data)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// TestColorAuto: auto colours a terminal only, and NO_COLOR turns it off;
// an explicit --color always wins over NO_COLOR.
func TestColorAuto(t *testing.T) {
	// A character device stands in for a terminal: the check is the
	// file mode's ModeCharDevice, which /dev/null has too.
	tty, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		tty = nil
	} else {
		defer tty.Close()
	}
	for _, tc := range []struct {
		mode, noColor string
		terminal      bool
		want          bool
	}{
		{"auto", "", false, false},
		{"auto", "", true, true},
		{"auto", "1", true, false},
		{"always", "1", false, true},
		{"never", "", true, false},
	} {
		if tc.terminal && tty == nil {
			continue // no character device here
		}
		c := Command{Stdout: &bytes.Buffer{}, Getenv: func(k string) string {
			if k == "NO_COLOR" {
				return tc.noColor
			}
			return ""
		}}
		if tc.terminal {
			c.Stdout = tty
		}
		if got := c.colorOn(tc.mode, ""); got != tc.want {
			t.Errorf("--color %s, NO_COLOR=%q, terminal %v: colour %v, want %v", tc.mode, tc.noColor, tc.terminal, got, tc.want)
		}
	}
}

func readYAML(t *testing.T, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}
