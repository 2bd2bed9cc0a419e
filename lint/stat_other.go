//go:build !linux

package lint

import "os"

// lstatFile is statOf(os.Lstat(path)).
func lstatFile(path string) (fileStat, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return fileStat{}, err
	}
	return statOf(fi), nil
}

// statFile is statOf(os.Stat(path)).
func statFile(path string) (fileStat, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStat{}, err
	}
	return statOf(fi), nil
}
