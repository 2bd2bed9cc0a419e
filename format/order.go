package format

// canonicalKeys maps the shape of every object of a SkillGuide v1 document
// to its keys in the canonical order of SPEC §1 (the order the schema file
// lists them; a test checks the two agree). A shape is the dotted path of
// keys from the top, with "[]" for "every item of the list": the top level
// is "", a proficiency level is "levels[]", a quiz item
// "assessment.quiz[]".
var canonicalKeys = map[string][]string{
	"": {
		"id", "title", "category", "tagline", "stats", "overview",
		"misconceptions", "usage", "levels", "sub_skills", "learning_path",
		"portfolio", "assessment", "red_flags", "keywords", "resources", "faq",
	},
	"stats":                  {"learning_phases", "estimated_hours", "sub_skills"},
	"overview":               {"what", "why", "outcomes"},
	"misconceptions[]":       {"misconception", "correction"},
	"usage":                  {"industries", "use_cases"},
	"usage.use_cases[]":      {"title", "level", "description"},
	"levels[]":               {"name", "summary", "duration", "capabilities"},
	"sub_skills[]":           {"name", "weight", "description", "example_tasks"},
	"learning_path":          {"total_hours", "phases"},
	"learning_path.phases[]": {"title", "hours", "goals", "topics", "actions", "deliverables"},
	"portfolio":              {"projects", "tips"},
	"portfolio.projects[]":   {"title", "level", "description", "stack", "highlights"},
	"assessment":             {"self_check", "quiz"},
	"assessment.quiz[]":      {"question", "options", "answer", "explanation"},
	"keywords":               {"must_have", "good_to_have", "resume_phrases", "tips"},
	"resources":              {"items", "tips"},
	"resources.items[]":      {"title", "url", "kind", "cost"},
	"faq[]":                  {"question", "answer"},
}

// keyRank holds canonicalKeys as ranks, for sorting.
var keyRank = func() map[string]map[string]int {
	m := make(map[string]map[string]int, len(canonicalKeys))
	for shape, keys := range canonicalKeys {
		r := make(map[string]int, len(keys))
		for i, k := range keys {
			r[k] = i
		}
		m[shape] = r
	}
	return m
}()

// childShape is the shape of the value of key in an object of shape.
func childShape(shape, key string) string {
	if shape == "" {
		return key
	}
	return shape + "." + key
}

// itemShape is the shape of the items of a list of shape.
func itemShape(shape string) string { return shape + "[]" }

// CanonicalKeys returns the keys of the object at shape in canonical order,
// or nil for a shape the format does not define. A shape is the dotted
// path of keys from the top level, with "[]" for the items of a list: ""
// is the top level, "levels[]" a proficiency level, "assessment.quiz[]" a
// quiz item.
func CanonicalKeys(shape string) []string {
	return append([]string(nil), canonicalKeys[shape]...)
}
