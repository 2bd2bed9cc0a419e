package lint

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/english"
)

// A Rule is one check. Rules are values: DefaultRules makes the built-in
// catalogue afresh for each caller, and a program adds its own by passing
// them in Options.Rules. A rule passed in is suppressed, configured,
// cached and listed exactly like a built-in one.
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
	// DocURL is where the rule's documentation lives, for SARIF and the
	// job summary; empty for a built-in rule means docs/rules.md.
	DocURL string
	// Version, for a rule whose behaviour is set when the program runs
	// (a limit read from a flag), names that behaviour: cached findings
	// and facts are kept apart for each Version. A rule that only the
	// program's code decides need not set it: the cache is keyed on the
	// program's build.
	Version string
	// Run checks one document and reports through the Pass. A rule that
	// compares guides records the document's fact with Pass.SetFact.
	Run func(*Pass)
	// Check, for a rule that compares guides (id-unique), runs once per
	// run over the facts every document's Run recorded, and reports
	// through the CheckPass. Facts are cached with a file's findings, so
	// a guide that did not change is not parsed again to learn its fact.
	Check func(*CheckPass)

	// driver marks the built-in rules the linter reports itself, which
	// have no Run: file, parse and unused-ignore.
	driver bool
	// config, for a rule defined by a configuration (a house rule),
	// is its definition: part of the cache key, since the rule's
	// behaviour changes with it.
	config string
	// factKey, for a built-in rule whose Check reports a guide of the run
	// only when another guide's fact holds the same key (id-unique), is
	// that key as the fact encodes it (false for a fact of another
	// shape): the scope's facts whose key no guide of the run holds are
	// then not handed to the Check (scopeFilter).
	factKey func([]byte) ([]byte, bool)
}

// URL is where the rule's documentation lives, or "" when a rule passed
// in names none.
func (r *Rule) URL() string {
	if r.DocURL != "" || !r.builtin() {
		return r.DocURL
	}
	return DocsURL + "#" + r.ID
}

// cacheID identifies what the rule does, for cache keys.
func (r *Rule) cacheID() string { return r.ID + "\x00" + r.Version + "\x00" + r.config }

func (r *Rule) builtin() bool { return builtinIDs()[r.ID] && r.config == "" }

// DocsURL is the rule documentation that diagnostics and SARIF link to.
const DocsURL = "https://github.com/skillguides/guidelint/blob/main/docs/rules.md"

var ruleIDRE = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// Validate checks a rule's declaration: a kebab-case ID, a short lower-case
// summary, a doc, a severity, and a Run function (only the linter's own
// file, parse and unused-ignore have none).
func (r *Rule) Validate() error {
	switch {
	case r == nil:
		return fmt.Errorf("nil rule")
	case !ruleIDRE.MatchString(r.ID):
		return fmt.Errorf("rule %q: ID must be kebab-case (lower-case words and digits joined by hyphens)", r.ID)
	case checkSummary(r.Summary) != nil:
		return fmt.Errorf("rule %s: %v", r.ID, checkSummary(r.Summary))
	case strings.TrimSpace(r.Doc) == "":
		return fmt.Errorf("rule %s: empty doc", r.ID)
	case r.Severity < Info || r.Severity > Error:
		return fmt.Errorf("rule %s: default severity must be info, warning or error", r.ID)
	case r.Run == nil && !r.driver:
		return fmt.Errorf("rule %s: nil Run", r.ID)
	}
	return nil
}

// checkSummary says what is wrong with a rule's summary: it must be one
// line of at most 60 characters starting in lower case, as messages do.
func checkSummary(s string) error {
	first, _ := utf8.DecodeRuneInString(s)
	switch {
	case strings.TrimSpace(s) == "" || utf8.RuneCountInString(s) > 60 || strings.ContainsAny(s, "\r\n"):
		return errors.New("summary must be one line of at most 60 characters")
	case unicode.IsUpper(first) || unicode.IsTitle(first):
		return errors.New("summary must start in lower case, as messages do")
	}
	return nil
}

// Pass is what a rule sees of one document.
type Pass struct {
	Doc   *guide.Document
	Guide *guide.SkillGuide // never nil
	// Path is the file's path as diagnostics show it.
	Path string
	// Rule is the running rule; a rule must not change it.
	Rule *Rule
	// ReportFunc receives each diagnostic; the linter sets it. A program
	// that drives rules itself sets it too.
	ReportFunc func(Diagnostic)

	fact json.RawMessage
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
// warning); it applies unless the configuration or Enable sets the rule
// to a severity other than its default.
func (p *Pass) ReportDiagnostic(d Diagnostic) {
	d.Path = p.Path
	d.Rule = p.Rule.ID
	if d.Line < 1 {
		d.Line = 1
	}
	if d.Column < 1 {
		d.Column = 1
	}
	p.ReportFunc(d)
}

// SetFact records what a rule with a Check needs to know of this
// document when it compares the guides of a run. v must encode as JSON:
// it is cached with the file's findings. A later call replaces the fact.
func (p *Pass) SetFact(v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("rule %s: fact does not encode as JSON: %w", p.Rule.ID, err)
	}
	p.fact = data
	return nil
}

// Fact returns the fact recorded by SetFact, or nil.
func (p *Pass) Fact() json.RawMessage { return p.fact }

// Fact is what one guide's Run recorded for a rule's Check.
type Fact struct {
	// Path is the guide's path as diagnostics show it.
	Path string
	// Linted is true for a guide of the run, which findings may be
	// reported on; false for a guide of the scope (Options.Scope) that
	// is only compared against.
	Linted bool
	// Anonymous is true for standard input read without a name: it may
	// be any guide of the scope, so comparing it with them says nothing.
	Anonymous bool
	// Data is the fact as SetFact encoded it. It may point into the
	// run's stat index, mapped read-only and released when the run ends:
	// a Check never changes it, and one that keeps a fact past its
	// return keeps a copy.
	Data json.RawMessage
}

// Decode decodes the fact into v.
func (f Fact) Decode(v any) error { return json.Unmarshal(f.Data, v) }

// CheckPass is what a rule's Check sees of a run: the facts of every
// guide, sorted by path.
type CheckPass struct {
	Rule  *Rule
	Facts []Fact
	// ReportFunc receives each diagnostic; the linter sets it.
	ReportFunc func(Diagnostic)

	fpPath func(string) string // the path a fingerprint holds, from a Fact's
}

// Fingerprint is the fingerprint of a finding at pointer of the guide at
// path (a Fact's Path) about what (see the package's Fingerprint), with
// the path as the linter writes it in fingerprints.
func (c *CheckPass) Fingerprint(path, pointer, what string) string {
	if c.fpPath != nil {
		path = c.fpPath(path)
	}
	return Fingerprint(c.Rule.ID, path, pointer, what)
}

// Report records a finding at pos of the guide at path. Findings on a
// guide that is not Linted are dropped.
func (c *CheckPass) Report(path string, pos guide.Pos, message string) {
	c.ReportDiagnostic(Diagnostic{Path: path, Line: pos.Line, Column: pos.Col, Message: message})
}

// ReportDiagnostic records a finding with a pointer and a fingerprint
// (see Fingerprint): a finding without one gets the fingerprint of its
// message.
func (c *CheckPass) ReportDiagnostic(d Diagnostic) {
	d.Rule = c.Rule.ID
	d.Line, d.Column = max(d.Line, 1), max(d.Column, 1)
	if d.Fingerprint == "" {
		d.Fingerprint = c.Fingerprint(d.Path, d.Pointer, d.Message)
	}
	c.ReportFunc(d)
}

// Reportf is Report with a format.
func (c *CheckPass) Reportf(path string, pos guide.Pos, format string, args ...any) {
	c.Report(path, pos, fmt.Sprintf(format, args...))
}

// plural counts things in a rule message: "1 option", "3 options".
func plural(n int, noun string) string { return english.Plural(n, noun) }
