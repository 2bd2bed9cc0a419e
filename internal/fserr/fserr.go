// Package fserr shortens file-system errors for messages that already
// name the file.
package fserr

import (
	"errors"
	"io/fs"
	"os"
)

// Bare returns the cause of a *fs.PathError or *os.LinkError ("permission
// denied" rather than "open guides/a.yaml: permission denied"), for a
// message that names the path itself, or a path the user did not name
// (a temporary file). Other errors are returned as they are.
func Bare(err error) error {
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
