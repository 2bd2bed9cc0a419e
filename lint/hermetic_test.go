//go:build unix

package lint

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestRunIsHermetic lints guides whose values point elsewhere: resource
// URLs, "$ref" and "$schema" keys and a yaml-language-server modeline
// naming a server the test listens on, and references to a local file
// that is a named pipe (opening it to read would block, and hang the
// run). Nothing may connect to the server, and the run must finish: no
// code path follows a value to the network or to a file the user did not
// name. A named pipe inside the linted folder is not a guide and is not
// opened either.
func TestRunIsHermetic(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("cannot listen on the loopback: %v", err)
	}
	defer ln.Close()
	var connections atomic.Int32
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			connections.Add(1)
			c.Close()
		}
	}()
	server := "http://" + ln.Addr().String()

	root := t.TempDir()
	secret := filepath.Join(root, "elsewhere", "secret.yaml")
	if err := os.MkdirAll(filepath.Dir(secret), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(secret, 0o644); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
	dir := filepath.Join(root, "guides")
	yamlGuide := fmt.Sprintf(`# yaml-language-server: $schema=%[1]s/schema.json
$schema: %[1]s/schema.json
$ref: %[2]s
id: refs
title: Refs
category: Technical
tagline: Values that point elsewhere.
overview:
  what: {$ref: "%[1]s/what.json"}
  why: [file://%[2]s]
  outcomes: [%[1]s/outcome]
resources:
  items:
    - title: Local
      url: %[1]s/course
      kind: course
      cost: free
    - title: File
      url: file://%[2]s
      kind: book
      cost: free
    - title: Relative
      url: ../elsewhere/secret.yaml
      kind: docs
      cost: free
`, server, secret)
	jsonGuide := fmt.Sprintf(`{"$schema": "%[1]s/schema.json", "$id": "%[1]s/id", "$ref": "file://%[2]s", "id": "json-refs",
 "resources": {"items": [{"title": "t", "url": "%[1]s/x", "kind": "docs", "cost": "free"}]}}`, server, secret)
	writeGuides(t, dir, map[string]string{"refs.yaml": yamlGuide, "refs.json": jsonGuide})
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "link-to-pipe.yaml")); err != nil {
		t.Fatal(err)
	}

	type outcome struct {
		res *Result
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		res, err := runLint(context.Background(), []string{dir}, Options{})
		done <- outcome{res, err}
	}()
	var out outcome
	select {
	case out = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the run hangs: it opened a named pipe it was not asked to read")
	}
	if out.err != nil {
		t.Fatal(out.err)
	}
	time.Sleep(50 * time.Millisecond) // let a late connection be counted
	if n := connections.Load(); n > 0 {
		t.Errorf("the run made %d connections to %s", n, server)
	}
	linted := map[string]bool{}
	for _, d := range out.res.Diagnostics {
		linted[filepath.Base(d.Path)] = true
		if strings.Contains(d.Path, "pipe") {
			t.Errorf("a named pipe was taken for a guide: %v", d)
		}
	}
	if !linted["refs.yaml"] || !linted["refs.json"] {
		t.Errorf("the guides were not linted: %v", out.res.Diagnostics)
	}
	expectDiags(t, out.res.Diagnostics, []wantDiag{
		{"schema", 3, 1, `unknown key "$ref"`},
		{"resource-url", 15, 12, "uses http; use https"},
		{"resource-url", 19, 12, `uses scheme "file"; want https`},
		{"resource-url", 23, 12, "has no scheme"},
	})
}
