package schema

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func compileFragment(t *testing.T, src string) (*Fragment, error) {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return CompileFragment("test", doc)
}

// TestFragmentValidate: violations carry the document's paths and the
// guide schema's wording, named after the document's keys.
func TestFragmentValidate(t *testing.T) {
	for _, tc := range []struct {
		schema string
		value  any
		path   []string
		want   []Violation
	}{
		{`{"minItems": 3}`, []any{"a", "b"}, []string{"learning_path", "phases", "0", "topics"},
			[]Violation{{Path: []string{"learning_path", "phases", "0", "topics"}, Message: "topics must have at least 3 items, got 2"}}},
		{`{"items": {"maxLength": 5}}`, []any{"abcdefgh", "b"}, []string{"red_flags"},
			[]Violation{{Path: []string{"red_flags", "0"}, Message: "red_flags item must be at most 5 characters long, got 8"}}},
		{`{"required": ["explanation"]}`, map[string]any{"question": "q"}, []string{"assessment", "quiz", "1"},
			[]Violation{{Path: []string{"assessment", "quiz", "1"}, Message: `quiz item is missing required key "explanation"`}}},
		{`{"pattern": "^[A-Z]"}`, "lower", []string{"title"},
			[]Violation{{Path: []string{"title"}, Message: `title must match the pattern "^[A-Z]", got "lower"`}}},
		{`{"minItems": 1}`, []any{"x"}, []string{"keywords", "must_have"}, nil},
	} {
		f, err := compileFragment(t, tc.schema)
		if err != nil {
			t.Fatalf("%s: %v", tc.schema, err)
		}
		if diff := cmp.Diff(tc.want, f.Validate(tc.value, tc.path)); diff != "" {
			t.Errorf("%s on %v (-want +got):\n%s", tc.schema, tc.value, diff)
		}
	}
}

// TestFragmentRejects: a fragment that is no schema, or reaches outside
// itself, does not compile, and the error says why in a writer's words.
func TestFragmentRejects(t *testing.T) {
	for src, want := range map[string]string{
		`{"minItems": "three"}`:                                                "minItems must be an integer",
		`{"type": "strin"}`:                                                    "type must be one of array, boolean",
		`{"$ref": "https://example.com/x.json"}`:                               "a $ref may only point inside the schema",
		`{"$ref": "file:///etc/passwd"}`:                                       "a $ref may only point inside the schema",
		`{"items": {"$ref": "#/$defs/missing"}}`:                               "not a valid JSON Schema",
		`{"$defs": {"s": {"type": "string"}}, "items": {"$ref": "#/$defs/s"}}`: "",
	} {
		_, err := compileFragment(t, src)
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: %v", src, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: err = %v, want one containing %q", src, err, want)
		}
	}
}
