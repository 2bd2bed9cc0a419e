package lint

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	yaml "go.yaml.in/yaml/v3"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/fserr"
	"github.com/skillguides/guidelint/internal/suggest"
)

// configKeys are the top-level keys of a config, in the order the README
// gives them.
var configKeys = []string{"files", "exclude", "rules", "ignore", "house_rules", "baseline", "require-reason"}

// ConfigFileName is the configuration file guidelint looks for.
const ConfigFileName = ".guidelint.yaml"

// Config is a .guidelint.yaml file.
type Config struct {
	// Path is the file the configuration was read from ("" for none).
	Path string
	// Dir is the folder that Files and Exclude are relative to.
	Dir string
	// Files are include globs (with **); empty means every .yaml, .yml
	// and .json file.
	Files []string
	// Exclude are globs of files and folders never linted.
	Exclude []string
	// Rules sets the severity of rules by ID (Off disables one). The
	// names are checked against a linter's rules by New, which knows
	// them; they may name the config's own house rules.
	Rules map[string]Severity

	// Ignores suppress findings in files that cannot hold comments
	// (ignore:), each with its reason.
	Ignores []ConfigIgnore
	// Baseline is the baseline file the config names (baseline:), made
	// absolute; "" for none.
	Baseline string
	// RequireReason makes a guidelint:ignore without "-- reason" an
	// ignore-reason error (require-reason: true).
	RequireReason bool

	rulePos    map[string]guide.Pos // where each key of Rules is written
	houseRules []*houseRule         // house_rules, in order
}

// before orders rule names as the file writes them, names it does not
// write (set in Go) last, by name.
func (c *Config) before(a, b string) bool {
	pa, oka := c.rulePos[a]
	pb, okb := c.rulePos[b]
	switch {
	case oka && okb:
		return pa.Line < pb.Line || pa.Line == pb.Line && pa.Col < pb.Col
	case oka != okb:
		return oka
	}
	return a < b
}

// errorAt is a ConfigError at pos of the config file.
func (c *Config) errorAt(pos guide.Pos, format string, args ...any) error {
	return &ConfigError{Path: c.Path, Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf(format, args...)}
}

// ConfigError is a configuration that cannot be used, with the position of
// the offending key or value.
type ConfigError struct {
	Path string
	Line int
	Col  int
	Msg  string
}

func (e *ConfigError) Error() string {
	path := e.Path
	if path == "" {
		path = "config" // a Config built in Go
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", path, e.Line, e.Col, e.Msg)
	}
	return path + ": " + e.Msg
}

// ConfigErrors are all the mistakes of one configuration, in the order
// written: a writer fixes them in one go rather than one per run.
// errors.As finds each *ConfigError in it.
type ConfigErrors []*ConfigError

func (es ConfigErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the errors, for errors.Is and errors.As.
func (es ConfigErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// configErrs returns errs as one error: nil for none, the *ConfigError
// itself for one (as before several were collected), else ConfigErrors
// sorted by position.
func configErrs(errs []error) error {
	var ces ConfigErrors
	for _, err := range errs {
		var ce *ConfigError
		var many ConfigErrors
		switch {
		case errors.As(err, &many):
			ces = append(ces, many...)
		case errors.As(err, &ce):
			ces = append(ces, ce)
		default:
			ces = append(ces, &ConfigError{Msg: err.Error()})
		}
	}
	switch len(ces) {
	case 0:
		return nil
	case 1:
		return ces[0]
	}
	sort.SliceStable(ces, func(i, j int) bool {
		a, b := ces[i], ces[j]
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	return ces
}

// dropDuplicateKeys returns a ConfigError for each key repeated in one
// mapping anywhere in the document (rules, house rules and their schemas,
// ignore entries), and removes the repeats from the tree, so that the
// rest of the file is still checked and each mistake is reported once.
func dropDuplicateKeys(n *yaml.Node, path string, errs *[]error) {
	if n == nil {
		return
	}
	if n.Kind == yaml.MappingNode {
		first := map[string]*yaml.Node{}
		kept := n.Content[:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Value != "<<" {
				if f := first[k.Value]; f != nil {
					*errs = append(*errs, &ConfigError{Path: path, Line: k.Line, Col: k.Column,
						Msg: fmt.Sprintf("duplicate key %q (first defined at line %d, column %d)", k.Value, f.Line, f.Column)})
					continue
				}
				first[k.Value] = k
			}
			kept = append(kept, k, v)
		}
		n.Content = kept
	}
	for _, c := range n.Content {
		dropDuplicateKeys(c, path, errs)
	}
}

// FindConfig looks for .guidelint.yaml in dir and its parents, up to the
// repository root (the first folder holding .git). It returns "" when
// there is none.
func FindConfig(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, ConfigFileName)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// LoadConfig reads and strictly validates a configuration file: an
// unknown or repeated key or an unknown severity is a *ConfigError naming
// its position, and several mistakes are ConfigErrors. Rule
// names are checked by New against the linter's rules.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &ConfigError{Path: path, Msg: "cannot read config: " + fserr.Bare(err).Error()}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	return ParseConfig(path, filepath.Dir(abs), data)
}

// ParseConfig parses configuration data; globs are relative to dir.
func ParseConfig(path, dir string, data []byte) (*Config, error) {
	cfg := &Config{Path: path, Dir: dir, Rules: map[string]Severity{}, rulePos: map[string]guide.Pos{}}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &ConfigError{Path: path, Msg: "config is not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(doc.Content) == 0 {
		return cfg, nil // an empty file configures nothing
	}
	root := doc.Content[0]
	var errs []error
	dropDuplicateKeys(root, path, &errs)
	fail := func(n *yaml.Node, format string, args ...any) error {
		return &ConfigError{Path: path, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)}
	}
	if root.Kind != yaml.MappingNode {
		return nil, fail(root, "config must be a mapping with keys files, exclude, rules, ignore, house_rules, baseline, require-reason")
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if err := cfg.parseKey(k, v, fail); err != nil {
			errs = append(errs, err)
		}
	}
	if err := configErrs(errs); err != nil {
		return nil, err
	}
	return cfg, nil
}

// parseKey reads one top-level key of the config into cfg. Mistakes in
// the rules mapping are all returned (ConfigErrors); elsewhere the first
// of a key's value.
func (cfg *Config) parseKey(k, v *yaml.Node, fail failFunc) error {
	switch k.Value {
	case "files", "exclude":
		globs, err := stringList(v, k.Value, fail)
		if err != nil {
			return err
		}
		var errs []error
		for j, g := range globs {
			if !doublestar.ValidatePattern(g) {
				errs = append(errs, fail(v.Content[j], "%s: invalid glob %q", k.Value, g))
			}
		}
		if len(errs) > 0 {
			return configErrs(errs)
		}
		if k.Value == "files" {
			cfg.Files = globs
		} else {
			cfg.Exclude = globs
		}
	case "rules":
		if v.Kind != yaml.MappingNode {
			return fail(v, "rules must be a mapping of rule ID to off, info, warning or error")
		}
		var errs []error
		for j := 0; j+1 < len(v.Content); j += 2 {
			rk, rv := v.Content[j], v.Content[j+1]
			if rv.Kind != yaml.ScalarNode {
				errs = append(errs, fail(rv, "rule %s: want off, info, warning or error", rk.Value))
				continue
			}
			sev, err := ParseSeverity(rv.Value)
			if rv.Tag == "!!bool" && rv.Value == "false" {
				sev, err = Off, nil // YAML 1.1 habit: "off" unquoted reads fine, so does false
			}
			if err != nil {
				errs = append(errs, fail(rv, "rule %s: %v", rk.Value, err))
				continue
			}
			cfg.Rules[rk.Value] = sev
			cfg.rulePos[rk.Value] = guide.Pos{Line: rk.Line, Col: rk.Column}
		}
		return configErrs(errs)
	case "ignore":
		ig, err := parseConfigIgnores(v, fail)
		if err != nil {
			return err
		}
		cfg.Ignores = ig
	case "baseline":
		if v.Kind != yaml.ScalarNode || v.Tag != "!!str" || v.Value == "" {
			return fail(v, "baseline must be the path of a baseline file, relative to this config")
		}
		cfg.Baseline = filepath.Join(cfg.Dir, filepath.FromSlash(v.Value))
	case "require-reason":
		if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
			return fail(v, "require-reason must be true or false")
		}
		cfg.RequireReason = strings.EqualFold(v.Value, "true")
	case "house_rules":
		hs, err := parseHouseRules(v, fail)
		if err != nil {
			return err
		}
		cfg.houseRules = hs
	default:
		return fail(k, "%s", unknownKey(k.Value, configKeys))
	}
	return nil
}

// unknownKey words an unknown config key, with the closest known one or
// else all of them.
func unknownKey(key string, known []string) string {
	msg := fmt.Sprintf("unknown key %q", key)
	if s, ok := suggest.Closest(key, known, 2); ok {
		return msg + fmt.Sprintf(" (did you mean %q?)", s)
	}
	return msg + "; want " + strings.Join(known[:len(known)-1], ", ") + " or " + known[len(known)-1]
}

func stringList(v *yaml.Node, key string, fail func(*yaml.Node, string, ...any) error) ([]string, error) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!str" {
		return []string{v.Value}, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, fail(v, "%s must be a list of globs", key)
	}
	out := make([]string, 0, len(v.Content))
	for _, it := range v.Content {
		if it.Kind != yaml.ScalarNode {
			return nil, fail(it, "%s must be a list of globs", key)
		}
		out = append(out, it.Value)
	}
	return out, nil
}

// relToConfig returns path relative to the config's folder, with slashes,
// or false when it lies outside it.
func (c *Config) relToConfig(path string) (string, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	return c.relAbs(abs)
}

// relAbs is relToConfig for a path already absolute: the walker makes its
// root absolute once, where filepath.Abs would ask the working folder
// again (two stat calls) for each file.
func (c *Config) relAbs(abs string) (string, bool) {
	// A clean path below a clean folder is its tail: filepath.Rel cleans
	// both and allocates, for each of 100,000 files.
	if d := c.Dir; filepath.IsAbs(d) && len(abs) > len(d) && strings.HasPrefix(abs, d) && isClean(d) && isClean(abs) {
		switch {
		case os.IsPathSeparator(d[len(d)-1]): // the root
			return filepath.ToSlash(abs[len(d):]), true
		case os.IsPathSeparator(abs[len(d)]):
			return filepath.ToSlash(abs[len(d)+1:]), true
		}
	}
	rel, err := filepath.Rel(c.Dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// isClean reports whether filepath.Clean(p) == p; where the separator is
// '/', without Clean's walk of the path byte by byte (it ran for each of
// 100,000 files of pre-commit's scope, twice).
func isClean(p string) bool {
	if filepath.Separator != '/' {
		return filepath.Clean(p) == p
	}
	return cleanSlash(p)
}

// cleanSlash reports whether path.Clean(p) == p, for a slash path given
// as a string or, without a string made, as bytes (git's listing).
func cleanSlash[P string | []byte](p P) bool {
	switch {
	case string(p) == "." || string(p) == "/":
		return true
	case len(p) == 0 || p[len(p)-1] == '/':
		return false
	}
	i := 0
	if p[0] == '/' {
		i = 1
	}
	up := i == 0 // a relative path may begin with ".." elements
	for i < len(p) {
		end := i
		for end < len(p) && p[end] != '/' {
			end++
		}
		switch string(p[i:end]) { // compared, not made
		case "", ".":
			return false
		case "..":
			if !up {
				return false
			}
		default:
			up = false
		}
		i = end + 1
	}
	return true
}

// Excluded reports whether an exclude glob matches path or one of its
// parent folders.
func (c *Config) Excluded(path string) bool {
	if c == nil || len(c.Exclude) == 0 {
		return false
	}
	rel, ok := c.relToConfig(path)
	return ok && c.excludedRel(rel)
}

func (c *Config) excludedRel(rel string) bool {
	for _, g := range c.Exclude {
		for p := rel; p != "." && p != ""; p = parentSlash(p) {
			if m, _ := doublestar.Match(g, p); m {
				return true
			}
		}
	}
	return false
}

func parentSlash(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return ""
	}
	return p[:i]
}

// Included reports whether a file found while walking is to be linted:
// it matches the files globs (or, without any, has a guide extension).
func (c *Config) Included(path string) bool {
	if c == nil || len(c.Files) == 0 {
		return hasGuideExt(path)
	}
	rel, ok := c.relToConfig(path)
	return c.includedRel(path, rel, ok)
}

func (c *Config) includedRel(path, rel string, ok bool) bool {
	if !ok {
		return hasGuideExt(path)
	}
	for _, g := range c.Files {
		if globMatch(g, rel) {
			return true
		}
	}
	return false
}

// globMatch is doublestar.Match(g, name) for a valid glob g, answering
// the usual files globs ("*.yaml", "**/*.yaml") without it: pre-commit
// matches every path of a repository, and the library's general matcher
// was a tenth of a run over 100,000 guides.
func globMatch(g, name string) bool {
	if lit, ok := strings.CutPrefix(g, "**/*"); ok && plainGlobText(lit) {
		return strings.HasSuffix(name[strings.LastIndexByte(name, '/')+1:], lit)
	}
	if lit, ok := strings.CutPrefix(g, "*"); ok && plainGlobText(lit) {
		return !strings.Contains(name, "/") && strings.HasSuffix(name, lit)
	}
	m, _ := doublestar.Match(g, name)
	return m
}

// plainGlobText says whether s, a glob's tail, is plain text: not empty,
// no meta character, no separator.
func plainGlobText(s string) bool { return s != "" && !strings.ContainsAny(s, "*?[]{}\\/") }

// excludedAbs and includedAbs are Excluded and Included for the walker,
// which knows each entry's absolute path.
func (c *Config) excludedAbs(abs string) bool {
	if c == nil || len(c.Exclude) == 0 {
		return false
	}
	rel, ok := c.relAbs(abs)
	return ok && c.excludedRel(rel)
}

// byGlob says a files glob chose it, rather than its extension.
func (c *Config) includedAbs(path, abs string) (in, byGlob bool) {
	if c == nil || len(c.Files) == 0 {
		return hasGuideExt(path), false
	}
	rel, ok := c.relAbs(abs)
	if !ok {
		return hasGuideExt(path), false
	}
	in = c.includedRel(path, rel, ok)
	return in, in
}

func hasGuideExt(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// UsageError is a mistake in how guidelint was called: a bad flag value,
// a path that does not exist. The CLI exits 2 for it.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }
