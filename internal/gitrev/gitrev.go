// Package gitrev reads the files of a git revision through the real git
// command, without checking anything out: "git ls-tree" lists the blobs,
// one "git cat-file --batch" reads them.
package gitrev

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
)

// File is a file of a revision.
type File struct {
	// Path is relative to the repository's root, with slashes.
	Path string
	Data []byte
}

// Files returns the regular files of revision rev of the repository at
// root (its work tree's top folder) for which keep, given the file's path
// and size, says yes (so a caller reads only what it lints, and nothing
// over its size limit). An unknown revision is an error that says so.
func Files(root, rev string, keep func(path string, size int64) bool) ([]File, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("revision %q: a revision may not start with \"-\"", rev)
	}
	verify := exec.Command("git", "-C", root, "rev-parse", "--verify", "--quiet", rev+"^{tree}")
	if out, err := verify.Output(); err != nil || len(bytes.TrimSpace(out)) == 0 {
		var ee *exec.Error
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("git is needed to read revision %s: %v", rev, err)
		}
		return nil, fmt.Errorf("revision %q is not a commit of %s (a shallow clone may lack it: fetch it first)", rev, root)
	}
	ls := exec.Command("git", "-C", root, "ls-tree", "-r", "-z", "--long", "--full-tree", rev)
	out, err := ls.Output()
	if err != nil {
		return nil, fmt.Errorf("git ls-tree %s: %v", rev, gitErr(err))
	}
	type blob struct {
		path, id string
	}
	var blobs []blob
	for _, rec := range bytes.Split(out, []byte{0}) {
		if len(rec) == 0 {
			continue
		}
		// "<mode> SP <type> SP <object> SP+ <size> TAB <path>"
		meta, path, ok := bytes.Cut(rec, []byte{'\t'})
		if !ok {
			continue
		}
		f := strings.Fields(string(meta))
		if len(f) != 4 || f[1] != "blob" || (f[0] != "100644" && f[0] != "100755") {
			continue // links, submodules
		}
		size, err := strconv.ParseInt(f[3], 10, 64)
		if err != nil || !keep(string(path), size) {
			continue
		}
		blobs = append(blobs, blob{string(path), f[2]})
	}
	if len(blobs) == 0 {
		return nil, nil
	}
	cat := exec.Command("git", "-C", root, "cat-file", "--batch")
	var in bytes.Buffer
	for _, b := range blobs {
		in.WriteString(b.id + "\n")
	}
	cat.Stdin = &in
	stdout, err := cat.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cat.Start(); err != nil {
		return nil, fmt.Errorf("git cat-file: %v", err)
	}
	r := bufio.NewReader(stdout)
	files := make([]File, 0, len(blobs))
	for _, b := range blobs {
		// "<object> SP <type> SP <size> LF <contents> LF"
		header, err := r.ReadString('\n')
		if err != nil {
			cat.Wait()
			return nil, fmt.Errorf("git cat-file: %v", err)
		}
		f := strings.Fields(header)
		if len(f) != 3 {
			cat.Wait()
			return nil, fmt.Errorf("git cat-file: unexpected %q", strings.TrimSpace(header))
		}
		size, err := strconv.Atoi(f[2])
		if err != nil {
			cat.Wait()
			return nil, fmt.Errorf("git cat-file: unexpected %q", strings.TrimSpace(header))
		}
		data := make([]byte, size+1) // and the LF after it
		if _, err := io.ReadFull(r, data); err != nil {
			cat.Wait()
			return nil, fmt.Errorf("git cat-file: %v", err)
		}
		files = append(files, File{Path: b.path, Data: data[:size]})
	}
	if err := cat.Wait(); err != nil {
		return nil, fmt.Errorf("git cat-file: %v", gitErr(err))
	}
	return files, nil
}

func gitErr(err error) error {
	var ee *exec.ExitError
	if errors.As(err, &ee) && len(ee.Stderr) > 0 {
		return errors.New(strings.TrimSpace(string(ee.Stderr)))
	}
	return err
}
