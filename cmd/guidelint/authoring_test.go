package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/skillguides/guidelint/lint"
	"golang.org/x/tools/txtar"
)

// TestAuthoring runs the authoring commands (fmt, new, render) end to end
// on each testdata/authoring/*.txtar case. A case holds the files of a
// scratch folder, an "args" section (one argument per line), an optional
// "stdin" section, golden "stdout", "stderr" and "exit" sections, and an
// "out:PATH" section for each file whose content after the run is
// checked. "$WORK" stands for the scratch folder. go test -update rewrites
// the golden sections.
func TestAuthoring(t *testing.T) {
	cases, err := filepath.Glob("testdata/authoring/*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, file := range cases {
		file := file
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var args, outs []string
			var stdin []byte
			for _, f := range ar.Files {
				switch {
				case strings.HasPrefix(f.Name, "out:"):
					outs = append(outs, f.Name)
				case f.Name == "args":
					for _, l := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
						if l = strings.TrimSpace(l); l != "" {
							args = append(args, strings.ReplaceAll(l, "$WORK", dir))
						}
					}
				case f.Name == "stdin":
					stdin = f.Data
				case f.Name == "stdout" || f.Name == "stderr" || f.Name == "exit":
				default:
					p := filepath.Join(dir, filepath.FromSlash(f.Name))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, f.Data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			stdout, stderr, code := runAuthoring(t, dir, stdin, args)
			got := map[string]string{"stdout": stdout, "stderr": stderr, "exit": strconv.Itoa(code) + "\n"}
			names := []string{"exit", "stdout", "stderr"}
			for _, name := range outs {
				data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(name, "out:"))))
				if err != nil {
					data = []byte("<" + err.Error() + ">\n")
				}
				got[name] = string(data)
				names = append(names, name)
			}
			for name, s := range got {
				got[name] = scrubWork(dir, s)
			}
			if *update {
				for _, name := range names {
					setArchiveFile(ar, name, got[name])
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range names {
				want := ""
				for _, f := range ar.Files {
					if f.Name == name {
						want = string(f.Data)
					}
				}
				if diff := cmp.Diff(want, got[name]); diff != "" {
					t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
				}
			}
		})
	}
}

// runAuthoring runs the command in dir.
func runAuthoring(t *testing.T, dir string, stdin []byte, args []string) (stdout, stderr string, code int) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var out, errb bytes.Buffer
	code = Command{Stdin: bytes.NewReader(stdin), Stdout: &out, Stderr: &errb}.Main(args)
	return out.String(), errb.String(), code
}

func setArchiveFile(ar *txtar.Archive, name, data string) {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data = []byte(data)
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
}

// scrubWork replaces the scratch folder's path with "$WORK".
func scrubWork(dir, s string) string {
	if real, err := filepath.EvalSymlinks(dir); err == nil && real != dir {
		s = strings.ReplaceAll(s, real, "$WORK")
	}
	return strings.ReplaceAll(s, dir, "$WORK")
}

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
	if _, stderr, code := runAuthoring(t, dir, nil, []string{"fmt", "-w", "."}); code != 0 {
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
	if _, stderr, code := runAuthoring(t, dir, nil, []string{"new", "web-security"}); code != 0 {
		t.Fatalf("new: exit %d: %s", code, stderr)
	}
	path := filepath.Join(dir, "web-security.yaml")
	var all []string
	for _, r := range lint.Rules() {
		all = append(all, r.ID)
	}
	res, err := lint.Run(context.Background(), []string{path}, lint.Options{Enable: all})
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
	stdout, _, code := runAuthoring(t, dir, nil, []string{"--no-config", "web-security.yaml"})
	if code != 0 || strings.Contains(stdout, "error:") {
		t.Errorf("guidelint on a new guide: exit %d\n%s", code, stdout)
	}
	if stdout, stderr, code := runAuthoring(t, dir, nil, []string{"fmt", "-l", "web-security.yaml"}); code != 0 {
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
	stdout, stderr, code := runAuthoring(t, dir, nil, []string{"render", "-o", "page.html", "ml-systems.yaml"})
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
	stdout, _, code = runAuthoring(t, dir, nil, []string{"render", "--format", "markdown", "-o", "page.html", "ml-systems.yaml"})
	if code != 0 {
		t.Fatalf("render --format markdown: exit %d", code)
	}
	if page, _ := os.ReadFile(filepath.Join(dir, "page.html")); !bytes.HasPrefix(page, []byte("Technical\n\n# ML Systems Skill Guide")) {
		t.Errorf("--format markdown did not win over the .html extension:\n%.200s", page)
	}
}
