package lint

import (
	"bytes"
	"regexp"
	"strings"
)

// directive is one "# guidelint:ignore" or "# guidelint:ignore-file"
// comment.
type directive struct {
	line, col int  // where the comment starts
	target    int  // the line it covers; 0 with file
	file      bool // ignore-file: covers the whole file
	rules     []string
	used      map[string]bool
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

// suppress reports whether a directive covers d, and marks it used.
func (ds directives) suppress(d Diagnostic) bool {
	for _, dir := range ds {
		if !dir.file && dir.target != d.Line {
			continue
		}
		for _, r := range dir.rules {
			if r == d.Rule {
				dir.used[r] = true
				return true
			}
		}
	}
	return false
}

// unused returns a diagnostic for each directive rule that suppressed
// nothing, and for each name that is no rule. A name of a rule that is
// off is not reported: the directive may matter under another config.
func (ds directives) unused(l *Linter, path string) []Diagnostic {
	var out []Diagnostic
	for _, dir := range ds {
		kind := "guidelint:ignore"
		if dir.file {
			kind = "guidelint:ignore-file"
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
					Fingerprint: Fingerprint(ruleUnusedIgnore, path, "", kind+" "+r+" suppressed nothing")})
			}
		}
	}
	return out
}
