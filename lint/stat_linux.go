package lint

import (
	"io/fs"
	"syscall"
)

// The stats of a walk and a run, taken straight into an index entry's
// stat: os.Lstat makes a FileInfo on the heap for each, and 100,000 of
// them were a tenth of what a warm run allocated.

// lstatFile is statOf(os.Lstat(path)).
func lstatFile(path string) (fileStat, error) {
	var st syscall.Stat_t
	if err := ignoringEINTR(func() error { return syscall.Lstat(path, &st) }); err != nil {
		return fileStat{}, err
	}
	return entryOfSys(&st), nil
}

// statFile is statOf(os.Stat(path)).
func statFile(path string) (fileStat, error) {
	var st syscall.Stat_t
	if err := ignoringEINTR(func() error { return syscall.Stat(path, &st) }); err != nil {
		return fileStat{}, err
	}
	return entryOfSys(&st), nil
}

func ignoringEINTR(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}

// entryOfSys is the stat part of an entry for st, its mode as package os
// makes a FileMode of it.
func entryOfSys(st *syscall.Stat_t) fileStat {
	mode := fs.FileMode(st.Mode & 0o777)
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFBLK:
		mode |= fs.ModeDevice
	case syscall.S_IFCHR:
		mode |= fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFDIR:
		mode |= fs.ModeDir
	case syscall.S_IFIFO:
		mode |= fs.ModeNamedPipe
	case syscall.S_IFLNK:
		mode |= fs.ModeSymlink
	case syscall.S_IFSOCK:
		mode |= fs.ModeSocket
	}
	if st.Mode&syscall.S_ISGID != 0 {
		mode |= fs.ModeSetgid
	}
	if st.Mode&syscall.S_ISUID != 0 {
		mode |= fs.ModeSetuid
	}
	if st.Mode&syscall.S_ISVTX != 0 {
		mode |= fs.ModeSticky
	}
	return fileStat{
		Dev: uint64(st.Dev), Ino: uint64(st.Ino), Size: st.Size,
		MTime: st.Mtim.Nano(), CTime: st.Ctim.Nano(), Mode: uint32(mode),
	}
}
