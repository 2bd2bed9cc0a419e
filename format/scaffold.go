package format

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/skillguides/guidelint/schema"
)

// idRE is the pattern of guide IDs (SPEC §1).
var idRE = regexp.MustCompile(schema.IDPattern)

// ValidID reports whether id is a valid guide ID: lowercase letters and
// digits in words joined by single hyphens, such as "ml-systems".
func ValidID(id string) bool { return idRE.MatchString(id) }

// Scaffold returns a new guide for id in canonical form: every section of
// the format, in canonical order, each holding a short placeholder. It
// passes the schema and every semantic rule (weights sum to 100, hours
// add up, stats agree, levels are contiguous, the quiz answer is an
// option, level references resolve), so that linting it lists exactly
// what is left to write, as "placeholder" warnings.
//
// Its first line is a yaml-language-server modeline naming schema.ID; see
// ScaffoldWithSchema for another URL.
func Scaffold(id string) ([]byte, error) {
	return ScaffoldWithSchema(id, schema.ID)
}

// ScaffoldWithSchema is Scaffold with the modeline naming schemaURL, such
// as the schema of the guidelint release writing the guide
// (schema.URLAt of its tag).
func ScaffoldWithSchema(id, schemaURL string) ([]byte, error) {
	if !ValidID(id) {
		return nil, fmt.Errorf("invalid guide ID %q: want lowercase letters and digits in words joined by hyphens, like \"ml-systems\"", id)
	}
	var sc scaffolder
	sc.b.WriteString(scaffoldHeader)
	if err := sc.object(schema.Lookup(""), "", ""); err != nil {
		return nil, err
	}
	r := strings.NewReplacer("{{id}}", id, "{{schema}}", schemaURL)
	return []byte(r.Replace(sc.b.String())), nil
}

// scaffoldHeader opens the scaffold: the modeline that gives editors the
// schema, and what to do next.
const scaffoldHeader = `# yaml-language-server: $schema={{schema}}
# Scaffolded by "guidelint new". Replace every TODO, adjust the numbers
# (stats, weights, hours, durations), then run "guidelint" to see what is left.
`

// scaffoldItems is the number of items of the scaffold's lists that hold
// more than one: enough levels for a ladder, two sub-skills to share the
// weight, three phases, and the two options a quiz question needs.
var scaffoldItems = map[string]int{
	"levels":                    4,
	"sub_skills":                2,
	"learning_path.phases":      3,
	"assessment.quiz[].options": 2,
}

// scaffoldValues are the scaffold's values, as YAML, for each scalar place
// of the model; the keys, their order and the lists come from the schema.
// Items take the values of their place in turn, the last one repeated
// when they run out. The numbers agree with each other (three phases of
// 40, 60 and 100 hours make 200; two sub-skills of 60 and 40 percent make
// 100); the writer adjusts them.
var scaffoldValues = map[string][]string{
	"id":                    {"{{id}}"},
	"title":                 {`"TODO: name of the skill"`},
	"category":              {`"TODO: category, such as Technical"`},
	"tagline":               {`"TODO: one sentence on what {{id}} is about"`},
	"stats.learning_phases": {"3"},
	"stats.estimated_hours": {"200"},
	"stats.sub_skills":      {"2"},
	"overview.what":         {`"TODO: one paragraph on what {{id}} is"`},
	"overview.why[]":        {`"TODO: why {{id}} matters"`},
	"overview.outcomes[]":   {`"TODO: what a learner can do after mastering it"`},

	"misconceptions[].misconception": {`"TODO: a common mistaken belief"`},
	"misconceptions[].correction":    {`"TODO: what is true instead"`},

	"usage.industries[]":            {`"TODO: an industry that uses it"`},
	"usage.use_cases[].title":       {`"TODO: a typical use case"`},
	"usage.use_cases[].level":       {"Intermediate"},
	"usage.use_cases[].description": {`"TODO: what the work involves"`},

	"levels[].name": {"Beginner", "Intermediate", "Advanced", "Expert"},
	"levels[].summary": {
		`"TODO: what a beginner understands and can do"`,
		`"TODO: what an intermediate practitioner does"`,
		`"TODO: what an advanced practitioner does"`,
		`"TODO: what an expert does"`,
	},
	"levels[].duration": {"0-6 months", "6-24 months", "2-5 years", "5+ years"},
	"levels[].capabilities[]": {
		`"TODO: a beginner capability"`,
		`"TODO: an intermediate capability"`,
		`"TODO: an advanced capability"`,
		`"TODO: an expert capability"`,
	},

	"sub_skills[].name":            {`"TODO: first sub-skill"`, `"TODO: second sub-skill"`},
	"sub_skills[].weight":          {"60", "40"},
	"sub_skills[].description":     {`"TODO: what the first sub-skill covers"`, `"TODO: what the second sub-skill covers"`},
	"sub_skills[].example_tasks[]": {`"TODO: an example task"`},

	"learning_path.total_hours":             {"200"},
	"learning_path.phases[].title":          {`"TODO: first phase"`, `"TODO: second phase"`, `"TODO: third phase"`},
	"learning_path.phases[].hours":          {"40", "60", "100"},
	"learning_path.phases[].goals[]":        {`"TODO: a goal"`},
	"learning_path.phases[].topics[]":       {`"TODO: a key topic"`},
	"learning_path.phases[].actions[]":      {`"TODO: a recommended action"`},
	"learning_path.phases[].deliverables[]": {`"TODO: a deliverable"`},

	"portfolio.projects[].title":        {`"TODO: a portfolio project"`},
	"portfolio.projects[].level":        {"Intermediate"},
	"portfolio.projects[].description":  {`"TODO: what the project does"`},
	"portfolio.projects[].stack[]":      {`"TODO: a tool"`},
	"portfolio.projects[].highlights[]": {`"TODO: what recruiters will notice"`},
	"portfolio.tips[]":                  {`"TODO: a portfolio tip"`},

	"assessment.self_check[]":       {`"TODO: a self-check question?"`},
	"assessment.quiz[].question":    {`"TODO: a quiz question?"`},
	"assessment.quiz[].options[]":   {`"TODO: the right answer"`, `"TODO: a wrong answer"`},
	"assessment.quiz[].answer":      {`"TODO: the right answer"`},
	"assessment.quiz[].explanation": {`"TODO: why it is right"`},

	"red_flags[]": {`"TODO: a sign of a skill gap"`},

	"keywords.must_have[]":      {`"TODO: an essential keyword"`},
	"keywords.good_to_have[]":   {`"TODO: a helpful keyword"`},
	"keywords.resume_phrases[]": {`"TODO: an example resume bullet"`},
	"keywords.tips[]":           {`"TODO: an ATS tip"`},

	"resources.items[].title": {`"TODO: a learning resource"`},
	"resources.items[].url":   {"https://example.com/TODO"},
	"resources.items[].kind":  {"course"},
	"resources.items[].cost":  {"free"},
	"resources.tips[]":        {`"TODO: a learning tip"`},

	"faq[].question": {`"TODO: a frequently asked question?"`},
	"faq[].answer":   {`"TODO: its answer"`},
}

// scaffolder writes a scaffold in canonical form: every key of every
// object of the model, in schema order, block style, two-space indents.
type scaffolder struct {
	b    strings.Builder
	used map[string]int // values taken from scaffoldValues, by place
}

// object writes the keys of an object of shape: the first after lead
// (its indent, or the "- " of a list item), the others after indent.
func (s *scaffolder) object(shape *schema.Shape, lead, indent string) error {
	for i, k := range shape.Keys() {
		if i > 0 {
			lead = indent
		}
		field := shape.Field(k)
		s.b.WriteString(lead + k + ":")
		switch field.Type() {
		case "object":
			s.b.WriteString("\n")
			if err := s.object(field, indent+"  ", indent+"  "); err != nil {
				return err
			}
		case "array":
			s.b.WriteString("\n")
			item := field.Item()
			for j := max(1, scaffoldItems[field.Path()]); j > 0; j-- {
				if item.Type() == "object" {
					if err := s.object(item, indent+"  - ", indent+"    "); err != nil {
						return err
					}
					continue
				}
				v, err := s.value(item)
				if err != nil {
					return err
				}
				s.b.WriteString(indent + "  - " + v + "\n")
			}
		default:
			v, err := s.value(field)
			if err != nil {
				return err
			}
			s.b.WriteString(" " + v + "\n")
		}
	}
	return nil
}

// value returns the next value for a scalar at shape.
func (s *scaffolder) value(shape *schema.Shape) (string, error) {
	vals := scaffoldValues[shape.Path()]
	if len(vals) == 0 {
		// A place added to the schema needs a value here; a test builds
		// a scaffold.
		return "", fmt.Errorf("no scaffold value for %s (a bug in guidelint)", shape.Path())
	}
	if s.used == nil {
		s.used = map[string]int{}
	}
	i := min(s.used[shape.Path()], len(vals)-1)
	s.used[shape.Path()]++
	return vals[i], nil
}
