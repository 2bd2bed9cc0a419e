package lint

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSourcesKept: a run keeps the source of the files with findings
// (standard input included) and only those.
func TestSourcesKept(t *testing.T) {
	dir := t.TempDir()
	chdir(t, dir)
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("bad.yaml", "id: bad\ntitle: [x]\n")
	stdin := "\xEF\xBB\xBFid: in\ntitle: [x]\n" // with a byte order mark
	res, err := runLint(context.Background(), []string{"bad.yaml", "-"}, Options{Stdin: strings.NewReader(stdin), StdinName: "in.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(res.Sources["bad.yaml"]); got != "id: bad\ntitle: [x]\n" {
		t.Errorf("bad.yaml source = %q", got)
	}
	if text, ok := res.Source("in.yaml"); !ok || string(text) != "id: in\ntitle: [x]\n" {
		t.Errorf("stdin source = %q, %v (the byte order mark must go)", text, ok)
	}
	if len(res.Sources) != 2 {
		t.Errorf("sources kept for %d files, want 2", len(res.Sources))
	}
}

func TestSourceUTF16(t *testing.T) {
	// "a: é\n" in UTF-16 little endian with its byte order mark.
	data := []byte{0xFF, 0xFE, 'a', 0, ':', 0, ' ', 0, 0xE9, 0, '\n', 0}
	r := &Result{Sources: map[string][]byte{"u.yaml": data}}
	if text, ok := r.Source("u.yaml"); !ok || string(text) != "a: é\n" {
		t.Errorf("source = %q, %v", text, ok)
	}
	if text, ok := r.Source("other.yaml"); ok || text != nil {
		t.Errorf("source of a file not kept = %q, %v", text, ok)
	}
}
