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
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// ID is the "$id" of the SkillGuide v1 schema: the URL where it is
// published, for "# yaml-language-server: $schema=..." comments and
// editor settings.
const ID = "https://raw.githubusercontent.com/skillguides/guidelint/main/schema/skill-guide.schema.json"

//go:embed skill-guide.schema.json
var schemaJSON string

// JSON returns the text of the SkillGuide v1 JSON Schema (draft 2020-12),
// as printed by "guidelint schema". Each call returns a fresh copy that the
// caller may modify.
func JSON() []byte {
	return []byte(schemaJSON)
}

// compiled is the schema ready for validation, with what messages need to
// know about it.
type compiled struct {
	root *jsonschema.Schema
	// keys maps the absolute location of every object schema that has
	// "properties" to its property names, in the order the schema file
	// lists them (the canonical key order).
	keys map[string][]string
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
	order, err := propertyOrder([]byte(schemaJSON))
	if err != nil {
		return nil, err
	}
	bySet := make(map[string][]string, len(order))
	for _, names := range order {
		if set := propertySet(names); bySet[set] == nil {
			bySet[set] = names
		}
	}
	keys := make(map[string][]string)
	walkSchemas(root, make(map[*jsonschema.Schema]bool), func(s *jsonschema.Schema) {
		if len(s.Properties) == 0 {
			return
		}
		names := make([]string, 0, len(s.Properties))
		for name := range s.Properties {
			names = append(names, name)
		}
		// The compiled schemas are the inlined copies (inlineRefs), whose
		// locations are not those of the file: find the file's order by
		// the set of property names instead.
		rank := make(map[string]int)
		for i, name := range bySet[propertySet(names)] {
			rank[name] = i + 1
		}
		// Schema order first; anything unranked (not expected) after it,
		// alphabetically.
		sort.Slice(names, func(i, j int) bool {
			ri, rj := rank[names[i]], rank[names[j]]
			if ri == 0 || rj == 0 {
				if ri != rj {
					return rj == 0
				}
				return names[i] < names[j]
			}
			return ri < rj
		})
		keys[s.Location] = names
	})
	return &compiled{root: root, keys: keys}, nil
}

// walkSchemas calls f on s and on every schema reachable from it through
// the keywords this schema uses.
func walkSchemas(s *jsonschema.Schema, seen map[*jsonschema.Schema]bool, f func(*jsonschema.Schema)) {
	if s == nil || seen[s] {
		return
	}
	seen[s] = true
	f(s)
	walkSchemas(s.Ref, seen, f)
	walkSchemas(s.Items2020, seen, f)
	for _, p := range s.PrefixItems {
		walkSchemas(p, seen, f)
	}
	if items, ok := s.Items.(*jsonschema.Schema); ok {
		walkSchemas(items, seen, f)
	}
	if ap, ok := s.AdditionalProperties.(*jsonschema.Schema); ok {
		walkSchemas(ap, seen, f)
	}
	for _, p := range s.Properties {
		walkSchemas(p, seen, f)
	}
	for _, list := range [][]*jsonschema.Schema{s.AllOf, s.AnyOf, s.OneOf} {
		for _, p := range list {
			walkSchemas(p, seen, f)
		}
	}
	walkSchemas(s.Not, seen, f)
	walkSchemas(s.If, seen, f)
	walkSchemas(s.Then, seen, f)
	walkSchemas(s.Else, seen, f)
}

// propertyOrder reads a schema document and returns the property names
// of each of its "properties" objects in document order (which
// encoding/json's maps forget).
func propertyOrder(data []byte) ([][]string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var out [][]string
	if _, err := readOrdered(dec, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// readOrdered reads one value and returns its keys in order if it is an
// object, appending the keys of every "properties" object in it to out.
func readOrdered(dec *json.Decoder, out *[][]string) ([]string, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		keys := []string{}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return nil, err
			}
			key, _ := tok.(string)
			keys = append(keys, key)
			sub, err := readOrdered(dec, out)
			if err != nil {
				return nil, err
			}
			if key == "properties" && sub != nil {
				*out = append(*out, sub)
			}
		}
		_, err := dec.Token()
		return keys, err
	case json.Delim('['):
		for dec.More() {
			if _, err := readOrdered(dec, out); err != nil {
				return nil, err
			}
		}
		_, err := dec.Token()
		return nil, err
	}
	return nil, nil
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
		case "$ref", "title", "description", "$comment", "examples", "default":
		default:
			return false
		}
	}
	return true
}

// propertySet names a set of property names independently of their order.
func propertySet(names []string) string {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	return strings.Join(sorted, "\x00")
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
