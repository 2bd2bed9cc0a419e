package lint_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillguides/guidelint/format"
	"github.com/skillguides/guidelint/lint"
)

// fingerprintGuide has findings of many kinds: at scalar values
// (placeholder twice, level-ref, quiz-answer), at a list key
// (weight-sum), at mappings (schema: a missing key, in a mapping whose
// first key fmt moves), at a key (schema: an unknown key), and a
// suppression that suppresses nothing.
const fingerprintGuide = `id: fp
title: TBD
category: Technical
tagline: TBD
overview:
  what: Fingerprints.
  why: [A]
  outcomes: [B]
levels:
  - name: Beginner
    summary: Starts.
    duration: 0-6 months
    capabilities: [C]
sub_skills:
  - name: One
    weight: 60
    description: D.
    example_tasks: [E]
  - weight: 30
    name: Two
    descripton: F.
    example_tasks: [G]
learning_path:
  total_hours: 10
  phases:
    - title: Only
      hours: 10
      goals: [H]
      topics: [I]
      actions: [J]
      deliverables: [K] # guidelint:ignore duplicate
usage:
  use_cases:
    - title: Case
      level: Guru
      description: L.
`

// fingerprints lints src and returns its findings' fingerprints, rule by
// rule, sorted.
func fingerprints(t *testing.T, src string) map[string][]string {
	t.Helper()
	l, err := lint.New(lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	diags, err := l.Lint(context.Background(), "guides/fp.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, d := range diags {
		if d.Fingerprint == "" {
			t.Errorf("%s: no fingerprint", d)
		}
		out[d.Rule] = append(out[d.Rule], d.Fingerprint)
	}
	for _, fps := range out {
		sort.Strings(fps)
	}
	return out
}

// TestFingerprintStable: a finding keeps its fingerprint when lines are
// inserted above it, when fmt rewrites the file, and when keys are
// reordered; it changes when its value changes, and two like findings
// in one file have different fingerprints.
func TestFingerprintStable(t *testing.T) {
	base := fingerprints(t, fingerprintGuide)
	var n int
	for rule, fps := range base {
		n += len(fps)
		for i := 1; i < len(fps); i++ {
			if fps[i] == fps[i-1] {
				t.Errorf("two %s findings share the fingerprint %s", rule, fps[i])
			}
		}
	}
	for _, rule := range []string{"placeholder", "weight-sum", "schema", "level-ref", "unused-ignore"} {
		if len(base[rule]) == 0 {
			t.Fatalf("the guide has no %s finding: %v", rule, base)
		}
	}
	if len(base["placeholder"]) != 2 {
		t.Errorf("placeholder findings: %v, want 2 (title and tagline)", base["placeholder"])
	}

	inserted := strings.Replace(fingerprintGuide, "id: fp\n", "id: fp\n"+strings.Repeat("# a comment above\n", 10), 1)
	formatted, err := format.Source("guides/fp.yaml", []byte(fingerprintGuide))
	if err != nil {
		t.Fatal(err)
	}
	if string(formatted) == fingerprintGuide {
		t.Fatal("fmt left the guide as it was; the test needs a guide fmt reorders")
	}
	reordered := strings.Replace(fingerprintGuide, "usage:\n  use_cases:\n    - title: Case\n      level: Guru\n      description: L.\n", "", 1)
	reordered = strings.Replace(reordered, "id: fp\n", "usage:\n  use_cases:\n    - description: L.\n      level: Guru\n      title: Case\nid: fp\n", 1)
	for name, src := range map[string]string{"10 lines above": inserted, "fmt": string(formatted), "keys reordered": reordered} {
		if diff := cmp.Diff(base, fingerprints(t, src)); diff != "" {
			t.Errorf("%s: fingerprints changed (-before +after):\n%s", name, diff)
		}
	}

	changed := fingerprints(t, strings.Replace(fingerprintGuide, "level: Guru", "level: Wizard", 1))
	if cmp.Equal(changed["level-ref"], base["level-ref"]) {
		t.Errorf("level-ref kept its fingerprint when the level changed")
	}
	if !cmp.Equal(changed["weight-sum"], base["weight-sum"]) {
		t.Errorf("weight-sum changed its fingerprint when another value changed")
	}
	changed = fingerprints(t, strings.Replace(fingerprintGuide, "weight: 60", "weight: 50", 1))
	if cmp.Equal(changed["weight-sum"], base["weight-sum"]) {
		t.Errorf("weight-sum kept its fingerprint when the sum changed")
	}
}

// TestFingerprintFromAnyFolder: fingerprints hold the path relative to the
// repository, so a run from the root and one from a subfolder agree.
func TestFingerprintFromAnyFolder(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{".git/HEAD": "ref: refs/heads/main\n", "guides/fp.yaml": fingerprintGuide})
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(wd) })
	run := func(dir, path string) []string {
		t.Helper()
		if err := os.Chdir(dir); err != nil {
			t.Fatal(err)
		}
		l, err := lint.New(lint.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := l.Run(context.Background(), []string{path})
		if err != nil {
			t.Fatal(err)
		}
		var fps []string
		for _, d := range res.Diagnostics {
			fps = append(fps, d.Rule+" "+d.Fingerprint)
		}
		return fps
	}
	atRoot := run(root, "guides/fp.yaml")
	inGuides := run(filepath.Join(root, "guides"), "fp.yaml")
	if len(atRoot) == 0 {
		t.Fatal("no findings")
	}
	if diff := cmp.Diff(atRoot, inGuides); diff != "" {
		t.Errorf("fingerprints depend on the working folder (-root +guides):\n%s", diff)
	}
}
