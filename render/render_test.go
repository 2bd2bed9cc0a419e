package render

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/testshared"
)

func load(t *testing.T, path string) *guide.SkillGuide {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := guide.Parse(path, data)
	if doc == nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc.Guide
}

func markdownOf(t *testing.T, g *guide.SkillGuide) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Markdown(&buf, g); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func htmlOf(t *testing.T, g *guide.SkillGuide) string {
	t.Helper()
	var buf bytes.Buffer
	if err := HTML(&buf, g); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestSeedFidelity checks that the Markdown render of
// examples/ml-systems.yaml holds every non-empty line of the seed text
// (the published page as plain text), after these normalisations:
//
//   - On both sides: whitespace runs fold to one space, and emoji are
//     dropped ("📦 Deliverables" is "Deliverables").
//   - Seed lines: the bullet "•" that starts list items is dropped, and so
//     is a list number glued to the item's first word ("1Deploying ML
//     models ..." is "Deploying ML models ..."), an artefact of copying a
//     numbered list as text.
//   - The render is read as Markdown text: heading markers, list markers
//     ("- ", "1. "), quote markers ("> "), ** emphasis and backslash
//     escapes are dropped, &amp; is &, a table row is read as its cells,
//     and an inline list ("a · b · c", "a → b") as its items. Lines of
//     raw HTML (<details>) are skipped.
//
// A seed line must then appear within one item of the render, or be the
// concatenation of consecutive items: the page's text extraction glued
// adjacent elements with no separator, so "Learning Phases3" is the stat
// label and its value (two table cells), "Technology/SaaSFinance and
// Fintech..." the industries, "BeginnerIntermediateAdvancedExpert" the
// journey, "FastAPITensorFlowDocker..." a project's stack and
// "ML lifecycle: training, deployment, monitoringContainerization ..." a
// phase's key topics (one list item each).
func TestSeedFidelity(t *testing.T) {
	seed, err := os.ReadFile(testshared.File(t, "seeds/ml-systems-skill-guide.txt"))
	if err != nil {
		t.Fatal(err)
	}
	md := markdownOf(t, load(t, "../examples/ml-systems.yaml"))
	items := markdownItems(md)
	checked := 0
	for i, line := range strings.Split(string(seed), "\n") {
		want := normalizeSeedLine(line)
		if want == "" {
			continue
		}
		checked++
		if !foundIn(items, want) {
			t.Errorf("seed line %d not in the render: %q", i+1, want)
		}
	}
	if checked < 200 {
		t.Errorf("checked %d seed lines; the seed has more than 200", checked)
	}
	if t.Failed() {
		t.Logf("render:\n%s", md)
	}
}

var (
	gluedNumberRE = regexp.MustCompile(`^[0-9]+(\p{Lu})`)
	headingRE     = regexp.MustCompile(`^#{1,6} `)
	listMarkRE    = regexp.MustCompile(`^(?:[-*] |[0-9]+\. |> )`)
	tableRuleRE   = regexp.MustCompile(`^\|(?:\s*:?-+:?\s*\|)+$`)
)

func normalizeSeedLine(line string) string {
	s := fold(dropEmoji(line))
	s = strings.TrimSpace(strings.TrimPrefix(s, "•"))
	return gluedNumberRE.ReplaceAllString(s, "$1")
}

// markdownItems reads rendered Markdown as a list of text items (see
// TestSeedFidelity).
func markdownItems(md string) []string {
	var items []string
	for _, line := range strings.Split(md, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "<") || tableRuleRE.MatchString(line) {
			continue
		}
		line = headingRE.ReplaceAllString(line, "")
		line = listMarkRE.ReplaceAllString(line, "")
		var parts []string
		if strings.HasPrefix(line, "|") {
			parts = splitUnescaped(strings.Trim(line, "|"), '|')
		} else {
			for _, p := range strings.Split(line, " · ") {
				parts = append(parts, strings.Split(p, " → ")...)
			}
		}
		for _, p := range parts {
			if p = fold(dropEmoji(markdownText(p))); p != "" {
				items = append(items, p)
			}
		}
	}
	return items
}

// splitUnescaped splits s at each sep not escaped by a backslash.
func splitUnescaped(s string, sep byte) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// markdownText is the text a line of inline Markdown shows: ** and `
// markers dropped, backslash escapes resolved, &amp; as &.
func markdownText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && unicode.IsPunct(rune(s[i+1])) || c == '\\' && i+1 < len(s) && unicode.IsSymbol(rune(s[i+1])):
			i++
			b.WriteByte(s[i])
		case c == '*' || c == '`':
		default:
			b.WriteByte(c)
		}
	}
	return strings.ReplaceAll(b.String(), "&amp;", "&")
}

func fold(s string) string { return strings.Join(strings.Fields(s), " ") }

func dropEmoji(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x1F000 || r == 0xFE0F {
			return -1
		}
		return r
	}, s)
}

// foundIn reports whether want is within one item, or is the
// concatenation of consecutive items.
func foundIn(items []string, want string) bool {
	for i, it := range items {
		if strings.Contains(it, want) {
			return true
		}
		glued := it
		for j := i + 1; j < len(items) && len(glued) < len(want); j++ {
			glued += items[j]
			if glued == want {
				return true
			}
		}
	}
	return false
}

// TestSeedOrder checks that the headings come in the seed's order, with
// the guide's title in them.
func TestSeedOrder(t *testing.T) {
	md := markdownOf(t, load(t, "../examples/ml-systems.yaml"))
	headings := []string{
		"# ML Systems Skill Guide", "## Quick Stats", "## What is ML Systems?",
		"## Why ML Systems Matters", "## What You Can Do After Mastering It",
		"## Common Misconceptions", "## Where ML Systems is Used", "### Industries",
		"### Typical Use Cases", "## ML Systems Proficiency Levels", "### Your Journey",
		"## ML Systems Sub-skills Breakdown", "## Skill Weight Distribution",
		"## Learning Path for ML Systems", "## Portfolio Project Ideas", "### Portfolio Tips",
		"## Self-Assessment: ML Systems", "### Self-Check Questions", "### 📝 Quick Quiz",
		"## Red Flags (Watch Out For)", "## ATS Keywords for ML Systems",
		"### Must-Have Keywords", "### Good-to-Have Keywords", "### Resume Phrasing Examples",
		"### 💡 Pro Tips for ATS Optimization", "## Learning Resources for ML Systems",
		"### 📚 Learning Tips", "## Frequently Asked Questions",
	}
	pos := 0
	for _, h := range headings {
		i := strings.Index(md[pos:], "\n"+h+"\n")
		if i < 0 {
			t.Fatalf("heading %q missing or out of order", h)
		}
		pos += i + 1
	}
	if !strings.HasPrefix(md, "Technical\n\n# ML Systems Skill Guide\n") {
		t.Errorf("page does not start with the category and the title:\n%.200s", md)
	}
	for _, s := range []string{
		"Demonstrate your ML Systems skills with these project ideas that recruiters love.",
		"Curated resources to help you learn and master ML Systems.",
		"[Made With ML](https://madewithml.com/) — course, free",
		"<details><summary>Answer</summary>\n\nConsistent features for training and serving\n\nA feature store",
	} {
		if !strings.Contains(md, s) {
			t.Errorf("render lacks %q", s)
		}
	}
}

// TestPartialGuides renders guides with sections missing or malformed:
// nothing panics, present sections show, absent ones are skipped.
func TestPartialGuides(t *testing.T) {
	verbatim := load(t, "../testdata/seed/ml-systems.verbatim.yaml")
	minimal := mustParse(t, "id: tiny\n")
	broken := mustParse(t, brokenGuide)
	for name, g := range map[string]*guide.SkillGuide{"verbatim": verbatim, "minimal": minimal, "broken": broken, "nil": nil} {
		md := markdownOf(t, g)
		page := htmlOf(t, g)
		if !strings.Contains(md, "Skill Guide") || !strings.Contains(page, "Skill Guide</h1>") {
			t.Errorf("%s: no title heading", name)
		}
		if strings.Contains(page, "javascript:") && strings.Contains(page, `href="javascript`) {
			t.Errorf("%s: a javascript: URL became a link", name)
		}
	}
	md := markdownOf(t, minimal)
	if want := "# tiny Skill Guide\n"; md != want {
		t.Errorf("minimal guide renders as %q, want %q", md, want)
	}
	md = markdownOf(t, verbatim)
	for _, absent := range []string{"Must-Have Keywords", "Good-to-Have Keywords", "- **Misconception:** ;"} {
		if strings.Contains(md, absent) {
			t.Errorf("verbatim seed: render holds %q for an empty section", absent)
		}
	}
	for _, present := range []string{"## Frequently Asked Questions", "(question missing)", "**Q3: Which tool is specifically designed"} {
		if !strings.Contains(md, present) {
			t.Errorf("verbatim seed: render lacks %q", present)
		}
	}
	page := htmlOf(t, broken)
	if !strings.Contains(page, `<span class="fill" style="width: 100%">`) {
		t.Errorf("weight 250 is not drawn as a full bar")
	}
}

func mustParse(t *testing.T, src string) *guide.SkillGuide {
	t.Helper()
	doc, _ := guide.Parse("x.yaml", []byte(src))
	if doc == nil {
		t.Fatalf("does not parse: %q", src)
	}
	return doc.Guide
}

// hostile is a guide whose text is full of Markdown and HTML.
const hostile = `id: hostile
title: "C*_[x](y)<b>|#"
category: "<script>alert('category')</script>"
tagline: "# not a heading"
overview:
  what: "1. not a list\n\n- nor this\n> nor a quote"
  why:
    - "*not emphasis* and _neither_ and ~~no strike~~"
    - "[not a link](https://example.com) <https://auto.link> ![no image](x.png)"
    - "` + "`not code`" + ` &copy; &amp; & R&D"
    - "+ plus\\backslash"
    - "<script>alert(1)</script>"
sub_skills:
  - name: "a | b"
    weight: 100
    description: "<img src=x onerror=alert(2)>"
levels:
  - name: "<b>Beginner</b>"
    duration: 0-6 months
resources:
  items:
    - title: "T (with parens)"
      url: "https://example.com/a_(b)?q=<x>&y=1"
      kind: docs
      cost: free
`

func TestMarkdownEscaping(t *testing.T) {
	md := markdownOf(t, mustParse(t, hostile))
	for _, want := range []string{
		"# C\\*\\_\\[x\\](y)\\<b>\\|\\# Skill Guide\n",
		"\n\\# not a heading\n",
		"\n1\\. not a list\n\n\\- nor this > nor a quote\n",
		"- \\*not emphasis\\* and \\_neither\\_ and \\~\\~no strike\\~\\~\n",
		"- \\[not a link\\](https://example.com) \\<https://auto.link> !\\[no image\\](x.png)\n",
		"- \\`not code\\` &amp;copy; &amp;amp; & R&D\n",
		"- \\+ plus\\\\backslash\n",
		"- \\<script>alert(1)\\</script>\n",
		"| a \\| b | 100% |",
		"- [T (with parens)](https://example.com/a_%28b%29?q=%3Cx%3E&y=1) — docs, free\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("render lacks %q", want)
		}
	}
	// Every escape resolves back to the guide's text.
	for _, s := range []string{"C*_[x](y)<b>|#", "1. x", "- x", "+ x", "> x", "= x", "a\\b", "&copy; &#169; &#xA9;", "~~x~~ `c`"} {
		if got := markdownText(strings.ReplaceAll(escapeMarkdown(s), "&amp;", "&")); got != s && markdownText(escapeMarkdown(s)) != s {
			t.Errorf("escapeMarkdown(%q) = %q, which reads as %q", s, escapeMarkdown(s), got)
		}
	}
}

func TestHTMLEscaping(t *testing.T) {
	page := htmlOf(t, mustParse(t, hostile))
	for _, bad := range []string{"<script", "<img", "<b>"} {
		if strings.Contains(strings.ToLower(page), bad) {
			t.Errorf("page holds markup %q from the guide", bad)
		}
	}
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;",
		"&lt;img src=x onerror=alert(2)&gt;",
		"<title>C*_[x](y)&lt;b&gt;|# Skill Guide</title>",
		`<a href="https://example.com/a_%28b%29?q=%3cx%3e&amp;y=1">T (with parens)</a>`,
		`<span class="name">&lt;b&gt;Beginner&lt;/b&gt;</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// TestHTMLSelfContained checks the page needs nothing from outside: no
// scripts, no external stylesheets, images, fonts or frames, and that it
// draws both charts.
func TestHTMLSelfContained(t *testing.T) {
	page := htmlOf(t, load(t, "../examples/ml-systems.yaml"))
	lower := strings.ToLower(page)
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "@import", "url(", "src="} {
		if strings.Contains(lower, bad) {
			t.Errorf("page holds %q: it must be self-contained", bad)
		}
	}
	// The charts are HTML and CSS, whose text keeps the page's size at
	// any width (an SVG's text shrinks with it: 5 px on a phone).
	if strings.Contains(page, `class="chart"`) || strings.Contains(page, "<text") {
		t.Errorf("page draws a chart as a picture")
	}
	for _, want := range []string{
		`<ol class="journey" aria-label="Proficiency journey">`,
		`<span class="name">Beginner</span><span class="when">0-6 months</span>`, `<span class="when">5&#43; years</span>`,
		`<ul class="weights" aria-label="Skill weight distribution">`,
		`<span class="name">Monitoring &amp; Observability</span><span class="pct">15%</span>`,
		`<span class="pct">25%</span><span class="track" aria-hidden="true"><span class="fill" style="width: 25%">`,
		`<h2 id="learning-path-h"><a class="self" href="#learning-path">Learning Path for ML Systems</a></h2>`,
		"<p class=\"total\">240 hours total</p>",
		`<h4><svg class="icon" aria-hidden="true"`, // Deliverables, without 📦
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// TestRenderExamples renders every example in both formats.
func TestRenderExamples(t *testing.T) {
	for _, p := range []string{"../examples/ml-systems.yaml", "../examples/data-engineering.yaml", "../examples/technical-writing.yaml", "../schema/testdata/ml-systems.json"} {
		g := load(t, p)
		if md := markdownOf(t, g); !strings.Contains(md, "## Frequently Asked Questions") {
			t.Errorf("%s: Markdown render incomplete", p)
		}
		if page := htmlOf(t, g); !strings.HasSuffix(page, "</html>\n") && !strings.HasSuffix(page, "</html>") {
			t.Errorf("%s: HTML page does not end with </html>", p)
		}
	}
}

// TestFidelityCheckerCatchesGaps makes sure the fidelity check can fail:
// another guide's render misses most of the seed's lines.
func TestFidelityCheckerCatchesGaps(t *testing.T) {
	seed, err := os.ReadFile(testshared.File(t, "seeds/ml-systems-skill-guide.txt"))
	if err != nil {
		t.Fatal(err)
	}
	items := markdownItems(markdownOf(t, load(t, "../examples/data-engineering.yaml")))
	found, total := 0, 0
	for _, line := range strings.Split(string(seed), "\n") {
		if want := normalizeSeedLine(line); want != "" {
			total++
			if foundIn(items, want) {
				found++
			}
		}
	}
	if found*2 > total {
		t.Errorf("%d of %d seed lines found in another guide's render; the check is too lax", found, total)
	}
}
