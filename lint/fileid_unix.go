//go:build unix

package lint

import (
	"io/fs"
	"syscall"
)

// idOf returns the device and inode of a file, to recognise a folder
// reached twice through links.
func idOf(fi fs.FileInfo) (fileID, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{uint64(st.Dev), uint64(st.Ino)}, true
}
