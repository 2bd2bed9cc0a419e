package lint

import (
	"context"
	"github.com/google/go-cmp/cmp"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestIDIndex: a run on a few named files compares their ids with every
// guide in scope through the stat index in the cache: a changed guide is
// read again, an unchanged one is not; one rewritten in place with its
// size and modification time kept is seen by its change time.
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
	rec := recordOpens(t)
	var opened []string
	run := func() string {
		t.Helper()
		rec.take()
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
		opened = rec.take()
		return strings.Join(msgs, "\n")
	}
	if got := run(); got != "" {
		t.Fatalf("first run: %q, want no id-unique", got)
	}
	// rewrite writes a guide with its times set back to old, lest it be
	// racy (written within the clock tick of the index, it would be read
	// again by the next run too).
	rewrite := func(name, data string) {
		t.Helper()
		writeGuides(t, dir, map[string]string{name: data})
		if err := os.Chtimes(filepath.Join(dir, name), old, old); err != nil {
			t.Fatal(err)
		}
	}
	// b changes (size and mtime): it is read again.
	rewrite("b.yaml", "id: aaa # now\n")
	if got := run(); !strings.Contains(got, "b.yaml") || !cmp.Equal(opened, []string{"b.yaml"}) {
		t.Fatalf("after b took a's id: %q, opened %v; want a finding naming b.yaml, and only b.yaml opened", got, opened)
	}
	if got := run(); !cmp.Equal(opened, []string(nil)) {
		t.Fatalf("unchanged: %q, opened %v; want nothing opened", got, opened)
	}
	// 0.yaml changes with its size and mtime kept, as nothing but a tool
	// rewriting it byte for byte in place would: its change time tells.
	rewrite("0.yaml", "id: aaa\n")
	if got := run(); !strings.Contains(got, "0.yaml") || !cmp.Equal(opened, []string{"0.yaml"}) {
		t.Fatalf("0.yaml rewritten in place: %q, opened %v; want it read and named", got, opened)
	}
}
