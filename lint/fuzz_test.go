package lint

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/fuzzseed"
)

// hostileSeeds are the project's hostile inputs plus guides built to hurt
// a rule: aliases and merge keys into the lists rules walk, extreme
// numbers and durations, quiz options equal after folding, suppression
// comments in odd places, tabs, CRLF and UTF-16 text holding findings.
var hostileSeeds = append([]string{
	"levels: &l [{name: A, duration: 0-6 months}]\nusage: {use_cases: [{title: t, level: B, description: d}]}\nx: *l\n",
	"base: &base {name: B, weight: 50, description: d, example_tasks: [t]}\nsub_skills:\n  - <<: *base\n  - <<: *base\n    name: C\n",
	"{\n\t\"resources\": {\"items\": [{\"title\": \"t\", \"url\": \"https:\\/\\/x.org\\/\", \"kind\": \"book\", \"cost\": \"free\"}]},\n\t\"id\": \"\\ud83d\\ude00\\ud800\"\n}\n",
	`{"title": "\ud83d\ude00 TODO \u00e9", "tagline": "\udc00"}`,
	"id:\tx\ntitle:\t\"tab\"\nlevels:\n\t- name: A\n",
	"id: a\r\ntitle: TODO\r\nsub_skills:\r\n  - name: x\r\n    weight: 5\r\n",
	"id: a\rtitle: TODO\r",
	"\xEF\xBB\xBFid: a # guidelint:ignore placeholder\ntitle: TODO\n",
	"\xFF\xFEi\x00d\x00:\x00 \x00T\x00O\x00D\x00O\x00\n\x00",
	"\xFF\xFE\x00\xD8",
	"id: \"a\u2028b\"\ntitle: [\"c\u0085d\", e]\nwhat: a\u2029b\n",
	"stats: {learning_phases: 1e400, estimated_hours: -.inf, sub_skills: .nan}\n",
	"sub_skills: [{weight: 1e308}, {weight: 1e308}]\nlearning_path: {total_hours: 1e-320, phases: [{hours: 5e-324}]}\n",
	"levels: [{name: A, duration: 99999999999999999999-1 years}, {name: B, duration: \"0+ months\"}]\n",
	"assessment: {quiz: [{question: q, options: [\"A \", \" a\", a], answer: \" A\"}]}\n",
	"# guidelint:ignore\n# guidelint:ignore-file nope,,\nid: a # guidelint:ignore placeholder -- reason\n",
	"id: a # guidelint:ignore\n",
	"# guidelint:ignore placeholder\n",
}, fuzzseed.Hostile...)

// FuzzLint runs parse, schema and every rule, at their default settings,
// on arbitrary bytes read as YAML and as JSON. Whatever the input: no
// panic (a rule's panic would be an "internal error" diagnostic), and
// every diagnostic is at a position inside the file as guidelint reads it
// (byte order mark dropped, UTF-16 transcoded).
func FuzzLint(f *testing.F) {
	var paths []string
	for _, pattern := range []string{"../examples/*.yaml", "../testdata/seed/*.yaml", filepath.Join("testdata", "rules", "*", "*.*")} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		paths = append(paths, m...)
	}
	for _, p := range paths {
		if strings.HasSuffix(p, ".want") {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		if strings.HasPrefix(p, "../examples/") {
			// The same guide as JSON.
			if doc, _ := guide.Parse(p, data); doc != nil {
				if j, err := json.MarshalIndent(doc.Value(), "", "  "); err == nil {
					f.Add(j)
				}
			}
		}
	}
	for _, s := range hostileSeeds {
		f.Add([]byte(s))
	}
	s := defaultLinter()
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"x.yaml", "x.json"} {
			start := time.Now()
			diags := checkFile(s, name, data).Diags
			if d := time.Since(start); d > fuzzHang {
				t.Errorf("%s: linting %d bytes took %v", name, len(data), d)
			}
			checkLintPositions(t, name, name, data, diags)
			// checkFile's pooled Parser held the last input: a fresh
			// one must find the same.
			fresh := s.lintDoc(new(guide.Parser), name, data)
			fresh.finish(s, nil, nil)
			if diff := cmp.Diff(fresh.Diags, diags); diff != "" {
				t.Errorf("%s: a reused Parser changed the findings (-fresh +reused):\n%s", name, diff)
			}
		}
	})
}

// fuzzHang is how long one input may take before FuzzLint calls it a
// hang: inputs are at most a few hundred kilobytes, which lint in well
// under a second.
const fuzzHang = 10 * time.Second

// checkLintPositions fails t for a diagnostic that reports a crash, or
// that lies outside the file's text: line ≥ 1 and at most the number of
// lines, column ≥ 1 and at most one past the last code point of its line.
// name picks YAML or JSON as for guide.Parse; path is the diagnostics'.
func checkLintPositions(t *testing.T, name, path string, data []byte, diags []Diagnostic) {
	t.Helper()
	text := data
	if doc, _ := guide.Parse(name, data); doc != nil {
		text = doc.Data
	} else if norm, err := guide.Normalize(data); err == nil {
		text = norm
	}
	lines := bytes.Split(text, []byte{'\n'})
	for _, d := range diags {
		if strings.HasPrefix(d.Message, "internal error") {
			t.Errorf("%s: %s", name, d)
			continue
		}
		if d.Line < 1 || d.Line > len(lines) || d.Column < 1 || d.Column > 1+utf8.RuneCount(lines[d.Line-1]) {
			n := 0
			if d.Line >= 1 && d.Line <= len(lines) {
				n = utf8.RuneCount(lines[d.Line-1])
			}
			t.Errorf("%s: diagnostic outside the file (%d lines; that line has %d code points): %s", name, len(lines), n, d)
		}
		if d.EndLine != 0 && (d.EndLine < d.Line || d.EndLine > len(lines) || d.EndColumn < 1 || d.EndColumn > 1+utf8.RuneCount(lines[d.EndLine-1]) ||
			d.EndLine == d.Line && d.EndColumn <= d.Column) {
			t.Errorf("%s: diagnostic ends outside the file: %s ends at %d:%d", name, d, d.EndLine, d.EndColumn)
		}
		if d.Path != path || d.Rule == "" || d.Message == "" || d.Severity == Off {
			t.Errorf("%s: malformed diagnostic %+v", name, d)
		}
	}
}
