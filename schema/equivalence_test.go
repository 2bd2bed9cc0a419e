package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// TestDraft6SameVerdicts checks that the schema as compiled for validation
// (local $refs inlined, "\S" patterns as a format, read as draft 6) judges
// documents exactly as the published draft 2020-12 file does: the same
// leaf violations at the same places, on the example guide and on
// thousands of variants of it with one value replaced, removed or added.
func TestDraft6SameVerdicts(t *testing.T) {
	raw, err := jsonschema.UnmarshalJSON(strings.NewReader(schemaJSON))
	if err != nil {
		t.Fatal(err)
	}
	c := newCompiler()
	if err := c.AddResource(ID, raw); err != nil {
		t.Fatal(err)
	}
	published, err := c.Compile(ID)
	if err != nil {
		t.Fatal(err)
	}
	fast := get().root

	data, err := os.ReadFile("testdata/ml-systems.json")
	if err != nil {
		t.Fatal(err)
	}
	variants := variantsOf(t, data)
	for i, v := range variants {
		want, got := leaves(published.Validate(v)), leaves(fast.Validate(v))
		if diff := cmp.Diff(want, got); diff != "" {
			b, _ := json.Marshal(v)
			t.Fatalf("variant %d judged differently (-published +compiled):\n%s\n%.300s", i, diff, b)
		}
	}
}

// variantsOf is the guide data (JSON) and thousands of variants of it,
// each with one value replaced by a value of another kind, removed, or
// given an unknown key.
func variantsOf(t *testing.T, data []byte) []any {
	t.Helper()
	var variants []any
	replacements := []any{nil, "", " \t", "x", json.Number("0"), json.Number("-1"), json.Number("2.5"), json.Number("101"), true, []any{}, []any{"a", " "}, map[string]any{}, map[string]any{"wieght": json.Number("1")}}
	var mutate func(path []string)
	mutate = func(path []string) {
		for _, r := range replacements {
			variants = append(variants, replaced(t, data, path, func(any) (any, bool) { return r, true }))
		}
		variants = append(variants, replaced(t, data, path, func(any) (any, bool) { return nil, false }))
		sub := lookupPath(decodeNum(t, data), path)
		switch sub := sub.(type) {
		case map[string]any:
			variants = append(variants, replaced(t, data, path, func(v any) (any, bool) {
				m := copyMap(v.(map[string]any))
				m["unknown_key"] = "x"
				return m, true
			}))
			for k := range sub {
				mutate(append(append([]string(nil), path...), k))
			}
		case []any:
			for i := range sub {
				mutate(append(append([]string(nil), path...), fmt.Sprint(i)))
			}
		}
	}
	mutate(nil)
	if len(variants) < 1000 {
		t.Fatalf("only %d variants", len(variants))
	}
	return append(variants, decodeNum(t, data))
}

func decodeNum(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func lookupPath(v any, path []string) any {
	for _, p := range path {
		switch c := v.(type) {
		case map[string]any:
			v = c[p]
		case []any:
			var i int
			fmt.Sscan(p, &i)
			v = c[i]
		}
	}
	return v
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// replaced decodes data afresh and replaces (or, when keep is false,
// removes) the value at path.
func replaced(t *testing.T, data []byte, path []string, f func(any) (any, bool)) any {
	root := decodeNum(t, data)
	if len(path) == 0 {
		v, _ := f(root)
		return v
	}
	parent := lookupPath(root, path[:len(path)-1])
	last := path[len(path)-1]
	switch p := parent.(type) {
	case map[string]any:
		if v, keep := f(p[last]); keep {
			p[last] = v
		} else {
			delete(p, last)
		}
	case []any:
		var i int
		fmt.Sscan(last, &i)
		if v, keep := f(p[i]); keep {
			p[i] = v
		} else {
			p[i] = nil
		}
	}
	return root
}

// leaves lists the leaf violations as "location: kind", with the
// non-blank format and the "\S" pattern counted as the same check.
func leaves(err error) []string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil
	}
	var out []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		k := fmt.Sprintf("%T", e.ErrorKind)
		switch ek := e.ErrorKind.(type) {
		case *kind.Format:
			if ek.Want == nonBlankFormat {
				k = "*kind.Pattern"
			}
		case *kind.Required:
			k += fmt.Sprint(ek.Missing)
		case *kind.AdditionalProperties:
			k += fmt.Sprint(ek.Properties)
		}
		out = append(out, "/"+strings.Join(e.InstanceLocation, "/")+": "+k)
	}
	walk(ve)
	sort.Strings(out)
	return out
}

// TestNoRefLeftForDraft6: draft 6 ignores the keywords beside a $ref, so
// the schema compiled as draft 6 must hold no $ref at all.
func TestNoRefLeftForDraft6(t *testing.T) {
	raw, err := jsonschema.UnmarshalJSON(strings.NewReader(schemaJSON))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(inlineRefs(raw))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), `"$ref"`) {
		t.Fatalf("inlined schema still holds a $ref: %.300s", b)
	}
}
