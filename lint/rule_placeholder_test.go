package lint

import "testing"

// TestMayHoldPlaceholder checks that the fast filter lets through every
// text the regexp matches.
func TestMayHoldPlaceholder(t *testing.T) {
	for s, want := range map[string]bool{
		"TODO": true, "a TBD b": true, "FIXME:": true, "XXX": true, "lorem ipsum": true,
		"LoReM  IpSuM": true, "x Lorem ipsum": true, "llorem ipsum": true,
		"ipsum": true, // let through, though the regexp does not match
		"":      false, "plain text": false, "l": false, "lore": false, "todo": false, "Lorem": false,
	} {
		if got := mayHoldPlaceholder(s); got != want {
			t.Errorf("mayHoldPlaceholder(%q) = %v, want %v", s, got, want)
		}
		if placeholderRE.MatchString(s) && !mayHoldPlaceholder(s) {
			t.Errorf("mayHoldPlaceholder(%q) = false, but the regexp matches", s)
		}
	}
	for s, want := range map[string]bool{
		"psum": true, "PSUM": true, "pSuM": true, "x Ipsum y": true,
		"ipsu": false, "p": false, "P": false, "steps summary": false, "": false,
	} {
		if got := sourceMayHoldPlaceholder([]byte(s)); got != want {
			t.Errorf("sourceMayHoldPlaceholder(%q) = %v, want %v", s, got, want)
		}
	}
	if mayHoldPlaceholder("plain text with no markers at all") {
		t.Error("mayHoldPlaceholder lets plain text through")
	}
}

// FuzzPlaceholderPrefilter: the cheap prefilter never rejects a text the
// rule's regexp would report.
func FuzzPlaceholderPrefilter(f *testing.F) {
	for _, s := range []string{"TODO", "a TBD b", "Lorem Ipsum", "lorem\tIPSUM dolor", "XXXL", "fixme"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if placeholderRE.MatchString(s) && !mayHoldPlaceholder(s) {
			t.Errorf("mayHoldPlaceholder(%q) = false, but the regexp matches", s)
		}
		if placeholderRE.MatchString(s) && !sourceMayHoldPlaceholder([]byte(s)) {
			t.Errorf("sourceMayHoldPlaceholder(%q) = false, but the regexp matches", s)
		}
	})
}
