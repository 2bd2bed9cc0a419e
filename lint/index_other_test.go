//go:build !unix

package lint

import (
	"os"
	"testing"
	"time"
)

// withInode: no inodes here.
func withInode(t *testing.T, _ os.FileInfo, _ time.Time, _ uint64) os.FileInfo {
	t.Skip("no inodes on this system")
	return nil
}
