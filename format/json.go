package format

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"sort"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/schema"
)

// formatJSON writes a JSON guide as canonical JSON: two-space
// indentation, keys in canonical order (unknown keys after the known ones,
// in their order), empty collections as {} and [], numbers spelled as in
// the source (so 1.50 stays 1.50), strings re-escaped by encoding/json
// without HTML escaping, one newline at the end.
func formatJSON(doc *guide.Document) ([]byte, error) {
	var buf bytes.Buffer
	if err := writeJSON(&buf, doc.Root, schema.Lookup(""), ""); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	out := buf.Bytes()
	got, err := guide.Parse(doc.Name, out)
	if err != nil || !reflect.DeepEqual(got.Value(), doc.Value()) {
		return nil, errors.New("formatting would change the document's value (a bug in guidelint)")
	}
	return out, nil
}

func writeJSON(buf *bytes.Buffer, n *guide.Node, shape *schema.Shape, indent string) error {
	switch n.Kind {
	case guide.KindMapping:
		if len(n.Fields) == 0 {
			buf.WriteString("{}")
			return nil
		}
		fields := append([]guide.Field(nil), n.Fields...)
		if shape.NumKeys() > 0 {
			sort.SliceStable(fields, func(i, j int) bool {
				return canonicalRank(shape, fields[i].Key) < canonicalRank(shape, fields[j].Key)
			})
		}
		buf.WriteString("{\n")
		for i, f := range fields {
			buf.WriteString(indent + "  ")
			if err := writeString(buf, f.Key); err != nil {
				return err
			}
			buf.WriteString(": ")
			if err := writeJSON(buf, f.Value, shape.Field(f.Key), indent+"  "); err != nil {
				return err
			}
			if i < len(fields)-1 {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "}")
	case guide.KindSequence:
		if len(n.Items) == 0 {
			buf.WriteString("[]")
			return nil
		}
		buf.WriteString("[\n")
		for i, item := range n.Items {
			buf.WriteString(indent + "  ")
			if err := writeJSON(buf, item, shape.Item(), indent+"  "); err != nil {
				return err
			}
			if i < len(n.Items)-1 {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "]")
	case guide.KindString:
		return writeString(buf, n.Text)
	default: // numbers, booleans and null, as written
		buf.WriteString(n.Text)
	}
	return nil
}

// writeString writes s as a JSON string, leaving <, > and & alone.
func writeString(buf *bytes.Buffer, s string) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return err
	}
	buf.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
	return nil
}
