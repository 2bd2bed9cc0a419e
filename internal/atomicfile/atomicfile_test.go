package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
)

func TestWriteFileReplacesKeepingMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "g.yaml")
	if err := os.WriteFile(p, []byte("old\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("new\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "new\n" {
		t.Errorf("content = %q, want %q", got, "new\n")
	}
	fi, _ := os.Stat(p)
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want -rw-r-----", fi.Mode())
	}
	assertNoTemp(t, dir, 1)
}

func TestWriteFileCreates(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "new.md")
	if err := WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o644 {
		t.Errorf("mode = %v, want -rw-r--r--", fi.Mode())
	}
}

func TestWriteFileKeepsSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := t.TempDir()
	real := filepath.Join(dir, "real.yaml")
	link := filepath.Join(dir, "link.yaml")
	os.WriteFile(real, []byte("old"), 0o644)
	if err := os.Symlink("real.yaml", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if got, _ := os.ReadFile(real); string(got) != "new" {
		t.Errorf("target = %q, want %q", got, "new")
	}
}

func TestWriteFileRefusesFolder(t *testing.T) {
	if err := WriteFile(t.TempDir(), []byte("x"), 0o644); err == nil {
		t.Error("writing over a folder succeeded")
	}
}

// TestFailureAtEachStep simulates a full disk at every step: the error
// says so, the original file keeps its content and mode, and no temporary
// file is left behind.
func TestFailureAtEachStep(t *testing.T) {
	for _, step := range Steps {
		step := step
		t.Run(string(step), func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "g.yaml")
			os.WriteFile(p, []byte("original\n"), 0o600)
			os.Chmod(p, 0o600)
			var seen []Step
			w := Writer{Hook: func(s Step) error {
				seen = append(seen, s)
				if s == step {
					return syscall.ENOSPC
				}
				return nil
			}}
			err := w.WriteFile(p, []byte("replacement\n"), 0o644)
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("err = %v, want one wrapping ENOSPC", err)
			}
			if seen[len(seen)-1] != step {
				t.Errorf("steps run: %v; want them to stop at %s", seen, step)
			}
			got, _ := os.ReadFile(p)
			if string(got) != "original\n" {
				t.Errorf("original changed to %q", got)
			}
			if fi, _ := os.Stat(p); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
				t.Errorf("mode changed to %v", fi.Mode())
			}
			assertNoTemp(t, dir, 1)
		})
	}
}

func TestStepsInOrder(t *testing.T) {
	var seen []Step
	w := Writer{Hook: func(s Step) error { seen = append(seen, s); return nil }}
	if err := w.WriteFile(filepath.Join(t.TempDir(), "f"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if len(seen) != len(Steps) {
		t.Fatalf("steps = %v, want %v", seen, Steps)
	}
	for i := range Steps {
		if seen[i] != Steps[i] {
			t.Fatalf("steps = %v, want %v", seen, Steps)
		}
	}
}

// assertNoTemp checks that dir holds only the n files the test made.
func assertNoTemp(t *testing.T, dir string, n int) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != n {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v; a temporary file was left behind", names)
	}
}

func TestWriteFileDevice(t *testing.T) {
	if _, err := os.Stat(os.DevNull); err != nil {
		t.Skip("no null device")
	}
	if err := WriteFile(os.DevNull, []byte("x"), 0o644); err != nil {
		t.Errorf("writing to %s: %v", os.DevNull, err)
	}
}
