package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoNetworkCode: no package guidelint ships (the command and the
// library packages, tests aside) links the network stack, and none but
// internal/gitrev, which runs the git command to read a revision for
// --new-from-rev, can start a program; the library packages cannot at
// all. So no input can make it reach the network. With the schema
// compiler's refusing loader (schema.TestCompilerIsHermetic) and
// lint.TestRunIsHermetic, this is what "hermetic" rests on. net/url and
// net/netip only parse text and are allowed.
func TestNoNetworkCode(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	forbidden := map[string]bool{
		"net": true, "net/http": true, "net/rpc": true, "net/smtp": true,
		"crypto/tls": true, "os/exec": true, "plugin": true,
	}
	pkgs := []string{
		"github.com/skillguides/guidelint/cmd/guidelint",
		"github.com/skillguides/guidelint/guide",
		"github.com/skillguides/guidelint/schema",
		"github.com/skillguides/guidelint/lint",
		"github.com/skillguides/guidelint/format",
		"github.com/skillguides/guidelint/render",
	}
	for _, pkg := range pkgs {
		out, err := exec.Command(goTool, "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		deps := strings.Fields(string(out))
		if len(deps) < 10 {
			t.Fatalf("go list -deps %s listed only %v", pkg, deps)
		}
		for _, dep := range deps {
			if dep == "os/exec" && pkg == "github.com/skillguides/guidelint/cmd/guidelint" {
				continue // checked below: through internal/gitrev only
			}
			if forbidden[dep] || strings.HasPrefix(dep, "net/http/") {
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
	out, err := exec.Command(goTool, "list", "-deps", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "github.com/skillguides/guidelint/cmd/guidelint").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || !strings.HasPrefix(f[0], "github.com/skillguides/guidelint/") {
			continue
		}
		for _, imp := range f[1:] {
			if imp == "os/exec" && f[0] != "github.com/skillguides/guidelint/internal/gitrev" {
				t.Errorf("%s imports os/exec; only internal/gitrev may (to run git)", f[0])
			}
		}
	}
}
