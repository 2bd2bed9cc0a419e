package format

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/lint"
	"github.com/skillguides/guidelint/schema"
)

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"ml-systems": true, "a": true, "web3": true, "c-2-d": true,
		"": false, "ML": false, "-a": false, "a-": false, "a--b": false,
		"a_b": false, "a b": false, "../x": false, "a/b": false,
	} {
		if got := ValidID(id); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", id, got, want)
		}
	}
	if _, err := Scaffold("Bad ID"); err == nil {
		t.Error("Scaffold accepted an invalid ID")
	}
}

// TestScaffoldLints lints a scaffold with every rule on: no errors, and
// the only warnings are placeholders.
func TestScaffoldLints(t *testing.T) {
	data, err := Scaffold("data-science")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "data-science.yaml")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := lint.New(lint.Options{}) // every built-in rule is on by default
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Run(context.Background(), []string{p})
	if err != nil {
		t.Fatal(err)
	}
	placeholders := 0
	for _, d := range res.Diagnostics {
		if d.Rule == "placeholder" {
			placeholders++
			continue
		}
		t.Errorf("unexpected diagnostic: %s", d)
	}
	if placeholders < 20 {
		t.Errorf("%d placeholder warnings; want one for each thing left to write", placeholders)
	}
}

// TestScaffoldComplete checks that the scaffold is already canonical and
// holds every key of the format.
func TestScaffoldComplete(t *testing.T) {
	data, err := Scaffold("x")
	if err != nil {
		t.Fatal(err)
	}
	formatted, err := Source("x.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(data), string(formatted)); diff != "" {
		t.Errorf("scaffold is not in canonical form (-scaffold +formatted):\n%s", diff)
	}
	doc, err := guide.Parse("x.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *guide.Node, shape *schema.Shape)
	seen := map[string]bool{}
	walk = func(n *guide.Node, shape *schema.Shape) {
		seen[shape.Path()] = true
		switch n.Kind {
		case guide.KindMapping:
			var keys []string
			for _, f := range n.Fields {
				keys = append(keys, f.Key)
				walk(f.Value, shape.Field(f.Key))
			}
			if want := shape.Keys(); !cmp.Equal(keys, want) {
				t.Errorf("%q has keys %v, want all of %v", shape.Path(), keys, want)
			}
		case guide.KindSequence:
			for _, it := range n.Items {
				walk(it, shape.Item())
			}
		}
	}
	walk(doc.Root, schema.Lookup(""))
	for _, shape := range schema.Shapes() {
		if !seen[shape] {
			t.Errorf("scaffold has no %q", shape)
		}
	}
	if !strings.Contains(string(data), "id: x\n") {
		t.Error("scaffold does not hold its ID")
	}
}

// TestScaffoldTablesMatchModel checks that the scaffold's values and list
// sizes name scalar places and lists of the schema's model: an entry for a
// place the schema dropped or renamed would go unnoticed otherwise.
func TestScaffoldTablesMatchModel(t *testing.T) {
	for path := range scaffoldValues {
		if typ := schema.Lookup(path).Type(); typ == "" || typ == "object" || typ == "array" {
			t.Errorf("scaffoldValues[%q]: not a scalar place of the schema (type %q)", path, typ)
		}
	}
	for path := range scaffoldItems {
		if typ := schema.Lookup(path).Type(); typ != "array" {
			t.Errorf("scaffoldItems[%q]: not a list of the schema (type %q)", path, typ)
		}
	}
}

// TestScaffoldWithSchema: the modeline, the scaffold's first line, names
// the schema URL it is given, for yaml-language-server.
func TestScaffoldWithSchema(t *testing.T) {
	url := schema.URLAt("v0.2.0")
	data, err := ScaffoldWithSchema("x", url)
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(data), "\n")
	if want := "# yaml-language-server: $schema=" + url; first != want {
		t.Errorf("first line %q, want %q", first, want)
	}
	if schema.URLAt("main") != schema.ID {
		t.Errorf("URLAt(main) = %q, want ID %q", schema.URLAt("main"), schema.ID)
	}
}
