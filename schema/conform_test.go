package schema

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestPlanAgrees holds the plan of the guide schema to the library on the
// example guide and thousands of variants: it says yes exactly where the
// library finds nothing. A yes where the library finds something would
// hide a finding; a no where it finds nothing would only cost time, but
// the guide schema uses no keyword the plan does not know, so its verdict
// must be the library's.
func TestPlanAgrees(t *testing.T) {
	c := get()
	if !c.fast.known {
		t.Fatal("the guide schema has a keyword the plan does not know: every guide goes through the library")
	}
	data, err := os.ReadFile("testdata/ml-systems.json")
	if err != nil {
		t.Fatal(err)
	}
	yes := 0
	for i, v := range variantsOf(t, data) {
		got, want := c.fast.conforms(v), c.root.Validate(v) == nil
		if got != want {
			b, _ := json.Marshal(v)
			t.Fatalf("variant %d: plan says %v, library says %v:\n%.300s", i, got, want, b)
		}
		if got {
			yes++
		}
	}
	if yes == 0 {
		t.Fatal("no variant passed: the test compares nothing but failures")
	}
}

// TestPlanKeywords compiles small schemas: those with a keyword the plan
// does not check leave every verdict to the library; those it knows are
// judged as the library judges them, on values of every kind.
func TestPlanKeywords(t *testing.T) {
	values := []any{nil, true, false, "", " ", "a", "ab", "é", "abc",
		json.Number("0"), json.Number("1"), json.Number("1.0"), json.Number("-1"), json.Number("2.5"), json.Number("1e2"),
		[]any{}, []any{"a"}, []any{"a", "a"}, []any{json.Number("1"), "b"},
		map[string]any{}, map[string]any{"a": "x"}, map[string]any{"a": json.Number("1"), "b": nil}, map[string]any{"c": true}}
	d2020, d7 := jsonschema.Draft2020, jsonschema.Draft7
	cases := []struct {
		draft *jsonschema.Draft
		src   string
		known bool // a plan checks every keyword
		exact bool // and judges every value as the library does
	}{
		{d2020, `{"oneOf": [{"type": "string"}, {"type": "number"}]}`, false, false},
		{d2020, `{"anyOf": [{"type": "string"}]}`, false, false},
		{d2020, `{"allOf": [{"type": "string"}]}`, false, false},
		{d2020, `{"not": {"type": "string"}}`, false, false},
		{d2020, `{"const": "a"}`, false, false},
		{d2020, `{"uniqueItems": true}`, false, false},
		{d2020, `{"multipleOf": 2}`, false, false},
		{d2020, `{"minProperties": 1}`, false, false},
		{d2020, `{"patternProperties": {"^a": {"type": "string"}}}`, false, false},
		{d2020, `{"propertyNames": {"maxLength": 1}}`, false, false},
		{d2020, `{"prefixItems": [{"type": "string"}]}`, false, false},
		{d2020, `{"contains": {"type": "string"}}`, false, false},
		{d2020, `{"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s"}`, false, false},
		{d2020, `{"properties": {"a": {"if": {"type": "string"}, "then": {"minLength": 2}}}}`, false, false},
		{d2020, `{"items": {"dependentRequired": {"a": ["b"]}}}`, false, false},
		{d2020, `{"unevaluatedProperties": false}`, false, false},
		{d7, `{"format": "regex"}`, false, false}, // asserted before 2019, with the library's regexp engine
		{d7, `{"items": [{"type": "string"}]}`, false, false},
		{d7, `{"additionalItems": false, "items": [{"type": "string"}]}`, false, false},
		{d2020, `{"format": "regex"}`, true, true}, // not asserted: an annotation
		{d7, `{"if": {"type": "string"}, "then": {"minLength": 2}}`, false, false},
		{d2020, `{"type": "string", "minLength": 1, "maxLength": 2, "pattern": "^a"}`, true, true},
		{d2020, `{"type": ["integer", "null"], "minimum": 0, "maximum": 1}`, true, true},
		{d7, `{"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 100}`, true, true},
		{d2020, `{"enum": ["a", true, null]}`, true, true},
		{d2020, `{"enum": ["a", 1]}`, true, false}, // a number is left to the library
		{d2020, `{"type": "array", "minItems": 1, "maxItems": 1, "items": {"type": "string"}}`, true, true},
		{d7, `{"type": "array", "items": {"type": "string"}}`, true, true},
		{d2020, `{"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}, "additionalProperties": false}`, true, true},
		{d7, `{"properties": {"a": {"type": "number"}}, "additionalProperties": {"type": "null"}}`, true, true},
		{d2020, `{"title": "t", "description": "d", "examples": [1], "default": 2, "deprecated": true}`, true, true},
		{d2020, `true`, true, true},
		{d2020, `false`, true, true},
	}
	for _, tc := range cases {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(tc.draft)
		if err := c.AddResource("urn:test", doc); err != nil {
			t.Fatal(err)
		}
		s, err := c.Compile("urn:test")
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		p := newPlan(s)
		if p.known != tc.known {
			t.Errorf("%s (draft %d): plan knows it: %v, want %v", tc.src, s.DraftVersion, p.known, tc.known)
		}
		for _, v := range values {
			got, want := p.conforms(v), s.Validate(v) == nil
			if got && !want || tc.exact && got != want {
				t.Errorf("%s (draft %d) on %#v: plan says %v, library %v", tc.src, s.DraftVersion, v, got, want)
			}
		}
	}
}

// FuzzPlan holds the guide schema's plan to the library on any JSON
// document (numbers as json.Number, as a parse makes them).
func FuzzPlan(f *testing.F) {
	data, err := os.ReadFile("testdata/ml-systems.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"id": "a", "title": "t"}`))
	f.Add([]byte(`{"stats": {"weeks": 1.0}}`))
	c := get()
	f.Fuzz(func(t *testing.T, b []byte) {
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			return
		}
		if got, want := c.fast.conforms(v), c.root.Validate(v) == nil; got != want {
			t.Fatalf("plan says %v, library says %v", got, want)
		}
	})
}
