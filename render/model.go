package render

import (
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/skillguides/guidelint/guide"
)

// page is what both renderings show: the guide's text with the fixed
// sentences of the published pages filled in, every field resolved to a
// plain value ("" or nil for whatever the guide lacks), so that the
// writers need no nil checks.
type page struct {
	Title    string // the skill's name, as it appears in headings
	Category string
	Tagline  string

	Stats []stat

	What     string
	Why      []string
	Outcomes []string

	Misconceptions []misconception

	Industries []string
	UseCases   []useCase

	Levels []level

	SubSkills []subSkill
	Weights   []weight // the sub-skills that have a weight, for the chart

	TotalHours string // "240", or "" when unknown
	Phases     []phase

	Projects      []project
	PortfolioTips []string

	SelfCheck []string
	Quiz      []quizItem

	RedFlags []string

	MustHave      []string
	GoodToHave    []string
	ResumePhrases []string
	KeywordTips   []string

	Resources    []resource
	LearningTips []string

	FAQ []faq
}

type stat struct{ Label, Value string }

type misconception struct{ Misconception, Correction string }

type useCase struct{ Title, Level, Description string }

type level struct {
	N            int
	Name         string
	Summary      string
	Duration     string
	Capabilities []string
}

type subSkill struct {
	Name         string
	Weight       string // "25%", or "" without a weight
	Description  string
	ExampleTasks []string
}

type weight struct {
	Name    string
	Percent float64 // clamped to [0, 100] for drawing
	Label   string  // "25%"
}

type phase struct {
	N            int
	Title        string
	Hours        string // "60", or ""
	Goals        []string
	Topics       []string
	Actions      []string
	Deliverables []string
}

type project struct {
	Title       string
	Level       string
	Description string
	Stack       []string
	Highlights  []string
}

type quizItem struct {
	N           int
	Question    string
	Options     []string
	Answer      string
	Explanation string
}

type resource struct {
	Title string
	URL   string // "" unless an absolute http(s) URL, the only kind linked
	Text  string // the URL as written, shown when it is not linked
	Kind  string
	Cost  string
}

type faq struct{ Question, Answer string }

// The fixed sentences of the published guide pages, with %s for the
// skill's name.
const (
	levelsIntro     = "Understand where you are and what it takes to reach the next level."
	subSkillsIntro  = "The key components that make up %s proficiency."
	pathIntro       = "A structured approach to mastering %s with clear milestones."
	portfolioIntro  = "Demonstrate your %s skills with these project ideas that recruiters love."
	assessmentIntro = "Evaluate your %s proficiency with these self-check questions and quick quiz."
	selfCheckIntro  = "Can you confidently answer these questions? If not, you may have gaps to address."
	redFlagsIntro   = "These are common issues that indicate skill gaps. Avoid these patterns."
	keywordsIntro   = "Use these keywords in your resume to pass Applicant Tracking Systems and catch recruiter attention."
	mustHaveIntro   = "Essential keywords that should appear in your resume."
	goodToHaveIntro = "Additional keywords that strengthen your application."
	phrasesIntro    = "Use these example phrases as inspiration for your resume bullet points."
	resourcesIntro  = "Curated resources to help you learn and master %s."
	faqIntro        = "Common questions about learning and using %s."
)

// newPage builds the page of a guide. g may be nil or partial.
func newPage(g *guide.SkillGuide) *page {
	p := &page{}
	if g == nil {
		p.Title = "Untitled"
		return p
	}
	p.Title = text(g.Title)
	if p.Title == "" {
		p.Title = text(g.ID)
	}
	if p.Title == "" {
		p.Title = "Untitled"
	}
	p.Category = text(g.Category)
	p.Tagline = text(g.Tagline)
	p.Stats = stats(g)

	if o := g.Overview; o != nil {
		p.What = text(o.What)
		p.Why = texts(o.Why)
		p.Outcomes = texts(o.Outcomes)
	}
	for _, m := range g.Misconceptions.Items {
		if m == nil {
			continue
		}
		if mc := (misconception{text(m.Misconception), text(m.Correction)}); mc != (misconception{}) {
			p.Misconceptions = append(p.Misconceptions, mc)
		}
	}
	if u := g.Usage; u != nil {
		p.Industries = texts(u.Industries)
		for _, c := range u.UseCases.Items {
			if c == nil {
				continue
			}
			if uc := (useCase{text(c.Title), text(c.Level), text(c.Description)}); uc != (useCase{}) {
				p.UseCases = append(p.UseCases, uc)
			}
		}
	}
	for _, l := range g.Levels.Items {
		if l == nil {
			continue
		}
		p.Levels = append(p.Levels, level{
			N: len(p.Levels) + 1, Name: text(l.Name), Summary: text(l.Summary),
			Duration: text(l.Duration), Capabilities: texts(l.Capabilities),
		})
	}
	for _, s := range g.SubSkills.Items {
		if s == nil {
			continue
		}
		ss := subSkill{Name: text(s.Name), Description: text(s.Description), ExampleTasks: texts(s.ExampleTasks)}
		if s.Weight != nil {
			ss.Weight = number(s.Weight) + "%"
			p.Weights = append(p.Weights, weight{Name: ss.Name, Percent: math.Max(0, math.Min(100, s.Weight.Value)), Label: ss.Weight})
		}
		p.SubSkills = append(p.SubSkills, ss)
	}
	if lp := g.LearningPath; lp != nil {
		p.TotalHours = number(lp.TotalHours)
		for _, ph := range lp.Phases.Items {
			if ph == nil {
				continue
			}
			p.Phases = append(p.Phases, phase{
				N: len(p.Phases) + 1, Title: text(ph.Title), Hours: number(ph.Hours),
				Goals: texts(ph.Goals), Topics: texts(ph.Topics), Actions: texts(ph.Actions), Deliverables: texts(ph.Deliverables),
			})
		}
	}
	if pf := g.Portfolio; pf != nil {
		for _, pr := range pf.Projects.Items {
			if pr == nil {
				continue
			}
			p.Projects = append(p.Projects, project{
				Title: text(pr.Title), Level: text(pr.Level), Description: text(pr.Description),
				Stack: texts(pr.Stack), Highlights: texts(pr.Highlights),
			})
		}
		p.PortfolioTips = texts(pf.Tips)
	}
	if a := g.Assessment; a != nil {
		p.SelfCheck = texts(a.SelfCheck)
		for _, q := range a.Quiz.Items {
			if q == nil {
				continue
			}
			p.Quiz = append(p.Quiz, quizItem{
				N: len(p.Quiz) + 1, Question: text(q.Question), Options: texts(q.Options),
				Answer: text(q.Answer), Explanation: text(q.Explanation),
			})
		}
	}
	p.RedFlags = texts(g.RedFlags)
	if k := g.Keywords; k != nil {
		p.MustHave = texts(k.MustHave)
		p.GoodToHave = texts(k.GoodToHave)
		p.ResumePhrases = texts(k.ResumePhrases)
		p.KeywordTips = texts(k.Tips)
	}
	if r := g.Resources; r != nil {
		for _, it := range r.Items.Items {
			if it == nil {
				continue
			}
			res := resource{Title: text(it.Title), Text: text(it.URL), Kind: text(it.Kind), Cost: text(it.Cost)}
			if safeURL(res.Text) {
				res.URL = res.Text
			}
			if res.Title == "" {
				res.Title = res.Text
			}
			if res != (resource{}) {
				p.Resources = append(p.Resources, res)
			}
		}
		p.LearningTips = texts(r.Tips)
	}
	for _, f := range g.FAQ.Items {
		if f == nil {
			continue
		}
		if q := (faq{text(f.Question), text(f.Answer)}); q != (faq{}) {
			p.FAQ = append(p.FAQ, q)
		}
	}
	return p
}

// stats are the "Quick Stats": the guide's stats block, or, without one,
// the same numbers counted from the content.
func stats(g *guide.SkillGuide) []stat {
	var phases, hours, subSkills string
	if s := g.Stats; s != nil {
		phases, hours, subSkills = number(s.LearningPhases), number(s.EstimatedHours), number(s.SubSkills)
	} else {
		if lp := g.LearningPath; lp != nil {
			if len(lp.Phases.Items) > 0 {
				phases = strconv.Itoa(len(lp.Phases.Items))
			}
			hours = number(lp.TotalHours)
		}
		if len(g.SubSkills.Items) > 0 {
			subSkills = strconv.Itoa(len(g.SubSkills.Items))
		}
	}
	var out []stat
	if phases != "" {
		out = append(out, stat{"Learning Phases", phases})
	}
	if hours != "" {
		out = append(out, stat{"Est. Hours", hours + "h"})
	}
	if subSkills != "" {
		out = append(out, stat{"Sub-skills", subSkills})
	}
	return out
}

// text is the trimmed value of a string field, or "".
func text(s *guide.String) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(s.Value)
}

// texts are the non-blank values of a list of strings.
func texts(list guide.List[*guide.String]) []string {
	var out []string
	for _, s := range list.Items {
		if t := text(s); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// number is a number of the guide in plain decimal ("240", "12.5"; 1e2 is
// "100"), or "".
func number(n *guide.Number) string {
	if n == nil {
		return ""
	}
	return strconv.FormatFloat(n.Value, 'f', -1, 64)
}

// safeURL reports whether u is an absolute http(s) URL, the only kind of
// link a page makes (never javascript: or data:).
func safeURL(u string) bool {
	parsed, err := url.Parse(u)
	if err != nil || parsed.Host == "" {
		return false
	}
	switch strings.ToLower(parsed.Scheme) {
	case "http", "https":
		return true
	}
	return false
}
