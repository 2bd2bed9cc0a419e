// Package schema holds the JSON Schema of SkillGuide v1 documents and
// validates parsed documents against it.
//
// The schema is embedded in the binary and compiled once, hermetically: the
// compiler refuses to load any URL, so no "$ref" can reach the disk or the
// network. [Validate] works on JSON-shaped values and knows nothing of YAML
// or source positions; it reports each leaf violation with the instance path
// it concerns, and the caller maps paths to positions.
package schema

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// ID is the "$id" of the SkillGuide v1 schema: the URL where it is
// published, for "# yaml-language-server: $schema=..." comments and
// editor settings.
const ID = "https://raw.githubusercontent.com/skillguides/guidelint/main/schema/skill-guide.schema.json"

// URLAt returns the URL of the schema as published at ref of the
// repository: a release tag ("v0.2.0") or a commit. A modeline naming a
// tag keeps checking a guide against the schema it was written for when
// main moves on (ID is URLAt("main")).
func URLAt(ref string) string {
	return "https://raw.githubusercontent.com/skillguides/guidelint/" + ref + "/schema/skill-guide.schema.json"
}

//go:embed skill-guide.schema.json
var schemaJSON string

// JSON returns the text of the SkillGuide v1 JSON Schema (draft 2020-12),
// as printed by "guidelint schema". Each call returns a fresh copy that the
// caller may modify.
func JSON() []byte {
	return []byte(schemaJSON)
}

// compiled is the schema ready for validation.
type compiled struct {
	root *jsonschema.Schema
	fast *plan // a quick yes for a valid document
}

var (
	compileOnce sync.Once
	theSchema   *compiled
	compileErr  error
)

// get returns the compiled schema, compiling it on first use. The embedded
// schema is part of the program, so failing to compile it is a bug; a test
// guards against it.
func get() *compiled {
	compileOnce.Do(func() {
		theSchema, compileErr = compile()
	})
	if compileErr != nil {
		panic("schema: embedded schema does not compile: " + compileErr.Error())
	}
	return theSchema
}

// errNoLoading is what the hermetic loader answers for every URL.
var errNoLoading = errors.New("guidelint loads no schema from outside the binary")

// refuseLoader is a [jsonschema.URLLoader] that refuses every URL.
type refuseLoader struct{}

func (refuseLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("refusing to load %q: %w", url, errNoLoading)
}

// newCompiler returns a compiler for draft 2020-12 that can load nothing:
// every schema it compiles must have been added with AddResource (the
// draft metaschemas are built into the library).
func newCompiler() *jsonschema.Compiler {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.UseLoader(refuseLoader{})
	return c
}

func compile() (*compiled, error) {
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(schemaJSON))
	if err != nil {
		return nil, err
	}
	doc = inlineRefs(doc)
	c := newCompiler()
	useNonBlankFormat(c, doc)
	asDraft6(doc)
	if err := c.AddResource(ID, doc); err != nil {
		return nil, err
	}
	root, err := c.Compile(ID)
	if err != nil {
		return nil, err
	}
	return &compiled{root: root, fast: newPlan(root)}, nil
}

// inlineRefs replaces each local "$ref": "#/$defs/NAME" of the schema by a
// copy of that definition, for validation only (the published schema keeps
// its $defs). The validator pays for every $ref it follows, a third of the
// time of a guide's validation; the result is the same, since our
// definitions are not recursive.
func inlineRefs(doc any) any {
	root, ok := doc.(map[string]any)
	if !ok {
		return doc
	}
	defs, _ := root["$defs"].(map[string]any)
	var inline func(v any, depth int) any
	inline = func(v any, depth int) any {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok && onlyAnnotations(v) && depth < 32 {
				if name, ok := strings.CutPrefix(ref, "#/$defs/"); ok {
					if def, ok := defs[name].(map[string]any); ok {
						merged := inline(def, depth+1).(map[string]any)
						for k, e := range v {
							if k != "$ref" {
								merged[k] = e // the referring place's title and description
							}
						}
						return merged
					}
				}
			}
			out := make(map[string]any, len(v))
			for k, e := range v {
				out[k] = inline(e, depth)
			}
			return out
		case []any:
			out := make([]any, len(v))
			for i, e := range v {
				out[i] = inline(e, depth)
			}
			return out
		}
		return v
	}
	return inline(root, 0)
}

// onlyAnnotations reports whether a schema holding a $ref has nothing else
// but annotations, so that replacing the $ref by its target's keywords
// (keeping the annotations) validates the same.
func onlyAnnotations(v map[string]any) bool {
	for k := range v {
		switch k {
		case "$ref", "title", "description", "markdownDescription", "$comment", "examples", "default":
		default:
			return false
		}
	}
	return true
}

// nonBlankFormat stands in, when validating, for the pattern "\\S" that
// the published schema uses for "not blank": the same test as a function
// instead of a regular expression run on each of a guide's ~700 strings.
const nonBlankFormat = "guidelint-non-blank"

// useNonBlankFormat registers nonBlankFormat and rewrites every
// "pattern": "\\S" of doc to use it. RE2's \\S is any character but
// [\t\n\f\r ], so the function tests exactly that.
func useNonBlankFormat(c *jsonschema.Compiler, doc any) {
	c.RegisterFormat(&jsonschema.Format{Name: nonBlankFormat, Validate: func(v any) error {
		if s, ok := v.(string); ok && Blank(s) { // formats apply to strings only
			return errBlank
		}
		return nil
	}})
	c.AssertFormat()
	var rewrite func(v any)
	rewrite = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if p, ok := v["pattern"].(string); ok && p == blankPattern {
				delete(v, "pattern")
				v["format"] = nonBlankFormat
			}
			for _, e := range v {
				rewrite(e)
			}
		case []any:
			for _, e := range v {
				rewrite(e)
			}
		}
	}
	rewrite(doc)
}

var errBlank = errors.New("blank")

// Blank reports whether s is blank as the schema's "not blank" pattern
// (\S, in RE2 any character but tab, newline, form feed, carriage return
// and space) sees it. Rules that leave blank values to the schema must
// test with it: a value blank only by another measure (a no-break space)
// would be reported by neither.
func Blank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t', '\n', '\f', '\r', ' ':
		default:
			return false
		}
	}
	return true
}

// asDraft6 has the validator read the (inlined) schema as draft 6. Every
// keyword the schema uses (type, properties, required,
// additionalProperties, items, enum, pattern, format, minItems, minimum,
// exclusiveMinimum as a number, maximum) means the same in draft 6 and
// 2020-12, and TestDraft6SameVerdicts checks it; but the library's draft
// 6 path skips work the later drafts need and we do not: a copy of every
// string for content keywords, and bookkeeping for unevaluated*. That was
// a fifth of a guide's validation.
func asDraft6(doc any) {
	if m, ok := doc.(map[string]any); ok {
		m["$schema"] = "http://json-schema.org/draft-06/schema#"
	}
}
