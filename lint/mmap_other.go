//go:build !unix

package lint

import (
	"errors"
	"os"
)

// mapFile is not available here: the index is read instead.
func mapFile(*os.File, int64) ([]byte, func(), error) {
	return nil, nil, errors.ErrUnsupported
}
