package render

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillguides/guidelint/guide"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestHTMLGolden compares whole pages with testdata/NAME.html.golden
// (-update rewrites them; review the diff): the complete example, and a
// guide with every section malformed or partial. The browser test
// (scripts/test-page) checks how such pages look; this one pins what they
// hold.
func TestHTMLGolden(t *testing.T) {
	for name, g := range map[string]*guide.SkillGuide{
		"ml-systems": load(t, "../examples/ml-systems.yaml"),
		"broken":     mustParse(t, brokenGuide),
	} {
		t.Run(name, func(t *testing.T) {
			got := htmlOf(t, g)
			path := filepath.Join("testdata", name+".html.golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./render -run TestHTMLGolden -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("page differs from %s (-want +got):\n%s", path, diff)
			}
		})
	}
}

// brokenGuide has every section, most of them malformed.
const brokenGuide = `id: 7
title: [not, a, string]
stats: {learning_phases: x}
overview: {why: [1, null, "", ok]}
misconceptions: [x, {misconception: m}]
usage: {use_cases: [null, {title: u}]}
levels: [null, {name: A}, {duration: 3 months}]
sub_skills: [{name: S, weight: 250}, {weight: -5}, {name: T, weight: nan}]
learning_path: {phases: [{}, {hours: 0}]}
portfolio: {projects: [{}]}
assessment: {quiz: [{options: [a]}, {}]}
keywords: {}
resources: {items: [{url: "javascript:alert(1)"}, {title: t}]}
faq: [{answer: a}, {}]
`

var (
	sectionIDRE = regexp.MustCompile(`<section id="([^"]+)"`)
	tocLinkRE   = regexp.MustCompile(`<li><a href="#([^"]+)">`)
	anyIDRE     = regexp.MustCompile(` id="([^"]+)"`)
	selfLinkRE  = regexp.MustCompile(`<h2 id="([^"]+)-h"><a class="self" href="#([^"]+)">`)
)

// TestTOCMatchesSections checks, for complete, partial, broken and empty
// guides, that the table of contents lists exactly the sections the page
// shows, in order, that each heading links to its own section, and that
// ids are unique. The contents come from sections (html.go) and the
// sections from the template: this is what keeps the two in step.
func TestTOCMatchesSections(t *testing.T) {
	guides := map[string]*guide.SkillGuide{
		"minimal": mustParse(t, "id: tiny\n"),
		"what":    mustParse(t, "id: w\noverview: {what: x}\n"),
		"hours":   mustParse(t, "id: h\nlearning_path: {total_hours: 3}\n"),
		"tips":    mustParse(t, "id: k\nkeywords: {tips: [x]}\nresources: {tips: [y]}\nportfolio: {tips: [z]}\n"),
		"quiz":    mustParse(t, "id: q\nassessment: {quiz: [{question: x}]}\nusage: {industries: [i]}\n"),
		"weights": mustParse(t, "id: s\nsub_skills: [{name: a, weight: 10}]\n"),
		"hostile": mustParse(t, hostile),
		"broken":  mustParse(t, brokenGuide),
		"nil":     nil,
	}
	for _, p := range []string{"../examples/ml-systems.yaml", "../examples/data-engineering.yaml", "../examples/technical-writing.yaml", "../testdata/seed/ml-systems.verbatim.yaml"} {
		guides[p] = load(t, p)
	}
	for name, g := range guides {
		page := htmlOf(t, g)
		var shown, listed []string
		for _, m := range sectionIDRE.FindAllStringSubmatch(page, -1) {
			shown = append(shown, m[1])
		}
		for _, m := range tocLinkRE.FindAllStringSubmatch(page, -1) {
			listed = append(listed, m[1])
		}
		if diff := cmp.Diff(shown, listed); diff != "" {
			t.Errorf("%s: contents differ from the sections (-sections +contents):\n%s", name, diff)
		}
		if len(shown) == 0 && strings.Contains(page, `<nav class="toc"`) {
			t.Errorf("%s: contents without sections", name)
		}
		self := selfLinkRE.FindAllStringSubmatch(page, -1)
		if len(self) != len(shown) {
			t.Errorf("%s: %d headings link to their section, want %d", name, len(self), len(shown))
		}
		for _, m := range self {
			if m[1] != m[2] {
				t.Errorf("%s: heading %s-h links to #%s", name, m[1], m[2])
			}
		}
		seen := map[string]bool{}
		for _, m := range anyIDRE.FindAllStringSubmatch(page, -1) {
			if seen[m[1]] {
				t.Errorf("%s: id %q twice", name, m[1])
			}
			seen[m[1]] = true
		}
	}
	if page := htmlOf(t, load(t, "../examples/ml-systems.yaml")); len(tocLinkRE.FindAllString(page, -1)) != len(sections) {
		t.Errorf("the complete example does not list all %d sections", len(sections))
	}
}

// TestTemplateHasNoEmoji keeps the page's own text free of emoji, which
// show as boxes where no emoji font is installed (most servers and many
// Linux desktops); its icons are inline SVG. Emoji in a guide's text are
// the writer's, and stay.
func TestTemplateHasNoEmoji(t *testing.T) {
	for i, r := range pageTemplate {
		if isEmoji(r) {
			line := strings.Count(pageTemplate[:i], "\n") + 1
			t.Errorf("page.html.tmpl:%d: emoji %q (%U)", line, r, r)
		}
	}
	page := htmlOf(t, mustParse(t, "id: e\ntitle: Emoji 🚀\nresources: {tips: [\"tip 💡\"]}\n"))
	if !strings.Contains(page, "Emoji 🚀 Skill Guide") || !strings.Contains(page, "<li>tip 💡</li>") {
		t.Errorf("the writer's emoji did not stay as written")
	}
	if !isEmoji('📦') || !isEmoji('⚠') || isEmoji('→') {
		t.Errorf("isEmoji misclassifies")
	}
}

// isEmoji reports whether r is in the blocks that need an emoji or symbol
// font: pictographs, dingbats, miscellaneous symbols, variation selector 16.
func isEmoji(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r == 0xFE0F
}

// TestJourneyLayout checks that a long journey is drawn as a column at any
// width: eight names side by side in 1000 px break inside words.
func TestJourneyLayout(t *testing.T) {
	for n, want := range map[int]string{5: `<ol class="journey" `, 6: `<ol class="journey long" `} {
		src := "id: j\nlevels:\n" + strings.Repeat("  - {name: Intermediate}\n", n)
		if page := htmlOf(t, mustParse(t, src)); !strings.Contains(page, want) {
			t.Errorf("%d levels: page lacks %q", n, want)
		}
	}
}
