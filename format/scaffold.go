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
func Scaffold(id string) ([]byte, error) {
	if !ValidID(id) {
		return nil, fmt.Errorf("invalid guide ID %q: want lowercase letters and digits in words joined by hyphens, like \"ml-systems\"", id)
	}
	r := strings.NewReplacer("{{id}}", id, "{{schema}}", schema.ID)
	return []byte(r.Replace(scaffold)), nil
}

// scaffold is the template of Scaffold. The numbers are consistent with
// each other (three phases of 40, 60 and 100 hours make 200; two
// sub-skills of 60 and 40 percent make 100); the writer adjusts them.
const scaffold = `# yaml-language-server: $schema={{schema}}
# Scaffolded by "guidelint new". Replace every TODO, adjust the numbers
# (stats, weights, hours, durations), then run "guidelint" to see what is left.
id: {{id}}
title: "TODO: name of the skill"
category: "TODO: category, such as Technical"
tagline: "TODO: one sentence on what {{id}} is about"
stats:
  learning_phases: 3
  estimated_hours: 200
  sub_skills: 2
overview:
  what: "TODO: one paragraph on what {{id}} is"
  why:
    - "TODO: why {{id}} matters"
  outcomes:
    - "TODO: what a learner can do after mastering it"
misconceptions:
  - misconception: "TODO: a common mistaken belief"
    correction: "TODO: what is true instead"
usage:
  industries:
    - "TODO: an industry that uses it"
  use_cases:
    - title: "TODO: a typical use case"
      level: Intermediate
      description: "TODO: what the work involves"
levels:
  - name: Beginner
    summary: "TODO: what a beginner understands and can do"
    duration: 0-6 months
    capabilities:
      - "TODO: a beginner capability"
  - name: Intermediate
    summary: "TODO: what an intermediate practitioner does"
    duration: 6-24 months
    capabilities:
      - "TODO: an intermediate capability"
  - name: Advanced
    summary: "TODO: what an advanced practitioner does"
    duration: 2-5 years
    capabilities:
      - "TODO: an advanced capability"
  - name: Expert
    summary: "TODO: what an expert does"
    duration: 5+ years
    capabilities:
      - "TODO: an expert capability"
sub_skills:
  - name: "TODO: first sub-skill"
    weight: 60
    description: "TODO: what the first sub-skill covers"
    example_tasks:
      - "TODO: an example task"
  - name: "TODO: second sub-skill"
    weight: 40
    description: "TODO: what the second sub-skill covers"
    example_tasks:
      - "TODO: an example task"
learning_path:
  total_hours: 200
  phases:
    - title: "TODO: first phase"
      hours: 40
      goals:
        - "TODO: a goal"
      topics:
        - "TODO: a key topic"
      actions:
        - "TODO: a recommended action"
      deliverables:
        - "TODO: a deliverable"
    - title: "TODO: second phase"
      hours: 60
      goals:
        - "TODO: a goal"
      topics:
        - "TODO: a key topic"
      actions:
        - "TODO: a recommended action"
      deliverables:
        - "TODO: a deliverable"
    - title: "TODO: third phase"
      hours: 100
      goals:
        - "TODO: a goal"
      topics:
        - "TODO: a key topic"
      actions:
        - "TODO: a recommended action"
      deliverables:
        - "TODO: a deliverable"
portfolio:
  projects:
    - title: "TODO: a portfolio project"
      level: Intermediate
      description: "TODO: what the project does"
      stack:
        - "TODO: a tool"
      highlights:
        - "TODO: what recruiters will notice"
  tips:
    - "TODO: a portfolio tip"
assessment:
  self_check:
    - "TODO: a self-check question?"
  quiz:
    - question: "TODO: a quiz question?"
      options:
        - "TODO: the right answer"
        - "TODO: a wrong answer"
      answer: "TODO: the right answer"
      explanation: "TODO: why it is right"
red_flags:
  - "TODO: a sign of a skill gap"
keywords:
  must_have:
    - "TODO: an essential keyword"
  good_to_have:
    - "TODO: a helpful keyword"
  resume_phrases:
    - "TODO: an example resume bullet"
  tips:
    - "TODO: an ATS tip"
resources:
  items:
    - title: "TODO: a learning resource"
      url: https://example.com/TODO
      kind: course
      cost: free
  tips:
    - "TODO: a learning tip"
faq:
  - question: "TODO: a frequently asked question?"
    answer: "TODO: its answer"
`
