package lint

// The fixture harness for rules, in the manner of analysistest: each rule
// has a folder testdata/rules/<rule-id>/ of guides whose lines say what the
// rule must report on them.
//
// In a YAML fixture a comment
//
//	# want "regexp" ["regexp" ...]
//
// expects, on its own line, one diagnostic of the folder's rule per quoted
// regexp (a Go string, "..." or `...`), matched against the message. The
// comment may start with +N or -N to speak of the line N below or above it
// (for a value the comment cannot share a line with). Before a regexp,
// col=N demands that exact column and sev=S that severity (error, warning,
// info).
//
// A JSON fixture cannot hold comments: its expectations go in a sidecar
// file of the same name plus ".want" (x.json.want), one per line as
//
//	LINE [col=N] [sev=S] "regexp" ...
//
// with blank lines and lines starting with # ignored.
//
// Each fixture is linted with checkFile and the default settings. Only the
// folder's rule is compared: every one of its diagnostics must meet an
// expectation on its line, and every expectation must be met, once. No
// fixture may make any rule report an internal error.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// fixtureRoot holds one folder of fixtures per rule.
const fixtureRoot = "testdata/rules"

// expectation is one wanted diagnostic.
type expectation struct {
	line int
	col  int      // 0: any
	sev  Severity // Off: any
	re   *regexp.Regexp
	src  string // where it was written, for messages: "file:line"
	met  bool
}

// wantCommentRE finds a "# want" comment in a line of YAML.
var wantCommentRE = regexp.MustCompile(`(?:^|\s)#\s*want(?:\s|$)`)

// parseWants reads the expectations of a fixture: from its "# want"
// comments, or from its .want sidecar for JSON.
func parseWants(path string, data []byte) ([]*expectation, error) {
	if strings.HasSuffix(path, ".json") {
		side, err := os.ReadFile(path + ".want")
		if os.IsNotExist(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		var out []*expectation
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
			es, err := parseWantTokens(rest, line, fmt.Sprintf("%s.want:%d", path, i+1))
			if err != nil {
				return nil, err
			}
			out = append(out, es...)
		}
		return out, nil
	}
	var out []*expectation
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
		es, err := parseWantTokens(rest, line, fmt.Sprintf("%s:%d", path, i+1))
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

// parseWantTokens reads `[col=N] [sev=S] "re" ...` for one line.
func parseWantTokens(s string, line int, src string) ([]*expectation, error) {
	var out []*expectation
	col, sev := 0, Off
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
			v, err := ParseSeverity(tok[len("sev="):])
			if err != nil || v == Off {
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
			out = append(out, &expectation{line: line, col: col, sev: sev, re: re, src: src})
			col, sev = 0, Off
			s = s[len(q):]
		default:
			return nil, fmt.Errorf("%s: unexpected %q in want; want [col=N] [sev=S] \"regexp\"", src, s)
		}
	}
	if col != 0 || sev != Off {
		return nil, fmt.Errorf("%s: col= or sev= without a regexp after it", src)
	}
	return out, nil
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
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(files)
	return files
}

// runFixtures checks rule against every fixture in its folder.
func runFixtures(t *testing.T, rule *Rule) {
	t.Helper()
	dir := filepath.Join(fixtureRoot, rule.ID)
	files := fixtureFiles(t, dir)
	if len(files) == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
	for _, path := range files {
		path := path
		t.Run(filepath.Base(path), func(t *testing.T) { checkFixture(t, rule, path) })
	}
}

// checkFixture lints one fixture and compares the rule's diagnostics with
// its expectations.
func checkFixture(t *testing.T, rule *Rule, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wants, err := parseWants(path, data)
	if err != nil {
		t.Fatal(err)
	}
	res := checkFile(filepath.ToSlash(path), data, defaultSettings())
	for _, d := range res.Diags {
		if strings.HasPrefix(d.Message, "internal error") {
			t.Errorf("%s:%d:%d: %s", path, d.Line, d.Column, d.Message)
		}
		if d.Rule != rule.ID {
			continue
		}
		if !meet(wants, d) {
			t.Errorf("%s:%d:%d: unexpected diagnostic: %s: %s", path, d.Line, d.Column, d.Severity, d.Message)
		}
	}
	for _, w := range wants {
		if !w.met {
			var extra []string
			if w.col > 0 {
				extra = append(extra, "col="+strconv.Itoa(w.col))
			}
			if w.sev != Off {
				extra = append(extra, "sev="+w.sev.String())
			}
			t.Errorf("%s: no %s diagnostic on line %d matched %q %s", w.src, rule.ID, w.line, w.re, strings.Join(extra, " "))
		}
	}
	if t.Failed() {
		for _, d := range res.Diags {
			if d.Rule == rule.ID || d.Rule == "parse" {
				t.Logf("got %s", d)
			}
		}
	}
}

// meet marks the first unmet expectation that d satisfies and reports
// whether there was one.
func meet(wants []*expectation, d Diagnostic) bool {
	for _, w := range wants {
		if w.met || w.line != d.Line || !w.re.MatchString(d.Message) {
			continue
		}
		if (w.col != 0 && w.col != d.Column) || (w.sev != Off && w.sev != d.Severity) {
			continue
		}
		w.met = true
		return true
	}
	return false
}

// semanticRules are the rules with fixtures: every rule with a Run.
func semanticRules() []*Rule {
	var out []*Rule
	for _, r := range Rules() {
		if r.Run != nil {
			out = append(out, r)
		}
	}
	return out
}

// TestFixtureLayout checks that every fixture folder belongs to a rule and
// that every rule with a Run has a folder with at least one fixture that
// must stay silent (ok*), one where it fires, and one exact column.
func TestFixtureLayout(t *testing.T) {
	entries, err := os.ReadDir(fixtureRoot)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if r := Lookup(e.Name()); !e.IsDir() || r == nil || r.Run == nil {
			t.Errorf("%s/%s: not a folder named after a rule with a Run", fixtureRoot, e.Name())
		}
	}
	for _, r := range semanticRules() {
		dir := filepath.Join(fixtureRoot, r.ID)
		if _, err := os.Stat(dir); err != nil {
			t.Errorf("rule %s has no fixtures: %v", r.ID, err)
			continue
		}
		var silent, firing, cols int
		for _, path := range fixtureFiles(t, dir) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			wants, err := parseWants(path, data)
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(filepath.Base(path), "ok") {
				silent++
				if len(wants) > 0 {
					t.Errorf("%s: an ok fixture must expect nothing", path)
				}
			} else if len(wants) > 0 {
				firing++
			}
			for _, w := range wants {
				if w.col > 0 {
					cols++
				}
			}
		}
		if silent == 0 || firing == 0 || cols == 0 {
			t.Errorf("rule %s: want at least one ok fixture, one firing fixture and one col= check; found %d, %d, %d", r.ID, silent, firing, cols)
		}
	}
}

// TestWantParser checks the harness itself on tricky comments.
func TestWantParser(t *testing.T) {
	src := "a: 1 # want \"x\" col=3 sev=warning `y\"z`\n" +
		"b: \"# want not a comment\"\n" +
		"# want +1 \"next\"\n" +
		"c: 2\n" +
		"d: 3 # want -3 \"back\"\n"
	ws, err := parseWants("f.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, len(ws))
	for i, w := range ws {
		got[i] = fmt.Sprintf("%d %d %s %s", w.line, w.col, w.sev, w.re)
	}
	want := []string{"1 0 off x", "1 3 warning y\"z", "4 0 off next", "2 0 off back"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("parseWants = %q, want %q", got, want)
	}
	for _, bad := range []string{"a: 1 # want", "a: 1 # want col=2", "a: 1 # want nope", "a: 1 # want \"(\""} {
		if _, err := parseWants("f.yaml", []byte(bad)); err == nil {
			t.Errorf("parseWants(%q) succeeded, want an error", bad)
		}
	}
}

// TestExamplesClean checks that the example guides give none of the
// semantic rules anything to say. Diagnostics of the driver's rules
// (schema and the like) are logged, not failed on: they are tested with
// the driver.
func TestExamplesClean(t *testing.T) {
	files, err := filepath.Glob("../examples/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no examples in ../examples")
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range checkFile(filepath.ToSlash(path), data, defaultSettings()).Diags {
			if r := Lookup(d.Rule); r != nil && r.Run != nil {
				t.Errorf("%s", d)
			} else {
				t.Logf("%s", d)
			}
		}
	}
}
