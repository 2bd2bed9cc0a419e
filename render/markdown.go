package render

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"strings"

	"github.com/skillguides/guidelint/guide"
)

// Markdown writes the guide as a GitHub-flavoured Markdown page, for
// pull-request previews: the sections of the published guide pages, in
// their order and with their headings and fixed sentences, the guide's
// title in them. Sections the guide lacks are left out, so a draft or a
// partial guide renders too; g may be nil.
//
// All text from the guide is escaped, so that Markdown and HTML in it show
// as written: "*", "_", "[", "<", "|", "#" and the like never format
// anything, and a value starting with "1." or "- " does not become a list.
// Line breaks inside a value are folded into spaces, except that a blank
// line separates paragraphs of a long text.
func Markdown(w io.Writer, g *guide.SkillGuide) error {
	p := newPage(g)
	m := &mdWriter{}
	m.page(p)
	_, err := w.Write(m.buf.Bytes())
	return err
}

type mdWriter struct {
	buf bytes.Buffer
}

// block writes one Markdown block followed by a blank line.
func (m *mdWriter) block(format string, args ...any) {
	fmt.Fprintf(&m.buf, format, args...)
	m.buf.WriteString("\n\n")
}

func (m *mdWriter) heading(level int, text string) {
	m.block("%s %s", strings.Repeat("#", level), text)
}

// para writes a text of the guide as paragraphs.
func (m *mdWriter) para(s string) {
	if s == "" {
		return
	}
	for _, p := range paragraphs(s) {
		m.block("%s", escapeMarkdown(p))
	}
}

func (m *mdWriter) bullets(items []string) {
	if len(items) == 0 {
		return
	}
	for _, it := range items {
		fmt.Fprintf(&m.buf, "- %s\n", escapeMarkdown(it))
	}
	m.buf.WriteByte('\n')
}

func (m *mdWriter) numbered(items []string) {
	if len(items) == 0 {
		return
	}
	for i, it := range items {
		fmt.Fprintf(&m.buf, "%d. %s\n", i+1, escapeMarkdown(it))
	}
	m.buf.WriteByte('\n')
}

// inlineList writes short items (keywords, a stack) on one line, separated
// by middle dots.
func (m *mdWriter) inlineList(items []string) {
	if len(items) == 0 {
		return
	}
	esc := make([]string, len(items))
	for i, it := range items {
		esc[i] = escapeMarkdown(it)
	}
	m.block("%s", strings.Join(esc, " · "))
}

func (m *mdWriter) page(p *page) {
	t := escapeMarkdown(p.Title)
	if p.Category != "" {
		m.block("%s", escapeMarkdown(p.Category))
	}
	m.heading(1, t+" Skill Guide")
	m.para(p.Tagline)

	if len(p.Stats) > 0 {
		m.heading(2, "Quick Stats")
		m.buf.WriteString("| Stat | Value |\n| --- | --- |\n")
		for _, s := range p.Stats {
			fmt.Fprintf(&m.buf, "| %s | %s |\n", s.Label, escapeMarkdown(s.Value))
		}
		m.buf.WriteByte('\n')
	}

	if p.What != "" {
		m.heading(2, "What is "+t+"?")
		m.para(p.What)
	}
	if len(p.Why) > 0 {
		m.heading(2, "Why "+t+" Matters")
		m.bullets(p.Why)
	}
	if len(p.Outcomes) > 0 {
		m.heading(2, "What You Can Do After Mastering It")
		m.numbered(p.Outcomes)
	}

	if len(p.Misconceptions) > 0 {
		m.heading(2, "Common Misconceptions")
		for _, mc := range p.Misconceptions {
			fmt.Fprintf(&m.buf, "- **Misconception:** %s; **correction:** %s\n", escapeMarkdown(mc.Misconception), escapeMarkdown(mc.Correction))
		}
		m.buf.WriteByte('\n')
	}

	if len(p.Industries) > 0 || len(p.UseCases) > 0 {
		m.heading(2, "Where "+t+" is Used")
		if len(p.Industries) > 0 {
			m.heading(3, "Industries")
			m.inlineList(p.Industries)
		}
		if len(p.UseCases) > 0 {
			m.heading(3, "Typical Use Cases")
			for _, uc := range p.UseCases {
				m.heading(4, escapeMarkdown(uc.Title))
				if uc.Level != "" {
					m.block("**Level:** %s", escapeMarkdown(uc.Level))
				}
				m.para(uc.Description)
			}
		}
	}

	if len(p.Levels) > 0 {
		m.heading(2, t+" Proficiency Levels")
		m.block("%s", levelsIntro)
		for _, l := range p.Levels {
			m.heading(3, fmt.Sprintf("%d. %s", l.N, escapeMarkdown(l.Name)))
			m.para(l.Summary)
			if l.Duration != "" {
				m.block("**Typical time:** %s", escapeMarkdown(l.Duration))
			}
			if len(l.Capabilities) > 0 {
				m.heading(4, "What You Can Do at This Level")
				m.bullets(l.Capabilities)
			}
		}
		m.heading(3, "Your Journey")
		names := make([]string, 0, len(p.Levels))
		for _, l := range p.Levels {
			if l.Name != "" {
				names = append(names, escapeMarkdown(l.Name))
			}
		}
		m.block("%s", strings.Join(names, " → "))
	}

	if len(p.SubSkills) > 0 {
		m.heading(2, t+" Sub-skills Breakdown")
		m.block(subSkillsIntro, t)
		for _, s := range p.SubSkills {
			h := escapeMarkdown(s.Name)
			if s.Weight != "" {
				h += " (" + s.Weight + ")"
			}
			m.heading(3, h)
			m.para(s.Description)
			if len(s.ExampleTasks) > 0 {
				m.heading(4, "Example Tasks")
				m.bullets(s.ExampleTasks)
			}
		}
	}
	if len(p.Weights) > 0 {
		m.heading(2, "Skill Weight Distribution")
		m.buf.WriteString("| Sub-skill | Weight | |\n| --- | ---: | --- |\n")
		for _, w := range p.Weights {
			fmt.Fprintf(&m.buf, "| %s | %s | %s |\n", escapeMarkdown(w.Name), w.Label, strings.Repeat("█", int(math.Round(w.Percent/4))))
		}
		m.buf.WriteByte('\n')
	}

	if p.TotalHours != "" || len(p.Phases) > 0 {
		m.heading(2, "Learning Path for "+t)
		m.block(pathIntro, t)
		if p.TotalHours != "" {
			m.block("**%s hours total**", p.TotalHours)
		}
		for _, ph := range p.Phases {
			m.heading(3, fmt.Sprintf("%d. %s", ph.N, escapeMarkdown(ph.Title)))
			if ph.Hours != "" {
				m.block("%s hours", ph.Hours)
			}
			m.section(4, "Goals", ph.Goals)
			m.section(4, "Key Topics", ph.Topics)
			m.section(4, "Recommended Actions", ph.Actions)
			m.section(4, "📦 Deliverables", ph.Deliverables)
		}
	}

	if len(p.Projects) > 0 || len(p.PortfolioTips) > 0 {
		m.heading(2, "Portfolio Project Ideas")
		m.block(portfolioIntro, t)
		for _, pr := range p.Projects {
			m.heading(3, escapeMarkdown(pr.Title))
			if pr.Level != "" {
				m.block("**Level:** %s", escapeMarkdown(pr.Level))
			}
			m.para(pr.Description)
			if len(pr.Stack) > 0 {
				m.heading(4, "Suggested Stack")
				m.inlineList(pr.Stack)
			}
			m.section(4, "What Recruiters Will Notice", pr.Highlights)
		}
		m.section(3, "Portfolio Tips", p.PortfolioTips)
	}

	if len(p.SelfCheck) > 0 || len(p.Quiz) > 0 {
		m.heading(2, "Self-Assessment: "+t)
		m.block(assessmentIntro, t)
		if len(p.SelfCheck) > 0 {
			m.heading(3, "Self-Check Questions")
			m.block("%s", selfCheckIntro)
			m.numbered(p.SelfCheck)
		}
		if len(p.Quiz) > 0 {
			m.heading(3, "📝 Quick Quiz")
			for _, q := range p.Quiz {
				m.block("**Q%d: %s**", q.N, escapeMarkdown(q.Question))
				m.bullets(q.Options)
				if q.Answer != "" || q.Explanation != "" {
					m.buf.WriteString("<details><summary>Answer</summary>\n\n")
					m.para(q.Answer)
					m.para(q.Explanation)
					m.buf.WriteString("</details>\n\n")
				}
			}
		}
	}

	if len(p.RedFlags) > 0 {
		m.heading(2, "Red Flags (Watch Out For)")
		m.block("%s", redFlagsIntro)
		m.bullets(p.RedFlags)
	}

	if len(p.MustHave)+len(p.GoodToHave)+len(p.ResumePhrases)+len(p.KeywordTips) > 0 {
		m.heading(2, "ATS Keywords for "+t)
		m.block("%s", keywordsIntro)
		if len(p.MustHave) > 0 {
			m.heading(3, "Must-Have Keywords")
			m.block("%s", mustHaveIntro)
			m.inlineList(p.MustHave)
		}
		if len(p.GoodToHave) > 0 {
			m.heading(3, "Good-to-Have Keywords")
			m.block("%s", goodToHaveIntro)
			m.inlineList(p.GoodToHave)
		}
		if len(p.ResumePhrases) > 0 {
			m.heading(3, "Resume Phrasing Examples")
			m.block("%s", phrasesIntro)
			for _, ph := range p.ResumePhrases {
				m.block("> %s", escapeMarkdown(ph))
			}
		}
		m.section(3, "💡 Pro Tips for ATS Optimization", p.KeywordTips)
	}

	if len(p.Resources) > 0 || len(p.LearningTips) > 0 {
		m.heading(2, "Learning Resources for "+t)
		m.block(resourcesIntro, t)
		for _, r := range p.Resources {
			line := escapeMarkdown(r.Title)
			if r.URL != "" {
				line = "[" + line + "](" + markdownURL(r.URL) + ")"
			} else if r.Text != "" && r.Text != r.Title {
				line += " (" + escapeMarkdown(r.Text) + ")"
			}
			var tags []string
			for _, s := range []string{r.Kind, r.Cost} {
				if s != "" {
					tags = append(tags, escapeMarkdown(s))
				}
			}
			if len(tags) > 0 {
				line += " — " + strings.Join(tags, ", ")
			}
			fmt.Fprintf(&m.buf, "- %s\n", line)
		}
		if len(p.Resources) > 0 {
			m.buf.WriteByte('\n')
		}
		m.section(3, "📚 Learning Tips", p.LearningTips)
	}

	if len(p.FAQ) > 0 {
		m.heading(2, "Frequently Asked Questions")
		m.block(faqIntro, t)
		for _, f := range p.FAQ {
			q := f.Question
			if q == "" {
				q = "(question missing)"
			}
			m.heading(3, escapeMarkdown(q))
			m.para(f.Answer)
		}
	}
	// One newline at the end, not two.
	m.buf.Truncate(len(bytes.TrimRight(m.buf.Bytes(), "\n")))
	m.buf.WriteByte('\n')
}

// section writes a heading and a bullet list, or nothing for an empty list.
func (m *mdWriter) section(level int, heading string, items []string) {
	if len(items) == 0 {
		return
	}
	m.heading(level, heading)
	m.bullets(items)
}

var (
	blankLinesRE = regexp.MustCompile(`\n[ \t]*\n\s*`)
	entityRE     = regexp.MustCompile(`^&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)
	orderedRE    = regexp.MustCompile(`^([0-9]+)([.)])`)
)

// paragraphs splits a text at blank lines and folds the whitespace of each
// paragraph.
func paragraphs(s string) []string {
	var out []string
	for _, p := range blankLinesRE.Split(strings.TrimSpace(s), -1) {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// escapeMarkdown makes a text of the guide show as written in Markdown:
// whitespace is folded to single spaces, and every character that could
// start emphasis, a link, an HTML tag, code, a table cell, strikethrough or
// a heading is backslash-escaped, as is an entity reference's "&" and a
// start that would read as a block (a list item, a quote, a heading, a
// thematic break).
func escapeMarkdown(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	b.Grow(len(s) + 8)
	if m := orderedRE.FindStringSubmatch(s); m != nil {
		b.WriteString(m[1] + `\` + m[2])
		s = s[len(m[0]):]
	} else if s != "" && strings.ContainsRune("-+=>", rune(s[0])) {
		b.WriteByte('\\')
		b.WriteByte(s[0])
		s = s[1:]
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '|', '~', '#':
			b.WriteByte('\\')
		case '&':
			if entityRE.MatchString(s[i:]) {
				b.WriteString("&amp;")
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// markdownURL writes an http(s) URL as a link destination: the characters
// that would end it or break it are percent-encoded.
func markdownURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "\n", "", "\r", "").Replace(u)
}
