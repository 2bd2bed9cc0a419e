package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Shape is one place of a SkillGuide v1 document as the schema describes
// it: an object, a list or a scalar. Its path is the dotted path of keys
// from the top, with "[]" for "every item of the list": "" is the guide
// itself, "levels[]" a proficiency level, "overview.why[]" one of the
// strings of overview.why, "assessment.quiz[].explanation" a quiz item's
// explanation.
//
// The shapes are read from the embedded schema file, so the key order of
// "guidelint fmt" and "guidelint new", the required keys and the places
// the rules know are written down once, there. The methods accept a nil
// Shape (an unknown place) and then answer as for a place with no keys.
type Shape struct {
	path     string
	typ      string
	keys     []string
	required []bool
	fields   []*Shape
	rank     map[string]int
	item     *Shape

	title, description, markdown string
	enum                         []string
}

// model is the SkillGuide v1 model by path, read from the schema file on
// first use.
var model = sync.OnceValue(func() map[string]*Shape {
	m, err := readModel([]byte(schemaJSON))
	if err != nil {
		// The schema is part of the program; a test reads it.
		panic("schema: embedded schema has no readable model: " + err.Error())
	}
	return m
})

// Title is the schema's title of the place ("" when it has none).
func (s *Shape) Title() string {
	if s == nil {
		return ""
	}
	return s.title
}

// Description is the schema's plain-text description of the place.
func (s *Shape) Description() string {
	if s == nil {
		return ""
	}
	return s.description
}

// MarkdownDescription is the place's description for editors that show
// Markdown: the schema's markdownDescription, else its description.
func (s *Shape) MarkdownDescription() string {
	if s == nil {
		return ""
	}
	if s.markdown != "" {
		return s.markdown
	}
	return s.description
}

// Enum lists the values the schema allows at the place, in the schema's
// order, when it names them (nil otherwise).
func (s *Shape) Enum() []string {
	if s == nil {
		return nil
	}
	return s.enum
}

// Lookup returns the shape at path (see [Shape]), or nil when the schema
// has no such place.
func Lookup(path string) *Shape { return model()[path] }

// Shapes returns the paths of every place of the model, sorted.
func Shapes() []string {
	m := model()
	out := make([]string, 0, len(m))
	for p := range m {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Path returns the shape's path, such as "levels[].name".
func (s *Shape) Path() string {
	if s == nil {
		return ""
	}
	return s.path
}

// Type returns the JSON Schema type of the values at the shape: "object",
// "array", "string", "number" or "integer"; "" for nil.
func (s *Shape) Type() string {
	if s == nil {
		return ""
	}
	return s.typ
}

// Keys returns the keys of an object shape in the order the schema lists
// them, which is the canonical order of SPEC §1; nil for other shapes. The
// slice is the caller's.
func (s *Shape) Keys() []string {
	if s == nil || s.keys == nil {
		return nil
	}
	return append([]string(nil), s.keys...)
}

// Index returns the place of key among Keys, or -1 when the object has no
// such key. Sorting by it puts keys in canonical order.
func (s *Shape) Index(key string) int {
	if s == nil {
		return -1
	}
	if i, ok := s.rank[key]; ok {
		return i
	}
	return -1
}

// NumKeys returns the number of keys of an object shape.
func (s *Shape) NumKeys() int {
	if s == nil {
		return 0
	}
	return len(s.keys)
}

// Required reports whether key is required in an object of this shape.
func (s *Shape) Required(key string) bool {
	i := s.Index(key)
	return i >= 0 && s.required[i]
}

// Field returns the shape of the value at key of an object shape, or nil.
func (s *Shape) Field(key string) *Shape {
	if i := s.Index(key); i >= 0 {
		return s.fields[i]
	}
	return nil
}

// Item returns the shape of the items of a list shape, or nil.
func (s *Shape) Item() *Shape {
	if s == nil {
		return nil
	}
	return s.item
}

// shapeAt returns the shape of the value at an instance path (JSON pointer
// tokens, list indexes included), or nil.
func shapeAt(path []string) *Shape {
	s := Lookup("")
	for _, tok := range path {
		if s.Type() == "array" {
			s = s.Item()
		} else {
			s = s.Field(tok)
		}
	}
	return s
}

// maxRefDepth bounds the $refs followed from one place, so that a
// recursive definition is an error rather than a hang.
const maxRefDepth = 32

// readModel reads the shapes of a schema document: its properties and
// items, with local "$ref"s to "$defs" followed.
func readModel(data []byte) (map[string]*Shape, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := readOrdered(dec)
	if err != nil {
		return nil, err
	}
	root, ok := v.(*object)
	if !ok {
		return nil, fmt.Errorf("schema is not an object")
	}
	defs, _ := root.vals["$defs"].(*object)
	m := map[string]*Shape{}
	var add func(path string, s *object, depth int) (*Shape, error)
	add = func(path string, s *object, depth int) (*Shape, error) {
		// The referring place's annotations win over the definition's.
		var notes [3]string
		note := func(o *object) {
			for i, k := range [...]string{"title", "description", "markdownDescription"} {
				if v, ok := o.vals[k].(string); ok && notes[i] == "" {
					notes[i] = v
				}
			}
		}
		for {
			note(s)
			ref, ok := s.vals["$ref"].(string)
			if !ok {
				break
			}
			name, local := strings.CutPrefix(ref, "#/$defs/")
			def, found := defs.get(name)
			if !local || !found || depth >= maxRefDepth {
				return nil, fmt.Errorf("%s: cannot follow $ref %q", shapeName(path), ref)
			}
			s, depth = def, depth+1
		}
		typ, _ := s.vals["type"].(string)
		sh := &Shape{path: path, typ: typ}
		note(s)
		sh.title, sh.description, sh.markdown = notes[0], notes[1], notes[2]
		if list, ok := s.vals["enum"].([]any); ok {
			for _, e := range list {
				if e, ok := e.(string); ok {
					sh.enum = append(sh.enum, e)
				}
			}
		}
		m[path] = sh
		if props, ok := s.get("properties"); ok {
			required := map[string]bool{}
			list, _ := s.vals["required"].([]any)
			for _, r := range list {
				if r, ok := r.(string); ok {
					required[r] = true
				}
			}
			sh.rank = make(map[string]int, len(props.keys))
			for _, k := range props.keys {
				p, ok := props.get(k)
				if !ok {
					return nil, fmt.Errorf("%s: property %q is not a schema", shapeName(path), k)
				}
				child := k
				if path != "" {
					child = path + "." + k
				}
				f, err := add(child, p, depth)
				if err != nil {
					return nil, err
				}
				sh.rank[k] = len(sh.keys)
				sh.keys = append(sh.keys, k)
				sh.required = append(sh.required, required[k])
				sh.fields = append(sh.fields, f)
			}
		}
		if items, ok := s.get("items"); ok {
			it, err := add(path+"[]", items, depth)
			if err != nil {
				return nil, err
			}
			sh.item = it
		}
		return sh, nil
	}
	if _, err := add("", root, 0); err != nil {
		return nil, err
	}
	return m, nil
}

func shapeName(path string) string {
	if path == "" {
		return "top level"
	}
	return path
}

// object is a JSON object that remembers the order of its keys, which
// encoding/json's maps forget and which is the canonical key order.
type object struct {
	keys []string
	vals map[string]any
}

// get returns the object at key of o, if there is one.
func (o *object) get(key string) (*object, bool) {
	if o == nil {
		return nil, false
	}
	v, ok := o.vals[key].(*object)
	return v, ok
}

// readOrdered reads one JSON value, with objects as *object.
func readOrdered(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		o := &object{vals: map[string]any{}}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return nil, err
			}
			key, _ := tok.(string)
			v, err := readOrdered(dec)
			if err != nil {
				return nil, err
			}
			if _, dup := o.vals[key]; !dup {
				o.keys = append(o.keys, key)
			}
			o.vals[key] = v
		}
		_, err := dec.Token()
		return o, err
	case json.Delim('['):
		var list []any
		for dec.More() {
			v, err := readOrdered(dec)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		_, err := dec.Token()
		return list, err
	}
	return tok, nil
}
