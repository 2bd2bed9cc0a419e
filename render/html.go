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
}).Parse(pageTemplate))

// HTML writes the guide as one self-contained HTML page: inline CSS, no
// scripts, no external assets (it works offline and from a file: URL),
// with the proficiency journey and the skill weight distribution drawn as
// inline SVG. Sections, headings and fixed sentences are those of
// Markdown. Text is escaped by html/template, so a guide holding
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
	}
}

// palette colours the steps of the journey and the weight bars.
var palette = []string{"#4f46e5", "#0891b2", "#059669", "#d97706", "#dc2626", "#7c3aed", "#db2777", "#65a30d"}

func color(i int) string { return palette[i%len(palette)] }

// journeyChart is the geometry of the proficiency journey: the levels as
// numbered steps on a line, each with its name and duration under it.
type journeyChart struct {
	Width, Height int
	Line          *segment // the whole timeline, under the coloured segments
	Segments      []segment
	Steps         []journeyStep
}

type segment struct {
	X1, X2, Y string
	Color     string
}

type journeyStep struct {
	N                         int
	X, Y                      string
	NumberY, NameY, DurationY string
	Name, Duration, Color     string
}

func newJourneyChart(levels []level) journeyChart {
	const width, margin, y = 960, 110, 40
	c := journeyChart{Width: width, Height: 130}
	n := len(levels)
	x := func(i int) float64 {
		if n == 1 {
			return width / 2
		}
		return margin + float64(i)*float64(width-2*margin)/float64(n-1)
	}
	if n > 1 {
		c.Line = &segment{X1: coord(x(0)), X2: coord(x(n - 1)), Y: coord(y)}
		for i := 0; i+1 < n; i++ {
			c.Segments = append(c.Segments, segment{X1: coord(x(i)), X2: coord(x(i + 1)), Y: coord(y), Color: color(i)})
		}
	}
	// With many levels the labels would run into each other: every other
	// one goes a row lower.
	stagger := n > 5
	if stagger {
		c.Height += 48
	}
	for i, l := range levels {
		dy := 0.0
		if stagger && i%2 == 1 {
			dy = 48
		}
		c.Steps = append(c.Steps, journeyStep{
			N: l.N, X: coord(x(i)), Y: coord(y),
			NumberY: coord(y + 6), NameY: coord(y + 50 + dy), DurationY: coord(y + 72 + dy),
			Name: l.Name, Duration: l.Duration, Color: color(i),
		})
	}
	return c
}

// weightChart is the geometry of the skill weight distribution: one
// labelled bar per sub-skill, on a track that stands for 100%.
type weightChart struct {
	Width, Height int
	Bars          []weightBar
}

type weightBar struct {
	Name, Label, Color string
	TextY, BarY        string
	TrackWidth, Width  string
}

func newWeightChart(weights []weight) weightChart {
	const width, row = 960, 52
	c := weightChart{Width: width, Height: len(weights)*row + 4}
	for i, w := range weights {
		top := float64(i * row)
		c.Bars = append(c.Bars, weightBar{
			Name: w.Name, Label: w.Label, Color: color(i),
			TextY: coord(top + 18), BarY: coord(top + 28),
			TrackWidth: coord(width), Width: coord(width * w.Percent / 100),
		})
	}
	return c
}

// coord formats an SVG coordinate.
func coord(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
