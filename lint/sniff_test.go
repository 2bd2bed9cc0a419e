package lint

import (
	"context"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLooksLikeGuide: a file a walk finds is skipped only when it is
// plainly something else; any guide key, however broken the rest, makes
// it a guide.
func TestLooksLikeGuide(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		want       bool
	}{
		{"guide", "id: x\ntitle: X\n", true},
		{"comment first", "# yaml-language-server: $schema=x\n---\nlevels:\n", true},
		{"quoted key", "'sub_skills': []\n", true},
		{"bom", "\ufeffid: x\n", true},
		{"broken yaml", "id: [\n  - : : \n", true},
		{"key without value", "overview:\n", true},
		{"empty draft", "# TODO\n\n", true},
		{"empty", "", true},
		{"utf-16", "\xff\xfei\x00d\x00", true},
		{"json guide", `{"title": "X", "id": "x"}`, true},
		{"broken json guide", "{\n  \"id\": \"x\",\n  \"levels\": [\n", true},
		{"mkdocs", "site_name: Guides\nnav:\n  - Home: index.md\n", false},
		{"title alone", "title: My Site\ntheme: minima\n", false},
		{"nested guide key", "site:\n  id: x\n  levels: 3\n", false},
		{"url, not a key", "http://example.com/id:x\n", false},
		{"top-level list", "- id: x\n", false},
		{"package.json", `{"name": "x", "version": "1.0.0", "keywords": ["a"], "scripts": {"id": "levels"}}`, false},
		{"tsconfig", "{\n  \"compilerOptions\": {\"id\": 1},\n  \"include\": [\"src\"]\n}\n", false},
		{"json string holding a key", `{"description": "\"id\": x"}`, false},
	} {
		if got := looksLikeGuide([]byte(tc.data)); got != tc.want {
			t.Errorf("%s: looksLikeGuide(%q) = %v, want %v", tc.name, tc.data, got, tc.want)
		}
	}
}

// TestConfigFilesAlwaysLinted: a file the config's files globs choose is
// linted whatever it holds; the others a walk finds are skipped when they
// are not guides, and counted.
func TestConfigFilesAlwaysLinted(t *testing.T) {
	dir := t.TempDir()
	writeGuides(t, dir, map[string]string{
		".guidelint.yaml":      "files: [\"guides/**/*.yaml\"]\n",
		"guides/settings.yaml": "site_name: not a guide\n",
	})
	cfg, err := LoadConfig(filepath.Join(dir, ".guidelint.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	writeGuides(t, other, map[string]string{"mkdocs.yml": "site_name: x\n"})
	res, err := mustNew(t, Options{Config: cfg}).Run(context.Background(), []string{dir, other})
	if err != nil {
		t.Fatal(err)
	}
	var linted []string
	for _, d := range res.Diagnostics {
		if rel, err := filepath.Rel(dir, d.Path); err == nil && (len(linted) == 0 || linted[len(linted)-1] != rel) {
			linted = append(linted, filepath.ToSlash(rel))
		}
	}
	sort.Strings(linted)
	if diff := cmp.Diff([]string{"guides/settings.yaml"}, linted); diff != "" {
		t.Errorf("files with findings (-want +got):\n%s", diff)
	}
	if res.Files != 1 || res.Skipped != 1 {
		t.Errorf("Files %d, Skipped %d; want 1 linted, and mkdocs.yml (outside the config's folder) skipped", res.Files, res.Skipped)
	}
}
