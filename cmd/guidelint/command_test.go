package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden sections of testdata/{cli,authoring}/*.txtar")

// TestCLI runs the command end to end on each testdata/cli/*.txtar case
// (lint and its output formats) and testdata/authoring/*.txtar case (fmt,
// new, render).
// A case holds the files of a scratch folder, an "args" section (one
// argument per line; "-" with a "stdin" section feeds standard input), an
// optional "env" section (KEY=VALUE lines: the whole environment the
// command sees), and golden "stdout", "stderr" and "exit" sections, plus
// an "out:PATH" section for each file the command writes. "$WORK" stands
// for the scratch folder in args, env values and golden text. -update rewrites
// the golden sections.
func TestCLI(t *testing.T) {
	cli, _ := filepath.Glob("testdata/cli/*.txtar")
	authoring, _ := filepath.Glob("testdata/authoring/*.txtar")
	if len(cli) == 0 || len(authoring) == 0 {
		t.Fatalf("no cases: %d in testdata/cli, %d in testdata/authoring", len(cli), len(authoring))
	}
	for _, file := range append(cli, authoring...) {
		file := file
		name := filepath.Base(filepath.Dir(file)) + "/" + strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var args []string
			var stdin []byte
			env := map[string]string{}
			var outs []string
			for _, f := range ar.Files {
				if strings.HasPrefix(f.Name, "out:") {
					outs = append(outs, f.Name)
					continue
				}
				switch f.Name {
				case "env":
					for _, l := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
						if k, v, ok := strings.Cut(strings.TrimSpace(l), "="); ok {
							env[k] = strings.ReplaceAll(v, "$WORK", dir)
						}
					}
				case "args":
					for _, l := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
						if l = strings.TrimSpace(l); l != "" {
							args = append(args, strings.ReplaceAll(l, "$WORK", dir))
						}
					}
				case "stdin":
					stdin = f.Data
				case "stdout", "stderr", "exit":
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
			stdout, stderr, code := runEnvIn(t, dir, stdin, args, env)
			got := map[string]string{"stdout": work(dir, stdout), "stderr": work(dir, stderr), "exit": strconv.Itoa(code) + "\n"}
			names := []string{"exit", "stdout", "stderr"}
			for _, name := range outs {
				data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(name, "out:"))))
				if err != nil {
					data = []byte("<" + err.Error() + ">\n")
				}
				got[name] = work(dir, string(data))
				names = append(names, name)
			}
			if *update {
				for _, name := range names {
					setSection(ar, name, got[name])
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

func setSection(ar *txtar.Archive, name, data string) {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data = []byte(data)
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
}

// work replaces the scratch folder's path in s with "$WORK", so golden
// files do not depend on where the test ran.
func work(dir, s string) string {
	if real, err := filepath.EvalSymlinks(dir); err == nil && real != dir {
		s = strings.ReplaceAll(s, real, "$WORK")
	}
	return strings.ReplaceAll(s, dir, "$WORK")
}

// runIn runs the command with dir as working directory and an empty
// environment.
func runIn(t *testing.T, dir string, stdin []byte, args []string) (stdout, stderr string, code int) {
	t.Helper()
	return runEnvIn(t, dir, stdin, args, nil)
}

// runEnvIn runs the command with dir as working directory and env as its
// whole environment.
func runEnvIn(t *testing.T, dir string, stdin []byte, args []string, env map[string]string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code = mainIn(t, dir, Command{Stdin: bytes.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: getenv}, args)
	return out.String(), errb.String(), code
}

// mainIn runs c with dir as the working directory.
func mainIn(t *testing.T, dir string, c Command, args []string) int {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	return c.Main(args)
}

// TestExamplesClean is the README's first command: the shipped examples
// lint clean.
func TestExamplesClean(t *testing.T) {
	var out, errb bytes.Buffer
	code := Command{Stdout: &out, Stderr: &errb}.Main([]string{"--no-config", "--no-cache", "../../examples"})
	if code != 0 || out.Len() != 0 {
		t.Errorf("guidelint examples: exit %d, output:\n%s%s", code, out.String(), errb.String())
	}
	if !strings.Contains(errb.String(), "no problems in 3 files") {
		t.Errorf("summary = %q", errb.String())
	}
}

// TestSeedVerbatimGolden pins the diagnostics of the seed exactly as
// rendered, gaps included.
func TestSeedVerbatimGolden(t *testing.T) {
	var out, errb bytes.Buffer
	wd, _ := os.Getwd()
	if err := os.Chdir("../.."); err != nil {
		t.Fatal(err)
	}
	code := Command{Stdout: &out, Stderr: &errb}.Main([]string{"--no-config", "--no-cache", "--disable", "id-unique,title-unique", "testdata/seed/ml-systems.verbatim.yaml"})
	os.Chdir(wd)
	got := out.String() + "exit " + strconv.Itoa(code) + "\n"
	golden := "../../testdata/seed/ml-systems.verbatim.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/guidelint -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("seed verbatim diagnostics changed (-want +got):\n%s", diff)
	}
}

// TestOutputSameWhateverJobs: every format's report, byte for byte, and
// the exit code do not depend on -j (SPEC: deterministic whatever the
// parallelism).
func TestOutputSameWhateverJobs(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif", "github"} {
		var want string
		for _, jobs := range []string{"1", "2", "7"} {
			var out, errb bytes.Buffer
			code := Command{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}.Main(
				[]string{"--no-config", "--no-cache", "--format", format, "-j", jobs, "../../lint/testdata/rules", "../../examples"})
			got := out.String() + errb.String() + "exit " + strconv.Itoa(code)
			if code != 1 || out.Len() == 0 {
				t.Fatalf("%s, -j %s: exit %d with %d bytes of report; want findings", format, jobs, code, out.Len())
			}
			if jobs == "1" {
				want = got
				continue
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: -j %s differs from -j 1 (-want +got):\n%s", format, jobs, diff)
			}
		}
	}
}

// TestVersionFlag: --version is what people try first; it must print what
// "guidelint version" prints and succeed, not fall through to lint.
func TestVersionFlag(t *testing.T) {
	dir := t.TempDir()
	want, _, code := runIn(t, dir, nil, []string{"version"})
	if code != exitOK || !strings.HasPrefix(want, "guidelint ") {
		t.Fatalf("guidelint version: exit %d, %q", code, want)
	}
	for _, flag := range []string{"--version", "-version"} {
		got, stderr, code := runIn(t, dir, nil, []string{flag})
		if code != exitOK || got != want || stderr != "" {
			t.Errorf("guidelint %s: exit %d, stdout %q, stderr %q; want exit 0 and %q", flag, code, got, stderr, want)
		}
	}
}

// TestHelpShowsLintFlags: a bare guidelint lints, so -h must show the
// lint flags, not only the list of commands.
func TestHelpShowsLintFlags(t *testing.T) {
	for _, flag := range []string{"-h", "--help", "help"} {
		stdout, _, code := runIn(t, t.TempDir(), nil, []string{flag})
		if code != exitOK {
			t.Errorf("guidelint %s: exit %d", flag, code)
		}
		for _, want := range []string{"guidelint fmt", "-max-warnings N", "-quiet", "-format format", "-new-from-rev rev"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("guidelint %s: the help lacks %q:\n%s", flag, want, stdout)
			}
		}
	}
}
