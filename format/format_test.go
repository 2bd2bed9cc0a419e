package format

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/fuzzseed"
	"github.com/skillguides/guidelint/internal/yamlscan"
	"github.com/skillguides/guidelint/lint"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want files of testdata/*.txtar")

// TestGolden formats the "in" file of each testdata/*.txtar and compares
// the result with its "want" file (go test -update rewrites them).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		file := file
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			in, want := fixture(t, ar)
			got, err := Source(in.Name, in.Data)
			if err != nil {
				t.Fatalf("Source: %v", err)
			}
			if *update {
				want.Data = got
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(string(want.Data), string(got)); diff != "" {
				t.Errorf("formatted %s differs from %s (-want +got):\n%s", in.Name, want.Name, diff)
			}
			checkProperties(t, in.Name, in.Data)
		})
	}
}

// fixture returns the in.* and want.* files of an archive.
func fixture(t *testing.T, ar *txtar.Archive) (in, want *txtar.File) {
	t.Helper()
	for i := range ar.Files {
		f := &ar.Files[i]
		switch {
		case strings.HasPrefix(f.Name, "in."):
			in = f
		case strings.HasPrefix(f.Name, "want."):
			want = f
		}
	}
	if in == nil || want == nil {
		t.Fatal("fixture needs an in.* and a want.* file")
	}
	return in, want
}

// TestCorpus checks every guide of examples/ and testdata/ (recursively;
// files that do not parse are skipped) and the fixtures: formatting is
// idempotent, lossless and keeps every comment.
func TestCorpus(t *testing.T) {
	n := 0
	for _, dir := range []string{"../examples", "../testdata", "../schema/testdata", "../cmd/guidelint/testdata"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if d.IsDir() || !isGuideName(path) && !strings.HasSuffix(path, ".txtar") {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if strings.HasSuffix(path, ".txtar") {
				// CLI fixtures hold guides as files of an archive.
				for _, f := range txtar.Parse(data).Files {
					if isGuideName(f.Name) {
						if checkIfParses(t, path+"/"+f.Name, f.Data) {
							n++
						}
					}
				}
				return nil
			}
			if checkIfParses(t, path, data) {
				n++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 4 {
		t.Errorf("checked only %d guides; want the examples and the seed at least", n)
	}
}

func isGuideName(p string) bool {
	switch filepath.Ext(p) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

func checkIfParses(t *testing.T, name string, data []byte) bool {
	if _, err := guide.Parse(name, data); err != nil {
		return false
	}
	if _, err := Source(name, data); err != nil && strings.Contains(err.Error(), "cannot format:") {
		// Refusing a comment yaml.v3 cannot write back is allowed.
		t.Logf("%s: %v", name, err)
		return false
	}
	t.Run(name, func(t *testing.T) { checkProperties(t, name, data) })
	return true
}

// checkProperties checks that formatting data is lossless (the result
// decodes to the same value), idempotent, and keeps every comment line.
func checkProperties(t *testing.T, name string, data []byte) {
	t.Helper()
	orig, err := guide.Parse(name, data)
	if err != nil {
		t.Fatalf("input does not parse: %v", err)
	}
	once, err := Source(name, data)
	if err != nil {
		t.Fatalf("Source: %v", err)
	}
	formatted, err := guide.Parse(name, once)
	if err != nil {
		t.Fatalf("formatted text does not parse: %v\n%s", err, once)
	}
	if diff := cmp.Diff(orig.Value(), formatted.Value()); diff != "" {
		t.Errorf("formatting changed the value (-before +after):\n%s", diff)
	}
	twice, err := Source(name, once)
	if err != nil {
		t.Fatalf("Source of formatted text: %v", err)
	}
	if diff := cmp.Diff(string(once), string(twice)); diff != "" {
		t.Errorf("formatting is not idempotent (-once +twice):\n%s", diff)
	}
	if orig.Format == guide.YAML {
		if diff := cmp.Diff(commentLines(data), commentLines(once)); diff != "" {
			t.Errorf("comments differ (-before +after):\n%s", diff)
		}
	}
}

// commentLines counts the comment texts of a YAML document as the text
// holds them (yamlscan, not yaml.v3, which drops some).
func commentLines(data []byte) map[string]int {
	m := map[string]int{}
	for _, c := range yamlscan.Comments(data) {
		m[c.Text]++
	}
	return m
}

// linter is the default linter, on a fixed day so that until= dates
// read the same in every run.
var linter = func() *lint.Linter {
	l, err := lint.New(lint.Options{Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		panic(err)
	}
	return l
}()

// findings lints data and counts the findings it reports (those no
// guidelint:ignore comment suppresses) by rule and message, positions
// in the message left out, so that formatted text, whose positions
// differ, must have the same ones. (Not by fingerprint: the linter gives
// a finding at the first key of a mapping the mapping's pointer, so
// reordering keys changes the fingerprints of some findings that stay.)
func findings(t *testing.T, name string, data []byte) map[string]int {
	t.Helper()
	ds, err := linter.Lint(context.Background(), name, data)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]int{}
	for _, d := range ds {
		m[d.Rule+": "+positionRE.ReplaceAllString(d.Message, "line N")]++
	}
	return m
}

var positionRE = regexp.MustCompile(`line \d+(, column \d+)?`)

func TestLongStringsNotFolded(t *testing.T) {
	long := strings.Repeat("word ", 200) + "end"
	src := []byte("id: x\ntagline: " + long + "\n")
	out, err := Source("x.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	if want := "tagline: " + long + "\n"; !strings.Contains(string(out), want) {
		t.Errorf("long string was rewritten:\n%s", out)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"syntax.yaml", "id: x\ntitle: [unclosed\n", "yaml syntax error"},
		{"dup.yaml", "id: x\nid: y\n", "2:1: duplicate key"},
		{"two.yaml", "id: x\n---\nid: y\n", "more than one YAML document"},
		{"list.yaml", "- a\n- b\n", "top level is a list"},
		{"bad.json", `{"id": "x",}`, "1:"},
	} {
		_, err := Source(tc.name, []byte(tc.src))
		var list guide.ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Errorf("%s: got error %v, want a guide.ErrorList", tc.name, err)
			continue
		}
		if !list[0].Pos.IsValid() {
			t.Errorf("%s: error has no position: %v", tc.name, err)
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want it to mention %q", tc.name, err, tc.want)
		}
	}
}

// TestCommentLossRefused: a comment yaml.v3 cannot write back makes
// Source fail with its position rather than drop it.
func TestCommentLossRefused(t *testing.T) {
	// yaml.v3 reads the comment inside a flow mapping but has nowhere to
	// write it once the mapping is in block style... or manages to; either
	// way, no comment may disappear silently.
	src := []byte("id: x\noverview: {what: w, # inside\n  why: []}\nlevels: [] # after\n")
	out, err := Source("x.yaml", src)
	if err != nil {
		var list guide.ErrorList
		if !errors.As(err, &list) || !strings.Contains(err.Error(), "would be lost") {
			t.Fatalf("got %v, want a positioned comment-loss error", err)
		}
		return
	}
	for _, c := range []string{"# inside", "# after"} {
		if !bytes.Contains(out, []byte(c)) {
			t.Errorf("comment %q lost:\n%s", c, out)
		}
	}
}

func TestEncodingNormalised(t *testing.T) {
	src := []byte("\xEF\xBB\xBFtitle: T\r\nid: x # c\r\n")
	out, err := Source("x.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	if want := "id: x # c\ntitle: T\n"; string(out) != want {
		t.Errorf("got %q, want %q (no BOM, LF line endings)", out, want)
	}
}

func TestUnknownShapesKeepOrder(t *testing.T) {
	src := "id: x\nx-meta:\n  title: t\n  id: i\nlevels:\n  - x: 1\n    name: A\n    extra:\n      summary: s\n      name: n\n"
	want := "id: x\nlevels:\n  - name: A\n    x: 1\n    extra:\n      summary: s\n      name: n\nx-meta:\n  title: t\n  id: i\n"
	out, err := Source("x.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, string(out)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// FuzzFormat checks that formatting is idempotent and lossless on every
// input that parses, read as YAML and as JSON: Source returns text that
// parses to the same value, keeps every comment (as yamlscan counts them
// in the text), has the same lint findings, and formats to itself.
// The one refusal allowed is the positioned error for a comment yaml.v3
// cannot write back or would move where the linter reads it differently;
// any other error on a document that parses is a bug.
func FuzzFormat(f *testing.F) {
	paths, _ := filepath.Glob("../examples/*.yaml")
	txtars, _ := filepath.Glob("testdata/*.txtar")
	for _, p := range append(paths, txtars...) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if !strings.HasSuffix(p, ".txtar") {
			f.Add(data)
			continue
		}
		for _, file := range txtar.Parse(data).Files {
			f.Add(file.Data)
		}
	}
	for _, s := range []string{
		"b: [1, {c: d}] # x\na: &a 1\nid: *a\n",
		"a: &a [x, y]\nb: *a\nc: {<<: {d: 1}, e: 2}\nm: &m {k: v}\nn:\n  <<: *m\n  k: w\n",
		"id: a\r\ntitle: t # c\r\n\r\n\r\nlevels: []\r\n",
		"\xEF\xBB\xBFtitle: T\nid: x\n",
		"\xFF\xFEi\x00d\x00:\x00 \x00a\x00\n\x00",
		"id:\ttab\nwhat: >+\n  folded\n\n\nwhy: |-\n  lit\n",
		"--- # head\nid: x\n",
		"x: \"a\\u2028b\\u0085c\"\n",
		"{\"id\": \"a\", \"url\": \"https:\\/\\/x.org\", \"e\": \"\\ud83d\\ude00\", \"n\": 1.50e+2, \"z\": []}",
		"{\n\t\"title\": \"t\",\n\t\"id\": \"x\", \"x-extra\": {\"b\": 1, \"a\": [{}]}\n}\n",
		"a: " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n",
		"a: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n",
		"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
		"id: a\nid: b\n",
		"id: caf\xe9\n",
		"id: a\n---\nid: b\n",
		"0: &m {0}#000000",
		"0: >1\n 0\n  00",
		// Comments whose place the linter reads, and comments yaml.v3 drops.
		"id: x\noverview:\n  why: [a, a] # guidelint:ignore duplicate\n  what: w\n",
		"id: x\nusage:\n  use_cases:\n    # guidelint:ignore placeholder\n    - description: TBD\n      title: U\n",
		"title: TBD\n# guidelint:ignore placeholder\ntagline: TBD\nid: x\n",
		"# guidelint:ignore schema\ntitle: T # guidelint:ignore placeholder\nid: x\n",
		"id: x\noverview:\n  why:\n    - Enter a few #MakeoverMonday challenges\n    - [a, b] #tag\n  what: w #x\n",
		"id: x\noverview:\n  why: &w [ # agreed\n    a, b ]\n  what: !!str # t\n    w\n... # end\n",
		"tagline: 'Ship it 🚀 fast'\ntitle: 𠮷野家\nid: x\noverview:\n  what: |\n    🚀\n    # text\n\n  why: []\n",
	} {
		f.Add([]byte(s))
	}
	for _, s := range fuzzseed.Hostile {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"f.yaml", "f.json"} {
			start := time.Now()
			checkFormatted(t, name, data)
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("%s: formatting %d bytes took %v: a hang", name, len(data), d)
			}
		}
	})
}

// checkFormatted is FuzzFormat's check on one input.
func checkFormatted(t *testing.T, name string, data []byte) {
	orig, err := guide.Parse(name, data)
	if err != nil {
		return // only documents that parse are formatted
	}
	once, err := Source(name, data)
	if err != nil {
		var list guide.ErrorList
		if errors.As(err, &list) && strings.Contains(err.Error(), "cannot format:") {
			return // refusing to drop or move a comment is allowed
		}
		t.Fatalf("%s: Source refused a document that parses: %v", name, err)
	}
	got, err := guide.Parse(name, once)
	if err != nil {
		t.Fatalf("%s: result does not parse: %v\n%s", name, err, once)
	}
	if got.Format != orig.Format {
		t.Fatalf("%s: result is %s, input was %s", name, got.Format, orig.Format)
	}
	// reflect.DeepEqual first: cmp.Diff takes time exponential in the
	// depth of nested lists, even equal ones.
	if !reflect.DeepEqual(orig.Value(), got.Value()) {
		t.Fatalf("%s: value changed (-before +after):\n%s", name, cmp.Diff(orig.Value(), got.Value()))
	}
	if orig.Format == guide.YAML {
		if diff := cmp.Diff(commentLines(orig.Data), commentLines(once)); diff != "" {
			t.Fatalf("%s: comments differ (-before +after):\n%s", name, diff)
		}
	}
	if diff := cmp.Diff(findings(t, name, data), findings(t, name, once)); diff != "" {
		t.Fatalf("%s: formatting changed the findings (-before +after):\n%s\n%s", name, diff, once)
	}
	twice, err := Source(name, once)
	if err != nil {
		t.Fatalf("%s: formatted text refused: %v\n%s", name, err, once)
	}
	if !bytes.Equal(once, twice) {
		t.Fatalf("%s: not idempotent:\n%s\n---\n%s", name, once, twice)
	}
}
