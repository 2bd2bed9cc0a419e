package lint

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/google/go-cmp/cmp"
)

// TestScope: pre-commit lints changed files only; id-unique still
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
		opts := Options{Config: cfg, Scope: ScopeFor(paths, cfg)}
		if name, text, ok := strings.Cut(stdin, "|"); ok {
			opts.Stdin, opts.StdinName = strings.NewReader(text), name
		}
		res, err := runLint(context.Background(), paths, opts)
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
			`guides/a.yaml:1:5: error: id "shared" is already used by guides/b.yaml:2:5 (id-unique)`}},
		{"both in the run", nil, []string{"guides/a.yaml", "guides/b.yaml"}, "", []string{
			`guides/b.yaml:2:5: error: id "shared" is already used by guides/a.yaml:1:5 (id-unique)`}},
		{"folder run is its own scope", nil, []string{"guides"}, "", []string{
			`guides/b.yaml:2:5: error: id "shared" is already used by guides/a.yaml:1:5 (id-unique)`,
			`guides/drafts/d.yaml:1:5: error: id "other" is already used by guides/c.yaml:1:5 (id-unique)`}},
		{"repository scope skips hidden folders", nil, []string{"guides/c.yaml"}, "", []string{
			`guides/c.yaml:1:5: error: id "other" is already used by guides/drafts/d.yaml:1:5 (id-unique)`}},
		{"config globs", &Config{Dir: root, Files: []string{"guides/*.yaml", "notes/*.yaml"}}, []string{"guides/c.yaml"}, "", []string{
			`guides/c.yaml:1:5: error: id "other" is already used by notes/n.yaml:1:5 (id-unique)`}},
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

func TestScopeFor(t *testing.T) {
	root := t.TempDir()
	chdir(t, root)
	os.Mkdir(filepath.Join(root, "guides"), 0o755)
	os.WriteFile(filepath.Join(root, "guides", "a.yaml"), []byte("id: a\n"), 0o644)
	cfg := &Config{Dir: filepath.Join(root, "guides")}

	if got := ScopeFor([]string{"guides"}, nil); got != nil {
		t.Errorf("folders only: %v, want nil", got)
	}
	if got := ScopeFor([]string{"guides/a.yaml"}, nil); got != nil {
		t.Errorf("no repository, no config: %v, want nil", got)
	}
	if got := ScopeFor([]string{"guides/a.yaml"}, cfg); !cmp.Equal(got, []string{cfg.Dir}) {
		t.Errorf("config without globs, no repository: %v", got)
	}
	os.Mkdir(filepath.Join(root, ".git"), 0o755)
	real, _ := filepath.EvalSymlinks(root)
	if got := ScopeFor([]string{"-"}, cfg); len(got) != 1 || (got[0] != root && got[0] != real) {
		t.Errorf("repository: %v, want %s", got, root)
	}
	cfg.Files = []string{"*.yaml"}
	if got := ScopeFor([]string{"guides/a.yaml"}, cfg); !cmp.Equal(got, []string{cfg.Dir}) {
		t.Errorf("config globs: %v", got)
	}
}

// chdir changes the working directory for the rest of the test.
func chdir(t *testing.T, dir string) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(wd) })
}

// TestRelAbs: the tail taken for a path below the config's folder is what
// filepath.Rel gives, and a path outside it is not below it.
func TestRelAbs(t *testing.T) {
	root := filepath.VolumeName(t.TempDir()) + string(filepath.Separator)
	j := func(parts ...string) string { return filepath.Join(append([]string{root}, parts...)...) }
	for _, c := range []struct{ dir, abs, want string }{
		{j("r"), j("r", "a.yaml"), "a.yaml"},
		{j("r"), j("r", "sub", "a.yaml"), "sub/a.yaml"},
		{j("r"), j("rr", "a.yaml"), ""},
		{j("r"), j("r"), "."},
		{j("r", "sub"), j("r", "a.yaml"), ""},
		{root, j("a.yaml"), "a.yaml"},
		{j("r") + string(filepath.Separator), j("r", "a.yaml"), "a.yaml"}, // not clean: through Rel
		{j("r"), j("r", "x") + string(filepath.Separator) + ".." + string(filepath.Separator) + "a.yaml", "a.yaml"},
		{"r", j("r", "a.yaml"), ""}, // a relative folder: Rel refuses
	} {
		got, ok := (&Config{Dir: c.dir}).relAbs(c.abs)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("relAbs(%q, %q) = %q, %v; want %q", c.dir, c.abs, got, ok, c.want)
		}
	}
}

// TestGlobMatch: the globs globMatch answers itself match as doublestar
// does, for every path made of a few pieces.
func TestGlobMatch(t *testing.T) {
	globs := []string{"*.yaml", "**/*.yaml", "*.yml", "**/*.json", "*a.yaml", "**/*x.yaml", "*.", "**/*.yaml.bak",
		"*", "**/*", "guides/*.yaml", "*.{yaml,yml}", "**/g?.yaml", "*\\*.yaml"}
	pieces := []string{"a", "x", ".yaml", ".yml", ".json", "/", ".", "g1", ".bak", "*", "guides"}
	var paths []string
	var grow func(p string, n int)
	grow = func(p string, n int) {
		if p != "" {
			paths = append(paths, p)
		}
		if n == 0 {
			return
		}
		for _, s := range pieces {
			grow(p+s, n-1)
		}
	}
	grow("", 4)
	for _, g := range globs {
		if !doublestar.ValidatePattern(g) {
			t.Fatalf("bad test glob %q", g)
		}
		for _, p := range paths {
			want, _ := doublestar.Match(g, p)
			if got := globMatch(g, p); got != want {
				t.Errorf("globMatch(%q, %q) = %v, doublestar says %v", g, p, got, want)
			}
		}
	}
}

// TestIsClean: isClean is filepath.Clean(p) == p, cleanSlash is
// path.Clean(p) == p, and cleanSlashRel adds "below its folder", for every
// path made of a few pieces.
func TestIsClean(t *testing.T) {
	pieces := []string{"a", "/", ".", "..", "b.yaml", "//"}
	var grow func(p string, n int)
	n := 0
	grow = func(p string, depth int) {
		if got, want := isClean(p), filepath.Clean(p) == p; got != want {
			t.Errorf("isClean(%q) = %v, filepath.Clean gives %q", p, got, filepath.Clean(p))
		}
		clean := path.Clean(p) == p
		if got := cleanSlash([]byte(p)); got != clean {
			t.Errorf("cleanSlash(%q) = %v, path.Clean gives %q", p, got, path.Clean(p))
		}
		below := clean && p != "." && !path.IsAbs(p) && p != ".." && !strings.HasPrefix(p, "../")
		if got := cleanSlashRel([]byte(p)); got != below {
			t.Errorf("cleanSlashRel(%q) = %v, want %v", p, got, below)
		}
		n++
		if depth == 0 {
			return
		}
		for _, s := range pieces {
			grow(p+s, depth-1)
		}
	}
	grow("", 6)
	if n < 10000 {
		t.Fatalf("only %d paths", n)
	}
}
