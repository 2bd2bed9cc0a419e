package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// minimalGuide is the smallest valid guide: the required keys only.
const minimalGuide = `{
  "id": "ml-systems",
  "title": "ML Systems",
  "category": "Technical",
  "tagline": "Designing, building, and maintaining ML systems in production.",
  "overview": {"what": "An engineering discipline.", "why": [], "outcomes": []},
  "levels": [
    {"name": "Beginner", "summary": "Deploys simple models.", "duration": "0-6 months", "capabilities": ["Deploys a model."]}
  ],
  "sub_skills": [
    {"name": "ML Pipelines", "weight": 100, "description": "Automated workflows.", "example_tasks": []}
  ],
  "learning_path": {"total_hours": 60, "phases": []}
}`

// decode parses JSON the way guide documents reach Validate: numbers as
// json.Number.
func decode(t testing.TB, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", s, err)
	}
	return v
}

// guide returns the minimal guide changed by edit.
func guide(t testing.TB, edit func(g map[string]any)) any {
	g := decode(t, minimalGuide).(map[string]any)
	if edit != nil {
		edit(g)
	}
	return g
}

// at returns the mapping at path in g (list indexes as ints).
func at(g map[string]any, path ...any) map[string]any {
	var v any = g
	for _, p := range path {
		switch p := p.(type) {
		case string:
			v = v.(map[string]any)[p]
		case int:
			v = v.([]any)[p]
		}
	}
	return v.(map[string]any)
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		doc  func(t testing.TB) any
		want []Violation
	}{
		{
			name: "minimal guide is valid",
			doc:  func(t testing.TB) any { return guide(t, nil) },
		},
		{
			name: "full guide is valid",
			doc: func(t testing.TB) any {
				data, err := os.ReadFile(filepath.Join("testdata", "ml-systems.json"))
				if err != nil {
					t.Fatal(err)
				}
				return decode(t, string(data))
			},
		},
		{
			name: "optional quiz explanation may be left out",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) {
					g["assessment"] = decode(t, `{"self_check": [], "quiz": [{"question": "Q?", "options": ["a", "b"], "answer": "a"}]}`)
				})
			},
		},
		{
			name: "unknown key with suggestion",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) {
					s := at(g, "sub_skills", 0)
					s["wieght"] = s["weight"]
					delete(s, "weight")
				})
			},
			// One defect, one diagnostic: the misspelt key, not also the
			// missing one it was meant to be.
			want: []Violation{
				{Path: []string{"sub_skills", "0"}, Key: "wieght", Message: `unknown key "wieght" (did you mean "weight"?)`},
			},
		},
		{
			name: "misspelt required key among others",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) {
					s := at(g, "sub_skills", 0)
					s["Wieght"] = s["weight"]
					delete(s, "weight")
					delete(s, "name")
					s["zzzzzz"] = 1
				})
			},
			// name is missing with no key meant for it: still reported.
			want: []Violation{
				{Path: []string{"sub_skills", "0"}, Message: `sub_skills item is missing required key "name"`},
				{Path: []string{"sub_skills", "0"}, Key: "Wieght", Message: `unknown key "Wieght" (did you mean "weight"?)`},
				{Path: []string{"sub_skills", "0"}, Key: "zzzzzz", Message: `unknown key "zzzzzz"; allowed keys: name, weight, description, example_tasks`},
			},
		},
		{
			name: "unknown top-level key with suggestion",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) { g["learning_pth"] = map[string]any{} })
			},
			want: []Violation{
				{Key: "learning_pth", Message: `unknown key "learning_pth" (did you mean "learning_path"?)`},
			},
		},
		{
			name: "unknown key differing in case",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) { at(g, "levels", 0)["Summary"] = "x" })
			},
			want: []Violation{
				{Path: []string{"levels", "0"}, Key: "Summary", Message: `unknown key "Summary" (did you mean "summary"?)`},
			},
		},
		{
			name: "unknown key without suggestion lists the allowed keys",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) { at(g, "sub_skills", 0)["foo"] = "bar" })
			},
			want: []Violation{
				{Path: []string{"sub_skills", "0"}, Key: "foo", Message: `unknown key "foo"; allowed keys: name, weight, description, example_tasks`},
			},
		},
		{
			name: "unknown top-level key without suggestion",
			doc: func(t testing.TB) any {
				// "foo" is two edits from "faq" but too short for that to be a
				// likely misspelling; the top level has too many keys to list.
				return guide(t, func(g map[string]any) { g["foo"] = "bar" })
			},
			want: []Violation{
				{Key: "foo", Message: `unknown key "foo"`},
			},
		},
		{
			name: "missing required top-level key",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) { delete(g, "title") })
			},
			want: []Violation{
				{Message: `guide is missing required key "title"`},
			},
		},
		{
			name: "missing required keys in levels[1]",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) {
					g["levels"] = append(g["levels"].([]any), decode(t, `{"name": "Intermediate", "summary": "Builds pipelines."}`))
				})
			},
			want: []Violation{
				{Path: []string{"levels", "1"}, Message: `levels item is missing required key "capabilities"`},
				{Path: []string{"levels", "1"}, Message: `levels item is missing required key "duration"`},
			},
		},
		{
			name: "missing stats field",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) {
					g["stats"] = decode(t, `{"learning_phases": 0, "estimated_hours": 60}`)
				})
			},
			want: []Violation{
				{Path: []string{"stats"}, Message: `stats is missing required key "sub_skills"`},
			},
		},
		{
			name: "wrong types",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) {
					at(g, "sub_skills", 0)["weight"] = "25%"
					g["stats"] = decode(t, `{"learning_phases": 2.5, "estimated_hours": true, "sub_skills": "1"}`)
					at(g, "overview")["why"] = "Because."
					g["tagline"] = nil
					g["levels"] = map[string]any{}
				})
			},
			want: []Violation{
				{Path: []string{"levels"}, Message: `levels must be a list, got mapping`},
				{Path: []string{"overview", "why"}, Message: `why must be a list, got string "Because."`},
				{Path: []string{"stats", "estimated_hours"}, Message: `estimated_hours must be a number, got boolean true`},
				{Path: []string{"stats", "learning_phases"}, Message: `learning_phases must be an integer, got 2.5`},
				{Path: []string{"stats", "sub_skills"}, Message: `sub_skills must be an integer, got string "1"`},
				{Path: []string{"sub_skills", "0", "weight"}, Message: `weight must be a number, got string "25%"`},
				{Path: []string{"tagline"}, Message: `tagline must be a string, got null`},
			},
		},
		{
			name: "list item of the wrong type",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) {
					g["levels"] = append(g["levels"].([]any), "Expert")
					at(g, "levels", 0)["capabilities"] = []any{json.Number("42")}
				})
			},
			want: []Violation{
				{Path: []string{"levels", "0", "capabilities", "0"}, Message: `capabilities item must be a string, got number 42`},
				{Path: []string{"levels", "1"}, Message: `levels item must be a mapping, got string "Expert"`},
			},
		},
		{
			name: "root must be a mapping",
			doc:  func(t testing.TB) any { return decode(t, `[1, 2]`) },
			want: []Violation{
				{Message: `guide must be a mapping, got list`},
			},
		},
		{
			name: "blank strings",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) {
					g["title"] = " \t"
					g["category"] = ""
					at(g, "levels", 0)["capabilities"] = []any{"Deploys a model.", "  "}
				})
			},
			want: []Violation{
				{Path: []string{"category"}, Message: `category must not be blank`},
				{Path: []string{"levels", "0", "capabilities", "1"}, Message: `capabilities item must not be blank`},
				{Path: []string{"title"}, Message: `title must not be blank`},
			},
		},
		{
			name: "enum",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) {
					g["resources"] = decode(t, `{"items": [{"title": "MLOps podcast", "url": "https://example.com", "kind": "podcast", "cost": "cheap"}], "tips": []}`)
				})
			},
			want: []Violation{
				{Path: []string{"resources", "items", "0", "cost"}, Message: `cost must be one of free, paid, freemium; got "cheap"`},
				{Path: []string{"resources", "items", "0", "kind"}, Message: `kind must be one of course, book, video, article, docs, community, tool; got "podcast"`},
			},
		},
		{
			name: "minItems",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) {
					g["assessment"] = decode(t, `{"self_check": [], "quiz": [{"question": "Q?", "options": ["a"], "answer": "a", "explanation": "E."}]}`)
				})
			},
			want: []Violation{
				{Path: []string{"assessment", "quiz", "0", "options"}, Message: `options must have at least 2 items, got 1`},
			},
		},
		{
			name: "number bounds",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) {
					at(g, "sub_skills", 0)["weight"] = json.Number("0")
					g["sub_skills"] = append(g["sub_skills"].([]any), decode(t, `{"name": "B", "weight": 120, "description": "d", "example_tasks": []}`))
					at(g, "learning_path")["total_hours"] = json.Number("-1.5")
					g["stats"] = decode(t, `{"learning_phases": -1, "estimated_hours": 0, "sub_skills": 0}`)
				})
			},
			want: []Violation{
				{Path: []string{"learning_path", "total_hours"}, Message: `total_hours must be greater than 0, got -1.5`},
				{Path: []string{"stats", "estimated_hours"}, Message: `estimated_hours must be greater than 0, got 0`},
				{Path: []string{"stats", "learning_phases"}, Message: `learning_phases must be at least 0, got -1`},
				{Path: []string{"sub_skills", "0", "weight"}, Message: `weight must be greater than 0, got 0`},
				{Path: []string{"sub_skills", "1", "weight"}, Message: `weight must be at most 100, got 120`},
			},
		},
		{
			name: "id pattern",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) { g["id"] = "ML_Systems" })
			},
			want: []Violation{
				{Path: []string{"id"}, Message: `id must be lowercase words joined by hyphens (like "ml-systems"), got "ML_Systems"`},
			},
		},
		{
			name: "long values are shortened",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) {
					g["id"] = strings.Repeat("Ab", 30)
				})
			},
			want: []Violation{
				{Path: []string{"id"}, Message: `id must be lowercase words joined by hyphens (like "ml-systems"), got "` + strings.Repeat("Ab", 19) + `A…"`},
			},
		},
		{
			name: "duration, url and level have no schema pattern",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) {
					at(g, "levels", 0)["duration"] = "forever"
					g["usage"] = decode(t, `{"industries": [], "use_cases": [{"title": "T", "level": "Wizard", "description": "D"}]}`)
					g["resources"] = decode(t, `{"items": [{"title": "T", "url": "not a url", "kind": "book", "cost": "free"}], "tips": []}`)
				})
			},
		},
		{
			name: "value of a type JSON has not",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) {
					g["tagline"] = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
				})
			},
			want: []Violation{
				{Path: []string{"tagline"}, Message: `tagline has a value of unsupported type time.Time; want a string, number, boolean, null, list or mapping`},
			},
		},
		{
			name: "numbers of other Go types",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) {
					at(g, "sub_skills", 0)["weight"] = 150
					at(g, "learning_path")["total_hours"] = 0.0
				})
			},
			want: []Violation{
				{Path: []string{"learning_path", "total_hours"}, Message: `total_hours must be greater than 0, got 0`},
				{Path: []string{"sub_skills", "0", "weight"}, Message: `weight must be at most 100, got 150`},
			},
		},
		{
			name: "many errors, sorted with list indexes in numeric order",
			doc: func(t testing.TB) any {
				return guide(t, func(g map[string]any) {
					var levels []any
					for i := 0; i < 12; i++ {
						levels = append(levels, decode(t, `{"name": "L", "summary": "S", "duration": "1-2 years", "capabilities": [""]}`))
					}
					g["levels"] = levels
					delete(g, "category")
					g["zzz"] = true
					g["aaa"] = true
					g["id"] = "Bad Id"
				})
			},
			want: func() []Violation {
				want := []Violation{
					{Message: `guide is missing required key "category"`},
					{Key: "aaa", Message: `unknown key "aaa"`},
					{Key: "zzz", Message: `unknown key "zzz"`},
					{Path: []string{"id"}, Message: `id must be lowercase words joined by hyphens (like "ml-systems"), got "Bad Id"`},
				}
				for _, i := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"} {
					want = append(want, Violation{Path: []string{"levels", i, "capabilities", "0"}, Message: `capabilities item must not be blank`})
				}
				return want
			}(),
		},
	}
	for _, tt := range tests {
		tt := tt
		t.Run(tt.name, func(t *testing.T) {
			got := Validate(tt.doc(t))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Validate() mismatch (-want +got):\n%s", diff)
			}
			// Map iteration inside the validator is random: the result
			// must not be.
			for i := 0; i < 10; i++ {
				if again := Validate(tt.doc(t)); !reflect.DeepEqual(got, again) {
					t.Fatalf("Validate() not deterministic:\n%v\nthen\n%v", got, again)
				}
			}
		})
	}
}

// TestValidateConcurrent runs Validate from many goroutines; run it with
// -race to check the shared compiled schema is only read.
func TestValidateConcurrent(t *testing.T) {
	bad := guide(t, func(g map[string]any) {
		g["tittle"] = "x"
		at(g, "sub_skills", 0)["weight"] = "25%"
	})
	want := Validate(bad)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				if got := Validate(bad); !reflect.DeepEqual(got, want) {
					t.Errorf("concurrent Validate() = %v, want %v", got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestViolationPathsAreNotShared(t *testing.T) {
	vs := Validate(guide(t, func(g map[string]any) { at(g, "levels", 0)["a"], at(g, "levels", 0)["b"] = 1, 2 }))
	if len(vs) != 2 {
		t.Fatalf("got %d violations, want 2: %v", len(vs), vs)
	}
	vs[0].Path[0] = "changed"
	if vs[1].Path[0] != "levels" {
		t.Errorf("violations share their Path slice")
	}
}

func TestUnknownKeySuggestionLimits(t *testing.T) {
	known := []string{"id", "title", "faq", "tips", "url"}
	tests := []struct{ key, want string }{
		{"tittle", `unknown key "tittle" (did you mean "title"?)`},
		{"ur", `unknown key "ur" (did you mean "url"?)`},                      // one edit of two runes
		{"tipz", `unknown key "tipz" (did you mean "tips"?)`},                 // one edit
		{"TIPS", `unknown key "TIPS" (did you mean "tips"?)`},                 // case is ignored
		{"fqq", `unknown key "fqq" (did you mean "faq"?)`},                    // one edit of three runes
		{"foo", `unknown key "foo"; allowed keys: id, title, faq, tips, url`}, // two edits of three runes
		{"x", `unknown key "x"; allowed keys: id, title, faq, tips, url`},
	}
	for _, tt := range tests {
		if got := unknownKey(tt.key, known); got != tt.want {
			t.Errorf("unknownKey(%q) = %s, want %s", tt.key, got, tt.want)
		}
	}
}

// TestCompilerIsHermetic proves that no "$ref" can make the compiler read
// a file or fetch a URL.
func TestCompilerIsHermetic(t *testing.T) {
	// A real schema file the default compiler would happily load.
	dir := t.TempDir()
	local := filepath.Join(dir, "local.json")
	if err := os.WriteFile(local, []byte(`{"type": "string"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	localURL := filepath.ToSlash(local)
	if !strings.HasPrefix(localURL, "/") {
		localURL = "/" + localURL // Windows: file:///C:/...
	}
	localURL = "file://" + localURL

	refs := []string{
		"https://example.com/x.json",
		"http://example.com/x.json#/$defs/a",
		"file:///etc/passwd",
		localURL,
		"other.json",
	}
	for _, ref := range refs {
		t.Run(ref, func(t *testing.T) {
			const url = "https://guidelint.test/refs.json"
			doc := map[string]any{"$ref": ref}
			c := newCompiler()
			if err := c.AddResource(url, doc); err != nil {
				t.Fatal(err)
			}
			_, err := c.Compile(url)
			if err == nil {
				t.Fatalf("compiling a schema with $ref %q succeeded; want the loader to refuse", ref)
			}
			if !strings.Contains(err.Error(), errNoLoading.Error()) {
				t.Errorf("compile error = %v; want it to come from the refusing loader", err)
			}
		})
	}

	// Control: the library's default compiler does read the local file,
	// so the refusal above is newCompiler's doing.
	c := jsonschema.NewCompiler()
	if err := c.AddResource("https://guidelint.test/refs.json", map[string]any{"$ref": localURL}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Compile("https://guidelint.test/refs.json"); err != nil {
		t.Errorf("control: default compiler failed to load %s: %v", localURL, err)
	}
}

func TestEmbeddedSchemaCompiles(t *testing.T) {
	if _, err := compile(); err != nil {
		t.Fatal(err)
	}
}

func TestJSON(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(JSON(), &doc); err != nil {
		t.Fatalf("JSON() is not JSON: %v", err)
	}
	if doc["$id"] != ID {
		t.Errorf("$id = %v, want ID %q", doc["$id"], ID)
	}
	if want := "https://json-schema.org/draft/2020-12/schema"; doc["$schema"] != want {
		t.Errorf("$schema = %v, want %q", doc["$schema"], want)
	}
	for _, k := range []string{"title", "description"} {
		if s, _ := doc[k].(string); s == "" {
			t.Errorf("schema has no top-level %s", k)
		}
	}
	b := JSON()
	b[0] = 'X'
	if JSON()[0] != '{' {
		t.Error("JSON() returns shared bytes")
	}

	// Pretty-printed with a 2-space indent, as json.Indent would, and
	// ending in a newline (json.Indent keeps trailing space).
	var want bytes.Buffer
	if err := json.Indent(&want, JSON(), "", "  "); err != nil {
		t.Fatal(err)
	}
	if got := string(JSON()); got != want.String() || !strings.HasSuffix(got, "}\n") {
		t.Error("skill-guide.schema.json is not indented with 2 spaces and ended by a newline; reformat it")
	}
}

// TestSchemaDocumentation checks the schema file is written for editors:
// every property has a title and a description, every object schema
// forbids unknown keys, and no list but quiz options has a minimum size.
func TestSchemaDocumentation(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(JSON(), &doc); err != nil {
		t.Fatal(err)
	}
	properties := 0
	var walk func(ptr string, s map[string]any)
	walk = func(ptr string, s map[string]any) {
		if s["type"] == "object" || s["properties"] != nil {
			if s["additionalProperties"] != false {
				t.Errorf("%s: object schema without additionalProperties: false", ptr)
			}
			props, _ := s["properties"].(map[string]any)
			if len(props) == 0 {
				t.Errorf("%s: object schema without properties", ptr)
			}
			req, _ := s["required"].([]any)
			for _, r := range req {
				if _, ok := props[r.(string)]; !ok {
					t.Errorf("%s: required key %v is not a property", ptr, r)
				}
			}
		}
		if _, ok := s["minItems"]; ok && !strings.HasSuffix(ptr, "/properties/options") {
			t.Errorf("%s: minItems; lists may be empty (only quiz options have a minimum)", ptr)
		}
		for _, kw := range []string{"oneOf", "anyOf"} {
			if _, ok := s[kw]; ok {
				t.Errorf("%s: %s makes violations hard to explain; avoid it", ptr, kw)
			}
		}
		if props, ok := s["properties"].(map[string]any); ok {
			names := make([]string, 0, len(props))
			for name := range props {
				names = append(names, name)
			}
			sort.Strings(names)
			for _, name := range names {
				p := props[name].(map[string]any)
				properties++
				for _, kw := range []string{"title", "description"} {
					if v, _ := p[kw].(string); strings.TrimSpace(v) == "" {
						t.Errorf("%s/properties/%s: no %s", ptr, name, kw)
					}
				}
				walk(ptr+"/properties/"+name, p)
			}
		}
		if items, ok := s["items"].(map[string]any); ok {
			walk(ptr+"/items", items)
		}
		if defs, ok := s["$defs"].(map[string]any); ok {
			for name, d := range defs {
				d := d.(map[string]any)
				for _, kw := range []string{"title", "description"} {
					if v, _ := d[kw].(string); strings.TrimSpace(v) == "" {
						t.Errorf("%s/$defs/%s: no %s", ptr, name, kw)
					}
				}
				walk(ptr+"/$defs/"+name, d)
			}
		}
	}
	walk("#", doc)
	if properties < 60 {
		t.Errorf("walked only %d properties; the walk is missing parts of the schema", properties)
	}

	// Fields whose form a semantic rule checks carry no pattern, so one
	// mistake is not reported twice.
	defs := doc["$defs"].(map[string]any)
	for _, p := range []string{"level/duration", "resource/url", "useCase/level", "project/level"} {
		def, prop, _ := strings.Cut(p, "/")
		s := defs[def].(map[string]any)["properties"].(map[string]any)[prop].(map[string]any)
		if _, ok := s["pattern"]; ok {
			t.Errorf("$defs/%s has a pattern", p)
		}
		if _, ok := s["$ref"]; ok {
			t.Errorf("$defs/%s refers to another schema (which may hold a pattern)", p)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "ml-systems.json"))
	if err != nil {
		b.Fatal(err)
	}
	valid := decode(b, string(data))
	if vs := Validate(valid); vs != nil {
		b.Fatalf("testdata/ml-systems.json is not valid: %v", vs)
	}
	invalid := decode(b, string(data))
	m := invalid.(map[string]any)
	m["tittle"] = "x"
	at(m, "sub_skills", 0)["weight"] = "25%"
	delete(at(m, "levels", 2), "duration")

	b.Run("valid", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for i := 0; i < b.N; i++ {
			Validate(valid)
		}
	})
	b.Run("3-errors", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for i := 0; i < b.N; i++ {
			Validate(invalid)
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				Validate(valid)
			}
		})
	})
}

// TestIDPattern: the exported IDPattern is the published schema's, which
// lint and format check ids with outside the schema.
func TestIDPattern(t *testing.T) {
	var doc struct {
		Properties struct {
			ID struct{ Pattern string } `json:"id"`
		} `json:"properties"`
	}
	if err := json.Unmarshal([]byte(schemaJSON), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Properties.ID.Pattern != IDPattern {
		t.Errorf("schema id pattern %q, IDPattern %q", doc.Properties.ID.Pattern, IDPattern)
	}
}

// TestSchemaMarkdownDescriptions: editors that read markdownDescription
// (VS Code, yaml-language-server) show it as Markdown, and the others show
// description as it is, so every description has a Markdown twin, the
// plain one carries no backticks, and the two say the same words.
func TestSchemaMarkdownDescriptions(t *testing.T) {
	var doc any
	if err := json.Unmarshal(JSON(), &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	var walk func(ptr string, v any)
	walk = func(ptr string, v any) {
		switch v := v.(type) {
		case map[string]any:
			desc, hasDesc := v["description"].(string)
			md, hasMD := v["markdownDescription"].(string)
			switch {
			case hasDesc && !hasMD:
				t.Errorf("%s: description without markdownDescription", ptr)
			case hasMD && !hasDesc:
				t.Errorf("%s: markdownDescription without description", ptr)
			case hasDesc:
				n++
				if strings.Contains(desc, "`") {
					t.Errorf("%s: description %q has backticks, which editors show as they are; they belong in markdownDescription", ptr, desc)
				}
				if strings.ReplaceAll(md, "`", "") != desc {
					t.Errorf("%s: markdownDescription and description differ beyond backticks:\n%s\n%s", ptr, md, desc)
				}
			}
			for k, e := range v {
				walk(ptr+"/"+k, e)
			}
		case []any:
			for i, e := range v {
				walk(fmt.Sprintf("%s/%d", ptr, i), e)
			}
		}
	}
	walk("#", doc)
	if n < 90 {
		t.Errorf("only %d descriptions; the walk is missing parts of the schema", n)
	}
}
