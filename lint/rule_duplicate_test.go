package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/skillguides/guidelint/schema"
)

// TestNamedListKeys checks what the duplicate rule reads from the schema:
// the key naming each named list's entries, and that the lists it singles
// out are lists of the model.
func TestNamedListKeys(t *testing.T) {
	got := map[string]string{}
	for shape, nl := range namedListKeys() {
		got[shape] = nl.key
	}
	want := map[string]string{
		"levels": "name", "sub_skills": "name", "learning_path.phases": "title", "portfolio.projects": "title",
		"usage.use_cases": "title", "assessment.quiz": "question", "faq": "question",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("naming keys (-want +got):\n%s", diff)
	}
	for shape, key := range got {
		if typ := schema.Lookup(shape).Item().Field(key).Type(); typ != "string" || !schema.Lookup(shape).Item().Required(key) {
			t.Errorf("%s[].%s is %q, want a required string", shape, key, typ)
		}
	}
	if typ := schema.Lookup(quizOptionsShape).Item().Type(); typ != "string" {
		t.Errorf("%s holds %q, want a list of strings", quizOptionsShape, typ)
	}
}
