// Package testshared locates the ../shared folder that sits beside a
// checkout in the project's CI (official JSON Schemas, the seed guide).
// A user's clone does not have it, so tests that need it skip with a
// clear message; CI sets GUIDELINT_REQUIRE_SHARED=1 to make them fail
// instead, so a skip can never pass unnoticed there.
package testshared

import (
	"os"
	"path/filepath"
	"testing"
)

// EnvRequire is the variable that turns a missing shared folder from a
// skip into a failure.
const EnvRequire = "GUIDELINT_REQUIRE_SHARED"

// Dir returns the shared folder, or skips (fails under EnvRequire) when it
// is absent. It is found as GUIDELINT_SHARED, or as ../shared from the
// module root.
func Dir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("GUIDELINT_SHARED")
	if dir == "" {
		root, err := moduleRoot()
		if err == nil {
			dir = filepath.Join(filepath.Dir(root), "shared")
		}
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		if os.Getenv(EnvRequire) != "" {
			t.Fatalf("shared folder %q not found, and %s is set", dir, EnvRequire)
		}
		t.Skipf("skipping: needs the project's shared folder (official schemas, seed text) beside the checkout at %q; set GUIDELINT_SHARED to point at it", dir)
	}
	return dir
}

// File returns a file of the shared folder (skipping as Dir does).
func File(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(Dir(t), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		if os.Getenv(EnvRequire) != "" {
			t.Fatalf("shared file %s: %v", p, err)
		}
		t.Skipf("skipping: shared file %s not found", p)
	}
	return p
}

// moduleRoot walks up from the working directory to the folder holding
// go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
