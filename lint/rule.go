package lint

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/skillguides/guidelint/guide"
)

// A Rule is one check of the catalogue. Rules are values, declared once
// each in a file of their own and listed in the registry.
type Rule struct {
	// ID is the kebab-case name used in output, configuration and
	// guidelint:ignore comments.
	ID string
	// Summary is a lower-case one-line description, under 60 characters.
	Summary string
	// Doc explains what the rule reports and why, with a bad and a good
	// example, in Markdown.
	Doc string
	// Severity is the default severity.
	Severity Severity
	// Run checks one document and reports through the Pass. It is nil for
	// the rules the driver itself reports (file, parse, schema, id-unique,
	// unused-ignore).
	Run func(*Pass)
}

// URL is where the rule's documentation lives.
func (r *Rule) URL() string { return DocsURL + "#" + r.ID }

// DocsURL is the rule documentation that diagnostics and SARIF link to.
const DocsURL = "https://github.com/skillguides/guidelint/blob/main/docs/rules.md"

// Pass is what a rule sees of one document.
type Pass struct {
	Doc   *guide.Document
	Guide *guide.SkillGuide // never nil
	// Path is the file's path as diagnostics show it.
	Path string

	rule   *Rule
	report func(Diagnostic)
}

// Report records a finding of the running rule at pos.
func (p *Pass) Report(pos guide.Pos, message string) {
	p.ReportDiagnostic(Diagnostic{Line: pos.Line, Column: pos.Col, Message: message})
}

// Reportf is Report with a format.
func (p *Pass) Reportf(pos guide.Pos, format string, args ...any) {
	p.Report(pos, fmt.Sprintf(format, args...))
}

// ReportDiagnostic records a finding with an end position or a fix. The
// path and rule are filled in by the pass. A rule may set a Severity below
// its default for a milder case (resource-url reports http:// as a
// warning); it applies unless the configuration sets the rule's severity.
func (p *Pass) ReportDiagnostic(d Diagnostic) {
	d.Path = p.Path
	d.Rule = p.rule.ID
	if d.Line < 1 {
		d.Line = 1
	}
	if d.Column < 1 {
		d.Column = 1
	}
	p.report(d)
}

var (
	registry []*Rule
	byID     = map[string]*Rule{}
)

// register adds rules to the registry; each rule file calls it from init.
func register(rs ...*Rule) {
	for _, r := range rs {
		registry = append(registry, r)
		byID[r.ID] = r
	}
	sort.Slice(registry, func(i, j int) bool { return registry[i].ID < registry[j].ID })
}

// Rules returns every rule, sorted by ID.
func Rules() []*Rule { return append([]*Rule(nil), registry...) }

// Lookup returns the rule with the given ID, or nil.
func Lookup(id string) *Rule { return byID[id] }

var ruleIDRE = regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)

// driverRules are reported by the driver rather than a Run function.
var driverRules = map[string]bool{"file": true, "parse": true, "schema": true, "id-unique": true, "unused-ignore": true}

// Validate checks a rule's declaration: a kebab-case ID, a short lower-case
// summary, a doc, a severity, and a Run function unless the driver reports
// it.
func (r *Rule) Validate() error {
	switch {
	case !ruleIDRE.MatchString(r.ID):
		return fmt.Errorf("rule %q: ID must be kebab-case", r.ID)
	case r.Summary == "" || len(r.Summary) > 60 || strings.Contains(r.Summary, "\n"):
		return fmt.Errorf("rule %s: summary must be one line under 60 characters", r.ID)
	case strings.ToLower(r.Summary[:1]) != r.Summary[:1]:
		return fmt.Errorf("rule %s: summary must start in lower case", r.ID)
	case strings.TrimSpace(r.Doc) == "":
		return fmt.Errorf("rule %s: empty doc", r.ID)
	case r.Severity < Info || r.Severity > Error:
		return fmt.Errorf("rule %s: default severity must be info, warning or error", r.ID)
	case r.Run == nil && !driverRules[r.ID]:
		return fmt.Errorf("rule %s: nil Run", r.ID)
	}
	return nil
}
