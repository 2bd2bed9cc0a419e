package lint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestStatEntry: the stats taken straight into an entry are those of
// os.Lstat and os.Stat, for a file, a folder, a link and a setuid file,
// so entries written by either way match.
func TestStatEntry(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "g.yaml")
	if err := os.WriteFile(file, []byte("id: a\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	odd := filepath.Join(dir, "odd")
	if err := os.WriteFile(odd, nil, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(odd, 0o755|os.ModeSetuid|os.ModeSticky)
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(file, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	for _, p := range []string{file, odd, dir, link} {
		lfi, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := lstatFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(statOf(lfi), got); diff != "" {
			t.Errorf("lstat %s (-os +entry):\n%s", p, diff)
		}
		fi, _ := os.Stat(p)
		got, _ = statFile(p)
		if diff := cmp.Diff(statOf(fi), got); diff != "" {
			t.Errorf("stat %s (-os +entry):\n%s", p, diff)
		}
	}
	if _, err := lstatFile(filepath.Join(dir, "none")); !os.IsNotExist(err) {
		t.Errorf("a missing file: %v", err)
	}
}

// TestJoinClean: joinClean is filepath.Join.
func TestJoinClean(t *testing.T) {
	for _, dir := range []string{".", "a", "/", "/a/b", "a/b"} {
		for _, rel := range []string{"x.yaml", "s/x.yaml", "./x.yaml", "../x", "s//x", "", "/abs", "s/../x"} {
			dir, rel := filepath.FromSlash(dir), filepath.FromSlash(rel)
			if got, want := joinClean(dir, rel), filepath.Join(dir, rel); got != want {
				t.Errorf("joinClean(%q, %q) = %q, want %q", dir, rel, got, want)
			}
		}
	}
}
