package schema

import (
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/skillguides/guidelint/internal/suggest"
)

// Violation is one leaf schema violation.
type Violation struct {
	// Path is the instance location of the object or value concerned, as
	// JSON pointer reference tokens, unescaped; nil for the document root.
	// For a missing or unknown key it is the object holding (or lacking)
	// the key.
	Path []string
	// Key is, for an unknown key, that key, so the diagnostic can point at
	// the key itself; it is "" for every other violation (a missing key is
	// reported at the start of the object that lacks it).
	Key string
	// Message says, in lowercase, what was found and what was wanted, e.g.
	// `weight must be a number, got string "25%"`.
	Message string
}

// IDPattern is the pattern of a guide's id (SPEC §1) as the schema writes
// it: lowercase letters and digits in words joined by hyphens. Code that
// checks ids outside the schema uses it, so that both always agree.
const IDPattern = `^[a-z0-9]+(-[a-z0-9]+)*$`

// blankPattern is the schema's "not blank" pattern; it and IDPattern get
// messages of their own.
const blankPattern = `\S`

// maxListedKeys is the most allowed keys an "unknown key" message lists
// when it has no suggestion.
const maxListedKeys = 8

// Validate checks v, a JSON-shaped document, against the SkillGuide v1
// schema and returns one Violation per leaf violation, sorted by path, key
// and message, without duplicates; nil when v is valid.
//
// v must be built from map[string]any, []any, string, bool, nil and numbers
// (json.Number preferred; float64 and the integer types work too), as
// encoding/json produces with UseNumber. Any other type, such as the
// time.Time yaml.v3 makes of an unquoted date, is a violation.
//
// Validate is safe for concurrent use.
func Validate(v any) []Violation {
	c := get()
	if c.fast.conforms(v) {
		return nil
	}
	err := c.root.Validate(v)
	if err == nil {
		return nil
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []Violation{{Message: "cannot validate: " + err.Error()}}
	}
	var out []Violation
	c.collect(verr, v, nil, &out)
	sortViolations(out)
	return dedup(out)
}

// collect appends a Violation for each leaf of the error tree. doc is the
// value validated, found at prefix in the document (nil for the whole
// document): violation paths and the names in messages are the
// document's.
func (c *compiled) collect(e *jsonschema.ValidationError, doc any, prefix []string, out *[]Violation) {
	if len(e.Causes) > 0 {
		for _, cause := range e.Causes {
			c.collect(cause, doc, prefix, out)
		}
		return
	}
	path := append(prefix[:len(prefix):len(prefix)], e.InstanceLocation...)
	if len(path) == 0 {
		path = nil
	}
	add := func(key, msg string) {
		var p []string
		if path != nil {
			p = append([]string(nil), path...)
		}
		*out = append(*out, Violation{Path: p, Key: key, Message: msg})
	}
	name := fieldName(path)
	value, found := lookup(doc, e.InstanceLocation)

	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		// One defect, one diagnostic (SPEC §2): a misspelt key is
		// reported as unknown with its did-you-mean, not also as the
		// required key it was meant to be.
		obj, _ := value.(map[string]any)
		meant := meantKeys(obj, path)
		for _, key := range k.Missing {
			if meant[key] {
				continue
			}
			add("", fmt.Sprintf("%s is missing required key %s", name, quote(key)))
		}
	case *kind.AdditionalProperties:
		var known []string // in schema order, which reads best
		if s := shapeAt(path); s != nil {
			known = s.keys
		}
		for _, key := range k.Properties {
			add(key, unknownKey(key, known))
		}
	case *kind.Type:
		got := typeWord(k.Got)
		if found {
			got = describe(value, slices.Contains(k.Want, "integer"))
		}
		add("", fmt.Sprintf("%s must be %s, got %s", name, wantTypes(k.Want), got))
	case *kind.Format:
		if k.Want == nonBlankFormat {
			add("", name+" must not be blank")
		} else {
			add("", fmt.Sprintf("%s must be a %s, got %s", name, k.Want, quote(fmt.Sprint(k.Got))))
		}
	case *kind.Pattern:
		switch k.Want {
		case blankPattern:
			add("", name+" must not be blank")
		case IDPattern:
			add("", fmt.Sprintf(`%s must be lowercase words joined by hyphens (like "ml-systems"), got %s`, name, quote(k.Got)))
		default:
			add("", fmt.Sprintf("%s must match the pattern %s, got %s", name, quote(k.Want), quote(k.Got)))
		}
	case *kind.Enum:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = plain(w)
		}
		got := foundValue(k.Got)
		if len(want) == 1 {
			add("", fmt.Sprintf("%s must be %s, got %s", name, want[0], got))
		} else {
			add("", fmt.Sprintf("%s must be one of %s; got %s", name, strings.Join(want, ", "), got))
		}
	case *kind.Const:
		add("", fmt.Sprintf("%s must be %s, got %s", name, plain(k.Want), foundValue(k.Got)))
	case *kind.MinItems:
		add("", fmt.Sprintf("%s must have at least %s, got %d", name, items(k.Want), k.Got))
	case *kind.MaxItems:
		add("", fmt.Sprintf("%s must have at most %s, got %d", name, items(k.Want), k.Got))
	case *kind.MinLength:
		add("", fmt.Sprintf("%s must be at least %s long, got %d", name, chars(k.Want), k.Got))
	case *kind.MaxLength:
		add("", fmt.Sprintf("%s must be at most %s long, got %d", name, chars(k.Want), k.Got))
	case *kind.Minimum:
		add("", fmt.Sprintf("%s must be at least %s, got %s", name, rat(k.Want), number(value, found, k.Got)))
	case *kind.Maximum:
		add("", fmt.Sprintf("%s must be at most %s, got %s", name, rat(k.Want), number(value, found, k.Got)))
	case *kind.ExclusiveMinimum:
		add("", fmt.Sprintf("%s must be greater than %s, got %s", name, rat(k.Want), number(value, found, k.Got)))
	case *kind.ExclusiveMaximum:
		add("", fmt.Sprintf("%s must be less than %s, got %s", name, rat(k.Want), number(value, found, k.Got)))
	case *kind.InvalidJsonValue:
		add("", fmt.Sprintf("%s has a value of unsupported type %T; want a string, number, boolean, null, list or mapping", name, k.Value))
	case *kind.FalseSchema:
		add("", name+" is not allowed")
	default:
		// Keywords this schema does not use; keep the library's wording.
		p := message.NewPrinter(language.English)
		add("", name+": "+e.ErrorKind.LocalizedString(p))
	}
}

// unknownKey words the message for an unknown key, with a suggestion when
// a known key is close, or else the allowed keys when they are few.
func unknownKey(key string, known []string) string {
	msg := "unknown key " + quote(key)
	if s, ok := closestKey(key, known); ok {
		return msg + " (did you mean " + strconv.Quote(s) + "?)"
	}
	if len(known) > 0 && len(known) <= maxListedKeys {
		return msg + "; allowed keys: " + strings.Join(known, ", ")
	}
	return msg
}

// closestKey returns the known key that key is a plausible misspelling
// of: within two edits, but no more than half the key ("foo" is two edits
// from "faq", yet not a plausible misspelling of it).
func closestKey(key string, known []string) (string, bool) {
	limit := min(2, utf8.RuneCountInString(key)/2)
	return suggest.Closest(strings.ToLower(key), known, limit)
}

// meantKeys returns the known keys that the unknown keys of obj, the
// object at path, are misspellings of: the keys their "did you mean"
// names. It costs what the unknown keys' own messages cost.
func meantKeys(obj map[string]any, path []string) map[string]bool {
	s := shapeAt(path)
	if s == nil || len(obj) == 0 {
		return nil
	}
	var meant map[string]bool
	for key := range obj {
		if slices.Contains(s.keys, key) {
			continue
		}
		if m, ok := closestKey(key, s.keys); ok {
			if meant == nil {
				meant = map[string]bool{}
			}
			meant[m] = true
		}
	}
	return meant
}

// fieldName names the value at path for a message: its key, or for a list
// item the list's name followed by "item"; "guide" for the root.
func fieldName(path []string) string {
	if len(path) == 0 {
		return "guide"
	}
	last := path[len(path)-1]
	if isIndex(last) {
		return fieldName(path[:len(path)-1]) + " item"
	}
	return last
}

// lookup returns the value at path in doc.
func lookup(doc any, path []string) (any, bool) {
	v := doc
	for _, tok := range path {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[tok]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// typeWord translates a JSON Schema type name into the word a guide
// writer uses.
func typeWord(t string) string {
	switch t {
	case "object":
		return "mapping"
	case "array":
		return "list"
	}
	return t
}

// wantTypes words the wanted types with an article: "a list", "an integer".
func wantTypes(types []string) string {
	words := make([]string, len(types))
	for i, t := range types {
		w := typeWord(t)
		if w == "integer" {
			words[i] = "an " + w
		} else {
			words[i] = "a " + w
		}
	}
	return strings.Join(words, " or ")
}

// describe words a found value for a message: `string "25%"`, `number 2`,
// `mapping`. When bareNumber is set a number is given alone ("got 2.5"
// reads better after "must be an integer").
func describe(v any, bareNumber bool) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean " + strconv.FormatBool(x)
	case string:
		return "string " + quote(x)
	case map[string]any:
		return "mapping"
	case []any:
		return "list"
	}
	if s, ok := numberText(v); ok {
		if bareNumber {
			return s
		}
		return "number " + s
	}
	return fmt.Sprintf("value of type %T", v)
}

// foundValue words a value that has the right type but not an allowed value:
// strings are just quoted, since the type is not in question.
func foundValue(v any) string {
	if s, ok := v.(string); ok {
		return quote(s)
	}
	return describe(v, true)
}

// plain words a wanted enum or const value: strings unquoted, as in
// "one of free, paid, freemium".
func plain(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return "null"
	}
	if s, ok := numberText(v); ok {
		return s
	}
	return fmt.Sprint(v)
}

// numberText formats a number as the writer wrote it.
func numberText(v any) (string, bool) {
	switch x := v.(type) {
	case json.Number:
		return x.String(), true
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), true
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32), true
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return fmt.Sprint(x), true
	}
	return "", false
}

// number formats the offending number: as found in the document when
// possible, else from the validator's value.
func number(v any, found bool, r *big.Rat) string {
	if found {
		if s, ok := numberText(v); ok {
			return s
		}
	}
	return rat(r)
}

// rat formats a schema bound.
func rat(r *big.Rat) string {
	if r == nil {
		return "?"
	}
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func items(n int) string {
	if n == 1 {
		return "1 item"
	}
	return strconv.Itoa(n) + " items"
}

func chars(n int) string {
	if n == 1 {
		return "1 character"
	}
	return strconv.Itoa(n) + " characters"
}

// maxQuoted is the most runes of a found string a message quotes.
const maxQuoted = 40

// quote quotes s with %q, shortened to about maxQuoted runes.
func quote(s string) string {
	if utf8.RuneCountInString(s) > maxQuoted {
		r := []rune(s)
		s = string(r[:maxQuoted-1]) + "…"
	}
	return strconv.Quote(s)
}

func isIndex(tok string) bool {
	if tok == "" {
		return false
	}
	for i := 0; i < len(tok); i++ {
		if tok[i] < '0' || tok[i] > '9' {
			return false
		}
	}
	return true
}

// sortViolations orders violations by path (list indexes numerically, so
// levels/2 comes before levels/10), then key, then message.
func sortViolations(vs []Violation) {
	sort.SliceStable(vs, func(i, j int) bool {
		if c := comparePaths(vs[i].Path, vs[j].Path); c != 0 {
			return c < 0
		}
		if vs[i].Key != vs[j].Key {
			return vs[i].Key < vs[j].Key
		}
		return vs[i].Message < vs[j].Message
	})
}

func comparePaths(a, b []string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := compareTokens(a[i], b[i]); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}

func compareTokens(a, b string) int {
	if a == b {
		return 0
	}
	if isIndex(a) && isIndex(b) {
		// Compare as numbers without overflow: shorter (after leading
		// zeros) is smaller.
		ta, tb := strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		if len(ta) != len(tb) {
			return len(ta) - len(tb)
		}
		if ta != tb {
			return strings.Compare(ta, tb)
		}
	}
	return strings.Compare(a, b)
}

// dedup drops violations equal to the one before; vs must be sorted.
func dedup(vs []Violation) []Violation {
	if len(vs) < 2 {
		return vs
	}
	out := vs[:1]
	for _, v := range vs[1:] {
		last := out[len(out)-1]
		if v.Key == last.Key && v.Message == last.Message && slices.Equal(v.Path, last.Path) {
			continue
		}
		out = append(out, v)
	}
	return out
}
