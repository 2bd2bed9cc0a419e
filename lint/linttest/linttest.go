// Package linttest tests rules the way guidelint's own rules are tested,
// in the manner of golang.org/x/tools/go/analysis/analysistest: a folder
// of guides whose lines say what the rules must report on them.
//
// In a YAML fixture a comment
//
//	# want "regexp" ["regexp" ...]
//
// expects, on its own line, one diagnostic of the rules under test per
// quoted regexp (a Go string, "..." or `...`), matched against the
// message. The comment may start with +N or -N to speak of the line N
// below or above it (for a value the comment cannot share a line with).
// Before a regexp, col=N demands that exact column and sev=S that
// severity (error, warning, info).
//
// A JSON fixture cannot hold comments: its expectations go in a sidecar
// file of the same name plus ".want" (x.json.want), one per line as
//
//	LINE [col=N] [sev=S] "regexp" ...
//
// with blank lines and lines starting with # ignored.
package linttest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/skillguides/guidelint/lint"
)

// Run lints every fixture of dir (its .yaml, .yml and .json files) with
// the built-in rules and rules (a rule of rules replaces the built-in one
// with its ID) and compares the diagnostics of rules with the fixture's
// expectations: every one of them must meet an expectation on its line,
// and every expectation must be met, once. The diagnostics of other rules
// are not compared, but no rule may report an internal error, and a
// fixture must parse (else no rule runs on it). Each fixture is a subtest
// named after its file.
//
// Each fixture is linted alone, as an editor or pre-commit lints one
// file, with dir as the scope: a rule that compares guides (one with a
// Check) compares it with the other fixtures of dir.
func Run(t *testing.T, dir string, rules ...*lint.Rule) {
	t.Helper()
	RunConfig(t, dir, nil, rules...)
}

// RunConfig is Run with a configuration: its severities and house rules
// apply, and its house rules are compared like rules.
func RunConfig(t *testing.T, dir string, cfg *lint.Config, rules ...*lint.Rule) {
	t.Helper()
	l, tested, err := newLinter(dir, cfg, rules)
	if err != nil {
		t.Fatal(err)
	}
	files := fixtureFiles(t, dir)
	if len(files) == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
	for _, path := range files {
		path := path
		t.Run(filepath.Base(path), func(t *testing.T) { checkFixture(t, l, tested, path) })
	}
}

// newLinter is a linter of the built-in rules and rules, whose scope is
// dir, and the IDs whose findings are compared.
func newLinter(dir string, cfg *lint.Config, rules []*lint.Rule) (*lint.Linter, map[string]bool, error) {
	tested := map[string]bool{}
	for _, r := range rules {
		tested[r.ID] = true
	}
	all := append([]*lint.Rule(nil), rules...)
	for _, r := range lint.DefaultRules() {
		if !tested[r.ID] {
			all = append(all, r)
		}
	}
	l, err := lint.New(lint.Options{Rules: all, Config: cfg, Scope: []string{dir}})
	if err != nil {
		return nil, nil, err
	}
	if cfg != nil {
		for _, r := range l.Rules() {
			if !builtin(r.ID) {
				tested[r.ID] = true // a house rule
			}
		}
	}
	return l, tested, nil
}

func builtin(id string) bool {
	for _, r := range lint.DefaultRules() {
		if r.ID == id {
			return true
		}
	}
	return false
}

// checkFixture lints one fixture and compares the tested rules'
// diagnostics with its expectations.
func checkFixture(t *testing.T, l *lint.Linter, tested map[string]bool, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wants, err := Wants(path, data)
	if err != nil {
		t.Fatal(err)
	}
	diags, err := l.Lint(context.Background(), filepath.ToSlash(path), data)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		if d.Internal {
			t.Errorf("%s:%d:%d: %s", path, d.Line, d.Column, d.Message)
		}
		if d.Rule == "parse" && !tested["parse"] {
			// No rule runs on a file that does not parse: every
			// expectation of silence in it would pass whatever the rule.
			t.Errorf("%s:%d:%d: fixture does not parse, so no rule ran on it: %s", path, d.Line, d.Column, d.Message)
		}
		if !tested[d.Rule] {
			continue
		}
		if !meet(wants, d) {
			t.Errorf("%s:%d:%d: unexpected diagnostic: %s: %s (%s)", path, d.Line, d.Column, d.Severity, d.Message, d.Rule)
		}
	}
	for _, w := range wants {
		if !w.met {
			var extra []string
			if w.Column > 0 {
				extra = append(extra, "col="+strconv.Itoa(w.Column))
			}
			if w.Severity != lint.Off {
				extra = append(extra, "sev="+w.Severity.String())
			}
			t.Errorf("%s: no diagnostic on line %d matched %q %s", w.Source, w.Line, w.Message, strings.Join(extra, " "))
		}
	}
	if t.Failed() {
		for _, d := range diags {
			if tested[d.Rule] || d.Rule == "parse" {
				t.Logf("got %s", d)
			}
		}
	}
}

// meet marks the first unmet expectation that d satisfies and reports
// whether there was one.
func meet(wants []*Want, d lint.Diagnostic) bool {
	for _, w := range wants {
		if w.met || w.Line != d.Line || !w.Message.MatchString(d.Message) {
			continue
		}
		if (w.Column != 0 && w.Column != d.Column) || (w.Severity != lint.Off && w.Severity != d.Severity) {
			continue
		}
		w.met = true
		return true
	}
	return false
}

// fixtureFiles lists a folder's fixtures, sorted.
func fixtureFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		switch filepath.Ext(e.Name()) {
		case ".yaml", ".yml", ".json":
			if !e.IsDir() {
				files = append(files, filepath.Join(dir, e.Name()))
			}
		}
	}
	sort.Strings(files)
	return files
}

// Want is one expected diagnostic.
type Want struct {
	// Line is the line the diagnostic must be on.
	Line int
	// Column, when not 0, is the column it must have (col=N).
	Column int
	// Severity, when not Off, is the severity it must have (sev=S).
	Severity lint.Severity
	// Message matches the diagnostic's message.
	Message *regexp.Regexp
	// Source is where the expectation is written: "file:line".
	Source string

	met bool
}

// wantCommentRE finds a "# want" comment in a line of YAML.
var wantCommentRE = regexp.MustCompile(`(?:^|\s)#\s*want(?:\s|$)`)

// Wants reads the expectations of a fixture at path holding data: from
// its "# want" comments, or from its .want sidecar for JSON.
func Wants(path string, data []byte) ([]*Want, error) {
	if strings.HasSuffix(path, ".json") {
		side, err := os.ReadFile(path + ".want")
		if os.IsNotExist(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		var out []*Want
		for i, l := range strings.Split(string(side), "\n") {
			l = strings.TrimSpace(l)
			if l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			num, rest, _ := strings.Cut(l, " ")
			line, err := strconv.Atoi(num)
			if err != nil || line < 1 {
				return nil, fmt.Errorf("%s.want:%d: want a line number first, found %q", path, i+1, num)
			}
			es, err := parseTokens(rest, line, fmt.Sprintf("%s.want:%d", path, i+1))
			if err != nil {
				return nil, err
			}
			out = append(out, es...)
		}
		return out, nil
	}
	var out []*Want
	for i, l := range strings.Split(string(data), "\n") {
		loc := wantCommentRE.FindStringIndex(l)
		if loc == nil {
			continue
		}
		rest := l[loc[1]:]
		if loc[1] == len(l) {
			rest = ""
		}
		line := i + 1
		rest = strings.TrimSpace(rest)
		if len(rest) > 1 && (rest[0] == '+' || rest[0] == '-') {
			num, tail, _ := strings.Cut(rest, " ")
			off, err := strconv.Atoi(num)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: bad line offset %q in want comment", path, line, num)
			}
			line += off
			rest = tail
		}
		es, err := parseTokens(rest, line, fmt.Sprintf("%s:%d", path, i+1))
		if err != nil {
			return nil, err
		}
		if len(es) == 0 {
			return nil, fmt.Errorf("%s:%d: want comment without a quoted regexp", path, i+1)
		}
		out = append(out, es...)
	}
	return out, nil
}

// parseTokens reads `[col=N] [sev=S] "re" ...` for one line.
func parseTokens(s string, line int, src string) ([]*Want, error) {
	var out []*Want
	col, sev := 0, lint.Off
	for {
		s = strings.TrimSpace(s)
		if s == "" {
			break
		}
		switch {
		case strings.HasPrefix(s, "col="):
			tok, rest, _ := strings.Cut(s, " ")
			n, err := strconv.Atoi(tok[len("col="):])
			if err != nil || n < 1 {
				return nil, fmt.Errorf("%s: bad %q", src, tok)
			}
			col, s = n, rest
		case strings.HasPrefix(s, "sev="):
			tok, rest, _ := strings.Cut(s, " ")
			v, err := lint.ParseSeverity(tok[len("sev="):])
			if err != nil || v == lint.Off {
				return nil, fmt.Errorf("%s: bad %q", src, tok)
			}
			sev, s = v, rest
		case s[0] == '"' || s[0] == '`':
			q, err := strconv.QuotedPrefix(s)
			if err != nil {
				return nil, fmt.Errorf("%s: bad quoted regexp in %q: %v", src, s, err)
			}
			pat, _ := strconv.Unquote(q)
			re, err := regexp.Compile(pat)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", src, err)
			}
			out = append(out, &Want{Line: line, Column: col, Severity: sev, Message: re, Source: src})
			col, sev = 0, lint.Off
			s = s[len(q):]
		default:
			return nil, fmt.Errorf("%s: unexpected %q in want; want [col=N] [sev=S] \"regexp\"", src, s)
		}
	}
	if col != 0 || sev != lint.Off {
		return nil, fmt.Errorf("%s: col= or sev= without a regexp after it", src)
	}
	return out, nil
}
