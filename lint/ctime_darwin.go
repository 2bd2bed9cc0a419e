package lint

import (
	"io/fs"
	"syscall"
)

// ctimeOf is a file's change time in nanoseconds: it moves on every
// write, even one that sets the modification time back.
func ctimeOf(fi fs.FileInfo) int64 {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0
	}
	return st.Ctimespec.Nano()
}
