//go:build unix

package lint

import (
	"os"
	"syscall"
)

// mapFile maps the first size bytes of f read-only, and returns them and
// how to unmap them. The stat index is replaced by rename, never written
// in place, so the bytes mapped cannot change under a run (git maps its
// index for the same reason). Reading 26 MB into fresh memory cost a
// warm run over 100,000 guides 0.13 s; mapping them 3 ms: the pages are
// the page cache's.
func mapFile(f *os.File, size int64) ([]byte, func(), error) {
	if size <= 0 || int64(int(size)) != size {
		return nil, nil, syscall.EINVAL
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return b, func() { syscall.Munmap(b) }, nil
}
