package gitrev

import (
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestWorkTree: git's view of a folder, below the repository's top too;
// an ignored folder, and a folder outside any repository, are left to the
// caller's own walk.
func TestWorkTree(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	outside := t.TempDir()
	if _, ok := WorkTree(outside); ok {
		t.Skipf("%s is inside a git work tree; cannot test a folder outside one", outside)
	}
	dir := t.TempDir()
	for name, data := range map[string]string{
		".gitignore": "ign/\n*.tmp\n", "a.yaml": "", "sub/c.yaml": "", "sub/x.tmp": "", "ign/b.yaml": "", "sub/new.yaml": "",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("git", "init", "-q")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	cmd = exec.Command("git", "add", ".gitignore", "a.yaml", "sub/c.yaml")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git add: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		dir    string
		want   []string
		wantOK bool
	}{
		{".", []string{".gitignore", "a.yaml", "sub/c.yaml", "sub/new.yaml"}, true},
		{"sub", []string{"c.yaml", "new.yaml"}, true},
		{"ign", nil, false},
	} {
		got, ok := WorkTree(filepath.Join(dir, tc.dir))
		for i := range got {
			got[i] = filepath.ToSlash(got[i])
		}
		sort.Strings(got)
		if ok != tc.wantOK {
			t.Errorf("%s: ok %v, want %v", tc.dir, ok, tc.wantOK)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.dir, diff)
		}
	}
}

// TestWorkTreeUnmerged: a file in conflict, which git's index holds once
// per stage, is listed once.
func TestWorkTreeUnmerged(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		// The merge fails on purpose: its conflict is the point.
		if out, err := cmd.CombinedOutput(); err != nil && args[0] != "merge" {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "g.yaml"), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q")
	write("id: a\n")
	git("add", "g.yaml")
	git("commit", "-qm", "a")
	git("checkout", "-qb", "other")
	write("id: b\n")
	git("commit", "-qam", "b")
	git("checkout", "-q", "main")
	write("id: c\n")
	git("commit", "-qam", "c")
	git("merge", "-q", "other")
	files, ok := WorkTree(dir)
	if !ok || !cmp.Equal(files, []string{"g.yaml"}) {
		t.Errorf("WorkTree = %q, %v; want g.yaml once", files, ok)
	}
}

// TestStaged: EachStaged gives git's index below a folder, with blob ids as git computes
// them; a staged file is listed as staged, whatever the work tree holds
// since; links are left out; a folder outside a repository is not.
func TestStaged(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("git %v: %v", args, err)
		}
		return string(out)
	}
	for name, data := range map[string]string{"a.yaml": "id: a\n", "sub/b.yaml": "id: b\n", "new.yaml": "id: n\n"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.yaml", filepath.Join(dir, "link.yaml")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	git("init", "-q")
	git("add", "a.yaml", "sub/b.yaml", "link.yaml")
	os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("id: changed\n"), 0o644) // not staged
	files, ok := staged(dir)
	if !ok {
		t.Fatal("EachStaged: not a work tree")
	}
	want := []stagedFile{
		{Path: "a.yaml", Blob: gitHash(t, dir, "id: a\n")},
		{Path: "sub/b.yaml", Blob: gitHash(t, dir, "id: b\n")},
	}
	if diff := cmp.Diff(want, files); diff != "" {
		t.Errorf("Staged (-want +got):\n%s", diff)
	}
	sub, ok := staged(filepath.Join(dir, "sub"))
	if !ok || !cmp.Equal(sub, []stagedFile{{Path: "b.yaml", Blob: want[1].Blob}}) {
		t.Errorf("Staged(sub) = %v, %v", sub, ok)
	}
	if _, ok := staged(t.TempDir()); ok {
		t.Error("a folder outside a repository was listed")
	}
}

// stagedFile is a file EachStaged gave.
type stagedFile struct{ Path, Blob string }

// staged collects what EachStaged gives.
func staged(dir string) ([]stagedFile, bool) {
	var files []stagedFile
	ok := EachStaged(dir, func(path, blob []byte) {
		files = append(files, stagedFile{string(path), hex.EncodeToString(blob)})
	})
	return files, ok
}

// gitHash is git's blob id of data.
func gitHash(t *testing.T, dir, data string) string {
	t.Helper()
	cmd := exec.Command("git", "hash-object", "--stdin")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}
