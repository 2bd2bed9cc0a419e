package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Fragment is a JSON Schema fragment compiled on its own, such as the
// schema of a house rule in .guidelint.yaml (SPEC §8): draft 2020-12,
// hermetic like the guide's schema (a "$ref" may point inside the
// fragment, never to a file or URL), and validated with the same messages.
type Fragment struct {
	c *compiled
}

// CompileFragment compiles doc, a JSON-shaped value (as
// jsonschema.UnmarshalJSON or encoding/json with UseNumber make it), under
// the name name, which only error messages show. The error says, in a
// writer's words, why the fragment is not a schema.
func CompileFragment(name string, doc any) (*Fragment, error) {
	url := "urn:guidelint:fragment:" + name
	c := newCompiler()
	if err := c.AddResource(url, doc); err != nil {
		return nil, fragmentError(err)
	}
	root, err := c.Compile(url)
	if err != nil {
		return nil, fragmentError(err)
	}
	// A $ref cycle compiles, and fails every validation that reaches
	// it: try the fragment on values of each kind now, so that it fails
	// where it is written rather than on every guide.
	for _, probe := range []any{nil, true, json.Number("0"), "", []any{}, map[string]any{}} {
		err := root.Validate(probe)
		if ve, ok := err.(*jsonschema.ValidationError); ok {
			if cyc := refCycle(ve); cyc != nil {
				return nil, fmt.Errorf("not a schema guidelint can use: %s", cyc.LocalizedString(message.NewPrinter(language.English)))
			}
		} else if err != nil {
			return nil, fmt.Errorf("not a schema guidelint can use: %v", err)
		}
	}
	return &Fragment{c: &compiled{root: root}}, nil
}

// refCycle returns the $ref cycle an error tree holds, or nil.
func refCycle(e *jsonschema.ValidationError) *kind.RefCycle {
	if k, ok := e.ErrorKind.(*kind.RefCycle); ok {
		return k
	}
	for _, c := range e.Causes {
		if k := refCycle(c); k != nil {
			return k
		}
	}
	return nil
}

// fragmentError shortens the library's compile errors, which name the
// fragment's internal URL, to what the writer of the fragment can act on.
func fragmentError(err error) error {
	if errors.Is(err, errNoLoading) || strings.Contains(err.Error(), errNoLoading.Error()) {
		// The library does not wrap the loader's error.
		return fmt.Errorf("a $ref may only point inside the schema (%v)", errNoLoading)
	}
	var se *jsonschema.SchemaValidationError
	var ve *jsonschema.ValidationError
	if errors.As(err, &se) && errors.As(se.Err, &ve) {
		// The fragment broke the metaschema: word it like a guide's
		// violation ("minItems must be an integer, got string "3"").
		var out []Violation
		(&compiled{}).collect(ve, nil, nil, &out)
		if len(out) > 0 {
			return errors.New("not a valid JSON Schema: " + out[0].Message)
		}
	}
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return errors.New("not a valid JSON Schema: " + msg)
}

// Validate checks v, a JSON-shaped value found at path in a document
// (JSON pointer reference tokens, unescaped), and returns one Violation
// per leaf violation, with the document's paths, sorted; nil when v is
// valid. It is safe for concurrent use.
func (f *Fragment) Validate(v any, path []string) []Violation {
	err := f.c.root.Validate(v)
	if err == nil {
		return nil
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []Violation{{Path: path, Message: "cannot validate: " + err.Error()}}
	}
	var out []Violation
	f.c.collect(verr, v, path, &out)
	sortViolations(out)
	return dedup(out)
}
