//go:build !linux

package lint

import "os"

// lstatEntry is statOf(os.Lstat(path)).
func lstatEntry(path string) (statEntry, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return statEntry{}, err
	}
	return statOf(fi), nil
}

// statEntryOf is statOf(os.Stat(path)).
func statEntryOf(path string) (statEntry, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return statEntry{}, err
	}
	return statOf(fi), nil
}
