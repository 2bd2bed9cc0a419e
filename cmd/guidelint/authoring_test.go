package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/skillguides/guidelint/lint"
	"github.com/skillguides/guidelint/schema"
)

// TestFmtWriteKeepsModeAndUntouched checks that fmt -w keeps a file's mode
// and does not rewrite a file that is already formatted.
func TestFmtWriteKeepsModeAndUntouched(t *testing.T) {
	dir := t.TempDir()
	messy := filepath.Join(dir, "messy.yaml")
	clean := filepath.Join(dir, "clean.yaml")
	os.WriteFile(messy, []byte("title: T\nid: messy\n"), 0o600)
	os.Chmod(messy, 0o600)
	os.WriteFile(clean, []byte("id: clean\ntitle: T\n"), 0o644)
	before, _ := os.Stat(clean)
	if _, stderr, code := runIn(t, dir, nil, []string{"fmt", "-w", "."}); code != 0 {
		t.Fatalf("fmt -w: exit %d: %s", code, stderr)
	}
	if got, _ := os.ReadFile(messy); string(got) != "id: messy\ntitle: T\n" {
		t.Errorf("messy.yaml = %q", got)
	}
	if fi, _ := os.Stat(messy); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode of messy.yaml = %v, want -rw-------", fi.Mode())
	}
	after, _ := os.Stat(clean)
	if !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("clean.yaml was rewritten though already formatted")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("folder holds %d entries after fmt -w; a temporary file was left", len(entries))
	}
}

// TestExamplesFormatted gates the shipped examples on canonical form.
func TestExamplesFormatted(t *testing.T) {
	var out, errb bytes.Buffer
	code := Command{Stdout: &out, Stderr: &errb}.Main([]string{"fmt", "-l", "../../examples"})
	if code != 0 || out.Len() != 0 {
		t.Errorf("guidelint fmt -l examples: exit %d, output:\n%s%s", code, out.String(), errb.String())
	}
}

// TestNewLintsClean lints a new guide with every rule on, through lint.Run
// and through the command: no errors, only placeholder warnings.
func TestNewLintsClean(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, code := runIn(t, dir, nil, []string{"new", "web-security"}); code != 0 {
		t.Fatalf("new: exit %d: %s", code, stderr)
	}
	path := filepath.Join(dir, "web-security.yaml")
	l, err := lint.New(lint.Options{}) // every built-in rule is on by default
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Run(context.Background(), []string{path})
	if err != nil {
		t.Fatal(err)
	}
	warnings := 0
	for _, d := range res.Diagnostics {
		if d.Rule != "placeholder" {
			t.Errorf("unexpected diagnostic: %s", d)
		}
		warnings++
	}
	if warnings == 0 {
		t.Error("no placeholder warnings: the scaffold should list what is left to write")
	}
	stdout, _, code := runIn(t, dir, nil, []string{"--no-config", "web-security.yaml"})
	if code != 0 || strings.Contains(stdout, "error:") {
		t.Errorf("guidelint on a new guide: exit %d\n%s", code, stdout)
	}
	if stdout, stderr, code := runIn(t, dir, nil, []string{"fmt", "-l", "web-security.yaml"}); code != 0 {
		t.Errorf("a new guide is not in canonical form: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestRenderHTMLFile checks render -o: the format follows the .html
// extension, the page is written atomically and is one HTML document.
func TestRenderHTMLFile(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../examples/ml-systems.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "ml-systems.yaml"), src, 0o644)
	stdout, stderr, code := runIn(t, dir, nil, []string{"render", "-o", "page.html", "ml-systems.yaml"})
	if code != 0 || stdout != "" {
		t.Fatalf("render: exit %d\n%s%s", code, stdout, stderr)
	}
	page, err := os.ReadFile(filepath.Join(dir, "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(page, []byte("<!DOCTYPE html>")) || !bytes.Contains(page, []byte("<h1>ML Systems Skill Guide</h1>")) {
		t.Errorf("page.html is not the HTML page:\n%.300s", page)
	}
	stdout, _, code = runIn(t, dir, nil, []string{"render", "--format", "markdown", "-o", "page.html", "ml-systems.yaml"})
	if code != 0 {
		t.Fatalf("render --format markdown: exit %d", code)
	}
	if page, _ := os.ReadFile(filepath.Join(dir, "page.html")); !bytes.HasPrefix(page, []byte("Technical\n\n# ML Systems Skill Guide")) {
		t.Errorf("--format markdown did not win over the .html extension:\n%.200s", page)
	}
}

// TestSchemaRef: "guidelint new" pins the modeline's schema to the
// release or commit that wrote the guide, never to a moving branch when
// it knows better.
func TestSchemaRef(t *testing.T) {
	commit := "0123456789abcdef0123456789abcdef01234567"
	vcs := []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: commit}}
	for _, c := range []struct {
		version  string
		settings []debug.BuildSetting
		want     string
	}{
		{"v0.2.0", vcs, "v0.2.0"},
		{"0.2.0", nil, "v0.2.0"}, // a version stamped without its v
		{"v1.0.0-rc.1", nil, "v1.0.0-rc.1"},
		{"v0.2.1-0.20261202230000-abcdef123456", vcs, commit}, // a pseudo-version names no tag
		{"v0.2.0+dirty", vcs, commit},
		{"devel", vcs, commit},
		{"devel", []debug.BuildSetting{{Key: "vcs.revision", Value: "not-a-commit"}}, "main"},
		{"devel", nil, "main"},
	} {
		if got := schemaRef(c.version, c.settings); got != c.want {
			t.Errorf("schemaRef(%q, %v) = %q, want %q", c.version, c.settings, got, c.want)
		}
	}
	if got, want := schema.URLAt("v0.2.0"), "https://raw.githubusercontent.com/skillguides/guidelint/v0.2.0/schema/skill-guide.schema.json"; got != want {
		t.Errorf("URLAt = %q, want %q", got, want)
	}
}
