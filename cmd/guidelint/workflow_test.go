package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/skillguides/guidelint/internal/schematest"
	"github.com/skillguides/guidelint/internal/testshared"
)

// TestLivingWithFindings is issue 12's story, in a repository made with
// the real git: 30 guides with findings are baselined and the run passes;
// a commit adding a defect fails on exactly that defect; fixing one
// finding and adding another of the same rule in the same file fails;
// --new-from-rev HEAD~1 reports only the last commit's findings, an
// id-unique clash with an unchanged guide included; an until= in the past
// stops suppressing and is reported; rdjson, rdjsonl and SARIF validate
// against their schemas.
func TestLivingWithFindings(t *testing.T) {
	dir, write, example := scratchRepo(t)
	guideN := func(i int) string {
		g := strings.Replace(string(example), "id: ml-systems\n", fmt.Sprintf("id: guide-%02d\n", i), 1)
		g = strings.Replace(g, "title: ML Systems\n", fmt.Sprintf("title: Guide %02d\n", i), 1)
		return strings.Replace(g, "\ntagline: ", "\ntagline: TBD ", 1) // a finding in every guide
	}
	git(t, dir, "init", "-q")
	for i := 1; i <= 30; i++ {
		write(fmt.Sprintf("guides/guide-%02d.yaml", i), guideN(i))
	}
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "thirty guides")
	lint := func(args ...string) (string, string, int) {
		t.Helper()
		return runIn(t, dir, nil, append([]string{"--no-config", "--no-cache"}, args...))
	}

	// Baselined, the run passes.
	if _, stderr, code := runIn(t, dir, nil, []string{"baseline", "write", "--no-config", "guides"}); code != exitOK {
		t.Fatalf("baseline write: exit %d: %s", code, stderr)
	}
	if out, stderr, code := lint("--max-warnings", "0", "--baseline", ".guidelint-baseline.json", "guides"); code != exitOK || out != "" || !strings.Contains(stderr, "30 baselined") {
		t.Fatalf("with the baseline: exit %d\n%s%s", code, out, stderr)
	}
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "baseline")

	// A defect: exactly it fails the run.
	write("guides/guide-05.yaml", strings.Replace(guideN(5), "weight: 25", "weight: 20", 1))
	out, _, code := lint("--baseline", ".guidelint-baseline.json", "guides")
	if code != exitFindings || strings.Count(out, "\n") != 1 || !strings.Contains(out, "guides/guide-05.yaml") || !strings.Contains(out, "(weight-sum)") {
		t.Errorf("a new defect: exit %d\n%s", code, out)
	}
	write("guides/guide-05.yaml", guideN(5))

	// One finding fixed, another of the same rule added in the same file.
	g7 := strings.Replace(strings.Replace(guideN(7), "\ntagline: TBD ", "\ntagline: ", 1), "category: Technical", "category: TBD", 1)
	write("guides/guide-07.yaml", g7)
	out, stderr, code := lint("--max-warnings", "0", "--baseline", ".guidelint-baseline.json", "guides")
	if code != exitFindings || strings.Count(out, "\n") != 1 || !strings.Contains(out, `placeholder "TBD" left in category`) || !strings.Contains(stderr, "1 stale baseline entry") {
		t.Errorf("fixed one, added one: exit %d\n%s%s", code, out, stderr)
	}
	write("guides/guide-07.yaml", guideN(7))

	// The ratchet: a commit adds a guide reusing guide-01's id.
	write("guides/new-guide.yaml", strings.Replace(guideN(1), "title: Guide 01\n", "title: Copy\n", 1))
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "a copy")
	out, _, code = lint("--new-from-rev", "HEAD~1", "guides")
	if code != exitFindings {
		t.Errorf("--new-from-rev HEAD~1: exit %d\n%s", code, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(line, "guides/new-guide.yaml:") {
			t.Errorf("--new-from-rev HEAD~1 reports an old finding: %s", line)
		}
	}
	if !strings.Contains(out, `id "guide-01" is already used by guides/guide-01.yaml:1:5 (id-unique)`) {
		t.Errorf("--new-from-rev HEAD~1 misses the id clash:\n%s", out)
	}

	// An until= in the past stops suppressing, and says so.
	g9 := strings.Replace(guideN(9), "\ntagline: TBD ", "\n# guidelint:ignore placeholder until=2001-01-01 -- launch\ntagline: TBD ", 1)
	write("guides/guide-09.yaml", g9)
	out, _, _ = lint("guides/guide-09.yaml")
	if !strings.Contains(out, "(expired-ignore)") || !strings.Contains(out, `placeholder "TBD" left in tagline`) {
		t.Errorf("an expired suppression:\n%s", out)
	}

	// The review and code-scanning formats validate.
	for _, tc := range []struct{ format, schema string }{
		{"rdjson", "schemas/reviewdog-rdf/DiagnosticResult.json"},
		{"rdjsonl", "schemas/reviewdog-rdf/Diagnostic.json"},
		{"sarif", "schemas/sarif-schema-2.1.0.json"},
		{"sarif", "schemas/sarif-2.1.0.schemastore.json"},
	} {
		sch := schematest.Compile(t, testshared.File(t, tc.schema))
		out, _, _ := lint("--format", tc.format, "--baseline", ".guidelint-baseline.json", "guides")
		docs := [][]byte{[]byte(out)}
		if tc.format == "rdjsonl" {
			docs = bytes.Split(bytes.TrimSpace([]byte(out)), []byte{'\n'})
		}
		for _, doc := range docs {
			schematest.ValidateJSON(t, sch, tc.format, doc)
		}
	}
}
