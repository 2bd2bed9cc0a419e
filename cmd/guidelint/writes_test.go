package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/atomicfile"
)

// TestMain lets the concurrency test run the command in processes of its
// own: with GUIDELINT_TEST_MAIN=1 the test binary is guidelint.
func TestMain(m *testing.M) {
	if os.Getenv("GUIDELINT_TEST_MAIN") == "1" {
		os.Exit(Command{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}.Main(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// messyGuide is a guide that both fmt -w (keys out of order, flow lists)
// and --fix (a stats block that disagrees with the content) rewrite.
const messyGuide = `title: Mini
id: mini
category: Technical
tagline: A small guide for the write tests.
stats: {learning_phases: 3, estimated_hours: 30, sub_skills: 4}
overview:
  why: [It keeps fixtures short.]
  what: Mini is a skill used in these tests.
  outcomes: [Write short fixtures.]
levels:
  - name: Beginner
    summary: Starts out.
    duration: 0-6 months
    capabilities: [Reads guides.]
  - summary: Knows it all.
    name: Expert
    duration: 6+ months
    capabilities: [Writes guides.]
sub_skills:
  - {name: Reading, weight: 40, description: Reading guides., example_tasks: [Read one guide.]}
  - name: Writing
    weight: 60
    description: Writing guides.
    example_tasks: [Write one guide.]
learning_path:
  total_hours: 30
  phases:
    - title: Start
      hours: 10
      goals: [Begin.]
      topics: [Basics]
      actions: [Read.]
      deliverables: [A note.]
    - title: Finish
      hours: 20
      goals: [End.]
      topics: [Depth]
      actions: [Write.]
      deliverables: [A guide.]
`

// snapshot reads every file under dir (hidden ones included), by path
// relative to dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// diffSnapshots describes how two snapshots differ, or returns "".
func diffSnapshots(before, after map[string]string) string {
	var out []string
	for p, b := range before {
		a, ok := after[p]
		switch {
		case !ok:
			out = append(out, p+" was removed")
		case a != b:
			out = append(out, fmt.Sprintf("%s changed from %d to %d bytes", p, len(b), len(a)))
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			out = append(out, p+" was left behind")
		}
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}

// fullDisk passes n bytes to w, then fails as a full disk does.
type fullDisk struct {
	w io.Writer
	n int
}

func (d *fullDisk) Write(p []byte) (int, error) {
	if len(p) <= d.n {
		d.n -= len(p)
		return d.w.Write(p)
	}
	n, _ := d.w.Write(p[:d.n])
	d.n = 0
	return n, syscall.ENOSPC
}

// writeOp is one command that writes files, and the scratch files it
// needs.
type writeOp struct {
	name   string
	files  map[string]string
	args   []string
	create bool // writes a new file (atomicfile.CreateSteps), not a replacement
	// code is the exit status after a failed write: always exitWrite
	// (3), whatever the command and whatever it was writing.
	code int
}

var writeOps = []writeOp{
	{name: "fmt -w", files: map[string]string{"mini.yaml": messyGuide}, args: []string{"fmt", "-w", "."}, code: exitWrite},
	{name: "fix", files: map[string]string{"mini.yaml": messyGuide}, args: []string{"--no-config", "--no-cache", "--fix", "mini.yaml"}, code: exitWrite},
	{name: "new", files: map[string]string{"notes.txt": "keep\n"}, args: []string{"new", "fresh"}, create: true, code: exitWrite},
	{name: "lint -o", files: map[string]string{"mini.yaml": messyGuide, "report.txt": "old report\n"}, args: []string{"--no-config", "--no-cache", "-o", "report.txt", "mini.yaml"}, code: exitWrite},
	{name: "sarif-file", files: map[string]string{"mini.yaml": messyGuide, "report.sarif": "{}\n"}, args: []string{"--no-config", "--no-cache", "--sarif-file", "report.sarif", "mini.yaml"}, code: exitWrite},
	{name: "baseline", files: map[string]string{"mini.yaml": messyGuide}, args: []string{"baseline", "write", "--no-config", "mini.yaml"}, code: exitWrite},
	{name: "render -o", files: map[string]string{"mini.yaml": messyGuide, "page.html": "<p>old</p>\n"}, args: []string{"render", "-o", "page.html", "mini.yaml"}, code: exitWrite},
}

// runWriter runs the command in dir with w writing its files.
func runWriter(t *testing.T, dir string, w atomicfile.Writer, args []string) (stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(string) string { return "" }
	code = mainIn(t, dir, Command{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: getenv, writer: w}, args)
	return errb.String(), code
}

// TestWriteFailuresKeepOriginals fails each writing command at every step
// of its write (a folder that refuses new files, a full disk at each
// step, a write cut off part way, a rename that fails): the command says
// so and fails, every file is byte-identical to what it was, and no
// temporary file is left.
func TestWriteFailuresKeepOriginals(t *testing.T) {
	type failure struct {
		name string
		w    atomicfile.Writer
		err  string // in the message
	}
	failAt := func(step atomicfile.Step, errno syscall.Errno) atomicfile.Writer {
		return atomicfile.Writer{Hook: func(s atomicfile.Step) error {
			if s == step {
				return errno
			}
			return nil
		}}
	}
	for _, op := range writeOps {
		op := op
		steps := atomicfile.Steps
		if op.create {
			steps = atomicfile.CreateSteps
		}
		failures := []failure{
			{"read-only folder", failAt(atomicfile.Create, syscall.EACCES), syscall.EACCES.Error()},
			{"cut off part way", atomicfile.Writer{Wrap: func(w io.Writer) io.Writer { return &fullDisk{w, 10} }}, syscall.ENOSPC.Error()},
			{"rename fails", failAt(steps[len(steps)-1], syscall.EXDEV), syscall.EXDEV.Error()},
		}
		for _, step := range steps {
			failures = append(failures, failure{"disk full at " + string(step), failAt(step, syscall.ENOSPC), syscall.ENOSPC.Error()})
		}
		for _, f := range failures {
			f := f
			t.Run(op.name+"/"+f.name, func(t *testing.T) {
				dir := t.TempDir()
				writeFiles(t, dir, op.files)
				before := snapshot(t, dir)
				stderr, code := runWriter(t, dir, f.w, op.args)
				if code != op.code {
					t.Errorf("exit %d after a failed write, want %d; stderr:\n%s", code, op.code, stderr)
				}
				if !strings.Contains(stderr, f.err) {
					t.Errorf("stderr does not say %q:\n%s", f.err, stderr)
				}
				if d := diffSnapshots(before, snapshot(t, dir)); d != "" {
					t.Errorf("files changed after a failed write: %s", d)
				}
			})
		}
		// The same command without a failure writes (so the failures
		// above were real ones).
		t.Run(op.name+"/succeeds", func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, op.files)
			before := snapshot(t, dir)
			stderr, _ := runWriter(t, dir, atomicfile.Writer{}, op.args)
			after := snapshot(t, dir)
			if diffSnapshots(before, after) == "" {
				t.Errorf("nothing was written; stderr:\n%s", stderr)
			}
			for p := range after {
				if strings.HasSuffix(p, ".tmp") {
					t.Errorf("temporary file %s left behind", p)
				}
			}
		})
	}
}

// TestWriteToImpossiblePaths: a file named where a folder is needed
// fails cleanly, with no file created.
func TestWriteToImpossiblePaths(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"report under a file", []string{"--no-config", "--no-cache", "-o", "notes.txt/report.txt", "mini.yaml"}, exitWrite},
		{"sarif under a file", []string{"--no-config", "--no-cache", "--sarif-file", "notes.txt/r.sarif", "mini.yaml"}, exitWrite},
		{"new under a file", []string{"new", "fresh", "-o", "notes.txt/sub"}, exitWrite},
		{"render under a file", []string{"render", "-o", "notes.txt/page.html", "mini.yaml"}, exitWrite},
	} {
		tc := tc
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"mini.yaml": messyGuide, "notes.txt": "keep\n"})
			before := snapshot(t, dir)
			stderr, code := runWriter(t, dir, atomicfile.Writer{}, tc.args)
			if code == exitOK || tc.code >= 0 && code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			if !strings.Contains(stderr, "notes.txt") {
				t.Errorf("stderr does not name the path:\n%s", stderr)
			}
			if d := diffSnapshots(before, snapshot(t, dir)); d != "" {
				t.Errorf("files changed: %s", d)
			}
		})
	}
}

// TestReadOnlyFolder runs fmt -w and --fix in a folder the user cannot
// write to (root can, so the test needs another user).
func TestReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes to read-only folders; TestWriteFailuresKeepOriginals simulates one")
	}
	for _, op := range writeOps[:2] {
		dir := t.TempDir()
		writeFiles(t, dir, op.files)
		before := snapshot(t, dir)
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		stderr, code := runWriter(t, dir, atomicfile.Writer{}, op.args)
		os.Chmod(dir, 0o755)
		if code == exitOK || !strings.Contains(stderr, "permission denied") {
			t.Errorf("%s: exit %d, stderr:\n%s", op.name, code, stderr)
		}
		if d := diffSnapshots(before, snapshot(t, dir)); d != "" {
			t.Errorf("%s: files changed: %s", op.name, d)
		}
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestConcurrentWriters runs guidelint processes that rewrite the same
// files at once, fmt -w and --fix, round after round. Every file must end
// whole: it parses, and it is one of the results some order of the
// commands gives (formatted, fixed, both, in either order), never a mix
// or a truncation. No temporary file is left.
func TestConcurrentWriters(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many processes")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	run := func(dir string, args ...string) (string, error) {
		cmd := exec.Command(exe, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GUIDELINT_TEST_MAIN=1", "NO_COLOR=1")
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == exitFindings {
			err = nil // findings are expected
		}
		return string(out), err
	}
	fmtArgs := []string{"fmt", "-w", "."}
	fixArgs := []string{"--no-config", "--no-cache", "--fix", "."}

	// The valid results: the original, and whatever fmt -w and --fix,
	// applied one after the other in any order, make of it.
	guides := map[string]string{
		"mini.yaml":  messyGuide,
		"other.yaml": strings.Replace(messyGuide, "id: mini", "id: other", 1),
	}
	valid := map[string]map[string]bool{}
	for name, src := range guides {
		valid[name] = map[string]bool{src: true}
		todo := []string{src}
		for len(todo) > 0 {
			cur := todo[0]
			todo = todo[1:]
			for _, args := range [][]string{fmtArgs, fixArgs} {
				dir := t.TempDir()
				writeFiles(t, dir, map[string]string{name: cur})
				if out, err := run(dir, args...); err != nil {
					t.Fatalf("%v: %v\n%s", args, err, out)
				}
				got, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				if !valid[name][string(got)] {
					valid[name][string(got)] = true
					todo = append(todo, string(got))
				}
			}
		}
		if len(valid[name]) < 3 {
			t.Fatalf("%s: only %d outcomes; the commands do not both rewrite the guide", name, len(valid[name]))
		}
	}

	const rounds, writers = 20, 8
	dir := t.TempDir()
	for round := 0; round < rounds; round++ {
		writeFiles(t, dir, guides)
		var wg sync.WaitGroup
		errs := make(chan error, writers)
		for i := 0; i < writers; i++ {
			args := fmtArgs
			if i%2 == 1 {
				args = fixArgs
			}
			wg.Add(1)
			go func(args []string) {
				defer wg.Done()
				if out, err := run(dir, args...); err != nil {
					errs <- fmt.Errorf("%v: %v\n%s", args, err, out)
				}
			}(args)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		files := snapshot(t, dir)
		for name, data := range files {
			if _, ok := guides[name]; !ok {
				t.Fatalf("round %d: %s left behind", round, name)
			}
			if _, err := guide.Parse(name, []byte(data)); err != nil {
				t.Fatalf("round %d: %s does not parse: %v\n%s", round, name, err, data)
			}
			if !valid[name][data] {
				t.Fatalf("round %d: %s is none of the %d valid results:\n%s", round, name, len(valid[name]), data)
			}
		}
	}
}
