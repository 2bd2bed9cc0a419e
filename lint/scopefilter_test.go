package lint

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestScopeFilter: a run of a few guides of a large scope hands the
// unique rules only the scope's facts whose key a guide of the run holds;
// the findings are those of the Check handed every fact. The scope has
// duplicates of its own (no finding: not linted), guides the run's ids
// and titles clash with (once, twice, in folded form), and a guide of the
// run that sorts before the scope's holder of its id.
func TestScopeFilter(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		".guidelint.yaml":      "files: [\"guides/*.yaml\"]\n",
		"guides/new1.yaml":     "id: g20\ntitle: New One\n",
		"guides/new2.yaml":     "id: new2\ntitle: \"guide  TITLE 30\"\n",
		"guides/new3.yaml":     "id: g40\ntitle: New Three\n",
		"guides/a-first.yaml":  "id: g45\ntitle: First\n",
		"guides/new5.yaml":     "id: new5\ntitle: New Five\n",
		"guides/g11-copy.yaml": "id: g10\ntitle: Guide Title 10 copy\n", // a duplicate in the scope alone
		"guides/g41-copy.yaml": "id: g40\ntitle: Guide Title 41 copy\n",
	}
	for i := 0; i < 60; i++ {
		files[fmt.Sprintf("guides/g%02d.yaml", i)] = fmt.Sprintf("id: g%02d\ntitle: Guide Title %d\n", i, i)
	}
	writeGuides(t, dir, files)
	cfg, err := ParseConfig(".guidelint.yaml", dir, []byte(files[".guidelint.yaml"]))
	if err != nil {
		t.Fatal(err)
	}
	var named []string
	for _, n := range []string{"new1", "new2", "new3", "a-first", "new5"} {
		named = append(named, filepath.Join(dir, "guides", n+".yaml"))
	}
	run := func(filter bool) []Diagnostic {
		t.Helper()
		defer func(was bool) { filterScope = was }(filterScope)
		filterScope = filter
		res, err := mustNew(t, Options{Config: cfg, Scope: ScopeFor(named, cfg)}).Run(context.Background(), named)
		if err != nil {
			t.Fatal(err)
		}
		return res.Diagnostics
	}
	all, filtered := run(false), run(true)
	if diff := cmp.Diff(all, filtered); diff != "" {
		t.Fatalf("findings differ (-every fact +filtered):\n%s", diff)
	}
	n := 0
	for _, d := range all {
		if d.Rule == "id-unique" || d.Rule == "title-unique" {
			n++
		}
	}
	if n != 4 {
		t.Fatalf("%d id-unique and title-unique findings, want 4 (new1, new2, new3, a-first): %v", n, all)
	}
}

// TestScopeFilterKeys: which facts the filter keeps, and when there is
// none.
func TestScopeFilterKeys(t *testing.T) {
	fact := func(key string) []byte {
		return encodeFacts(factSet{{"id-unique", []byte(`{"key":"` + key + `","text":"x","line":1,"col":1}`)}})
	}
	results := resultSlice{{Path: "a", facts: fact("a")}, {Path: "b", facts: fact("b")}}
	order := []int{0, 1}
	scope := make([]scopeFile, 16)
	keep := scopeFilter(idUnique(), results, order, scope, false)
	if keep == nil {
		t.Fatal("no filter for 2 guides of 16")
	}
	for data, want := range map[string]bool{
		`{"key":"a","text":"x"}`: true,
		`{"key":"b"}`:            true,
		`{"key":"c"}`:            false,
		`{"text":"x","key":"c"}`: true, // another shape: handed over
	} {
		if got := keep([]byte(data)); got != want {
			t.Errorf("keep(%s) = %v, want %v", data, got, want)
		}
	}
	if scopeFilter(idUnique(), results, order, scope[:15], false) != nil {
		t.Error("a filter for 2 guides of 15")
	}
	if scopeFilter(idUnique(), results, order, scope, true) != nil {
		t.Error("a filter in a sharded run")
	}
	if scopeFilter(&Rule{ID: "house", Check: func(*CheckPass) {}}, results, order, scope, false) != nil {
		t.Error("a filter for a rule without a key")
	}
	results[1].facts = encodeFacts(factSet{{"id-unique", []byte(`{"text":"x","key":"b"}`)}})
	if scopeFilter(idUnique(), results, order, scope, false) != nil {
		t.Error("a filter though a guide of the run has a fact of another shape")
	}
}
