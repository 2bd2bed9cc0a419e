// Package atomicfile replaces files atomically: the new content goes to a
// temporary file in the same folder, which is synced to disk and then
// renamed over the original, so a reader (or a crash, or a full disk) sees
// either the old file or the new one, never a mix.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/skillguides/guidelint/internal/fserr"
)

// Step names one step of a write, for Writer.Hook.
type Step string

// The steps of a write, in order.
const (
	Create Step = "create" // create the temporary file
	Write  Step = "write"  // write the data to it
	Chmod  Step = "chmod"  // give it the mode of the file it replaces
	Sync   Step = "sync"   // flush it to disk
	Close  Step = "close"  // close it
	Rename Step = "rename" // rename it over the target
	Link   Step = "link"   // CreateFile: link it to the new name
)

// Steps lists the steps of a write in the order they happen.
var Steps = []Step{Create, Write, Chmod, Sync, Close, Rename}

// CreateSteps lists the steps of CreateFile in the order they happen.
var CreateSteps = []Step{Create, Write, Sync, Close, Link}

// Writer writes files atomically. The zero value is ready to use.
type Writer struct {
	// Hook, when set, is called before each step; when it returns an
	// error, the step fails with it as if the system had refused (tests
	// use it to simulate a full disk at each step). Whatever step fails,
	// the target is left as it was and the temporary file is removed.
	Hook func(Step) error
	// Wrap, when set, wraps the temporary file as the data is written to
	// it, so that a test can make the write fail part way, as a disk that
	// fills up does.
	Wrap func(io.Writer) io.Writer
}

// WriteFile replaces the file at path with data atomically, with a zero
// Writer.
func WriteFile(path string, data []byte, perm fs.FileMode) error {
	return Writer{}.WriteFile(path, data, perm)
}

// WriteFile replaces the file at path with data atomically. The new file
// keeps the permission bits of the one it replaces; perm is used when path
// does not exist yet (as given: the umask does not apply). When path is a
// symbolic link, the file it points to is replaced and the link is kept;
// a device or named pipe (-o /dev/stdout) is simply written to.
// On failure the target is untouched and no temporary file is left.
func (w Writer) WriteFile(path string, data []byte, perm fs.FileMode) (err error) {
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	}
	mode := perm.Perm()
	switch fi, err := os.Stat(target); {
	case err == nil && fi.IsDir():
		return fmt.Errorf("%s is a folder", path)
	case err == nil && !fi.Mode().IsRegular():
		// A device or a named pipe (-o /dev/stdout): nothing to replace.
		return writeDirect(target, data)
	case err == nil:
		mode = fi.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}

	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	if err := w.step(Create); err != nil {
		return fmt.Errorf("writing %s: creating a temporary file: %w", path, err)
	}
	// A hidden name with a .tmp extension: no guide walker picks it up.
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: creating a temporary file: %w", path, fserr.Bare(err))
	}
	tmp := f.Name()
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				f.Close()
			}
			os.Remove(tmp)
		}
	}()
	if err = w.fill(path, f, data, mode, true); err != nil {
		return err
	}
	closed = true
	if err = w.step(Rename); err == nil {
		err = os.Rename(tmp, target)
	}
	if err != nil {
		return fmt.Errorf("replacing %s: %w", path, fserr.Bare(err))
	}
	syncDir(dir)
	return nil
}

// fill writes data to the temporary file f, gives it its mode (with
// chmod), flushes it to disk and closes it; on failure f may still be
// open.
func (w Writer) fill(path string, f *os.File, data []byte, mode fs.FileMode, chmod bool) (err error) {
	if err = w.step(Write); err == nil {
		var out io.Writer = f
		if w.Wrap != nil {
			out = w.Wrap(f)
		}
		_, err = out.Write(data)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, fserr.Bare(err))
	}
	if chmod {
		if err = w.step(Chmod); err == nil {
			err = f.Chmod(mode)
		}
		if err != nil {
			return fmt.Errorf("writing %s: setting the mode: %w", path, fserr.Bare(err))
		}
	}
	if err = w.step(Sync); err == nil {
		err = f.Sync()
	}
	if err != nil {
		return fmt.Errorf("writing %s: syncing to disk: %w", path, fserr.Bare(err))
	}
	if err = w.step(Close); err == nil {
		err = f.Close()
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, fserr.Bare(err))
	}
	return nil
}

// CreateFile writes a new file at path with data and mode perm, with a
// zero Writer.
func CreateFile(path string, data []byte, perm fs.FileMode) error {
	return Writer{}.CreateFile(path, data, perm)
}

// CreateFile writes a new file at path with data and mode perm (less the
// umask, as for os.WriteFile), and never replaces one: when path exists, or
// comes to exist while the data is written, the error wraps
// fs.ErrExist. The file appears whole or not at all: the data goes to a
// temporary file in the same folder, which is then linked to path (where
// the file system has no hard links, path is created exclusively and
// written in place instead). On failure no temporary file is left.
func (w Writer) CreateFile(path string, data []byte, perm fs.FileMode) (err error) {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s: %w", path, fs.ErrExist)
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if err := w.step(Create); err != nil {
		return fmt.Errorf("writing %s: creating a temporary file: %w", path, err)
	}
	f, err := createTemp(dir, base, perm.Perm())
	if err != nil {
		return fmt.Errorf("writing %s: creating a temporary file: %w", path, fserr.Bare(err))
	}
	tmp := f.Name()
	defer os.Remove(tmp) // linked or not, the temporary name goes
	if err := w.fill(path, f, data, 0, false); err != nil {
		f.Close()
		return err
	}
	if err = w.step(Link); err == nil {
		err = os.Link(tmp, path)
	}
	switch {
	case err == nil:
		syncDir(dir)
		return nil
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s: %w", path, fs.ErrExist)
	case w.Hook == nil && linkUnsupported(err):
		return createInPlace(path, data, perm.Perm())
	}
	return fmt.Errorf("creating %s: %w", path, fserr.Bare(err))
}

// createTemp creates a new file in dir named like os.CreateTemp's
// "."+base+".*.tmp" (hidden, and no guide walker picks it up), but with
// mode perm less the umask, which the file keeps once linked.
func createTemp(dir, base string, perm fs.FileMode) (*os.File, error) {
	for try := 0; ; try++ {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(uint64(rand.Uint32()), 10)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) && try < 10000 {
			continue
		}
		return f, err
	}
}

// linkUnsupported reports whether a link failed because the file system
// has no hard links (FAT, some network and FUSE file systems).
func linkUnsupported(err error) bool {
	return errors.Is(err, errors.ErrUnsupported) || errors.Is(err, fs.ErrPermission) ||
		errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.EMLINK)
}

// createInPlace is CreateFile without hard links: the file is created
// exclusively and removed again when its data cannot be written whole.
func createInPlace(path string, data []byte, perm fs.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, fs.ErrExist)
		}
		return fmt.Errorf("creating %s: %w", path, fserr.Bare(err))
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("writing %s: %w", path, fserr.Bare(err))
	}
	return nil
}

func (w Writer) step(s Step) error {
	if w.Hook == nil {
		return nil
	}
	return w.Hook(s)
}

// syncDir flushes a folder so that a rename in it survives a crash. It is
// best effort: some systems cannot sync folders, and the data itself is
// already on disk.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// writeDirect writes data to a file that is not a regular one.
func writeDirect(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
