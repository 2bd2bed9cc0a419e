package guide

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// Format is the syntax a document was written in.
type Format uint8

// The formats guidelint reads.
const (
	YAML Format = iota
	JSON
)

// String returns "yaml" or "json".
func (f Format) String() string {
	if f == JSON {
		return "json"
	}
	return "yaml"
}

// Limits on what a document may make the parser build. They keep hostile
// input (alias bombs, absurd nesting) from exhausting memory or the stack.
const (
	// MaxDepth is the deepest nesting of mappings and lists accepted.
	MaxDepth = 1000
	// MaxNodes bounds the number of values a document may expand to,
	// counting every alias expansion.
	MaxNodes = 1 << 20
)

// Document is a parsed guide: its source, the position-carrying tree and
// the typed SkillGuide decoded from whatever part of the tree is
// well-formed. A Document is immutable after Parse and safe for concurrent
// reads.
type Document struct {
	Name   string // the name given to Parse, used in diagnostics
	Data   []byte // the source as UTF-8 (a UTF-16 file is transcoded, a BOM dropped)
	Format Format
	Root   *Node       // the top-level mapping
	Guide  *SkillGuide // typed view of Root; never nil when Root is not

	// Shared reports that YAML aliases or merge keys make some nodes appear
	// at more than one place of the tree; code that must visit each node
	// once needs to remember what it saw only then.
	Shared bool

	value any // the JSON-shaped value for the schema validator
}

// Value returns the document as a JSON-shaped value (map[string]any, []any,
// string, bool, nil, json.Number), built from the parse tree: an unquoted
// 2024-01-01 is the string "2024-01-01", not a time.
func (d *Document) Value() any { return d.value }

// Lookup returns the node at a JSON pointer ("/sub_skills/3/weight"), or nil.
func (d *Document) Lookup(pointer string) *Node {
	n, _ := d.Root.Lookup(pointer)
	return n
}

// Pos returns the position of the value at a JSON pointer.
func (d *Document) Pos(pointer string) (Pos, bool) {
	n, _ := d.Root.Lookup(pointer)
	if n == nil {
		return Pos{}, false
	}
	return n.Pos, true
}

// KeyPos returns the position of the key holding the value at a JSON
// pointer (for a list element, the element itself).
func (d *Document) KeyPos(pointer string) (Pos, bool) {
	n, kp := d.Root.Lookup(pointer)
	if n == nil {
		return Pos{}, false
	}
	return kp, true
}

// Error is one problem that kept a file from parsing cleanly.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ErrorList is the error Parse returns: every syntax problem found, in
// position order. Duplicate keys are reported here too, though the rest of
// the document still loads.
type ErrorList []*Error

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// Load reads and parses the guide at path.
func Load(path string) (*Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse parses a guide from data. The format follows the extension of name
// (.json is JSON, .yaml and .yml are YAML); for other names a document
// starting with '{' is tried as JSON first.
//
// When the data holds a guide that is only partly well-formed (a duplicate
// key), Parse returns both the Document and an ErrorList; when it cannot be
// parsed at all, the Document is nil. Parse never panics.
func Parse(name string, data []byte) (doc *Document, err error) {
	return parseWith(name, data, &arena{})
}

func parseWith(name string, data []byte, a *arena) (doc *Document, err error) {
	data, err = normalizeEncoding(data)
	if err != nil {
		return nil, err
	}
	var p parseResult
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	switch ext := strings.ToLower(filepath.Ext(name)); {
	case len(trimmed) == 0:
		// Blank: left for the check below. (yaml.v3 rejects a line
		// holding only a tab.)
	case ext == ".json":
		p = parseJSON(data, a)
	case ext == ".yaml" || ext == ".yml":
		p = parseYAML(data, a)
	default:
		if trimmed[0] == '{' {
			if p = parseJSON(data, a); p.root == nil {
				p = parseYAML(data, a)
			}
		} else {
			p = parseYAML(data, a)
		}
	}
	if p.root == nil && len(p.errs) == 0 {
		p.errs = append(p.errs, &Error{Pos{1, 1}, "file is empty; want a skill guide mapping"})
	}
	if p.root != nil && p.root.Kind != KindMapping {
		p.errs = append(p.errs, &Error{p.root.Pos, fmt.Sprintf("top level is a %s; want a mapping of guide keys (id, title, ...)", p.root.Kind)})
		p.root = nil
	}
	if len(p.errs) > 0 {
		sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Pos.Before(p.errs[j].Pos) })
		err = ErrorList(p.errs)
	}
	if p.root == nil {
		return nil, err
	}
	doc = &Document{Name: name, Data: data, Format: p.format, Root: p.root, Shared: p.shared, value: p.value}
	doc.Guide = decodeGuide(p.root)
	return doc, err
}

type parseResult struct {
	shared bool
	format Format
	root   *Node
	value  any
	errs   []*Error
}

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16LEBOM = []byte{0xFF, 0xFE}
	utf16BEBOM = []byte{0xFE, 0xFF}
)

// Normalize returns data as Parse reads it, the text that positions count
// in: UTF-16 (with its byte order mark) transcoded to UTF-8, and the byte
// order marks at the start dropped. The error, an ErrorList, places the first byte that
// is not valid UTF-8 (or says the UTF-16 is broken).
func Normalize(data []byte) ([]byte, error) { return normalizeEncoding(data) }

// normalizeEncoding returns data as BOM-less UTF-8, transcoding UTF-16, and
// reports the first invalid UTF-8 byte at its position.
func normalizeEncoding(data []byte) ([]byte, error) {
	if bytes.HasPrefix(data, utf16LEBOM) || bytes.HasPrefix(data, utf16BEBOM) {
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return nil, ErrorList{{Pos{1, 1}, "file starts with a UTF-16 byte order mark but is not valid UTF-16"}}
		}
		data = out
	}
	// Every byte order mark at the start goes: yaml.v3 would drop one
	// more without counting it in its columns.
	for bytes.HasPrefix(data, utf8BOM) {
		data = data[len(utf8BOM):]
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return nil, ErrorList{{offsetPos(data, off), fmt.Sprintf("invalid UTF-8 byte 0x%02x; guides must be UTF-8 text", data[off])}}
	}
	return data, nil
}

// offsetPos converts a byte offset into a position.
func offsetPos(data []byte, off int) Pos {
	if off > len(data) {
		off = len(data)
	}
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return Pos{line, 1 + utf8.RuneCount(data[start:off])}
}

// keyIndex finds the field of a key among a mapping's fields, whose keys
// are unique, for a duplicate-key error. It is built on the first
// duplicate and extended with the fields added since at each later one,
// so a mapping without duplicates never pays for it, and one with many
// pays once for each field.
type keyIndex map[string]int

// first returns the position of the key of fields that holds key.
func (x *keyIndex) first(fields []Field, key string) Pos {
	if *x == nil {
		*x = keyIndex{}
	}
	for i := len(*x); i < len(fields); i++ {
		(*x)[fields[i].Key] = i
	}
	return fields[(*x)[key]].KeyPos
}

// duplicateKey is the error for a key met a second time in one mapping,
// at the second key.
func duplicateKey(at Pos, key string, first Pos) *Error {
	return &Error{at, fmt.Sprintf("duplicate key %q (first defined at line %d, column %d)", key, first.Line, first.Col)}
}
