package schema

import (
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// A plan answers one question fast: does a value certainly pass a
// compiled schema? Most guides linted are valid, and the library's
// validator pays for its generality on every value of a valid one (a
// validator, a scope and a location for each, some 80 µs a guide, a
// ninth of a lint). A plan walks the value beside the compiled schema
// and knows only the keywords that test one value in one obvious way;
// at any other keyword, any value it cannot judge exactly as the library
// does, and any violation, it answers "not certain", and the library
// validates and words the findings. It never says yes where the library
// says no (TestPlanAgrees, FuzzPlan); a no costs the walk done so far.
type plan struct {
	s *jsonschema.Schema
	// known is false when s has a keyword the plan does not check (or a
	// subschema of one it checks has): conforms then answers no at once.
	known      bool
	types      typeSet // the "type" keyword; 0 for none
	props      map[string]*plan
	additional *plan // additionalProperties as a schema
	noExtra    bool  // additionalProperties: false
	items      *plan // items (draft 2020-12's, or an earlier single schema)
}

// planKeywords are the fields of jsonschema.Schema that a plan checks or
// that never change a verdict (names, annotations). A schema with any
// other exported field set is not known to a plan, whatever the library
// adds in a later version: the plan reads them all through reflection.
var planKeywords = map[string]bool{
	// what the plan checks
	"Bool": true, "Types": true, "Enum": true, "Format": true,
	"Required": true, "Properties": true, "AdditionalProperties": true,
	"Items": true, "Items2020": true, "MinItems": true, "MaxItems": true,
	"MinLength": true, "MaxLength": true, "Pattern": true,
	"Minimum": true, "Maximum": true, "ExclusiveMinimum": true, "ExclusiveMaximum": true,
	// where the schema is, names and annotations: no verdict
	"DraftVersion": true, "Location": true, "ID": true, "Anchor": true,
	"DynamicAnchor": true, "RecursiveAnchor": true,
	"Title": true, "Description": true, "Default": true, "Comment": true,
	"ReadOnly": true, "WriteOnly": true, "Examples": true, "Deprecated": true,
}

// newPlan builds the plan of s and of the subschemas it checks.
func newPlan(s *jsonschema.Schema) *plan {
	return buildPlan(s, map[*jsonschema.Schema]*plan{})
}

func buildPlan(s *jsonschema.Schema, seen map[*jsonschema.Schema]*plan) *plan {
	if p := seen[s]; p != nil {
		return p
	}
	p := &plan{s: s, known: onlyPlanKeywords(s)}
	seen[s] = p // before the subschemas: a recursive schema ends here
	if !p.known {
		return p
	}
	if s.Types != nil {
		for _, name := range s.Types.ToStrings() {
			t := typeNamed(name)
			if t == 0 {
				p.known = false
			}
			p.types |= t
		}
	}
	sub := func(s *jsonschema.Schema) *plan {
		q := buildPlan(s, seen)
		if !q.known {
			p.known = false
		}
		return q
	}
	if len(s.Properties) > 0 {
		p.props = make(map[string]*plan, len(s.Properties))
		for name, ps := range s.Properties {
			p.props[name] = sub(ps)
		}
	}
	switch a := s.AdditionalProperties.(type) {
	case nil:
	case bool:
		p.noExtra = !a
	case *jsonschema.Schema:
		p.additional = sub(a)
	default:
		p.known = false
	}
	if s.DraftVersion >= 2020 {
		if s.Items != nil {
			p.known = false
		}
		if s.Items2020 != nil {
			p.items = sub(s.Items2020)
		}
	} else {
		switch it := s.Items.(type) {
		case nil:
		case *jsonschema.Schema:
			p.items = sub(it)
		default: // a list of schemas, one per place
			p.known = false
		}
		if s.Items2020 != nil {
			p.known = false
		}
	}
	if s.Format != nil && s.Format.Name == "regex" {
		p.known = false // the library checks it with its regexp engine
	}
	return p
}

// onlyPlanKeywords reports whether every exported field of s that is set
// is one of planKeywords.
func onlyPlanKeywords(s *jsonschema.Schema) bool {
	v := reflect.ValueOf(s).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.IsExported() && !planKeywords[f.Name] && !v.Field(i).IsZero() {
			return false
		}
	}
	return true
}

// conforms reports whether v certainly passes the plan's schema (false
// when it does not, or when the plan cannot tell).
func (p *plan) conforms(v any) bool {
	if p == nil || !p.known {
		return false
	}
	s := p.s
	if s.Bool != nil {
		return *s.Bool
	}
	if !p.typeOK(v) {
		return false
	}
	if s.Enum != nil && !inEnum(v, s.Enum.Values) {
		return false
	}
	if s.Format != nil && s.Format.Validate(v) != nil {
		return false
	}
	switch v := v.(type) {
	case map[string]any:
		return p.objectConforms(v)
	case []any:
		return p.arrayConforms(v)
	case string:
		return p.stringConforms(v)
	case json.Number:
		return p.numberConforms(v)
	case nil, bool:
		return true
	}
	return false // a Go type a parse never makes: the library judges it
}

// typeSet is a set of JSON types, as the "type" keyword names them.
type typeSet uint8

const (
	typeNull typeSet = 1 << iota
	typeBoolean
	typeNumber
	typeInteger
	typeString
	typeArray
	typeObject
)

// typeNamed is the type the keyword names name; 0 for an unknown one.
func typeNamed(name string) typeSet {
	for i, n := range [...]string{"null", "boolean", "number", "integer", "string", "array", "object"} {
		if n == name {
			return 1 << i
		}
	}
	return 0
}

// typeOK is the "type" keyword, for the types a parse makes.
func (p *plan) typeOK(v any) bool {
	if p.types == 0 {
		return true
	}
	var t typeSet
	switch v.(type) {
	case nil:
		t = typeNull
	case bool:
		t = typeBoolean
	case json.Number:
		t = typeNumber
	case string:
		t = typeString
	case []any:
		t = typeArray
	case map[string]any:
		t = typeObject
	default:
		return false
	}
	return p.types&t != 0 || t == typeNumber && p.types&typeInteger != 0 && isInteger(v)
}

func (p *plan) objectConforms(obj map[string]any) bool {
	for _, name := range p.s.Required {
		if _, ok := obj[name]; !ok {
			return false
		}
	}
	for name, v := range obj {
		if q, ok := p.props[name]; ok {
			if !q.conforms(v) {
				return false
			}
			continue
		}
		if p.noExtra || p.additional != nil && !p.additional.conforms(v) {
			return false
		}
	}
	return true
}

func (p *plan) arrayConforms(arr []any) bool {
	s := p.s
	if s.MinItems != nil && len(arr) < *s.MinItems || s.MaxItems != nil && len(arr) > *s.MaxItems {
		return false
	}
	if p.items != nil {
		for _, v := range arr {
			if !p.items.conforms(v) {
				return false
			}
		}
	}
	return true
}

func (p *plan) stringConforms(str string) bool {
	s := p.s
	if s.MinLength != nil || s.MaxLength != nil {
		n := utf8.RuneCountInString(str)
		if s.MinLength != nil && n < *s.MinLength || s.MaxLength != nil && n > *s.MaxLength {
			return false
		}
	}
	return s.Pattern == nil || s.Pattern.MatchString(str)
}

// numberConforms compares as the library does: the number's text as an
// exact rational.
func (p *plan) numberConforms(num json.Number) bool {
	s := p.s
	if s.Minimum == nil && s.Maximum == nil && s.ExclusiveMinimum == nil && s.ExclusiveMaximum == nil {
		return true
	}
	r, ok := new(big.Rat).SetString(string(num))
	if !ok {
		return false
	}
	return (s.Minimum == nil || r.Cmp(s.Minimum) >= 0) &&
		(s.Maximum == nil || r.Cmp(s.Maximum) <= 0) &&
		(s.ExclusiveMinimum == nil || r.Cmp(s.ExclusiveMinimum) > 0) &&
		(s.ExclusiveMaximum == nil || r.Cmp(s.ExclusiveMaximum) < 0)
}

// isInteger is the library's test of "integer" for a number.
func isInteger(v any) bool {
	r, ok := new(big.Rat).SetString(fmt.Sprint(v))
	return ok && r.IsInt()
}

// inEnum is the "enum" keyword for a string, a boolean or null (values
// compared as the library compares them: same type, same value); a
// number, a list or a mapping is left to the library.
func inEnum(v any, values []any) bool {
	switch v.(type) {
	case string, bool, nil:
		for _, e := range values {
			if e == v {
				return true
			}
		}
	}
	return false
}
