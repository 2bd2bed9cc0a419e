package lint

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/skillguides/guidelint/guide"
)

// The id-unique rule compares the guides of one run. pre-commit runs
// guidelint on the changed files only, so a new guide reusing the id of an
// unchanged one would pass unseen. Options.IDScope widens the comparison:
// the guides found there are not linted, only scanned for their top-level
// id, and a guide of the run that shares an id with one of them is
// reported.

// IDScopeFor returns the folders whose guides id-unique should compare
// against when linting paths, for Options.IDScope. When paths name only
// folders, they are the scope and it returns nil. When they name files (or
// "-", standard input), as pre-commit does, the scope is the config's
// folder if its files globs say where guides live, else the repository
// holding the working directory (the folder with .git), else the config's
// folder; without any of these it returns nil.
func IDScopeFor(paths []string, cfg *Config) []string {
	named := false
	for _, p := range paths {
		if p == StdinPath {
			named = true
			break
		}
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			named = true
			break
		}
	}
	if !named {
		return nil
	}
	if cfg != nil && cfg.Dir != "" && len(cfg.Files) > 0 {
		return []string{cfg.Dir}
	}
	if wd, err := os.Getwd(); err == nil {
		if root, ok := RepoRoot(wd); ok {
			return []string{root}
		}
	}
	if cfg != nil && cfg.Dir != "" {
		return []string{cfg.Dir}
	}
	return nil
}

// RepoRoot returns the nearest folder at or above dir that holds .git.
func RepoRoot(dir string) (string, bool) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// idHolder is a guide outside the run that holds an id.
type idHolder struct {
	key  string // absolute slash path, the sort key
	path string // as messages show it
	pos  guide.Pos
}

// scopeIDUnique adds to cross the id-unique findings against the guides of
// opts.IDScope that are not part of the run. A guide of the run already
// reported against another guide of the run is left as it is. Otherwise,
// when an outside guide holding its id comes first in path order, it is
// reported as id-unique does ("already used by"); when the outside guide
// comes later and no other guide of the run shares the id, it is reported
// too ("also used by"): that later guide is not linted in this run, and
// the duplicate must not pass.
func scopeIDUnique(ctx context.Context, cross map[string][]Diagnostic, files []input, results []fileResult, s *settings, opts Options) map[string][]Diagnostic {
	if !s.on("id-unique") || len(opts.IDScope) == 0 {
		return cross
	}
	inRun := map[string]bool{}
	byID := map[string][]int{} // id -> indexes of results holding it
	for i := range results {
		r := &results[i]
		if files[i].stdin && opts.StdinName == "" {
			// Unnamed standard input may be any file of the scope, even
			// one holding the same guide: nothing can be said.
			continue
		}
		if k, ok := absKey(r.Path); ok {
			inRun[k] = true
		}
		if r.ID != nil && r.ID.Value != "" {
			byID[r.ID.Value] = append(byID[r.ID.Value], i)
		}
	}
	if len(byID) == 0 {
		return cross
	}
	outside := map[string][]idHolder{}
	seen := map[string]bool{}
	var found []string
	for _, dir := range opts.IDScope {
		fi, err := os.Stat(dir)
		abs, aerr := filepath.Abs(dir)
		if err != nil || aerr != nil || !fi.IsDir() {
			continue
		}
		w := walker{cfg: opts.Config, visited: map[fileID]string{}, diag: func(Diagnostic) {},
			add: func(p string) { found = append(found, p) }}
		w.walk(filepath.Clean(dir), abs, fi)
	}
	max := opts.MaxFileSize
	if max <= 0 {
		max = DefaultMaxFileSize
	}
	index := opts.Cache.loadIDIndex(opts.IDScope)
	defer func() {
		if ctx.Err() == nil {
			index.prune(func(k string) bool { return seen[k] || inRun[k] })
			opts.Cache.saveIDIndex(opts.IDScope, index)
		}
	}()
	for _, p := range found {
		if ctx.Err() != nil {
			return cross
		}
		k, ok := absKey(p)
		if !ok || inRun[k] || seen[k] {
			continue
		}
		seen[k] = true
		id, pos, ok := index.lookup(k, p, func() (string, guide.Pos, bool) {
			data, err := readLimited(p, max)
			if err != nil {
				return "", guide.Pos{}, false // not a guide this run can judge; a full run reports it
			}
			return scanID(p, data)
		})
		if !ok || byID[id] == nil {
			continue
		}
		outside[id] = append(outside[id], idHolder{key: k, path: displayPath(p), pos: pos})
	}
	for id, holders := range outside {
		sort.Slice(holders, func(a, b int) bool { return holders[a].key < holders[b].key })
		run := byID[id]
		for _, i := range run {
			r := &results[i]
			if hasRule(cross[r.Path], "id-unique") {
				continue // named the first guide of the run with this id
			}
			k, _ := absKey(r.Path)
			first := true
			for _, j := range run {
				if kj, _ := absKey(results[j].Path); j != i && kj < k {
					first = false
				}
			}
			if !first {
				continue
			}
			o := holders[0]
			var msg string
			switch {
			case o.key < k:
				msg = fmt.Sprintf("id %s is already used by %s:%d:%d", quote(id), o.path, o.pos.Line, o.pos.Col)
			case len(run) == 1:
				msg = fmt.Sprintf("id %s is also used by %s:%d:%d", quote(id), o.path, o.pos.Line, o.pos.Col)
			default:
				continue // a later guide of the run is reported against this one
			}
			if cross == nil {
				cross = map[string][]Diagnostic{}
			}
			cross[r.Path] = append(cross[r.Path], Diagnostic{Path: r.Path, Line: r.ID.Pos.Line, Column: r.ID.Pos.Col, Rule: "id-unique", Message: msg})
		}
	}
	return cross
}

func hasRule(ds []Diagnostic, rule string) bool {
	for _, d := range ds {
		if d.Rule == rule {
			return true
		}
	}
	return false
}

func absKey(p string) (string, bool) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", false
	}
	return filepath.ToSlash(abs), true
}

// displayPath shows a path found in the scope relative to the working
// directory, as a run over that folder would.
func displayPath(p string) string {
	if !filepath.IsAbs(p) {
		return p
	}
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil {
		return rel
	}
	return p
}

func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(512)
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	data, err := readSized(f, size, max)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: over the size limit", path)
	}
	return data, nil
}

var idKeyRE = regexp.MustCompile(`^id[ \t]*:(?:[ \t]|$)`)

// scanID returns a guide's top-level id and its position. It reads
// block-style YAML line by line, which is exact for the "id: value" line
// every guide starts with, and falls back to a full parse for anything it
// cannot read with certainty: JSON, flow style, quoted text with escapes,
// a value continued on the next line, a value YAML would not read as a
// string. Unlike a full parse it finds the id of a file that has a syntax
// error elsewhere.
func scanID(name string, data []byte) (string, guide.Pos, bool) {
	data = sourceUTF8(data)
	if id, pos, ok, sure := scanBlockID(name, data); sure {
		return id, pos, ok
	}
	doc, _ := guide.Parse(name, data)
	if doc == nil || doc.Guide == nil || doc.Guide.ID == nil {
		return "", guide.Pos{}, false
	}
	return doc.Guide.ID.Value, doc.Guide.ID.Pos, true
}

// scanBlockID is scanID's line scanner; sure is false when it cannot
// tell.
func scanBlockID(name string, data []byte) (id string, pos guide.Pos, ok, sure bool) {
	if strings.EqualFold(filepath.Ext(name), ".json") || !utf8.Valid(data) {
		return "", pos, false, false
	}
	lines := strings.Split(string(data), "\n")
	content := false // a top-level key has been seen
	found := false
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSuffix(lines[i], "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			if t := strings.TrimLeft(line, " \t"); t == "" || t[0] == '#' || content {
				continue // nested content or a comment
			}
			return "", pos, false, false // indented top level
		}
		if strings.HasPrefix(line, "---") || strings.HasPrefix(line, "...") {
			if content || strings.TrimSpace(strings.TrimLeft(line, "-.")) != "" {
				return "", pos, false, false // another document, or content after the marker
			}
			continue
		}
		if line[0] == '%' && !content {
			continue // a directive
		}
		if !startsPlainKey(line) {
			return "", pos, false, false // flow style, a quoted or complex key, a top-level list
		}
		content = true
		if !idKeyRE.MatchString(line) {
			if opensFlowOrQuote(line) {
				return "", pos, false, false
			}
			continue
		}
		if found {
			return "", pos, false, false // a duplicate key: let the parser report it
		}
		found = true
		colon := strings.IndexByte(line, ':')
		rest := line[colon+1:]
		lead := len(rest) - len(strings.TrimLeft(rest, " \t"))
		val := rest[lead:]
		col := 1 + utf8.RuneCountInString(line[:colon+1+lead])
		v, good := scalarID(val)
		if !good || nextLineContinues(lines[i+1:]) {
			return "", pos, false, false
		}
		id, pos = v, guide.Pos{Line: i + 1, Col: col}
	}
	return id, pos, found, true
}

// startsPlainKey reports whether a top-level line starts with a plain
// mapping key: a letter, digit or underscore.
func startsPlainKey(line string) bool {
	c := line[0]
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// opensFlowOrQuote reports whether the value of a top-level key line may
// continue on the next lines in a way that could hide a col-0 "id:" line:
// an unclosed quote or flow collection.
func opensFlowOrQuote(line string) bool {
	colon := strings.Index(line, ": ")
	if colon < 0 {
		return false
	}
	v := strings.TrimLeft(line[colon+1:], " \t")
	if v == "" {
		return false
	}
	switch v[0] {
	case '"', '\'':
		_, ok := scalarQuoted(v)
		return !ok
	case '[', '{':
		return !inFlowClosed(v)
	}
	return false
}

func inFlowClosed(v string) bool { return !inFlow([]rune(v)) }

// scalarID reads the value of an "id:" line: a quoted string without
// escapes, or a plain scalar that YAML reads as a string. good is false
// when only the parser can tell.
func scalarID(v string) (string, bool) {
	if v == "" || v[0] == '#' {
		return "", false // the value is on the next lines
	}
	if v[0] == '"' || v[0] == '\'' {
		return scalarQuoted(v)
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	if i := strings.Index(v, "\t#"); i >= 0 {
		v = v[:i]
	}
	v = strings.TrimRight(v, " \t")
	if !idRE.MatchString(v) {
		return "", false
	}
	switch v {
	case "true", "false", "null":
		return "", false
	}
	if v[0] >= '0' && v[0] <= '9' {
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return "", false
		}
		if _, err := strconv.ParseInt(v, 0, 64); err == nil {
			return "", false
		}
	}
	return v, true
}

// scalarQuoted reads a quoted scalar closed on its line with nothing but a
// comment after it.
func scalarQuoted(v string) (string, bool) {
	q := v[0]
	var b bytes.Buffer
	i := 1
	for ; i < len(v); i++ {
		c := v[i]
		if q == '"' && c == '\\' {
			return "", false
		}
		if c == q {
			if q == '\'' && i+1 < len(v) && v[i+1] == '\'' {
				b.WriteByte('\'')
				i++
				continue
			}
			break
		}
		b.WriteByte(c)
	}
	if i >= len(v) {
		return "", false // continues on the next line
	}
	if rest := strings.TrimLeft(v[i+1:], " \t"); rest != "" && rest[0] != '#' {
		return "", false
	}
	return b.String(), true
}

// nextLineContinues reports whether the first line after a scalar that is
// not blank or a comment is indented, continuing the scalar (or making the
// document invalid, which only the parser can describe).
func nextLineContinues(lines []string) bool {
	for _, l := range lines {
		l = strings.TrimSuffix(l, "\r")
		t := strings.TrimLeft(l, " \t")
		if t == "" || t[0] == '#' {
			continue
		}
		return len(t) < len(l)
	}
	return false
}
