package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
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

// fullDisk wraps a writer that takes n bytes, then fails as a full disk
// does.
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

// TestDiskFullPartWay: a write that stops part way leaves the original
// and no temporary file.
func TestDiskFullPartWay(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "g.yaml")
	os.WriteFile(p, []byte("original\n"), 0o644)
	w := Writer{Wrap: func(f io.Writer) io.Writer { return &fullDisk{f, 4} }}
	if err := w.WriteFile(p, []byte("a much longer replacement\n"), 0o644); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("err = %v, want ENOSPC", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "original\n" {
		t.Errorf("original changed to %q", got)
	}
	assertNoTemp(t, dir, 1)

	q := filepath.Join(dir, "new.yaml")
	if err := w.CreateFile(q, []byte("a much longer content\n"), 0o644); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("CreateFile err = %v, want ENOSPC", err)
	}
	if _, err := os.Lstat(q); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("half a new file left behind: %v", err)
	}
	assertNoTemp(t, dir, 1)
}

func TestCreateFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "new.yaml")
	var seen []Step
	w := Writer{Hook: func(s Step) error { seen = append(seen, s); return nil }}
	if err := w.CreateFile(p, []byte("new\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); string(got) != "new\n" {
		t.Errorf("content = %q", got)
	}
	// The umask applies, as for os.WriteFile.
	ref := filepath.Join(t.TempDir(), "ref")
	os.WriteFile(ref, nil, 0o640)
	want, _ := os.Stat(ref)
	if fi, _ := os.Stat(p); fi.Mode().Perm() != want.Mode().Perm() {
		t.Errorf("mode = %v, want %v like os.WriteFile", fi.Mode(), want.Mode())
	}
	if fmt.Sprint(seen) != fmt.Sprint(CreateSteps) {
		t.Errorf("steps = %v, want %v", seen, CreateSteps)
	}
	assertNoTemp(t, dir, 1)

	// An existing file, or a link, is never replaced.
	link := filepath.Join(dir, "link.yaml")
	if runtime.GOOS != "windows" {
		os.Symlink("nowhere", link)
	}
	for _, target := range []string{p, link} {
		if _, err := os.Lstat(target); err != nil {
			continue
		}
		if err := CreateFile(target, []byte("other\n"), 0o644); !errors.Is(err, fs.ErrExist) {
			t.Errorf("CreateFile over %s: err = %v, want ErrExist", filepath.Base(target), err)
		}
	}
	if got, _ := os.ReadFile(p); string(got) != "new\n" {
		t.Errorf("existing file changed to %q", got)
	}
}

// TestCreateFailureAtEachStep: whatever step of CreateFile fails, no file
// and no temporary file is left.
func TestCreateFailureAtEachStep(t *testing.T) {
	for _, step := range CreateSteps {
		step := step
		t.Run(string(step), func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "new.yaml")
			w := Writer{Hook: func(s Step) error {
				if s == step {
					return syscall.ENOSPC
				}
				return nil
			}}
			if err := w.CreateFile(p, []byte("content\n"), 0o644); !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("err = %v, want one wrapping ENOSPC", err)
			}
			assertNoTemp(t, dir, 0)
		})
	}
}

// TestCreateFileRace: of several writers creating one file at once,
// exactly one succeeds and the file holds its data whole.
func TestCreateFileRace(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "new.yaml")
	const n = 8
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		data := bytes.Repeat([]byte{byte('a' + i)}, 1<<16)
		go func() { errs <- CreateFile(p, data, 0o644) }()
	}
	won := 0
	for i := 0; i < n; i++ {
		if err := <-errs; err == nil {
			won++
		} else if !errors.Is(err, fs.ErrExist) {
			t.Errorf("err = %v, want ErrExist", err)
		}
	}
	if won != 1 {
		t.Errorf("%d writers created the file, want 1", won)
	}
	got, _ := os.ReadFile(p)
	if len(got) != 1<<16 || !bytes.Equal(got, bytes.Repeat(got[:1], 1<<16)) {
		t.Errorf("file is not one writer's data whole (%d bytes)", len(got))
	}
	assertNoTemp(t, dir, 1)
}
