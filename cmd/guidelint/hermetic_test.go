package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoNetworkCode: no library package guidelint ships links the
// network stack, no package of guidelint's own imports it, and none but
// internal/gitrev, which runs the git command to read a revision for
// --new-from-rev, can start a program; the library packages cannot at
// all. The command links the network stack through the language
// server's protocol modules alone (go.lsp.dev/jsonrpc2 has TCP
// listeners, go.uber.org/zap an HTTP log-level handler), which
// internal/lsp never calls: it serves standard input and output. So no
// input can make it reach the network. With the schema
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
			if pkg == "github.com/skillguides/guidelint/cmd/guidelint" {
				continue // checked below, import by import
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
	// Who links the network stack: the protocol modules, and nothing
	// else outside the standard library.
	netUsers := map[string]bool{"go.lsp.dev/jsonrpc2": true, "go.uber.org/zap": true}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || !strings.Contains(strings.SplitN(f[0], "/", 2)[0], ".") {
			continue // the standard library
		}
		for _, imp := range f[1:] {
			if imp == "os/exec" {
				continue // checked above
			}
			if (forbidden[imp] || strings.HasPrefix(imp, "net/http/")) && !netUsers[f[0]] {
				t.Errorf("%s imports %s; only %v may", f[0], imp, netUsers)
			}
		}
	}
}
