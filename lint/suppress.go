package lint

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// directive is one "# guidelint:ignore" or "# guidelint:ignore-file"
// comment.
type directive struct {
	line, col int  // where the comment starts
	target    int  // the line it covers; 0 with file
	file      bool // ignore-file: covers the whole file
	rules     []string
	used      map[string]bool

	// until is the date written as until=YYYY-MM-DD ("" for none): after
	// it the directive suppresses nothing (SPEC §9). untilOK says it is a
	// date; a malformed one suppresses nothing either.
	until   string
	untilOK bool
	date    time.Time
	// reason is the text after "--" (hasReason: there is one).
	reason    string
	hasReason bool

	expired bool // set by finish, from the linter's clock
	count   int  // findings suppressed in this run
}

type directives []*directive

var directiveRE = regexp.MustCompile(`(?:^|\s)(#\s*guidelint:(ignore-file|ignore))(\s.*)?$`)

var directiveMarker = []byte("guidelint:ignore")

// hasDirective reports whether data may hold a directive: a '#' followed,
// after white space, by the marker. It looks for the '#', which guide text
// seldom holds, because a search for the marker itself stops at every 'g'
// and cost more than most rules.
func hasDirective(data []byte) bool {
	for {
		i := bytes.IndexByte(data, '#')
		if i < 0 {
			return false
		}
		data = data[i+1:]
		rest := bytes.TrimLeft(data, " \t\n\v\f\r") // a superset of the regexp's \s
		if bytes.HasPrefix(rest, directiveMarker) {
			return true
		}
	}
}

// parseDirectives finds the suppression comments of a file. Only the first
// word after the directive names rules (comma-separated); the rest, with or
// without a leading "--", is the reason and never taken for a rule name.
func parseDirectives(data []byte) directives {
	// Positions count in the text as the parser reads it: without a
	// byte order mark, which would also hide a directive on the first
	// line, and UTF-16 transcoded, whose comments are otherwise unseen.
	data = sourceUTF8(data)
	if !hasDirective(data) {
		return nil
	}
	lines := strings.Split(string(data), "\n")
	var ds directives
	for i, raw := range lines {
		line := strings.TrimRight(raw, "\r")
		if !strings.Contains(line, "guidelint:ignore") {
			continue
		}
		m := directiveRE.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		d := &directive{line: i + 1, col: 1 + len([]rune(line[:m[2]])), file: line[m[4]:m[5]] == "ignore-file", used: map[string]bool{}}
		if m[6] >= 0 {
			d.rules = ruleNames(line[m[6]:m[7]])
			d.parseRest(line[m[6]:m[7]])
		}
		if !d.file {
			if strings.TrimSpace(line[:m[2]]) == "" {
				// On a line of its own: covers the next line that holds
				// something other than comments.
				for j := i + 1; j < len(lines); j++ {
					t := strings.TrimSpace(lines[j])
					if t != "" && !strings.HasPrefix(t, "#") {
						d.target = j + 1
						break
					}
				}
			} else {
				d.target = i + 1
			}
		}
		ds = append(ds, d)
	}
	return ds
}

// parseRest reads what follows the rule names: "until=YYYY-MM-DD" and
// "-- reason", in that order.
func (d *directive) parseRest(rest string) {
	fields := strings.Fields(rest)
	i := 0
	for i < len(fields) && fields[i] != "--" && strings.HasSuffix(fields[i], ",") {
		i++ // "a, b" names rules over several words
	}
	if i < len(fields) && fields[i] != "--" {
		i++ // the last word of the rule names
	}
	if i < len(fields) && strings.HasPrefix(fields[i], "until=") {
		d.until = strings.TrimPrefix(fields[i], "until=")
		if t, err := time.Parse("2006-01-02", d.until); err == nil {
			d.date, d.untilOK = t, true
		}
		i++
	}
	if j := strings.Index(rest, "--"); j >= 0 {
		if r := strings.TrimSpace(rest[j+2:]); r != "" && !strings.HasPrefix(r, "until=") {
			d.reason, d.hasReason = r, true
		}
	}
}

// active reports whether the directive suppresses anything: not when
// its until= date has passed or is not a date.
func (d *directive) active() bool { return (d.until == "" || d.untilOK) && !d.expired }

// ruleNames reads "RULE[,RULE...] [-- reason]".
func ruleNames(rest string) []string {
	rest = strings.TrimSpace(rest)
	if rest == "" || strings.HasPrefix(rest, "--") {
		return nil
	}
	// "a, b" is forgiven: a word ending in a comma continues the list.
	var spec strings.Builder
	for _, w := range strings.Fields(rest) {
		if w == "--" {
			break
		}
		spec.WriteString(w)
		if !strings.HasSuffix(w, ",") {
			break
		}
	}
	var names []string
	for _, n := range strings.Split(spec.String(), ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	return names
}

// suppress returns the directive that covers d, marked used, or nil.
func (ds directives) suppress(d Diagnostic) *directive {
	for _, dir := range ds {
		if (!dir.file && dir.target != d.Line) || !dir.active() {
			continue
		}
		for _, r := range dir.rules {
			if r == d.Rule {
				dir.used[r] = true
				dir.count++
				return dir
			}
		}
	}
	return nil
}

// unused returns a diagnostic for each directive rule that suppressed
// nothing, and for each name that is no rule. A name of a rule that is
// off is not reported: the directive may matter under another config.
func (ds directives) unused(l *Linter, path, fp string) []Diagnostic {
	var out []Diagnostic
	for _, dir := range ds {
		kind := "guidelint:ignore"
		if dir.file {
			kind = "guidelint:ignore-file"
		}
		if !dir.active() {
			continue // expired-ignore reports it
		}
		if len(dir.rules) == 0 {
			out = append(out, Diagnostic{Line: dir.line, Column: dir.col, Rule: ruleUnusedIgnore,
				Message: kind + " names no rule; write \"# " + kind + " RULE[,RULE] -- reason\""})
			continue
		}
		for _, r := range dir.rules {
			if l.byID[r] == nil {
				msg := "unknown rule " + quote(r) + " in " + kind + l.ruleSuggestion(r)
				out = append(out, Diagnostic{Line: dir.line, Column: dir.col, Rule: ruleUnusedIgnore, Message: msg})
				continue
			}
			if !dir.used[r] && l.on(r) {
				where := "on line " + itoa(dir.target)
				if dir.file {
					where = "in this file"
				} else if dir.target == 0 {
					where = "(no line follows it)"
				}
				out = append(out, Diagnostic{Path: path, Line: dir.line, Column: dir.col, Rule: ruleUnusedIgnore,
					Message: kind + " " + r + " suppressed nothing " + where + "; remove it",
					// Of the directive, not of the message, which names a line.
					Fingerprint: Fingerprint(ruleUnusedIgnore, fp, "", kind+" "+r+" suppressed nothing")})
			}
		}
	}
	return out
}

// expiryWarning is how long before its until= date a directive is
// reported as an info note, so a team sees the end coming.
const expiryWarning = 14 * 24 * time.Hour

// ends marks the directives whose date has passed on the day of now and
// returns the expired-ignore findings: after the date a warning, in the
// 14 days before it an info note, for a malformed date an error.
func (ds directives) ends(now time.Time, path, fp string) []Diagnostic {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	var out []Diagnostic
	for _, dir := range ds {
		if dir.until == "" {
			continue
		}
		d := Diagnostic{Path: path, Line: dir.line, Column: dir.col, Rule: ruleExpiredIgnore,
			Fingerprint: Fingerprint(ruleExpiredIgnore, fp, "", "until="+dir.until+" "+strings.Join(dir.rules, ","))}
		switch left := dir.date.Sub(today); {
		case !dir.untilOK:
			d.Severity = Error
			d.Message = fmt.Sprintf("until=%s is not a date; write until=YYYY-MM-DD (the directive suppresses nothing)", dir.until)
		case left < 0:
			dir.expired = true
			d.Severity = Warning
			d.Message = fmt.Sprintf("guidelint:ignore %s expired on %s and suppresses nothing; fix the finding or set a new date", strings.Join(dir.rules, ","), dir.until)
		case left <= expiryWarning:
			d.Severity = Info
			days := int(left / (24 * time.Hour))
			d.Message = fmt.Sprintf("guidelint:ignore %s expires on %s, in %s", strings.Join(dir.rules, ","), dir.until, plural(days, "day"))
		default:
			continue
		}
		out = append(out, d)
	}
	return out
}

// reasonless returns an ignore-reason finding for each directive without
// "-- reason".
func (ds directives) reasonless(path, fp string) []Diagnostic {
	var out []Diagnostic
	for _, dir := range ds {
		if dir.hasReason {
			continue
		}
		out = append(out, Diagnostic{Path: path, Line: dir.line, Column: dir.col, Rule: ruleIgnoreReason,
			Message:     "guidelint:ignore " + strings.Join(dir.rules, ",") + " gives no reason; add \"-- why\" (require-reason is on)",
			Fingerprint: Fingerprint(ruleIgnoreReason, fp, "", strings.Join(dir.rules, ","))})
	}
	return out
}

// Ignore is one guidelint:ignore or guidelint:ignore-file comment of a
// run, for an audit of what is suppressed, why and until when.
type Ignore struct {
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	// File is set for guidelint:ignore-file, which covers the whole file.
	File  bool     `json:"file,omitempty"`
	Rules []string `json:"rules"`
	// Reason is the text after "--"; Until the until= date as written.
	Reason string `json:"reason,omitempty"`
	Until  string `json:"until,omitempty"`
	// Expired is set when Until has passed (or is no date): the comment
	// suppresses nothing.
	Expired bool `json:"expired,omitempty"`
	// Suppressed counts the findings it suppressed in this run.
	Suppressed int `json:"suppressed"`
}

// audit describes the directives after finish has used them.
func (ds directives) audit(path string) []Ignore {
	out := make([]Ignore, 0, len(ds))
	for _, d := range ds {
		out = append(out, Ignore{Path: path, Line: d.line, Column: d.col, File: d.file, Rules: d.rules,
			Reason: d.reason, Until: d.until, Expired: !d.active(), Suppressed: d.count})
	}
	return out
}

// Suppressed is a finding a guidelint:ignore comment suppressed, for
// writers that keep such findings marked (SARIF's inSource suppressions).
type Suppressed struct {
	Diagnostic
	// Reason is the comment's "-- reason"; Until its until= date.
	Reason, Until string
	// External is set for a finding the config's ignore list suppressed,
	// not a comment in the file.
	External bool
}

// IgnoreComment is a guidelint:ignore comment as [IgnoreComments] finds
// it: where it is and the line it covers.
type IgnoreComment struct {
	Line   int    // 1-based line of the comment
	Col    int    // column of its '#', in runes
	Target int    // the line it covers; 0 when no line follows it
	Text   string // the comment, from its '#'
}

// IgnoreComments lists the guidelint:ignore comments of data (not the
// ignore-file ones, which cover the whole file) exactly as the linter
// reads them, so that a tool that moves text (format) can check that every
// comment still covers what it covered.
func IgnoreComments(data []byte) []IgnoreComment {
	var out []IgnoreComment
	lines := strings.Split(string(sourceUTF8(data)), "\n")
	for _, d := range parseDirectives(data) {
		if d.file {
			continue
		}
		line := strings.TrimRight(lines[d.line-1], "\r")
		m := directiveRE.FindStringSubmatchIndex(line)
		out = append(out, IgnoreComment{Line: d.line, Col: d.col, Target: d.target, Text: strings.TrimSpace(line[m[2]:])})
	}
	return out
}
