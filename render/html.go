package render

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"

	"github.com/skillguides/guidelint/guide"
)

//go:embed page.html.tmpl
var pageTemplate string

var htmlPage = template.Must(template.New("page").Funcs(template.FuncMap{
	"paragraphs": paragraphs,
	"list":       func(items ...any) []any { return items },
	"icon":       icon,
}).Parse(pageTemplate))

// HTML writes the guide as one self-contained HTML page: inline CSS, no
// scripts, no external assets (it works offline and from a file: URL),
// with the proficiency journey and the skill weight distribution drawn in
// HTML and CSS, so that the text of both keeps a readable size on a phone.
// A table of contents links to every section present. Headings carry no
// emoji, which show as boxes where no emoji font is installed: their icons
// are inline SVG. Sections, headings and fixed sentences are otherwise
// those of Markdown. Text is escaped by html/template, so a guide holding
// "<script>" shows it as text; resource links are made only for http(s)
// URLs. g may be nil or partial.
func HTML(w io.Writer, g *guide.SkillGuide) error {
	var buf bytes.Buffer
	if err := htmlPage.Execute(&buf, newHTMLView(newPage(g))); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// htmlView is the page with what only the HTML rendering needs.
type htmlView struct {
	*page
	LevelsIntro, SubSkillsIntro, PathIntro, PortfolioIntro, AssessmentIntro string
	SelfCheckIntro, RedFlagsIntro, KeywordsIntro, MustHaveIntro             string
	GoodToHaveIntro, PhrasesIntro, ResourcesIntro, FAQIntro                 string
	Journey                                                                 journeyChart
	WeightChart                                                             weightChart

	TOC  []tocEntry        // the sections present, in page order
	Head map[string]string // each section's heading, by its id
}

func newHTMLView(p *page) *htmlView {
	return &htmlView{
		page:            p,
		LevelsIntro:     levelsIntro,
		SubSkillsIntro:  fmt.Sprintf(subSkillsIntro, p.Title),
		PathIntro:       fmt.Sprintf(pathIntro, p.Title),
		PortfolioIntro:  fmt.Sprintf(portfolioIntro, p.Title),
		AssessmentIntro: fmt.Sprintf(assessmentIntro, p.Title),
		SelfCheckIntro:  selfCheckIntro,
		RedFlagsIntro:   redFlagsIntro,
		KeywordsIntro:   keywordsIntro,
		MustHaveIntro:   mustHaveIntro,
		GoodToHaveIntro: goodToHaveIntro,
		PhrasesIntro:    phrasesIntro,
		ResourcesIntro:  fmt.Sprintf(resourcesIntro, p.Title),
		FAQIntro:        fmt.Sprintf(faqIntro, p.Title),
		Journey:         newJourneyChart(p.Levels),
		WeightChart:     newWeightChart(p.Weights),
		TOC:             toc(p),
		Head:            heads(p),
	}
}

// tocEntry is a line of the table of contents: a link to a section.
type tocEntry struct{ ID, Title string }

// pageSection is a section of the page: its id (the anchor the table of
// contents and the heading link to; fixed, so that links into a page
// survive edits of the guide, and unique), its heading, and whether the
// page shows it. present must hold exactly when the template renders the
// section (TestTOCMatchesSections checks both ways).
type pageSection struct {
	id      string
	heading func(title string) string
	present func(p *page) bool
}

func fixed(s string) func(string) string { return func(string) string { return s } }

func titled(format string) func(string) string {
	return func(title string) string { return fmt.Sprintf(format, title) }
}

// sections are the page's sections in order.
var sections = []pageSection{
	{"quick-stats", fixed("Quick Stats"), func(p *page) bool { return len(p.Stats) > 0 }},
	{"what", titled("What is %s?"), func(p *page) bool { return p.What != "" }},
	{"why", titled("Why %s Matters"), func(p *page) bool { return len(p.Why) > 0 }},
	{"outcomes", fixed("What You Can Do After Mastering It"), func(p *page) bool { return len(p.Outcomes) > 0 }},
	{"misconceptions", fixed("Common Misconceptions"), func(p *page) bool { return len(p.Misconceptions) > 0 }},
	{"usage", titled("Where %s is Used"), func(p *page) bool { return len(p.Industries) > 0 || len(p.UseCases) > 0 }},
	{"levels", titled("%s Proficiency Levels"), func(p *page) bool { return len(p.Levels) > 0 }},
	{"sub-skills", titled("%s Sub-skills Breakdown"), func(p *page) bool { return len(p.SubSkills) > 0 }},
	{"weights", fixed("Skill Weight Distribution"), func(p *page) bool { return len(p.Weights) > 0 }},
	{"learning-path", titled("Learning Path for %s"), func(p *page) bool { return p.TotalHours != "" || len(p.Phases) > 0 }},
	{"portfolio", fixed("Portfolio Project Ideas"), func(p *page) bool { return len(p.Projects) > 0 || len(p.PortfolioTips) > 0 }},
	{"assessment", titled("Self-Assessment: %s"), func(p *page) bool { return len(p.SelfCheck) > 0 || len(p.Quiz) > 0 }},
	{"red-flags", fixed("Red Flags (Watch Out For)"), func(p *page) bool { return len(p.RedFlags) > 0 }},
	{"keywords", titled("ATS Keywords for %s"), func(p *page) bool {
		return len(p.MustHave) > 0 || len(p.GoodToHave) > 0 || len(p.ResumePhrases) > 0 || len(p.KeywordTips) > 0
	}},
	{"resources", titled("Learning Resources for %s"), func(p *page) bool { return len(p.Resources) > 0 || len(p.LearningTips) > 0 }},
	{"faq", fixed("Frequently Asked Questions"), func(p *page) bool { return len(p.FAQ) > 0 }},
}

func toc(p *page) []tocEntry {
	var out []tocEntry
	for _, s := range sections {
		if s.present(p) {
			out = append(out, tocEntry{s.id, s.heading(p.Title)})
		}
	}
	return out
}

func heads(p *page) map[string]string {
	m := make(map[string]string, len(sections))
	for _, s := range sections {
		m[s.id] = s.heading(p.Title)
	}
	return m
}

// icons are the headings' icons, drawn in the text's colour (the
// published pages use emoji there, which need an emoji font). They are
// decoration: hidden from screen readers, which read the heading's text.
var icons = map[string]string{
	"box":  `<path d="M3 7.5 12 3l9 4.5v9L12 21l-9-4.5z"/><path d="m3 7.5 9 4.5 9-4.5M12 12v9"/>`,
	"quiz": `<rect x="5" y="3" width="14" height="18" rx="2"/><path d="M9 8h6M9 12h6M9 16h3"/>`,
	"bulb": `<path d="M9 18h6M10 21h4"/><path d="M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z"/>`,
	"book": `<path d="M5 4.5A1.5 1.5 0 0 1 6.5 3H19v15H6.5A1.5 1.5 0 0 0 5 19.5z"/><path d="M5 19.5A1.5 1.5 0 0 0 6.5 21H19v-3"/>`,
	"warn": `<path d="M12 3.5 21.5 20h-19z"/><path d="M12 10v4.5M12 17.2v.1"/>`,
}

// icon is the inline SVG of the named icon, or nothing for an unknown name.
func icon(name string) template.HTML {
	paths, ok := icons[name]
	if !ok {
		return ""
	}
	return template.HTML(`<svg class="icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">` + paths + `</svg>`)
}

// The journey's steps and the weight bars take their colour from a CSS
// class c0 ... c7 (see the template's palette): the page's style holds the
// colours, and each is dark enough for white text on it and for a bar
// against the track (WCAG AA contrast, which the browser test checks).
const paletteSize = 8

func colorClass(i int) string { return "c" + strconv.Itoa(i%paletteSize) }

// journeyChart is the proficiency journey: the levels as numbered steps on
// a line, each with its name and duration; a column on a narrow screen, and
// on any screen for a long journey, whose names would not fit side by side.
// It is drawn with HTML and CSS, not SVG, so that its text keeps the
// page's size at any width instead of shrinking with a picture.
type journeyChart struct {
	Steps []journeyStep
	Long  bool
}

type journeyStep struct {
	N                     int
	Name, Duration, Color string
}

func newJourneyChart(levels []level) journeyChart {
	c := journeyChart{Long: len(levels) > 5}
	for i, l := range levels {
		c.Steps = append(c.Steps, journeyStep{N: l.N, Name: l.Name, Duration: l.Duration, Color: colorClass(i)})
	}
	return c
}

// weightChart is the skill weight distribution: one labelled bar per
// sub-skill, on a track that stands for 100%, drawn with HTML and CSS (a
// bar is a block whose width is the weight in %).
type weightChart struct {
	Bars []weightBar
}

type weightBar struct {
	Name, Label, Color string
	Percent            string // the bar's width in % of the track, "0" to "100"
}

func newWeightChart(weights []weight) weightChart {
	var c weightChart
	for i, w := range weights {
		c.Bars = append(c.Bars, weightBar{Name: w.Name, Label: w.Label, Color: colorClass(i), Percent: strconv.FormatFloat(w.Percent, 'f', -1, 64)})
	}
	return c
}
