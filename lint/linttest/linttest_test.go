package linttest

import (
	"fmt"
	"strings"
	"testing"
)

// TestWants checks the parser of want comments on tricky ones.
func TestWants(t *testing.T) {
	src := "a: 1 # want \"x\" col=3 sev=warning `y\"z`\n" +
		"b: \"# want not a comment\"\n" +
		"# want +1 \"next\"\n" +
		"c: 2\n" +
		"d: 3 # want -3 \"back\"\n"
	ws, err := Wants("f.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, len(ws))
	for i, w := range ws {
		got[i] = fmt.Sprintf("%d %d %s %s", w.Line, w.Column, w.Severity, w.Message)
	}
	want := []string{"1 0 off x", "1 3 warning y\"z", "4 0 off next", "2 0 off back"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Wants = %q, want %q", got, want)
	}
	for _, bad := range []string{"a: 1 # want", "a: 1 # want col=2", "a: 1 # want nope", "a: 1 # want \"(\""} {
		if _, err := Wants("f.yaml", []byte(bad)); err == nil {
			t.Errorf("Wants(%q) succeeded, want an error", bad)
		}
	}
}
