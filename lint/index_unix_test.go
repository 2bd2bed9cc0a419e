//go:build unix

package lint

import (
	"os"
	"syscall"
	"testing"
	"time"
)

// withInode is the stat of real with its modification time set to mtime
// and its inode moved by delta; all else, the change time among it, kept.
func withInode(t *testing.T, real os.FileInfo, mtime time.Time, delta uint64) os.FileInfo {
	t.Helper()
	st, ok := real.Sys().(*syscall.Stat_t)
	if !ok {
		t.Skip("no stat record on this system")
	}
	cp := *st
	cp.Ino += delta
	return fakeStat{size: real.Size(), mtime: mtime, sys: &cp}
}
