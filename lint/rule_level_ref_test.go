package lint

import (
	"fmt"
	"strings"
	"testing"
)

// TestLevelRefManyLevels: thousands of levels and of references to none
// of them. A guess and the whole list for each reference made a 177 KB
// file take 26 s and print 123 MB; the report stays one short line a
// reference.
func TestLevelRefManyLevels(t *testing.T) {
	const n = 5000
	var b strings.Builder
	b.WriteString("id: many\nlevels:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - name: Level %d\n", i)
	}
	b.WriteString("usage:\n  use_cases:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "    - {title: T%d, level: Nope %d}\n", i, i)
	}
	s := mustNew(t, Options{Rules: []*Rule{levelRef()}})
	diags := checkFile(s, "many.yaml", []byte(b.String())).Diags
	if len(diags) != n {
		t.Fatalf("%d findings; want %d", len(diags), n)
	}
	for _, d := range diags {
		if len(d.Message) > 300 || !strings.HasSuffix(d.Message, fmt.Sprintf("(and %d more levels)", n-maxListedLevels)) {
			t.Fatalf("message %q: want a short one ending in the count of levels left out", d.Message)
		}
	}
}

// TestLevelRefFixPointerPastMalformedItems: the typed lists leave out items
// that are not mappings, but a fix's pointer names the item's index in
// the list as written.
func TestLevelRefFixPointerPastMalformedItems(t *testing.T) {
	src := "levels:\n  - name: Beginner\nusage:\n  use_cases:\n    - not a mapping\n    - [nor, this]\n    - {title: A, level: beginner}\n" +
		"portfolio:\n  projects:\n    - {title: B, level: BEGINNER}\n"
	s := mustNew(t, Options{Rules: []*Rule{levelRef()}})
	var got []string
	for _, d := range checkFile(s, "x.yaml", []byte(src)).Diags {
		if d.Fix != nil {
			got = append(got, d.Fix.Pointer)
		}
	}
	if want := "[/usage/use_cases/2/level /portfolio/projects/0/level]"; fmt.Sprint(got) != want {
		t.Errorf("fix pointers %v, want %s", got, want)
	}
}
