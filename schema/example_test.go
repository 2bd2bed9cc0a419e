package schema_test

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/skillguides/guidelint/schema"
)

func ExampleValidate() {
	const doc = `{
	  "id": "ml-systems",
	  "title": "ML Systems",
	  "category": "Technical",
	  "tagline": "Designing, building, and maintaining ML systems in production.",
	  "overview": {"what": "An engineering discipline.", "why": [], "outcomes": []},
	  "levels": [{"name": "Beginner", "summary": "Deploys simple models.", "capabilities": []}],
	  "sub_skills": [{"name": "ML Pipelines", "wieght": 100, "description": "Workflows.", "example_tasks": []}],
	  "learning_path": {"total_hours": "240h", "phases": []}
	}`
	// Decode with UseNumber: Validate wants numbers as json.Number.
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		panic(err)
	}
	for _, viol := range schema.Validate(v) {
		// A caller maps the path (and the key, for an unknown key) to a
		// line and column.
		fmt.Printf("/%s [%s]: %s\n", strings.Join(viol.Path, "/"), viol.Key, viol.Message)
	}
	// Output:
	// /learning_path/total_hours []: total_hours must be a number, got string "240h"
	// /levels/0 []: levels item is missing required key "duration"
	// /sub_skills/0 [wieght]: unknown key "wieght" (did you mean "weight"?)
}

// The model gives each place of a guide its keys in canonical order (the
// order of "guidelint fmt" and "guidelint new") and says which are
// required.
func ExampleLookup() {
	quiz := schema.Lookup("assessment.quiz[]")
	fmt.Println(quiz.Keys())
	for _, k := range quiz.Keys() {
		if !quiz.Required(k) {
			fmt.Println(k, "is optional")
		}
	}
	fmt.Println(quiz.Field("options").Item().Path(), quiz.Field("options").Item().Type())
	// Output:
	// [question options answer explanation]
	// explanation is optional
	// assessment.quiz[].options[] string
}
