// Package schematest validates documents against the official JSON Schemas
// kept in the project's shared folder (SARIF, GitHub Action metadata,
// pre-commit hooks), for tests. Schemas are compiled without the network:
// the loader serves the one file asked for and refuses every other URL,
// and the draft-04 and draft-07 meta-schemas they name are built into the
// validator.
package schematest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	yaml "go.yaml.in/yaml/v3"
)

// refuseLoader refuses every URL: a schema that refers outside itself
// fails to compile rather than reaching the network or the disk.
type refuseLoader struct{}

func (refuseLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("schematest: refusing to load %s: only the named schema file is served", url)
}

// Compile compiles the JSON Schema in file, with format assertions on
// (so that a "uri" must be a URI), failing the test if it cannot.
func Compile(t testing.TB, file string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	// The file's own URL names it; its $id (or draft-04 id) is honoured too.
	id := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	c := jsonschema.NewCompiler()
	c.UseLoader(refuseLoader{})
	c.AssertFormat()
	if err := c.AddResource(id, doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	sch, err := c.Compile(id)
	if err != nil {
		t.Fatalf("compiling %s: %v", file, err)
	}
	return sch
}

// Validate checks a JSON-shaped value (as encoding/json decodes it into
// an any) against sch, failing the test with the validator's report.
func Validate(t testing.TB, sch *jsonschema.Schema, name string, v any) {
	t.Helper()
	if err := sch.Validate(v); err != nil {
		t.Errorf("%s does not validate against %s:\n%v", name, sch.Location, err)
	}
}

// ValidateJSON is Validate for JSON text.
func ValidateJSON(t testing.TB, sch *jsonschema.Schema, name string, data []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: not JSON: %v", name, err)
	}
	Validate(t, sch, name, v)
}

// ValidateYAMLFile validates a YAML file (a GitHub Action's action.yml,
// a .pre-commit-hooks.yaml), turned into the JSON value it stands for.
func ValidateYAMLFile(t testing.TB, sch *jsonschema.Schema, file string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	// A round trip through encoding/json gives the JSON shape the
	// validator wants (map[string]any, float64 numbers).
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s: cannot be JSON: %v", file, err)
	}
	ValidateJSON(t, sch, file, j)
}
