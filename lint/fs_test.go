package lint

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestFileSystemProblems: each problem met while walking is a "file"
// diagnostic at 1:1 of that path, the other files are still linted, and
// the run fails.
func TestFileSystemProblems(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	example, err := os.ReadFile("../examples/ml-systems.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good := string(example)
	writeGuides(t, dir, map[string]string{
		"ml-systems.yaml":             good,
		"names/with space.yaml":       "id: with-space\n",
		"names/ünïcödé guide.yaml":    "id: x\n",
		"names/binary.yaml":           "id: a\x00b\n",
		"names/empty.yaml":            "",
		"loops/real/ml-systems.yaml":  good,
		"notes.txt":                   "not a guide, not linted",
		".hidden/broken.yaml":         "id: [\n",
		"big/ml-systems-copy.yaml":    strings.Repeat("# padding\n", 4000),
		"vanish/ml-systems-gone.yaml": good,
	})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink("does-not-exist.yaml", filepath.Join(dir, "dangling.yaml")))
	must(os.Symlink("loop-b.yaml", filepath.Join(dir, "loop-a.yaml")))
	must(os.Symlink("loop-a.yaml", filepath.Join(dir, "loop-b.yaml")))
	must(os.Symlink("..", filepath.Join(dir, "loops", "real", "up"))) // folder loop
	// A file whose read fails even for root: /proc/self/mem reads fail
	// with EIO at offset 0.
	unreadable := false
	if _, err := os.Stat("/proc/self/mem"); err == nil {
		must(os.Symlink("/proc/self/mem", filepath.Join(dir, "unreadable.yaml")))
		unreadable = true
	}

	vanish := filepath.Join(dir, "vanish", "ml-systems-gone.yaml")
	l := mustNew(t, Options{MaxFileSize: 30000, Disable: []string{"id-unique"}})
	l.afterCollect = func() { os.Remove(vanish) }
	res, err := l.Run(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range res.Diagnostics {
		if d.Rule != "file" {
			continue
		}
		rel, _ := filepath.Rel(dir, d.Path)
		if d.Line != 1 || d.Column != 1 {
			t.Errorf("%s: file diagnostic at %d:%d, want 1:1", rel, d.Line, d.Column)
		}
		got[filepath.ToSlash(rel)] = d.Message
	}
	want := map[string]string{
		"dangling.yaml":               "dangling symbolic link",
		"loop-a.yaml":                 "symbolic link loop",
		"loop-b.yaml":                 "symbolic link loop",
		"loops/real/up":               "symbolic link loop",
		"names/binary.yaml":           "not text",
		"big/ml-systems-copy.yaml":    "over the 29.3 KB size limit",
		"vanish/ml-systems-gone.yaml": "vanished",
	}
	if unreadable {
		want["unreadable.yaml"] = "cannot read file"
	}
	for path, frag := range want {
		if !strings.Contains(got[path], frag) {
			t.Errorf("%s: file diagnostic %q, want one containing %q", path, got[path], frag)
		}
	}
	for path, msg := range got {
		if _, ok := want[path]; !ok {
			t.Errorf("unexpected file diagnostic on %s: %s", path, msg)
		}
	}
	// The good guides, and the oddly named ones, were linted.
	linted := map[string]bool{}
	for _, d := range res.Diagnostics {
		rel, _ := filepath.Rel(dir, d.Path)
		linted[filepath.ToSlash(rel)] = true
	}
	for _, p := range []string{"names/with space.yaml", "names/ünïcödé guide.yaml", "names/empty.yaml"} {
		if !linted[p] {
			t.Errorf("%s was not linted (no diagnostics for an incomplete guide)", p)
		}
	}
	for p := range linted {
		if strings.HasPrefix(p, ".hidden/") || strings.HasSuffix(p, ".txt") {
			t.Errorf("%s was linted; hidden folders and non-guide files are skipped", p)
		}
	}
	if errs, _, _ := res.Count(); errs == 0 {
		t.Error("run with file problems has no errors: the exit status would not say so")
	}
}

// TestNamedPathMissing: a path named on the command line that does not
// exist is a usage error, not a diagnostic.
func TestNamedPathMissing(t *testing.T) {
	_, err := runLint(context.Background(), []string{filepath.Join(t.TempDir(), "nope.yaml")}, Options{})
	var ue *UsageError
	if !errors.As(err, &ue) {
		t.Fatalf("err = %v, want a UsageError", err)
	}
}

// TestNamedFileAnyExtension: a file named on the command line is linted
// whatever its extension.
func TestNamedFileAnyExtension(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "guide.txt")
	writeGuides(t, dir, map[string]string{"guide.txt": "id: guide\n"})
	res, err := runLint(context.Background(), []string{p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 1 || len(res.Diagnostics) == 0 {
		t.Fatalf("files=%d diagnostics=%v", res.Files, res.Diagnostics)
	}
}
