package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// git runs the real git in dir, as a scratch repository's author.
func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=guidelint-test", "-c", "user.email=test@localhost", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// scratchRepo skips the test without git; else it returns an empty
// folder for a scratch repository, a writer into it and the example
// guide.
func scratchRepo(t *testing.T) (dir string, write func(name, data string), example []byte) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	example, err := os.ReadFile("../../examples/ml-systems.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	return dir, writer(t, dir), example
}

// writer returns a function writing files into dir, folders made as needed.
func writer(t *testing.T, dir string) func(name, data string) {
	return func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestNewFromRev builds a repository with the real git: a first commit
// with old findings, a second that adds a finding to a changed guide and
// a guide whose id clashes with an unchanged one. --new-from-rev HEAD~1
// reports exactly what the second commit brought, the cross-file clash
// included, and fails only for it.
func TestNewFromRev(t *testing.T) {
	dir, write, example := scratchRepo(t)
	old := strings.Replace(string(example), "title: ML Systems\n", "title: \"ML Systems: TBD\"\n", 1) // an old finding
	git(t, dir, "init", "-q")
	write("guides/ml-systems.yaml", string(example))
	write("guides/old.yaml", strings.Replace(old, "id: ml-systems\n", "id: old\n", 1))
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "first")
	// The second commit: old.yaml gains a TODO tagline; new.yaml reuses
	// ml-systems's id.
	changed := strings.Replace(strings.Replace(old, "id: ml-systems\n", "id: old\n", 1), "\ntagline: ", "\ntagline: TODO ", 1)
	write("guides/old.yaml", changed)
	write("guides/new.yaml", strings.Replace(string(example), "title: ML Systems\n", "title: New Systems\n", 1))
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "second")

	stdout, stderr, code := runIn(t, dir, nil, []string{"--no-config", "--no-cache", "--new-from-rev", "HEAD~1", "guides"})
	want := []string{
		`guides/new.yaml:1:5: warning: id "ml-systems" differs from the file's stem "new"; rename the file or change the id (id-filename)`,
		`guides/new.yaml:1:5: error: id "ml-systems" is already used by guides/ml-systems.yaml:1:5 (id-unique)`,
		`guides/old.yaml:4:10: warning: placeholder "TODO" left in tagline; replace it with the real text (placeholder)`,
	}
	if got := strings.TrimSpace(stdout); got != strings.Join(want, "\n") {
		t.Errorf("--new-from-rev HEAD~1:\n%s\nwant:\n%s\nstderr: %s", got, strings.Join(want, "\n"), stderr)
	}
	if code != exitFindings || !strings.Contains(stderr, "1 baselined") {
		t.Errorf("exit %d, stderr %q; want %d and the old finding counted as baselined", code, stderr, exitFindings)
	}
	// Against HEAD, nothing is new.
	stdout, stderr, code = runIn(t, dir, nil, []string{"--no-config", "--no-cache", "--new-from-rev", "HEAD", "guides"})
	if stdout != "" || code != exitOK {
		t.Errorf("--new-from-rev HEAD: exit %d\n%s%s", code, stdout, stderr)
	}
	// An unknown revision is a usage error that says so.
	_, stderr, code = runIn(t, dir, nil, []string{"--no-config", "--new-from-rev", "no-such-rev", "guides"})
	if code != exitUsage || !strings.Contains(stderr, `revision "no-such-rev" is not a commit`) {
		t.Errorf("unknown revision: exit %d, %q", code, stderr)
	}
}
