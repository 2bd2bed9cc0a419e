package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestWalkFollowsGit is SPEC §11 in a content repository made with the
// real git: a gitignored node_modules/ full of YAML and JSON, a
// package.json and a mkdocs.yml beside the guides, an ignored draft that
// reuses a guide's id, and broken guides. A walk lints the guides (the
// broken ones too, and an untracked one git does not ignore), skips and
// counts the files that are not guides, never looks into what git
// ignores; a named file is linted whatever it is and compared with the
// repository that holds it only.
func TestWalkFollowsGit(t *testing.T) {
	dir, write, example := scratchRepo(t)
	write(".gitignore", "node_modules/\ndrafts/\n")
	write("guides/ml-systems.yaml", string(example))
	write("guides/broken.yaml", "id: broken\ntitle: [unclosed\n")
	write("guides/broken.json", "{\n  \"id\": \"broken-json\",\n  \"title\": \n")
	write("package.json", `{"name": "content", "version": "1.0.0", "keywords": ["guides"], "scripts": {"id": "x"}}`+"\n")
	write("mkdocs.yml", "site_name: Guides\nnav:\n  - Home: index.md\n")
	write("drafts/ml-systems-v2.yaml", string(example)) // same id, ignored
	for _, p := range []string{"node_modules/a/package.json", "node_modules/a/guide.yaml", "node_modules/b/tsconfig.json"} {
		write(p, "id: not-ours\n")
	}
	git(t, dir, "init", "-q")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "content")
	// Untracked and not ignored: git sees it, so the walk does.
	newGuide := strings.Replace(string(example), "id: ml-systems\n", "id: new-guide\n", 1)
	write("guides/new-guide.yaml", strings.Replace(newGuide, "title: ML Systems\n", "title: New Guide\n", 1))

	type summary struct {
		Files   int `json:"files"`
		Skipped int `json:"skipped"`
	}
	var report struct {
		Diagnostics []struct{ Path, Rule, Message string }
		Summary     summary
	}
	out, stderr, code := runIn(t, dir, nil, []string{"--no-config", "--no-cache", "--format", "json", "."})
	if code != exitFindings {
		t.Fatalf("exit %d, want %d (the broken guides)\n%s", code, exitFindings, stderr)
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	rules := map[string][]string{}
	for _, d := range report.Diagnostics {
		rules[filepath.ToSlash(d.Path)] = append(rules[filepath.ToSlash(d.Path)], d.Rule)
	}
	var paths []string
	for p := range rules {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	// Only the broken guides have findings: nothing of node_modules/ or
	// drafts/, no package.json or mkdocs.yml, no id-unique with the draft.
	if diff := cmp.Diff([]string{"guides/broken.json", "guides/broken.yaml"}, paths); diff != "" {
		t.Errorf("paths with findings (-want +got):\n%s\n%s", diff, out)
	}
	if got := rules["guides/broken.yaml"]; len(got) == 0 || got[0] != "parse" {
		t.Errorf("guides/broken.yaml: rules %v, want a parse error", got)
	}
	if diff := cmp.Diff(summary{Files: 4, Skipped: 2}, report.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	_, stderr, _ = runIn(t, dir, nil, []string{"--no-config", "--no-cache", "guides/ml-systems.yaml", "guides/new-guide.yaml", "."})
	if !strings.Contains(stderr, "; 2 files skipped: not guides") {
		t.Errorf("text summary does not count the skipped files:\n%s", stderr)
	}

	// pre-commit names the changed file: its id is compared with the
	// repository's guides, not with the ignored draft.
	if out, stderr, code := runIn(t, dir, nil, []string{"--no-config", "--no-cache", "guides/ml-systems.yaml"}); code != exitOK {
		t.Errorf("named guide: exit %d\n%s%s", code, out, stderr)
	}
	// A folder named that git ignores as a whole is linted as it is.
	if _, stderr, code := runIn(t, dir, nil, []string{"--no-config", "--no-cache", "drafts"}); code != exitOK || !strings.Contains(stderr, "in 1 file (1 checked)") {
		t.Errorf("named ignored folder: exit %d, want its one guide linted\n%s", code, stderr)
	}
	// A file named is linted whatever it is.
	if out, _, code := runIn(t, dir, nil, []string{"--no-config", "--no-cache", "mkdocs.yml"}); code != exitFindings || !strings.Contains(out, "mkdocs.yml:1:1") {
		t.Errorf("named mkdocs.yml: exit %d, want its findings\n%s", code, out)
	}
	// A guide outside the repository, linted from inside it, is not
	// compared with the repository's guides.
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "ml-systems.yaml"), example, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, stderr, code := runIn(t, dir, nil, []string{"--no-config", "--no-cache", filepath.Join(outside, "ml-systems.yaml")}); code != exitOK {
		t.Errorf("guide outside the repository: exit %d\n%s%s", code, out, stderr)
	}
	// The other way round: a guide of the repository named from outside it
	// is compared with that repository's guides.
	write("guides/copy.yaml", string(example))
	if out, _, code := runIn(t, outside, nil, []string{"--no-config", "--no-cache", filepath.Join(dir, "guides", "copy.yaml")}); code != exitFindings || !strings.Contains(out, "id-unique") {
		t.Errorf("clashing guide named from outside its repository: exit %d, want id-unique\n%s", code, out)
	}
	os.Remove(filepath.Join(dir, "guides", "copy.yaml"))

	// fmt walks the same files: not package.json, not node_modules/.
	write("guides/ml-systems.yaml", "# a comment\n"+string(example))
	out, stderr, _ = runIn(t, dir, nil, []string{"fmt", "-l", "--no-config", "."})
	for _, bad := range []string{"package.json", "mkdocs.yml", "node_modules", "drafts"} {
		if strings.Contains(out, bad) {
			t.Errorf("fmt -l lists %s:\n%s", bad, out)
		}
	}
	if !strings.Contains(stderr, "2 files skipped: not guides") {
		t.Errorf("fmt does not say it skipped the files that are not guides:\n%s", stderr)
	}
}
