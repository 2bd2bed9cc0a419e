package lint

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/schema"
)

// settings is the effective rule configuration of a run: the severity of
// every rule after defaults, the config file and the flags.
type settings struct {
	severity map[string]Severity
	fp       string // fingerprint, for cache keys
}

// defaultSettings enables every rule at its default severity.
func defaultSettings() *settings {
	s := &settings{severity: make(map[string]Severity, len(registry))}
	for _, r := range registry {
		s.severity[r.ID] = r.Severity
	}
	return s
}

func (s *settings) on(id string) bool { return s.severity[id] != Off }

// fileResult is what linting one file yields: its diagnostics and, for the
// cross-file rules, its id.
type fileResult struct {
	Path  string
	Diags []Diagnostic // final, after finish
	ID    *guide.String

	raw  []Diagnostic // before suppression and severities
	dirs directives
	data []byte // the source, for Result.Sources (not cached)
}

// lintFile is the per-file half of a run: parse, schema and every enabled
// rule. It never panics: a rule that panics is reported as an internal
// error on the file, and the other rules still run. It parses with p, so
// nothing it returns may point into the document.
func lintFile(p *guide.Parser, path string, data []byte, s *settings) fileResult {
	res := fileResult{Path: path, dirs: parseDirectives(data)}
	var diags []Diagnostic
	add := func(d Diagnostic) { diags = append(diags, d) }

	doc, err := p.Parse(path, data)
	var list guide.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			add(Diagnostic{Path: path, Line: e.Pos.Line, Column: e.Pos.Col, Rule: "parse", Message: e.Msg})
		}
	} else if err != nil {
		add(Diagnostic{Path: path, Line: 1, Column: 1, Rule: "parse", Message: err.Error()})
	}
	if doc != nil {
		if s.on("schema") {
			var keys fieldIndex
			for _, v := range schema.Validate(doc.Value()) {
				add(schemaDiagnostic(path, doc, v, &keys))
			}
		}
		for _, r := range registry {
			if r.Run == nil || !s.on(r.ID) {
				continue
			}
			runRule(r, path, doc, add)
		}
		if id := doc.Guide.ID; id != nil {
			res.ID = &guide.String{Value: id.Value, Pos: id.Pos} // outlives doc
		}
	}
	res.raw = diags
	return res
}

// runRule runs one rule, turning a panic into a diagnostic so that one
// broken rule cannot take the run down with it.
func runRule(r *Rule, path string, doc *guide.Document, add func(Diagnostic)) {
	defer func() {
		if p := recover(); p != nil {
			stack := string(debug.Stack())
			add(Diagnostic{Path: path, Line: 1, Column: 1, Rule: r.ID, Severity: Error, Internal: true,
				Message: fmt.Sprintf("internal error: rule %s panicked: %v; please report this at https://github.com/skillguides/guidelint/issues with the file (%s)", r.ID, p, firstFrame(stack))})
		}
	}()
	pass := &Pass{Doc: doc, Guide: doc.Guide, Path: path, rule: r, report: add}
	r.Run(pass)
}

func firstFrame(stack string) string {
	lines := strings.Split(stack, "\n")
	for i, l := range lines {
		if strings.Contains(l, "/lint.") && !strings.Contains(l, "runRule") && i+1 < len(lines) {
			return strings.TrimSpace(lines[i+1])
		}
	}
	return "no frame"
}

// schemaDiagnostic places a schema violation per SPEC §2: an unknown key at
// that key, a missing key at the start of the object lacking it, anything
// else at the offending value.
func schemaDiagnostic(path string, doc *guide.Document, v schema.Violation, keys *fieldIndex) Diagnostic {
	n, _ := doc.Root.LookupPath(v.Path)
	pos := guide.Pos{Line: 1, Col: 1}
	if n != nil {
		pos = n.Pos
		if v.Key != "" {
			if f := keys.field(n, v.Key); f != nil {
				pos = f.KeyPos
			}
		}
	}
	return Diagnostic{Path: path, Line: pos.Line, Column: pos.Col, Rule: "schema", Message: v.Message}
}

// finish applies suppression comments and severities to the file's own
// findings and the cross-file ones, and adds the unused-ignore findings.
func (res *fileResult) finish(s *settings, cross []Diagnostic) {
	for _, d := range res.dirs {
		for k := range d.used {
			delete(d.used, k) // finish may run again on a cached result
		}
	}
	dirs, path := res.dirs, res.Path
	out := make([]Diagnostic, 0, len(res.raw)+len(cross))
	for _, d := range append(res.raw[:len(res.raw):len(res.raw)], cross...) {
		sev := s.severity[d.Rule]
		if d.Internal {
			sev = Error // a crashed rule is never downgraded or hidden
		} else if sev == Off {
			continue
		}
		if dirs.suppress(d) {
			continue
		}
		if r := Lookup(d.Rule); d.Severity == Off || r == nil || sev != r.Severity {
			d.Severity = sev
		}
		out = append(out, d)
	}
	if s.on("unused-ignore") {
		for _, d := range dirs.unused(s) {
			d.Path = path
			d.Severity = s.severity["unused-ignore"]
			out = append(out, d)
		}
	}
	res.Diags = Sort(out)
}

// fieldIndex finds the fields of large mappings by name for
// schemaDiagnostic: a mapping of 100,000 unknown keys has as many
// violations, and a linear search for each key was quadratic.
type fieldIndex map[*guide.Node]map[string]int

func (x *fieldIndex) field(n *guide.Node, key string) *guide.Field {
	if len(n.Fields) <= 16 {
		return n.Field(key)
	}
	if *x == nil {
		*x = fieldIndex{}
	}
	m, ok := (*x)[n]
	if !ok {
		m = make(map[string]int, len(n.Fields))
		for i := len(n.Fields) - 1; i >= 0; i-- { // the first of equal keys wins, as in Field
			m[n.Fields[i].Key] = i
		}
		(*x)[n] = m
	}
	if i, ok := m[key]; ok {
		return &n.Fields[i]
	}
	return nil
}
