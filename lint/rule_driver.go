package lint

import (
	"sort"
	"strings"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/schema"
)

// The rules about files as a whole rather than one well-formed guide:
// file, parse and unused-ignore, which the linter reports itself, and
// schema.

// fileRule reports a file found while walking that cannot be read as a guide.
func fileRule() *Rule {
	return &Rule{
		driver:   true,
		ID:       "file",
		Summary:  "file cannot be read as text",
		Severity: Error,
		Doc: `Reports a file that guidelint found but could not read: it is unreadable,
a dangling symbolic link or part of a link loop, larger than the size limit
(10 MB by default), or not text (it holds NUL bytes).

The diagnostic is at 1:1 of the file. The run goes on with the other files.

Bad: a symlink ` + "`guides/old.yaml -> ../removed.yaml`" + ` whose target is gone.

Good: remove the dangling link, or exclude it in .guidelint.yaml.`,
	}
}

// parseRule reports a file that is not one YAML or JSON mapping.
func parseRule() *Rule {
	return &Rule{
		driver:   true,
		ID:       "parse",
		Summary:  "file is not one YAML or JSON mapping",
		Severity: Error,
		Doc: `Reports a file that is not valid YAML or JSON, whose top level is not a
mapping, that holds more than one document, or that repeats a key in one
mapping (at the second key). A syntax error is reported at the offending
character (the unquoted ": " inside a value, the tab, the text after a
closing quote), where PyYAML would put it, with a hint where the fix is
certain ("quote the value: it contains \": \""). Nothing else is checked in
a file that does not parse, except that a duplicate key still lets the rest
of the file be linted.

Bad:

` + "```yaml" + `
id: ml-systems
title: ML Systems
title: Machine Learning Systems   # duplicate key
` + "```" + `

Good: each key once per mapping, one guide per file.`,
	}
}

// schemaRule reports violations of the SkillGuide v1 JSON Schema.
func schemaRule() *Rule {
	return &Rule{
		Run:      runSchema,
		ID:       "schema",
		Summary:  "guide does not match the SkillGuide v1 schema",
		Severity: Error,
		Doc: `Reports each violation of the SkillGuide v1 JSON Schema (` + "`guidelint schema`" + `
prints it): a missing required key (at the start of the mapping that lacks
it), an unknown key (at that key, with a suggestion when a known key is
close), a value of the wrong type, a blank string, a value outside its enum.

Bad:

` + "```yaml" + `
sub_skills:
  - name: ML Infrastructure
    wieght: 25        # unknown key "wieght" (did you mean "weight"?)
` + "```" + `

Good:

` + "```yaml" + `
sub_skills:
  - name: ML Infrastructure
    weight: 25
` + "```",
	}
}

// unusedIgnore reports suppression comments that suppress nothing.
func unusedIgnore() *Rule {
	return &Rule{
		driver:   true,
		ID:       "unused-ignore",
		Summary:  "guidelint:ignore comment suppresses nothing",
		Severity: Warning,
		Doc: `Reports a ` + "`# guidelint:ignore RULE`" + ` comment that suppressed no diagnostic,
and one that names no rule or a rule that does not exist. Stale suppressions
hide the next real finding on their line.

Bad:

` + "```yaml" + `
title: ML Systems  # guidelint:ignore placeholder
` + "```" + `

Good: remove the comment once the finding it silenced is fixed.`,
	}
}

// runSchema reports each leaf violation of the schema at its node.
func runSchema(pass *Pass) {
	var keys fieldIndex
	slips := map[string]*quizSlip{}
	var order []string
	for _, v := range schema.Validate(pass.Doc.Value()) {
		if q, n, ok := quizTypeSlip(pass.Doc, v); ok {
			if slips[q] == nil {
				slips[q] = &quizSlip{}
				order = append(order, q)
			}
			slips[q].nodes = append(slips[q].nodes, n)
			continue
		}
		d := schemaDiagnostic(pass.Doc, v, &keys)
		if msg, ok := mappingSlip(pass.Doc, v); ok {
			d.Message = msg
		} else if strings.Contains(d.Message, "must be a number, got string") {
			// "25%", "25 h", "\"25\"": the writer meant a number.
			d.Message += "; write the number alone, without quotes or units"
		}
		pass.ReportDiagnostic(d)
	}
	// YAML read some options or answers of a question as numbers or
	// booleans: one finding for the question says which to quote.
	for _, q := range order {
		ns := slips[q].nodes
		sort.Slice(ns, func(i, j int) bool { // in the order written
			return ns[i].Pos.Line < ns[j].Pos.Line || ns[i].Pos.Line == ns[j].Pos.Line && ns[i].Pos.Col < ns[j].Pos.Col
		})
		values := make([]string, len(ns))
		for i, n := range ns {
			values[i] = n.Text
		}
		pass.Report(ns[0].Pos, "quiz values read as numbers or booleans: "+strings.Join(values, ", ")+
			"; quote them to keep them text (\""+values[0]+"\")")
	}
}

// quizSlip gathers the options and answer of one quiz question that YAML
// did not read as text.
type quizSlip struct {
	nodes []*guide.Node
}

// quizTypeSlip reports whether v is a quiz option or answer that should
// be text and was read as a number or boolean, with the question's index
// and the node.
func quizTypeSlip(doc *guide.Document, v schema.Violation) (string, *guide.Node, bool) {
	p := v.Path
	if len(p) < 4 || p[0] != "assessment" || p[1] != "quiz" || !(p[3] == "answer" && len(p) == 4 || p[3] == "options" && len(p) == 5) {
		return "", nil, false
	}
	n, _ := doc.Root.LookupPath(p)
	if n == nil || (n.Kind != guide.KindNumber && n.Kind != guide.KindBool) || !strings.Contains(v.Message, "must be a string") {
		return "", nil, false
	}
	return p[2], n, true
}

// mappingSlip words the violation of a list item that should be text and
// was read as a one-key mapping because of ": " in it: why, and what to
// do.
func mappingSlip(doc *guide.Document, v schema.Violation) (string, bool) {
	if !strings.HasSuffix(v.Message, "must be a string, got mapping") || len(v.Path) == 0 {
		return "", false
	}
	n, _ := doc.Root.LookupPath(v.Path)
	if n == nil || n.Kind != guide.KindMapping || len(n.Fields) != 1 || n.Fields[0].KeyPos.Line != n.Pos.Line {
		return "", false
	}
	name := strings.TrimSuffix(v.Message, " must be a string, got mapping")
	return name + " was read as a key and a value because of \": \" after " + quote(n.Fields[0].Key) + "; quote the whole item", true
}

// schemaDiagnostic places a schema violation per SPEC §2: an unknown key at
// that key, a missing key at the start of the object lacking it, anything
// else at the offending value.
func schemaDiagnostic(doc *guide.Document, v schema.Violation, keys *fieldIndex) Diagnostic {
	n, _ := doc.Root.LookupPath(v.Path)
	pos := guide.Pos{Line: 1, Col: 1}
	if n != nil {
		pos = n.Pos
		if v.Key != "" {
			if f := keys.field(n, v.Key); f != nil {
				// A finding about a key ends with the key: the mapping
				// that starts at the same place is not what is wrong.
				d := Diagnostic{Line: f.KeyPos.Line, Column: f.KeyPos.Col, Message: v.Message}
				if keys.src == nil {
					keys.src = newSource(doc.Data)
				}
				if keys.src != nil {
					if end, ok := keys.src.keyEnd(f.KeyPos, f.Key); ok {
						d.EndLine, d.EndColumn = end.Line, end.Col
					}
				}
				return d
			}
		}
	}
	return Diagnostic{Line: pos.Line, Column: pos.Col, Message: v.Message}
}

// fieldIndex finds the fields of large mappings by name for
// schemaDiagnostic: a mapping of 100,000 unknown keys has as many
// violations, and a linear search for each key was quadratic.
// It also holds the document's source index, made once, for the ends of
// keys.
type fieldIndex struct {
	byNode map[*guide.Node]map[string]int
	src    *source
}

func (x *fieldIndex) field(n *guide.Node, key string) *guide.Field {
	if len(n.Fields) <= 16 {
		return n.Field(key)
	}
	if x.byNode == nil {
		x.byNode = map[*guide.Node]map[string]int{}
	}
	m, ok := x.byNode[n]
	if !ok {
		m = make(map[string]int, len(n.Fields))
		for i := len(n.Fields) - 1; i >= 0; i-- { // the first of equal keys wins, as in Field
			m[n.Fields[i].Key] = i
		}
		x.byNode[n] = m
	}
	if i, ok := m[key]; ok {
		return &n.Fields[i]
	}
	return nil
}

// expiredIgnore reports suppressions past (or near) their until= date.
func expiredIgnore() *Rule {
	return &Rule{
		ID:       ruleExpiredIgnore,
		Summary:  "guidelint:ignore is past its until= date",
		Severity: Warning,
		driver:   true,
		Doc: `Reports a ` + "`# guidelint:ignore RULE until=YYYY-MM-DD -- reason`" + ` comment whose date has
passed: from the day after it, the directive suppresses nothing, and the
finding it hid comes back with this warning beside it. In the 14 days
before the date the directive still works and is reported as an info
note, so the end does not come as a surprise. A date that is not a
date (` + "`until=2027-02-30`, `until=soon`" + `) is an error, and the directive
suppresses nothing.

A suppression with an end keeps a known problem from blocking work today
without letting it become permanent.

Bad:

` + "```yaml" + `
title: TBD  # guidelint:ignore placeholder until=2024-01-31 -- title chosen at launch
` + "```" + `

Good: fix the title, or agree on a new date:

` + "```yaml" + `
title: TBD  # guidelint:ignore placeholder until=2027-03-31 -- launch moved to March
` + "```",
	}
}

// ignoreReason reports suppressions that give no reason, when the config
// asks for one.
func ignoreReason() *Rule {
	return &Rule{
		ID:       ruleIgnoreReason,
		Summary:  "guidelint:ignore gives no reason",
		Severity: Error,
		driver:   true,
		Doc: `With ` + "`require-reason: true`" + ` in .guidelint.yaml, reports a
` + "`guidelint:ignore`" + ` or ` + "`guidelint:ignore-file`" + ` comment without "-- reason": a
suppression nobody can explain is one nobody can remove. Without the
config key it reports nothing.

Bad:

` + "```yaml" + `
title: TBD  # guidelint:ignore placeholder
` + "```" + `

Good:

` + "```yaml" + `
title: TBD  # guidelint:ignore placeholder -- title chosen at launch
` + "```",
	}
}
