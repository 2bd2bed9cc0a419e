// Package atomicfile replaces files atomically: the new content goes to a
// temporary file in the same folder, which is synced to disk and then
// renamed over the original, so a reader (or a crash, or a full disk) sees
// either the old file or the new one, never a mix.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
)

// Steps lists the steps of a write in the order they happen.
var Steps = []Step{Create, Write, Chmod, Sync, Close, Rename}

// Writer writes files atomically. The zero value is ready to use.
type Writer struct {
	// Hook, when set, is called before each step; when it returns an
	// error, the step fails with it as if the system had refused (tests
	// use it to simulate a full disk at each step). Whatever step fails,
	// the target is left as it was and the temporary file is removed.
	Hook func(Step) error
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
		return fmt.Errorf("writing %s: creating a temporary file: %w", path, unwrapPath(err))
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
	if err = w.step(Write); err == nil {
		_, err = f.Write(data)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err = w.step(Chmod); err == nil {
		err = f.Chmod(mode)
	}
	if err != nil {
		return fmt.Errorf("writing %s: setting the mode: %w", path, unwrapPath(err))
	}
	if err = w.step(Sync); err == nil {
		err = f.Sync()
	}
	if err != nil {
		return fmt.Errorf("writing %s: syncing to disk: %w", path, unwrapPath(err))
	}
	if err = w.step(Close); err == nil {
		err = f.Close()
		closed = err == nil
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err = w.step(Rename); err == nil {
		err = os.Rename(tmp, target)
	}
	if err != nil {
		return fmt.Errorf("replacing %s: %w", path, unwrapPath(err))
	}
	syncDir(dir)
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

// unwrapPath drops the temporary file's name from an error: it means
// nothing to the user, who named the target.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
