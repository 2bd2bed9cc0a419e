package lint

import (
	"bytes"

	"github.com/skillguides/guidelint/schema"
)

// A folder walk finds every YAML and JSON file, and a content repository
// holds many that are not guides: package.json, mkdocs.yml, tsconfig.json,
// a workflow. Linting them buries the real findings under "missing
// required key" errors (SPEC §11), so a file found by a walk is linted only
// when one of its top-level keys is a guide's. The test is lexical, not a
// parse: a guide broken past parsing must still be linted, and reported.

// sharedKeys are top-level guide keys that other formats use as well
// (package.json has "keywords", a JSON Schema or a Jekyll _config.yml a
// "title"): on its own such a key says nothing.
var sharedKeys = map[string]bool{"title": true, "keywords": true}

// isGuideKey reports whether key is a top-level key of the guide format
// that marks a file as meant to be a guide.
func isGuideKey(key []byte) bool {
	k := string(key)
	return !sharedKeys[k] && schema.Lookup("").Index(k) >= 0
}

// looksLikeGuide reports whether data, found by a walk, may be meant as a
// guide: it has a top-level guide key (in block YAML, a key at the start
// of a line; in JSON or flow YAML, a key of the outermost object), or it
// holds nothing yet but comments (an empty draft is linted, and told what
// it lacks). Text in another encoding (UTF-16) cannot be told and counts
// as a guide, so the file rule says what is wrong with it.
func looksLikeGuide(data []byte) bool {
	if hasUTF16BOM(data) {
		return true
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if first := bytes.TrimLeft(data, " \t\r\n"); len(first) > 0 && first[0] == '{' {
		return jsonHasGuideKey(first)
	}
	empty := true
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if key, ok := yamlTopKey(line); ok && isGuideKey(key) {
			return true
		}
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] != '#' && !bytes.Equal(t, []byte("---")) {
			empty = false
		}
	}
	return empty
}

// yamlTopKey returns the key of a block mapping entry that starts line
// at its first column ("id: x", "'id': x", "id:"), if any.
func yamlTopKey(line []byte) ([]byte, bool) {
	if len(line) == 0 || line[0] == ' ' || line[0] == '\t' || line[0] == '#' {
		return nil, false
	}
	if q := line[0]; q == '"' || q == '\'' {
		end := bytes.IndexByte(line[1:], q)
		if end < 0 {
			return nil, false
		}
		key, rest := line[1:1+end], bytes.TrimLeft(line[2+end:], " \t")
		return key, len(rest) > 0 && rest[0] == ':'
	}
	i := bytes.IndexByte(line, ':')
	if i <= 0 {
		return nil, false
	}
	if i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' && line[i+1] != '\r' {
		return nil, false // "a:b" is a plain scalar, not a key
	}
	return bytes.TrimRight(line[:i], " \t"), true
}

// jsonHasGuideKey reports whether the object that data starts with has a
// guide key among its own keys (not its values' keys). It reads tokens
// loosely, so a document that does not parse is still judged by its keys.
func jsonHasGuideKey(data []byte) bool {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth <= 0 {
				return false
			}
		case '"', '\'':
			end := i + 1
			for end < len(data) && data[end] != c && data[end] != '\n' {
				if data[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(data) {
				return false
			}
			str := data[i+1 : end]
			i = end
			if depth != 1 {
				continue
			}
			rest := bytes.TrimLeft(data[end+1:], " \t\r\n")
			if len(rest) > 0 && rest[0] == ':' && isGuideKey(str) {
				return true
			}
		}
	}
	return false
}
