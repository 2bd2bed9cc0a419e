package lsp

import (
	"bytes"
	"strings"
)

// The editor asks for completions while the buffer is half-typed, when
// it often does not parse. What the cursor is in is read lexically from
// the block structure instead: the indentation of keys and "- " markers
// on the lines above it, as a writer reads it.

// lineInfo is what the lexical reading sees on one line.
type lineInfo struct {
	first  int    // byte column of the first character other than a space; -1 for a blank or comment line
	dashes []int  // byte columns of its "- " markers, left to right
	keyCol int    // byte column of its key, -1 when it has none
	key    string // the key, unquoted
	value  string // what follows "key:", trimmed, without a comment
}

// readLine reads one line of block YAML.
func readLine(l []byte) lineInfo {
	info := lineInfo{first: -1, keyCol: -1}
	i := 0
	for i < len(l) && l[i] == ' ' {
		i++
	}
	if i == len(l) || l[i] == '#' {
		return info
	}
	info.first = i
	for i < len(l) && l[i] == '-' && (i+1 == len(l) || l[i+1] == ' ') {
		info.dashes = append(info.dashes, i)
		i++
		for i < len(l) && l[i] == ' ' {
			i++
		}
	}
	if i == len(l) || l[i] == '#' {
		return info
	}
	key, rest, ok := splitKey(l[i:])
	if ok {
		info.keyCol, info.key, info.value = i, key, rest
	}
	return info
}

// splitKey splits "key: value" (the key plain or quoted) at its ": ".
func splitKey(s []byte) (key, value string, ok bool) {
	if len(s) == 0 || s[0] == '[' || s[0] == '{' || s[0] == '|' || s[0] == '>' {
		return "", "", false
	}
	end := -1
	if q := s[0]; q == '"' || q == '\'' {
		j := bytes.IndexByte(s[1:], q)
		if j < 0 {
			return "", "", false
		}
		end = j + 2
		if end >= len(s) || s[end] != ':' {
			return "", "", false
		}
		key = string(s[1 : end-1])
	} else {
		for j := 0; j < len(s); j++ {
			if s[j] == ':' && (j+1 == len(s) || s[j+1] == ' ' || s[j+1] == '\t') {
				end = j
				break
			}
			if s[j] == '#' && j > 0 && s[j-1] == ' ' {
				return "", "", false
			}
		}
		if end < 0 {
			return "", "", false
		}
		key = strings.TrimSpace(string(s[:end]))
	}
	rest := string(s[end+1:])
	if c := strings.Index(rest, " #"); c >= 0 {
		rest = rest[:c]
	}
	return key, strings.TrimSpace(rest), true
}

// cursorCtx is where the cursor is in the block structure.
type cursorCtx struct {
	path    []string        // keys and "[]" from the top to the mapping the cursor is in
	col     int             // byte column of that mapping's keys
	present map[string]bool // keys that mapping already has (not the one being typed)
	key     string          // in a value: the key it belongs to ("" when typing a key)
	prefix  string          // the word typed before the cursor
	start   int             // byte offset of that word in the text
	inText  bool            // in a block scalar or a flow collection: no completion
}

// contextAt reads the context of the cursor at byte offset off of t.
func contextAt(t *text, off int) cursorCtx {
	line, _ := t.point(off)
	li := line - 1
	lineStart := t.lines[li]
	cur := t.line(li)
	c := off - lineStart
	if c > len(cur) {
		c = len(cur)
	}
	before := cur[:c]
	info := readLine(before)
	var ctx cursorCtx
	if bytes.ContainsAny(before, "[{") {
		ctx.inText = true
		return ctx
	}
	col := len(before) // a blank line: the cursor's column is the key's
	if info.first >= 0 {
		col = info.first
		if n := len(info.dashes); n > 0 {
			col = info.dashes[n-1] + 2
			for col < len(before) && before[col] == ' ' {
				col++
			}
		}
	}
	dashes := info.dashes
	if info.keyCol >= 0 {
		// In the value of the key on this line.
		ctx.key = info.key
		col = info.keyCol
		v := before[info.keyCol:]
		_, v, _ = bytes.Cut(v, []byte(":"))
		trimmed := bytes.TrimLeft(v, " ")
		ctx.prefix = string(trimmed)
		ctx.start = off - len(trimmed)
	} else {
		ctx.prefix = string(before[min(col, len(before)):])
		ctx.start = lineStart + min(col, len(before))
	}
	ctx.col = col
	ctx.path, ctx.inText = ownerPath(t, li, col, dashes)
	ctx.present = presentKeys(t, li, col, len(dashes) > 0)
	return ctx
}

// ownerPath walks up from line li to find the keys and list items that
// hold a mapping whose keys are at column col; dashes are the "- "
// markers before the cursor on line li. inText reports a cursor inside a
// block scalar.
func ownerPath(t *text, li, col int, dashes []int) (path []string, inText bool) {
	cur, item := col, false
	for k := len(dashes) - 1; k >= 0; k-- {
		path = append(path, "[]")
		cur, item = dashes[k], true
	}
	for i := li - 1; i >= 0 && (cur > 0 || item); i-- {
		info := readLine(t.line(i))
		if info.first < 0 || info.first > cur {
			continue
		}
		if info.keyCol >= 0 && (info.keyCol < cur || item && info.keyCol == cur) {
			if info.keyCol < cur && !item && (strings.HasPrefix(info.value, "|") || strings.HasPrefix(info.value, ">")) {
				return nil, true
			}
			path = append(path, info.key)
			cur, item = info.keyCol, false
		}
		for k := len(info.dashes) - 1; k >= 0; k-- {
			if d := info.dashes[k]; d < cur {
				path = append(path, "[]")
				cur, item = d, true
			}
		}
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return path, false
}

// presentKeys lists the keys at column col of the mapping around line li
// (an item's mapping when newItem: the one line li starts).
func presentKeys(t *text, li, col int, newItem bool) map[string]bool {
	keys := map[string]bool{}
	// inMapping reports whether a line still belongs to the mapping, and
	// records its key; stop says the mapping ended.
	visit := func(i int) (stop bool) {
		info := readLine(t.line(i))
		if info.first < 0 || info.first > col {
			return false
		}
		if info.keyCol == col {
			keys[info.key] = true
		}
		// A line starting left of the keys, or a dash at their column's
		// item marker, starts another item or another mapping.
		return info.first < col || info.keyCol != col
	}
	if !newItem {
		for i := li - 1; i >= 0; i-- {
			info := readLine(t.line(i))
			if info.first >= 0 && info.first < col && info.keyCol == col {
				keys[info.key] = true // "- key:" opening the item
				break
			}
			if visit(i) {
				break
			}
		}
	}
	for i := li + 1; i < len(t.lines); i++ {
		if visit(i) {
			break
		}
	}
	return keys
}

// dotted joins a context path as schema.Lookup wants it: "a.b[].c".
func dotted(path []string) string {
	var b strings.Builder
	for _, p := range path {
		if p == "[]" {
			b.WriteString("[]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}
