package gitrev

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"io"
	"os/exec"
	"path/filepath"
)

// WorkTree returns the files below dir that git sees (SPEC §11): tracked
// files and untracked ones that no .gitignore, .git/info/exclude or global
// excludes file ignores, as paths relative to dir in the operating
// system's form, and true. It returns false when dir is not inside a git
// work tree, when git ignores dir as a whole (someone who names an
// ignored folder wants it linted), or when git cannot be run; the caller
// then walks dir itself.
//
// A tracked file deleted from the work tree is still listed (the caller
// stats what it lints). Nested repositories and submodules are not
// entered: git does not list their files.
func WorkTree(dir string) ([]string, bool) {
	// core.fsmonitor=false: a repository's own config may name an
	// fsmonitor hook, which "git ls-files" would run; linting a cloned
	// repository must not run its programs.
	cmd := exec.Command("git", "-c", "core.fsmonitor=false", "-C", dir,
		"ls-files", "--cached", "--others", "--exclude-standard", "-z")
	out, err := cmd.Output()
	if err != nil {
		return nil, false
	}
	if len(out) == 0 && ignored(dir) {
		return nil, false
	}
	var files []string
	var prev []byte
	for _, rec := range bytes.Split(out, []byte{0}) {
		// An unmerged path is listed once per stage, one after another;
		// an untracked nested repository as "name/".
		if len(rec) == 0 || rec[len(rec)-1] == '/' || bytes.Equal(rec, prev) {
			continue
		}
		prev = rec
		files = append(files, filepath.FromSlash(string(rec)))
	}
	return files, true
}

// ignored reports whether git ignores the folder dir.
func ignored(dir string) bool {
	return exec.Command("git", "-c", "core.fsmonitor=false", "-C", dir, "check-ignore", "-q", ".").Run() == nil
}

// EachStaged calls add for each regular file of git's index below dir
// (what the next commit holds there), in git's order (by the bytes of
// the path), with its path relative to dir in slash form and its staged
// blob id (raw bytes, not hex; empty when git's is not one), and returns
// true; false as WorkTree says. The slices are good only during the call:
// 100,000 files make no string each. It reads git's index, not the work
// tree: no file is opened or stat'ed. Links, submodules and files in
// conflict (listed once per stage) are left out, and so is a record that
// does not parse. git's output is read as it comes, through one small
// buffer (the listing of 100,000 files is 7 MB, and fresh memory is slow
// to fault in on some machines).
func EachStaged(dir string, add func(path, blob []byte)) bool {
	cmd := exec.Command("git", "-c", "core.fsmonitor=false", "-C", dir, "ls-files", "--stage", "-z")
	out, err := cmd.StdoutPipe()
	if err != nil || cmd.Start() != nil {
		return false
	}
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 64<<10), 1<<20) // a path of up to 1 MB
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		if i := bytes.IndexByte(data, 0); i >= 0 {
			return i + 1, data[:i], nil
		}
		if atEOF && len(data) > 0 {
			return len(data), data, nil
		}
		return 0, nil, nil
	})
	n := 0
	var id [64]byte // SHA-1 or SHA-256
	for sc.Scan() {
		n++
		// "<mode> <blob> <stage>\t<path>"
		meta, path, ok := bytes.Cut(sc.Bytes(), []byte{'\t'})
		if !ok {
			continue
		}
		mode, rest, _ := bytes.Cut(meta, []byte{' '})
		blob, stage, _ := bytes.Cut(rest, []byte{' '})
		if string(stage) != "0" || string(mode) != "100644" && string(mode) != "100755" {
			continue
		}
		w := 0 // an id that is not one names nothing: the file is compared by its stat
		if len(blob) <= 2*len(id) {
			if n, err := hex.Decode(id[:], blob); err == nil {
				w = n
			}
		}
		add(path, id[:w])
	}
	io.Copy(io.Discard, out) // a scan stopped by a bad record: let git finish
	if cmd.Wait() != nil || sc.Err() != nil {
		return false
	}
	if n == 0 && ignored(dir) {
		return false
	}
	return true
}
