package format

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/skillguides/guidelint/guide"
)

// TestCommentsParserDrops: comments yaml.v3 drops while parsing are found
// in the text and kept (or the file is refused, naming the comment's
// line), never lost silently.
func TestCommentsParserDrops(t *testing.T) {
	for _, tc := range []struct {
		name, src string
	}{
		{"after [", "id: x\noverview:\n  why: [ # agreed with the board\n    a, b ]\n"},
		{"after {", "id: x\noverview: { # all of it\n  what: w }\n"},
		{"after anchor", "id: x\noverview:\n  why: &w # shared\n    - a\n"},
		{"after tag", "id: x\noverview:\n  why: !!seq # a list\n    - a\n"},
		{"after anchor of mapping", "id: x\noverview: &o # shared\n  what: w\n"},
		{"document end", "id: x\n... # end\n"},
		{"before document end", "id: x\n# closing\n...\n"},
		{"before and on document end", "id: x\ntitle: t\n# one\n... # two\n"},
		{"inside flow, own line", "id: x\ntags: [a,\n  # between\n  b]\n"},
		{"after flow item", "id: x\ntags: [a, # first\n  b]\n"},
		{"after key of flow map", "id: x\noverview: {what: # w\n  w}\n"},
		{"document start", "--- # head\nid: x\n"},
		{"directive", "%YAML 1.1 # version\n---\nid: x\n"},
		{"after dash", "id: x\nlevels:\n  - # the first\n    name: A\n"},
		{"after tag of flow list", "id: x\noverview:\n  why: !!seq [ # tagged\n    a ]\n"},
		{"after anchor and [", "id: x\noverview:\n  why: &w [ # both\n    a ]\n"},
		{"nested flow", "id: x\noverview: {why: [ # deep\n  a], what: w}\n"},
		{"flow map value line", "id: x\noverview: {what:\n  # above the value\n  w}\n"},
		{"after block header", "id: x\noverview:\n  what: |- # literal\n    w\n"},
		{"several before end", "id: x\n# one\n# two\n...\n"},
		{"hashtag beside a tagged null", "0: !00000000 #0\n00000: A\n"},
		{"hashtag after a flow mapping", "0: &m {0}#000000\n"},
		{"hashtag after text yaml.v3 quotes", "0: 0\t0 #0\n"},
		{"after complex key", "id: x\n? tagline # the key\n: t\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := guide.Parse("x.yaml", []byte(tc.src)); err != nil {
				t.Skipf("does not parse: %v", err)
			}
			want := commentLines([]byte(tc.src))
			if len(want) == 0 {
				t.Fatal("the scan finds no comment")
			}
			out, err := Source("x.yaml", []byte(tc.src))
			if err != nil {
				var list guide.ErrorList
				if !errors.As(err, &list) || !strings.Contains(err.Error(), "would be lost") && !strings.Contains(err.Error(), "cut-text") {
					t.Fatalf("got %v, want a positioned refusal", err)
				}
				line := strings.Split(tc.src, "\n")[list[0].Pos.Line-1]
				if !strings.Contains(line[list[0].Pos.Col-1:], "#") {
					t.Errorf("refusal at %v names no comment: %q", list[0].Pos, line)
				}
				t.Logf("refused: %v", err)
				return
			}
			if diff := cmp.Diff(want, commentLines(out)); diff != "" {
				t.Errorf("comments differ (-source +formatted):\n%s\n%s", diff, out)
			}
			checkProperties(t, "x.yaml", []byte(tc.src))
		})
	}
}

// TestIgnoresKeepCovering: formatting does not change what a
// guidelint:ignore comment suppresses, nor any other finding.
func TestIgnoresKeepCovering(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		rule      string // a finding the source suppresses
	}{
		{"trailing on a flow list", "id: x\noverview:\n  why: [a, a] # guidelint:ignore duplicate\n  what: w\n", "duplicate"},
		{"own line above a reordered item", "id: x\nusage:\n  use_cases:\n    # guidelint:ignore placeholder\n    - description: TBD\n      title: U\n", "placeholder"},
		{"trailing on a reordered item", "id: x\nusage:\n  use_cases:\n    - description: TBD # guidelint:ignore placeholder\n      title: U\n", "placeholder"},
		{"above the second line", "title: TBD\n# guidelint:ignore placeholder\ntagline: TBD\nid: x\n", "placeholder"},
		{"above the first line", "# guidelint:ignore placeholder\ntitle: TBD\nid: x\n", "placeholder"},
		{"trailing on the first line", "title: TBD # guidelint:ignore placeholder\nid: x\n", "placeholder"},
		{"schema above the first key", "# guidelint:ignore schema\ntitle: T\nid: x\n", "schema"},
		{"trailing on a flow mapping item", "id: x\nusage:\n  use_cases:\n    - {description: TBD, title: U} # guidelint:ignore placeholder\n", "placeholder"},
		{"on a key with a flow list", "id: x\noverview:\n  why: [a,\n    a] # guidelint:ignore duplicate\n", "duplicate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			before := findings(t, "x.yaml", src)
			without := findings(t, "x.yaml", []byte(strings.ReplaceAll(tc.src, "guidelint:ignore", "guidelint-was-ignore")))
			if !moreOf(without, before, tc.rule+":") {
				t.Fatalf("the source suppresses no %s finding; the case tests nothing", tc.rule)
			}
			out, err := Source("x.yaml", src)
			if err != nil {
				var list guide.ErrorList
				if !errors.As(err, &list) {
					t.Fatalf("got %v, want a positioned refusal", err)
				}
				t.Logf("refused: %v", err)
				return
			}
			if diff := cmp.Diff(before, findings(t, "x.yaml", out)); diff != "" {
				t.Errorf("findings changed (-source +formatted):\n%s\n%s", diff, out)
			}
			checkProperties(t, "x.yaml", src)
		})
	}
}

// moreOf reports whether a counts more findings with the prefix than b.
func moreOf(a, b map[string]int, prefix string) bool {
	n := 0
	for k, c := range a {
		if strings.HasPrefix(k, prefix) {
			n += c
		}
	}
	for k, c := range b {
		if strings.HasPrefix(k, prefix) {
			n -= c
		}
	}
	return n > 0
}

// TestPrintableNotEscaped: characters outside the Basic Multilingual Plane
// that are printable (emoji, rare ideographs) are written as they are,
// in the scalar's own style; block scalars stay block scalars.
func TestPrintableNotEscaped(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"single-quoted emoji", "tagline: 'Ship it 🚀 fast'\nid: x\n", "id: x\ntagline: 'Ship it 🚀 fast'\n"},
		{"plain ideograph", "title: 𠮷野家\nid: x\n", "id: x\ntitle: 𠮷野家\n"},
		{"double-quoted", "id: \"a 😀 \\t b\"\n", "id: \"a 😀 \\t b\"\n"},
		{"literal block", "id: x\noverview:\n  what: |\n    Launch 🚀\n    day\n", "id: x\noverview:\n  what: |\n    Launch 🚀\n    day\n"},
		{"folded block", "id: x\noverview:\n  what: >-\n    Launch 🚀\n    day\n", "id: x\noverview:\n  what: >-\n    Launch 🚀 day\n"},
		{"key and flow list", "id: x\nx-🎉: [👍, 𝒳]\n", "id: x\nx-🎉:\n  - 👍\n  - 𝒳\n"},
		{"same as a private-use character", "id: \"\\uE000 🚀\"\n", "id: \"\uE000 🚀\"\n"},
		{"unprintable stays escaped", "id: \"tag \\U000E0041\"\n", "id: \"tag \\U000E0041\"\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Source("x.yaml", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, string(out)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			checkProperties(t, "x.yaml", []byte(tc.src))
		})
	}
}

// TestBlankLinesBesideHashText: text that starts a line with "#" (the
// last line of a block scalar, a line of a quoted scalar) is not a
// comment, and leaves the file's blank lines alone.
func TestBlankLinesBesideHashText(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"block scalar",
			"id: x\n\ntitle: t\n\noverview:\n  what: |\n    Use it like this:\n    # not a comment\n\n  why: [w]\n\nlevels: []\n",
			"id: x\n\ntitle: t\n\noverview:\n  what: |\n    Use it like this:\n    # not a comment\n\n  why:\n    - w\n\nlevels: []\n"},
		{"kept block scalar",
			"id: x\n\noverview:\n  what: |+\n    text\n    # more text\n\n  why: [w]\n",
			"id: x\n\noverview:\n  what: |+\n    text\n    # more text\n\n  why:\n    - w\n"},
		{"quoted scalar",
			"id: x\n\ntitle: \"a\n  # b\"\n\nlevels: []\n",
			"id: x\n\ntitle: \"a # b\"\n\nlevels: []\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Source("x.yaml", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, string(out)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			checkProperties(t, "x.yaml", []byte(tc.src))
		})
	}
}
