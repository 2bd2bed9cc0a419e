package lint

import "testing"

// TestMayHoldPlaceholder checks that the fast filter lets through every
// text the regexp matches.
func TestMayHoldPlaceholder(t *testing.T) {
	for s, want := range map[string]bool{
		"TODO": true, "a TBD b": true, "FIXME:": true, "XXX": true, "lorem ipsum": true,
		"LoReM  IpSuM": true, "x Lorem ipsum": true, "llorem ipsum": true,
		"ipsum": true, // let through, though it is no placeholder
		"":      false, "plain text": false, "l": false, "lore": false, "todo": false, "Lorem": false,
	} {
		if got := mayHoldPlaceholder(s); got != want {
			t.Errorf("mayHoldPlaceholder(%q) = %v, want %v", s, got, want)
		}
		if findPlaceholder(s) != "" && !mayHoldPlaceholder(s) {
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
		if findPlaceholder(s) != "" && !mayHoldPlaceholder(s) {
			t.Errorf("mayHoldPlaceholder(%q) = false, but the regexp matches", s)
		}
		if findPlaceholder(s) != "" && !sourceMayHoldPlaceholder([]byte(s)) {
			t.Errorf("sourceMayHoldPlaceholder(%q) = false, but the regexp matches", s)
		}
	})
}

// TestFindPlaceholder: markers are found, mentions are not (issue 16).
func TestFindPlaceholder(t *testing.T) {
	for s, want := range map[string]string{
		"TODO":                             "TODO",
		"TBD.":                             "TBD",
		"FIXME: pick one":                  "FIXME",
		"  XXX":                            "XXX",
		"TODO write the summary":           "TODO",
		"Coming soon (TBD).":               "(TBD)",
		"Budget: [TBD]":                    "[TBD]",
		"Owner <TODO>":                     "<TODO>",
		"still holding a TODO: write this": "TODO",
		"Lorem ipsum dolor sit amet…":      "Lorem ipsum",
		"LOREM   IPSUM":                    "LOREM   IPSUM",
		"読む guides: TODO":                  "TODO",
		"Owner: TBD.":                      "TBD",
		// Mentions.
		"SSNs shown as XXX-XX-1234":                                  "",
		"a TBD-free research plan":                                   "",
		"testing prototypes filled with lorem ipsum":                 "",
		`Manifests full of "# TODO: set resource requests" comments`: "",
		"Review the `TODO:` comments of a pull request":              "",
		"TODO-list driven, TBD":                                      "",
		"Todo apps, TBDs and FIXMEs in review, XXXL data, TODOS":     "",
		"AUTODOC_TODO_X":                                             "",
	} {
		if got := findPlaceholder(s); got != want {
			t.Errorf("findPlaceholder(%q) = %q, want %q", s, got, want)
		}
	}
}
