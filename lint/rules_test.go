package lint_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skillguides/guidelint/lint"
	"github.com/skillguides/guidelint/lint/linttest"
)

// fixtureRoot holds one folder of fixtures per rule, tested with
// linttest as any program's rule would be.
const fixtureRoot = "testdata/rules"

// fixtureRules are the rules with fixtures: every rule with a Run but
// schema (tested in package schema).
func fixtureRules() []*lint.Rule {
	var out []*lint.Rule
	for _, r := range lint.DefaultRules() {
		if r.Run != nil && r.ID != "schema" {
			out = append(out, r)
		}
	}
	return out
}

func TestRuleFixtures(t *testing.T) {
	for _, r := range fixtureRules() {
		r := r
		t.Run(r.ID, func(t *testing.T) { linttest.Run(t, filepath.Join(fixtureRoot, r.ID), r) })
	}
}

// TestFixtureLayout checks that every fixture folder belongs to a rule and
// that every rule with fixtures has at least one that must stay silent
// (ok*), one where it fires, and one exact column.
func TestFixtureLayout(t *testing.T) {
	entries, err := os.ReadDir(fixtureRoot)
	if err != nil {
		t.Fatal(err)
	}
	has := map[string]bool{}
	for _, r := range fixtureRules() {
		has[r.ID] = true
	}
	for _, e := range entries {
		if !e.IsDir() || !has[e.Name()] {
			t.Errorf("%s/%s: not a folder named after a rule with fixtures", fixtureRoot, e.Name())
		}
	}
	for _, r := range fixtureRules() {
		dir := filepath.Join(fixtureRoot, r.ID)
		files, err := filepath.Glob(filepath.Join(dir, "*"))
		if err != nil || len(files) == 0 {
			t.Errorf("rule %s has no fixtures: %v", r.ID, err)
			continue
		}
		var silent, firing, cols int
		for _, path := range files {
			if strings.HasSuffix(path, ".want") {
				continue
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			wants, err := linttest.Wants(path, data)
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(filepath.Base(path), "ok") {
				silent++
				if len(wants) > 0 {
					t.Errorf("%s: an ok fixture must expect nothing", path)
				}
			} else if len(wants) > 0 {
				firing++
			}
			for _, w := range wants {
				if w.Column > 0 {
					cols++
				}
			}
		}
		if silent == 0 || firing == 0 || cols == 0 {
			t.Errorf("rule %s: want at least one ok fixture, one firing fixture and one col= check; found %d, %d, %d", r.ID, silent, firing, cols)
		}
	}
}

// TestExamplesClean checks that the example guides give none of the
// rules anything to say.
func TestExamplesClean(t *testing.T) {
	l, err := lint.New(lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Run(context.Background(), []string{"../examples"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files < 3 {
		t.Fatalf("%d examples in ../examples, want at least 3", res.Files)
	}
	for _, d := range res.Diagnostics {
		t.Errorf("%s", d)
	}
}
