package fserr

import (
	"errors"
	"io/fs"
	"os"
	"testing"
)

func TestBare(t *testing.T) {
	_, err := os.Open("/nonexistent/guide.yaml")
	if got := Bare(err); !errors.Is(got, fs.ErrNotExist) || got.Error() != "no such file or directory" {
		t.Errorf("Bare(%v) = %v", err, got)
	}
	link := &os.LinkError{Op: "rename", Old: "a.tmp", New: "a", Err: fs.ErrPermission}
	if got := Bare(link); got != fs.ErrPermission {
		t.Errorf("Bare(%v) = %v", link, got)
	}
	other := errors.New("other")
	if got := Bare(other); got != other {
		t.Errorf("Bare(%v) = %v", other, got)
	}
}
