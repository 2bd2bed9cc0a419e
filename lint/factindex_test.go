package lint

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestIDIndex: a run on a few named files compares their ids with every
// guide in scope through the index in the cache: a changed guide is read
// again, an unchanged one (same size, mtime, inode, outside the racy
// window) is not.
func TestIDIndex(t *testing.T) {
	dir := t.TempDir()
	writeGuides(t, dir, map[string]string{
		"a.yaml": "id: aaa\n",
		"b.yaml": "id: bbb\n",
		"0.yaml": "id: zzz\n",
	})
	old := time.Now().Add(-time.Hour)
	for _, n := range []string{"a.yaml", "b.yaml", "0.yaml"} {
		if err := os.Chtimes(filepath.Join(dir, n), old, old); err != nil {
			t.Fatal(err)
		}
	}
	cache, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	run := func() string {
		t.Helper()
		res, err := runLint(context.Background(), []string{filepath.Join(dir, "a.yaml")},
			Options{Cache: cache, Scope: []string{dir}, Enable: []string{"id-unique"}, Disable: []string{"schema"}})
		if err != nil {
			t.Fatal(err)
		}
		var msgs []string
		for _, d := range res.Diagnostics {
			if d.Rule == "id-unique" {
				msgs = append(msgs, d.Message)
			}
		}
		return strings.Join(msgs, "\n")
	}
	if got := run(); got != "" {
		t.Fatalf("first run: %q, want no id-unique", got)
	}
	// b changes (size and mtime): it is read again.
	if err := os.WriteFile(filepath.Join(dir, "b.yaml"), []byte("id: aaa # now\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := run(); !strings.Contains(got, "b.yaml") {
		t.Fatalf("after b took a's id: %q, want a finding naming b.yaml", got)
	}
	// 0.yaml changes with its size and mtime kept, as nothing but a tool
	// rewriting it byte for byte in place would: like git, the index
	// trusts it, which shows the unchanged guides are not read again. Read
	// again, it would be named: it sorts before b.yaml, and the message
	// names the first other holder of the id.
	if err := os.WriteFile(filepath.Join(dir, "0.yaml"), []byte("id: aaa\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(filepath.Join(dir, "0.yaml"), old, old); err != nil {
		t.Fatal(err)
	}
	if got := run(); strings.Contains(got, "0.yaml") || !strings.Contains(got, "b.yaml") {
		t.Fatalf("0.yaml was read again although its size, mtime and inode are unchanged: %q", got)
	}
}
