package lint

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillguides/guidelint/guide"
)

// TestScanIDMatchesParse: the cheap id scan agrees with a full parse on
// every input, and reads the usual block-style shapes without parsing.
func TestScanIDMatchesParse(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		fast      bool // the line scanner is sure, without a parse
	}{
		{"g.yaml", "id: ml-systems\ntitle: x\n", true},
		{"g.yaml", "# comment\n---\nid: a # trailing\n", true},
		{"g.yaml", "title: x\nid:   spaced   \n", true},
		{"g.yaml", "id: \"quoted\"\n", true},
		{"g.yaml", "id: 'it''s'\n", true},
		{"g.yaml", "id : a\n", true},
		{"g.yaml", "overview:\n  id: nested\nid: top\n", true},
		{"g.yaml", "what: |\n  id: in a block scalar\nid: real\n", true},
		{"g.yaml", "title: x\n", true},
		{"g.yaml", "identity: a\n", true},
		{"g.yaml", "id: a\r\ntitle: b\r\n", true},
		{"g.yaml", "\xEF\xBB\xBFid: bom\n", true},
		{"g.yaml", "id: 日本\n", false},
		{"g.yaml", "id: 123\n", false},
		{"g.yaml", "id: 1e3\n", false},
		{"g.yaml", "id: true\n", false},
		{"g.yaml", "id: null\n", false},
		{"g.yaml", "id: 0x1f\n", false},
		{"g.yaml", "id: &anchor a\n", false},
		{"g.yaml", "id: !!str a\n", false},
		{"g.yaml", "id: \"esc\\u0061ped\"\n", false},
		{"g.yaml", "id: a\n  continued\n", false},
		{"g.yaml", "id:\n  a\n", false},
		{"g.yaml", "id: a\nid: b\n", false},
		{"g.yaml", "{id: flow}\n", false},
		{"g.yaml", "why: [a,\nb]\nid: x\n", false},
		{"g.yaml", "tagline: \"a\nid: inside\"\nid: x\n", false},
		{"g.yaml", "- id: list\n", false},
		{"g.yaml", "id: a\n---\nid: b\n", false},
		{"g.yaml", "\"id\": quoted-key\n", false},
		{"g.json", "{\"title\": \"t\", \"id\": \"from-json\"}\n", false},
		{"g.yaml", "id: [not, text]\n", false},
		{"g.yaml", "id: a\ntitle: x\n  bad: indent\n", true}, // the scan still finds the id of a broken file
	} {
		id, pos, ok, sure := scanBlockID(tc.name, sourceUTF8([]byte(tc.src)))
		if sure != tc.fast {
			t.Errorf("%q: scanner sure = %v, want %v", tc.src, sure, tc.fast)
		}
		if !sure {
			id, pos, ok = scanID(tc.name, []byte(tc.src))
		}
		doc, err := guide.Parse(tc.name, []byte(tc.src))
		var wantID string
		var wantPos guide.Pos
		wantOK := false
		if doc != nil && doc.Guide.ID != nil {
			wantID, wantPos, wantOK = doc.Guide.ID.Value, doc.Guide.ID.Pos, true
		}
		if doc == nil && err != nil && sure {
			// A syntax error elsewhere: the scan knows more than the
			// parser. The one such row has its id on the first line.
			if id != "a" || pos != (guide.Pos{Line: 1, Col: 5}) || !ok {
				t.Errorf("%q: scan = %q %v %v, want \"a\" 1:5 true", tc.src, id, pos, ok)
			}
			continue
		}
		if id != wantID || pos != wantPos || ok != wantOK {
			t.Errorf("%q: scan = %q %v %v, parse = %q %v %v", tc.src, id, pos, ok, wantID, wantPos, wantOK)
		}
	}
}

// TestIDScope: pre-commit lints changed files only; id-unique still
// compares them with every guide in the repository or the config's globs.
func TestIDScope(t *testing.T) {
	root := t.TempDir()
	chdir(t, root)
	files := map[string]string{
		".git/HEAD":            "ref: refs/heads/main\n",
		"guides/a.yaml":        "id: shared\n",
		"guides/b.yaml":        "title: B\nid: shared\n",
		"guides/c.yaml":        "id: other\n",
		"guides/drafts/d.yaml": "id: other\n",
		"notes/n.yaml":         "id: other\n",
		".hidden/h.yaml":       "id: other\n",
	}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	idDiags := func(cfg *Config, paths []string, stdin string) []string {
		t.Helper()
		opts := Options{Config: cfg, IDScope: IDScopeFor(paths, cfg)}
		if name, text, ok := strings.Cut(stdin, "|"); ok {
			opts.Stdin, opts.StdinName = strings.NewReader(text), name
		}
		res, err := Run(context.Background(), paths, opts)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range res.Diagnostics {
			if d.Rule == "id-unique" {
				out = append(out, d.String())
			}
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		cfg   *Config
		paths []string
		stdin string // "name|text"
		want  []string
	}{
		{"later file", nil, []string{"guides/b.yaml"}, "", []string{
			`guides/b.yaml:2:5: error: id "shared" is already used by guides/a.yaml:1:5 (id-unique)`}},
		{"earlier file", nil, []string{"guides/a.yaml"}, "", []string{
			`guides/a.yaml:1:5: error: id "shared" is also used by guides/b.yaml:2:5 (id-unique)`}},
		{"both in the run", nil, []string{"guides/a.yaml", "guides/b.yaml"}, "", []string{
			`guides/b.yaml:2:5: error: id "shared" is already used by guides/a.yaml:1:5 (id-unique)`}},
		{"folder run is its own scope", nil, []string{"guides"}, "", []string{
			`guides/b.yaml:2:5: error: id "shared" is already used by guides/a.yaml:1:5 (id-unique)`,
			`guides/drafts/d.yaml:1:5: error: id "other" is already used by guides/c.yaml:1:5 (id-unique)`}},
		{"repository scope skips hidden folders", nil, []string{"guides/c.yaml"}, "", []string{
			`guides/c.yaml:1:5: error: id "other" is also used by guides/drafts/d.yaml:1:5 (id-unique)`}},
		{"config globs", &Config{Dir: root, Files: []string{"guides/*.yaml", "notes/*.yaml"}}, []string{"guides/c.yaml"}, "", []string{
			`guides/c.yaml:1:5: error: id "other" is also used by notes/n.yaml:1:5 (id-unique)`}},
		{"config excludes", &Config{Dir: root, Exclude: []string{"guides/drafts/**", "notes"}}, []string{"guides/c.yaml"}, "", nil},
		{"standard input named as a scope file", nil, []string{"-"}, "guides/b.yaml|id: shared\n", []string{
			`guides/b.yaml:1:5: error: id "shared" is already used by guides/a.yaml:1:5 (id-unique)`}},
		{"unnamed standard input", nil, []string{"-"}, "|id: shared\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := idDiags(tc.cfg, tc.paths, tc.stdin)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("id-unique (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIDScopeFor(t *testing.T) {
	root := t.TempDir()
	chdir(t, root)
	os.Mkdir(filepath.Join(root, "guides"), 0o755)
	os.WriteFile(filepath.Join(root, "guides", "a.yaml"), []byte("id: a\n"), 0o644)
	cfg := &Config{Dir: filepath.Join(root, "guides")}

	if got := IDScopeFor([]string{"guides"}, nil); got != nil {
		t.Errorf("folders only: %v, want nil", got)
	}
	if got := IDScopeFor([]string{"guides/a.yaml"}, nil); got != nil {
		t.Errorf("no repository, no config: %v, want nil", got)
	}
	if got := IDScopeFor([]string{"guides/a.yaml"}, cfg); !cmp.Equal(got, []string{cfg.Dir}) {
		t.Errorf("config without globs, no repository: %v", got)
	}
	os.Mkdir(filepath.Join(root, ".git"), 0o755)
	real, _ := filepath.EvalSymlinks(root)
	if got := IDScopeFor([]string{"-"}, cfg); len(got) != 1 || (got[0] != root && got[0] != real) {
		t.Errorf("repository: %v, want %s", got, root)
	}
	cfg.Files = []string{"*.yaml"}
	if got := IDScopeFor([]string{"guides/a.yaml"}, cfg); !cmp.Equal(got, []string{cfg.Dir}) {
		t.Errorf("config globs: %v", got)
	}
}

// FuzzScanID: whenever the line scanner is sure and the file parses
// cleanly, the scanner and the parser agree on the id and its position.
func FuzzScanID(f *testing.F) {
	for _, s := range []string{"id: a\n", "title: x\nid: 'b'\n", "id: \"c\" # x\nwhat: |\n  id: d\n", "id: e\n  f\n", "---\nid: g\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		id, pos, ok, sure := scanBlockID("g.yaml", []byte(src))
		if !sure {
			return
		}
		doc, err := guide.Parse("g.yaml", []byte(src))
		if doc == nil || err != nil {
			return
		}
		var wantID string
		var wantPos guide.Pos
		wantOK := doc.Guide.ID != nil
		if wantOK {
			wantID, wantPos = doc.Guide.ID.Value, doc.Guide.ID.Pos
		}
		if id != wantID || pos != wantPos || ok != wantOK {
			t.Errorf("%q: scan = %q %v %v, parse = %q %v %v", src, id, pos, ok, wantID, wantPos, wantOK)
		}
	})
}
