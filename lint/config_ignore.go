package lint

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	yaml "go.yaml.in/yaml/v3"

	"github.com/skillguides/guidelint/guide"
)

// ConfigIgnore is an entry of the config's ignore list (SPEC §4): a
// suppression for files that cannot hold comments (JSON).
//
//	ignore:
//	  - path: guides/ux-research.json   # a glob, relative to the config
//	    rule: placeholder
//	    pointer: /red_flags/3           # optional: only this node
//	    reason: the guide is about lorem ipsum
//	    until: 2027-03-31               # optional
type ConfigIgnore struct {
	Path, Rule, Pointer, Reason, Until string

	pos  guide.Pos // where the entry is written
	date time.Time // Until, parsed
}

var configIgnoreKeys = []string{"path", "rule", "pointer", "reason", "until"}

// parseConfigIgnores reads the ignore list.
func parseConfigIgnores(v *yaml.Node, fail failFunc) ([]ConfigIgnore, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, fail(v, "ignore must be a list of entries with path, rule and reason")
	}
	var out []ConfigIgnore
	for _, it := range v.Content {
		if it.Kind != yaml.MappingNode {
			return nil, fail(it, "an ignore entry must be a mapping with keys %s", strings.Join(configIgnoreKeys, ", "))
		}
		e := ConfigIgnore{pos: guide.Pos{Line: it.Line, Col: it.Column}}
		fields := map[string]*yaml.Node{}
		for i := 0; i+1 < len(it.Content); i += 2 {
			k, val := it.Content[i], it.Content[i+1]
			if !contains(configIgnoreKeys, k.Value) {
				return nil, fail(k, "ignore entry: %s", unknownKey(k.Value, configIgnoreKeys))
			}
			if fields[k.Value] != nil {
				return nil, fail(k, "duplicate key %q", k.Value)
			}
			if val.Kind != yaml.ScalarNode {
				return nil, fail(val, "ignore entry: %s must be text", k.Value)
			}
			fields[k.Value] = val
		}
		for _, req := range []string{"path", "rule", "reason"} {
			if n := fields[req]; n == nil || strings.TrimSpace(n.Value) == "" {
				return nil, fail(it, "ignore entry needs %q (a suppression says why)", req)
			}
		}
		e.Path, e.Rule, e.Reason = fields["path"].Value, fields["rule"].Value, fields["reason"].Value
		if !doublestar.ValidatePattern(e.Path) {
			return nil, fail(fields["path"], "ignore entry: invalid glob %q", e.Path)
		}
		if n := fields["pointer"]; n != nil {
			if _, err := parseGiven(n.Value); err != nil || strings.Contains(n.Value, "/*") {
				return nil, fail(n, "ignore entry: pointer %q must be a JSON pointer such as /red_flags/3", n.Value)
			}
			e.Pointer = n.Value
		}
		if n := fields["until"]; n != nil {
			t, err := time.Parse("2006-01-02", n.Value)
			if err != nil {
				return nil, fail(n, "ignore entry: until=%s is not a date; write YYYY-MM-DD", n.Value)
			}
			e.Until, e.date = n.Value, t
		}
		out = append(out, e)
	}
	return out, nil
}

// ignoreUse counts, for one run, the findings each config ignore entry
// suppressed and whether it applied to a file of the run at all.
type ignoreUse struct {
	matched, used []int
}

func newIgnoreUse(cfg *Config) *ignoreUse {
	if cfg == nil || len(cfg.Ignores) == 0 {
		return nil
	}
	return &ignoreUse{matched: make([]int, len(cfg.Ignores)), used: make([]int, len(cfg.Ignores))}
}

// configIgnored returns the entry of the config's ignore list that
// suppresses d, or nil. applies tells which entries name d's file.
func (l *Linter) configIgnored(d Diagnostic, applies []bool, use *ignoreUse) *ConfigIgnore {
	cfg := l.opts.Config
	if cfg == nil || applies == nil {
		return nil
	}
	for i := range cfg.Ignores {
		e := &cfg.Ignores[i]
		if !applies[i] || e.Rule != d.Rule || (e.Pointer != "" && e.Pointer != d.Pointer) || l.expired(e) {
			continue
		}
		if use != nil {
			use.used[i]++
		}
		return e
	}
	return nil
}

// ignoresFor says which entries of the config's ignore list name the
// file at path, and counts them as matched.
func (l *Linter) ignoresFor(path string, use *ignoreUse) []bool {
	cfg := l.opts.Config
	if cfg == nil || len(cfg.Ignores) == 0 {
		return nil
	}
	rel, ok := cfg.relAbs(absKeyIn(l.wd, path))
	applies := make([]bool, len(cfg.Ignores))
	for i, e := range cfg.Ignores {
		if m, _ := doublestar.Match(e.Path, filepath.ToSlash(rel)); ok && m {
			applies[i] = true
			if use != nil {
				use.matched[i]++
			}
		}
	}
	return applies
}

func (l *Linter) expired(e *ConfigIgnore) bool {
	if e.Until == "" {
		return false
	}
	now := time.Now
	if l.opts.Now != nil {
		now = l.opts.Now
	}
	n := now()
	today := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
	return e.date.Before(today)
}

// unusedConfigIgnores are the unused-ignore findings, at the config file,
// of entries that named a file of the run and suppressed nothing in it,
// and the expired-ignore findings of entries past their date.
//
// others are the files other shards lint: an entry that applies to one of
// them may be used there, which this shard cannot know, so it says
// nothing of it ("guidelint ignores" audits every entry).
func (l *Linter) unusedConfigIgnores(use *ignoreUse, others []input) []Diagnostic {
	cfg := l.opts.Config
	if use == nil {
		return nil
	}
	var out []Diagnostic
	for i := range cfg.Ignores {
		e := &cfg.Ignores[i]
		if use.matched[i] == 0 {
			continue // no file of the run: nothing to say
		}
		if l.ignoreAppliesToAny(e, others) {
			continue
		}
		fp := Fingerprint(ruleUnusedIgnore, l.fingerprintPath(cfg.Path), "", "ignore "+e.Path+" "+e.Rule+" "+e.Pointer)
		switch {
		case l.expired(e) && l.on(ruleExpiredIgnore):
			out = append(out, Diagnostic{Path: cfg.Path, Line: e.pos.Line, Column: e.pos.Col, Rule: ruleExpiredIgnore, Severity: l.severity[ruleExpiredIgnore],
				Message: fmt.Sprintf("ignore entry for %s on %s expired on %s and suppresses nothing; fix the finding or set a new date", e.Rule, e.Path, e.Until), Fingerprint: fp})
		case use.used[i] == 0 && !l.expired(e) && l.on(ruleUnusedIgnore) && l.on(e.Rule):
			out = append(out, Diagnostic{Path: cfg.Path, Line: e.pos.Line, Column: e.pos.Col, Rule: ruleUnusedIgnore, Severity: l.severity[ruleUnusedIgnore],
				Message: fmt.Sprintf("ignore entry for %s on %s suppressed nothing; remove it", e.Rule, e.Path), Fingerprint: fp})
		}
	}
	return out
}

// ignoreAppliesToAny says whether a config ignore entry's path matches
// one of files.
func (l *Linter) ignoreAppliesToAny(e *ConfigIgnore, files []input) bool {
	for _, f := range files {
		rel, ok := l.opts.Config.relAbs(absKeyIn(l.wd, f.path))
		if m, _ := doublestar.Match(e.Path, filepath.ToSlash(rel)); ok && m {
			return true
		}
	}
	return false
}
