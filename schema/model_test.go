package schema

import (
	"slices"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func TestModelKeysInSchemaOrder(t *testing.T) {
	for path, want := range map[string][]string{
		"": {"id", "title", "category", "tagline", "stats", "overview", "misconceptions", "usage", "levels",
			"sub_skills", "learning_path", "portfolio", "assessment", "red_flags", "keywords", "resources", "faq"},
		"sub_skills[]":      {"name", "weight", "description", "example_tasks"},
		"assessment.quiz[]": {"question", "options", "answer", "explanation"},
		"levels":            nil,
		"overview.what":     nil,
		"no.such":           nil,
	} {
		if diff := cmp.Diff(want, Lookup(path).Keys()); diff != "" {
			t.Errorf("Lookup(%q).Keys() mismatch (-want +got):\n%s", path, diff)
		}
	}
}

// TestModelRequired checks the required keys against SPEC §1: eight at
// the top level, and inside a present object every key but a quiz item's
// explanation.
func TestModelRequired(t *testing.T) {
	var top []string
	for _, k := range Lookup("").Keys() {
		if Lookup("").Required(k) {
			top = append(top, k)
		}
	}
	want := []string{"id", "title", "category", "tagline", "overview", "levels", "sub_skills", "learning_path"}
	if diff := cmp.Diff(want, top); diff != "" {
		t.Errorf("required top-level keys (-SPEC +schema):\n%s", diff)
	}
	var optional []string
	for _, p := range Shapes() {
		s := Lookup(p)
		for _, k := range s.Keys() {
			if p != "" && !s.Required(k) {
				optional = append(optional, s.Field(k).Path())
			}
		}
	}
	if diff := cmp.Diff([]string{"assessment.quiz[].explanation"}, optional); diff != "" {
		t.Errorf("optional keys below the top level (-SPEC +schema):\n%s", diff)
	}
}

func TestModelShapes(t *testing.T) {
	for path, typ := range map[string]string{
		"":                              "object",
		"id":                            "string",
		"stats.learning_phases":         "integer",
		"overview.why":                  "array",
		"overview.why[]":                "string",
		"levels[]":                      "object",
		"sub_skills[].weight":           "number",
		"assessment.quiz[].options[]":   "string",
		"assessment.quiz[].explanation": "string",
		"resources.items[].kind":        "string",
	} {
		s := Lookup(path)
		if s == nil || s.Path() != path || s.Type() != typ {
			t.Errorf("Lookup(%q) = %q of type %q, want type %q", path, s.Path(), s.Type(), typ)
		}
	}
	if s := Lookup("levels[].nme"); s != nil {
		t.Errorf("Lookup of an unknown place = %q", s.Path())
	}
	if got := Lookup("levels").Item(); got != Lookup("levels[]") {
		t.Errorf("Item of levels is %q", got.Path())
	}
	if got := Lookup("levels[]").Field("name"); got != Lookup("levels[].name") {
		t.Errorf("Field name of levels[] is %q", got.Path())
	}
	var nilShape *Shape
	if nilShape.Field("a") != nil || nilShape.Item() != nil || nilShape.Index("a") != -1 || nilShape.Required("a") || nilShape.NumKeys() != 0 {
		t.Error("a nil Shape is not an empty one")
	}
	shapes := Shapes()
	if !sort.StringsAreSorted(shapes) || len(shapes) < 100 {
		t.Errorf("Shapes() = %d paths, sorted %v", len(shapes), sort.StringsAreSorted(shapes))
	}
	keys := Lookup("").Keys()
	keys[0] = "changed"
	if Lookup("").Keys()[0] != "id" {
		t.Error("Keys shares its slice")
	}
}

// TestModelMatchesValidator walks the compiled schema the validator uses
// beside the model: both must see the same objects, keys, required keys
// and lists, and every shape must be reached.
func TestModelMatchesValidator(t *testing.T) {
	reached := map[string]bool{}
	var walk func(s *jsonschema.Schema, sh *Shape)
	walk = func(s *jsonschema.Schema, sh *Shape) {
		for s.Ref != nil {
			s = s.Ref
		}
		if sh == nil {
			t.Fatalf("%s: the model has no shape for it", s.Location)
		}
		reached[sh.Path()] = true
		var names []string
		for k := range s.Properties {
			names = append(names, k)
		}
		keys := sh.Keys()
		if !slices.Equal(sorted(names), sorted(keys)) {
			t.Errorf("%s: model keys %v, validator's %v", sh.Path(), keys, names)
		}
		var req []string
		for _, k := range keys {
			if sh.Required(k) {
				req = append(req, k)
			}
		}
		if !slices.Equal(sorted(req), sorted(s.Required)) {
			t.Errorf("%s: model requires %v, validator %v", sh.Path(), req, s.Required)
		}
		for k, p := range s.Properties {
			walk(p, sh.Field(k))
		}
		items, _ := s.Items.(*jsonschema.Schema)
		if items == nil {
			items = s.Items2020
		}
		if (items == nil) != (sh.Item() == nil) {
			t.Errorf("%s: model item %q, validator items %v", sh.Path(), sh.Item().Path(), items != nil)
		}
		if items != nil {
			walk(items, sh.Item())
		}
	}
	walk(get().root, Lookup(""))
	for _, p := range Shapes() {
		if !reached[p] {
			t.Errorf("shape %q is no place of the validator's schema", p)
		}
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestReadModelErrors(t *testing.T) {
	for _, doc := range []string{
		`[]`,
		`{"properties": {"a": {"$ref": "#/$defs/missing"}}}`,
		`{"properties": {"a": {"$ref": "https://example.com/x"}}}`,
		`{"properties": {"a": {"$ref": "#/$defs/a"}}, "$defs": {"a": {"$ref": "#/$defs/a"}}}`,
		`{"properties": {"a": 1}}`,
		`{"properties": `,
	} {
		if _, err := readModel([]byte(doc)); err == nil {
			t.Errorf("readModel(%s) succeeded", doc)
		}
	}
}

func TestShapeAnnotations(t *testing.T) {
	// Hover and completion in the language server show these: every key
	// of every object has a title and a description, the referring
	// place's own (not a shared definition's) where it has one.
	for _, path := range Shapes() {
		s := Lookup(path)
		for _, k := range s.Keys() {
			f := s.Field(k)
			if f.Title() == "" || f.Description() == "" {
				t.Errorf("%s.%s: title %q, description %q: want both", path, k, f.Title(), f.Description())
			}
		}
	}
	if got := Lookup("resources.items[].kind").Enum(); len(got) == 0 || got[0] != "course" {
		t.Errorf("resources.items[].kind enum = %q, want the kinds starting with course", got)
	}
	if d := Lookup("id").Description(); d == "" || d == Lookup("title").Description() {
		t.Errorf("id description %q: want its own, not the shared definition's", d)
	}
}
