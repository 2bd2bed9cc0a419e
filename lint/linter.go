package lint

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/suggest"
)

// The IDs of the rules the linter reports itself.
const (
	ruleFile          = "file"
	ruleParse         = "parse"
	ruleUnusedIgnore  = "unused-ignore"
	ruleExpiredIgnore = "expired-ignore"
	ruleIgnoreReason  = "ignore-reason"
)

// DefaultRules returns the built-in catalogue (SPEC §3), sorted by ID, as
// fresh values: changing one changes no other linter.
func DefaultRules() []*Rule {
	return []*Rule{
		cutText(), duplicate(), emptySection(), expiredIgnore(), fileRule(), hoursTotal(), idFilename(), idUnique(),
		ignoreReason(), levelOrder(), levelRef(), parseRule(), placeholder(), quizAnswer(), quizOptions(),
		resourceURL(), schemaRule(), statsMismatch(), titleUnique(), unusedIgnore(), weightSum(),
	}
}

// builtinIDs are the IDs of DefaultRules, which a house rule may not take:
// made when first asked, not at start (the rules' set-up is a few
// milliseconds of a pre-commit run).
var builtinIDs = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, r := range DefaultRules() {
		m[r.ID] = true
	}
	return m
})

// Options configure a Linter.
type Options struct {
	// Rules are the rules to run; nil means DefaultRules(). The linter
	// always reads files and parses them: the file and parse rules are
	// added when missing. The config's house rules are added too.
	Rules []*Rule
	// Config is the .guidelint.yaml in effect (see LoadConfig), or nil.
	Config *Config
	// Enable and Disable turn rules on (at their configured or default
	// severity) and off, after the config.
	Enable, Disable []string
	// Jobs is the number of files Run lints at once; 0 means GOMAXPROCS.
	Jobs int
	// MaxFileSize is the largest file read; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Stdin is read for the path "-"; StdinName is its name in
	// diagnostics (default "<stdin>").
	Stdin     io.Reader
	StdinName string
	// Cache, when set, keeps results of unchanged files between runs.
	Cache *Cache
	// TuneGC lets Run set the process's garbage collector for throughput
	// while it runs (the command does; a library caller that shares the
	// process may not want it): see internal/gctune.
	TuneGC bool
	// Baseline, when set, holds findings the run accepts: they leave
	// Result.Diagnostics for Result.Baselined (see LoadBaseline).
	Baseline *Baseline
	// Now is the clock that decides whether a suppression's until= date
	// has passed; nil means time.Now. Tests set it.
	Now func() time.Time
	// Shard, when N > 1, makes Run lint only part K (1-based) of N of the
	// files it finds (see Shard). The rules that compare guides still see
	// every guide: the other parts' facts are read, not linted.
	Shard Shard
	// Scope lists folders whose guides the rules that compare guides
	// (id-unique, title-unique) also compare against (see ScopeFor):
	// those guides are read for their facts, not linted.
	Scope []string
	// WorkTree, when set, makes folder walks (of Run and of Scope) see
	// what git sees inside a work tree (SPEC §11): node_modules/, build
	// output and ignored drafts are neither linted nor compared. Nil
	// walks every folder as is (.gitignore is not read).
	WorkTree WorkTreeFunc
	// Staged, when set, makes the guides of Scope those git's index (the
	// staging area) holds, compared as staged: what a commit will hold.
	// A guide whose staged blob is one a run read before is known by its
	// blob id, neither opened nor stat'ed, so pre-commit's run on a few
	// files costs what they cost, not what the repository holds; another
	// (git's blob id is of the bytes as cleaned: converted line ends, LFS)
	// by its stat, as without Staged.
	// Untracked files are not compared (they are not part of a commit).
	// pre-commit keeps unstaged changes out of the work tree while hooks
	// run; a guide read again (a blob not seen before) is read from the
	// work tree. A folder outside a work tree is walked as without it.
	Staged StagedFunc
}

// StagedFunc lists the files git's index holds below the folder dir, for
// Options.Staged: it calls each for every file with its path relative to
// dir in slash form and the id of its staged blob (raw bytes, not hex),
// then returns true; false when dir is not in a git work tree. The
// slices are the lister's, good only during the call, so that 100,000
// files make no string each; files given in git's order (by the bytes of
// their paths) are looked up fastest. The command passes one that runs
// "git ls-files --stage".
type StagedFunc func(dir string, each func(path, blob []byte)) bool

// A Linter lints guides with one set of rules and one configuration. It
// is safe for concurrent use, and linters with different rules run
// side by side in one process.
type Linter struct {
	opts     Options
	rules    []*Rule // sorted by ID
	byID     map[string]*Rule
	run      []*Rule // enabled rules with a Run, in ID order
	checks   []*Rule // enabled rules with a Check, in ID order
	severity map[string]Severity
	fp       string // what changes raw results, for cache keys

	wd      string    // the working folder when New ran: relative paths' base
	root    string    // the repository holding wd (else wd): fingerprints' paths are relative to it
	inGit   bool      // root holds .git: the stat index records git blob ids
	parsers sync.Pool // of *guide.Parser, for Lint: each call reuses a parse's memory

	afterCollect func()            // a test's hook between the walk and the reads
	onRead       func(path string) // a test's hook: Run opens a file
}

// UnknownRuleError is a rule name in Options.Enable or Options.Disable
// that names no rule of the linter.
type UnknownRuleError struct {
	// Option is "Enable" or "Disable".
	Option string
	// Name is the name given; Suggestion the closest rule ID, or "".
	Name, Suggestion string
}

func (e *UnknownRuleError) Error() string {
	msg := fmt.Sprintf("%s: unknown rule %q", strings.ToLower(e.Option), e.Name)
	if e.Suggestion != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", e.Suggestion)
	}
	return msg
}

// New returns a linter for opts. It fails for an invalid rule (see
// Rule.Validate), two rules with one ID, a config that names a rule the
// linter does not have (a *ConfigError at its position), and an unknown
// rule in Enable or Disable (an *UnknownRuleError).
func New(opts Options) (*Linter, error) {
	rules := opts.Rules
	if rules == nil {
		rules = DefaultRules()
	}
	l := &Linter{opts: opts, byID: map[string]*Rule{}}
	l.wd, _ = os.Getwd()
	l.root = l.wd
	if root, ok := RepoRoot(l.wd); ok {
		l.root, l.inGit = root, true
	}
	l.parsers.New = func() any { return new(guide.Parser) }
	add := func(r *Rule) error {
		if err := r.Validate(); err != nil {
			return err
		}
		if l.byID[r.ID] != nil {
			return fmt.Errorf("two rules have the ID %q", r.ID)
		}
		c := *r // the linter's own copy: a caller's later change is not seen
		l.byID[c.ID] = &c
		l.rules = append(l.rules, &c)
		return nil
	}
	for _, r := range rules {
		if err := add(r); err != nil {
			return nil, err
		}
	}
	for _, r := range []*Rule{fileRule(), parseRule()} {
		if l.byID[r.ID] == nil {
			add(r)
		}
	}
	if cfg := opts.Config; cfg != nil {
		for _, h := range cfg.houseRules {
			if l.byID[h.rule.ID] != nil {
				return nil, cfg.errorAt(h.idPos, "house rule %q has the ID of a rule the program passes in; choose another", h.rule.ID)
			}
			add(h.rule)
		}
	}
	sort.Slice(l.rules, func(i, j int) bool { return l.rules[i].ID < l.rules[j].ID })

	l.severity = make(map[string]Severity, len(l.rules))
	for _, r := range l.rules {
		l.severity[r.ID] = r.Severity
	}
	if cfg := opts.Config; cfg != nil {
		ids := make([]string, 0, len(cfg.Rules))
		for id := range cfg.Rules {
			ids = append(ids, id)
		}
		// In the order written; a Config built or changed in Go may hold
		// names never written. Every unknown name is reported at once.
		sort.Slice(ids, func(i, j int) bool { return cfg.before(ids[i], ids[j]) })
		var errs []error
		for _, id := range ids {
			if l.byID[id] == nil {
				errs = append(errs, cfg.errorAt(cfg.rulePos[id], "unknown rule %q%s; `guidelint rules` lists them", id, l.ruleSuggestion(id)))
				continue
			}
			l.severity[id] = cfg.Rules[id]
		}
		for _, e := range cfg.Ignores {
			if l.byID[e.Rule] == nil {
				errs = append(errs, cfg.errorAt(e.pos, "ignore entry: unknown rule %q%s", e.Rule, l.ruleSuggestion(e.Rule)))
			}
		}
		if err := configErrs(errs); err != nil {
			return nil, err
		}
	}
	for _, id := range opts.Enable {
		r := l.byID[id]
		if r == nil {
			return nil, l.unknownRule("Enable", id)
		}
		if l.severity[id] == Off {
			l.severity[id] = r.Severity
		}
	}
	for _, id := range opts.Disable {
		if l.byID[id] == nil {
			return nil, l.unknownRule("Disable", id)
		}
		l.severity[id] = Off
	}
	var on []string
	for _, r := range l.rules {
		if !l.on(r.ID) {
			continue
		}
		on = append(on, r.cacheID())
		if r.Run != nil {
			l.run = append(l.run, r)
		}
		if r.Check != nil {
			l.checks = append(l.checks, r)
		}
	}
	l.fp = strings.Join(on, "\x00")
	return l, nil
}

func (l *Linter) unknownRule(option, id string) error {
	s, _ := suggest.Closest(id, l.ruleIDs(), 2)
	return &UnknownRuleError{Option: option, Name: id, Suggestion: s}
}

// fingerprintPath is the path a finding's fingerprint holds: relative to
// the repository, so that a run from any folder of it gives the same
// fingerprints (a baseline written at the root matches a run in a
// subfolder). Standard input keeps its name.
func (l *Linter) fingerprintPath(path string) string {
	if path == "" || strings.HasPrefix(path, "<") || path == l.opts.StdinName {
		return filepath.ToSlash(path)
	}
	abs := absKeyIn(l.wd, path)
	if rel, err := filepath.Rel(filepath.ToSlash(l.root), abs); err == nil && rel != ".." && !strings.HasPrefix(rel, "../") {
		return filepath.ToSlash(rel)
	}
	return abs
}

// Rules returns copies of the linter's rules, sorted by ID: those passed
// in, the file and parse rules, and the config's house rules.
func (l *Linter) Rules() []*Rule {
	out := make([]*Rule, len(l.rules))
	for i, r := range l.rules {
		c := *r
		out[i] = &c
	}
	return out
}

// Rule returns a copy of the linter's rule with the given ID, or nil.
func (l *Linter) Rule(id string) *Rule {
	r := l.byID[id]
	if r == nil {
		return nil
	}
	c := *r
	return &c
}

// Severity returns the severity a rule's findings get in this linter
// after the config and Enable/Disable; Off for a rule that is off or
// unknown.
func (l *Linter) Severity(id string) Severity { return l.severity[id] }

func (l *Linter) on(id string) bool { return l.severity[id] != Off }

func (l *Linter) ruleIDs() []string {
	ids := make([]string, len(l.rules))
	for i, r := range l.rules {
		ids[i] = r.ID
	}
	return ids
}

// ruleSuggestion is " (did you mean "ID"?)" for the rule id closest to a
// misspelt one, or "" when none is close: the tail of every "unknown
// rule" message, from the config or a suppression comment.
func (l *Linter) ruleSuggestion(id string) string {
	if s, ok := suggest.Closest(id, l.ruleIDs(), 2); ok {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// Lint lints one document held in memory: name picks YAML or JSON by its
// extension and is the path diagnostics show. Rules that compare guides
// compare it with the guides of Options.Scope. The diagnostics are
// sorted; the error is the context's.
func (l *Linter) Lint(ctx context.Context, name string, data []byte) ([]Diagnostic, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p := l.parsers.Get().(*guide.Parser)
	r := l.lintSource(p, name, data) // keeps nothing of the document
	l.parsers.Put(p)
	results := resultSlice{r}
	rs := &runState{scopeSaves: true}
	defer rs.close() // after the findings are made of the scope's facts
	cross := l.check(ctx, results, []input{{path: name}}, rs)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.finish(l, cross[name], nil)
	res := &Result{Diagnostics: r.Diags}
	l.applyBaseline(res, nil)
	return res.Diagnostics, nil
}

// fileResult is what linting one file yields: its diagnostics and the
// facts of the rules that compare guides.
type fileResult struct {
	Path  string
	Diags []Diagnostic // final, after finish

	raw        []Diagnostic // before suppression and severities
	facts      []byte       // of the rules that compare guides, as the stat index encodes them
	dirs       directives
	ignores    []Ignore     // the directives as finish left them
	suppressed []Suppressed // the findings they suppressed
	data       []byte       // the source, for Result.Sources (not cached)
	notGuide   bool         // found by a walk, and plainly not a guide: skipped
}

// lintCached is lintDoc through the cache, when there is one.
func (l *Linter) lintCached(p *guide.Parser, name string, data []byte) fileResult {
	c := l.opts.Cache
	if c == nil || buildID() == "" {
		return l.lintDoc(p, name, data)
	}
	key := l.cacheKey(c, name, data)
	if r, ok := c.get(key); ok {
		r.Path = name
		r.dirs = parseDirectives(data)
		return r
	}
	r := l.lintDoc(p, name, data)
	c.put(key, r)
	return r
}

// cacheKey is the content cache's key of the file named name holding
// data, for this linter's rules. Results hold fingerprints, which hold
// the path from the repository's root: it is part of the key.
func (l *Linter) cacheKey(c *Cache, name string, data []byte) string {
	return c.key(name+"\x00"+l.fingerprintPath(name), data, l.fp)
}

// lintDoc is the per-file half of a lint: parse, then every enabled rule's
// Run. It never panics: a rule that panics is reported as an internal
// error on the file, and the other rules still run. It parses with p, so
// nothing it returns may point into the document.
func (l *Linter) lintDoc(p *guide.Parser, path string, data []byte) fileResult {
	res := fileResult{Path: path, dirs: parseDirectives(data)}
	var diags []Diagnostic
	add := func(d Diagnostic) { diags = append(diags, d) }

	doc, err := p.Parse(path, data)
	var list guide.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			add(Diagnostic{Path: path, Line: e.Pos.Line, Column: e.Pos.Col, Rule: ruleParse, Message: e.Msg})
		}
	} else if err != nil {
		add(Diagnostic{Path: path, Line: 1, Column: 1, Rule: ruleParse, Message: err.Error()})
	}
	if doc != nil {
		var facts factSet
		for _, r := range l.run {
			if fact := runRule(r, path, doc, add); fact != nil {
				facts = facts.with(r.ID, fact)
			}
		}
		// Kept as the index encodes them: one small allocation, not a
		// slice and a fact each (at 100,000 guides what a run keeps is
		// what the collector marks, over and over).
		res.facts = encodeFacts(facts)
	}
	locate(doc, diags, l.fingerprintPath(path))
	res.raw = diags
	return res
}

// runRule runs one rule and returns the fact it recorded, turning a panic
// into a diagnostic so that one broken rule cannot take the run down with
// it.
func runRule(r *Rule, path string, doc *guide.Document, add func(Diagnostic)) (fact json.RawMessage) {
	defer func() {
		if p := recover(); p != nil {
			add(internalError(path, r, p, debug.Stack()))
			fact = nil
		}
	}()
	pass := &Pass{Doc: doc, Guide: doc.Guide, Path: path, Rule: r, ReportFunc: add}
	r.Run(pass)
	return pass.fact
}

// internalError is the diagnostic of a rule that panicked: a bug in
// guidelint for a built-in rule, in the program that added it otherwise.
func internalError(path string, r *Rule, p any, stack []byte) Diagnostic {
	where := "please report this at https://github.com/skillguides/guidelint/issues with the file"
	if !r.builtin() {
		where = "this is a bug in the rule, not in guidelint"
	}
	if frame := panicFrame(string(stack)); frame != "" {
		where += " (" + frame + ")"
	}
	return Diagnostic{Path: path, Line: 1, Column: 1, Rule: r.ID, Severity: Error, Internal: true,
		Message: fmt.Sprintf("internal error: rule %s panicked: %v; %s", r.ID, p, where)}
}

// panicFrame is the file and line where a goroutine's stack (as
// debug.Stack writes it) panicked: the first frame below the call of
// panic.
func panicFrame(stack string) string {
	lines := strings.Split(stack, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") && i+3 < len(lines) {
			loc := strings.TrimSpace(lines[i+3])
			if j := strings.LastIndex(loc, " +0x"); j > 0 {
				loc = loc[:j]
			}
			return loc
		}
	}
	return ""
}

// finish applies suppression comments and severities to the file's own
// findings and the cross-file ones, and adds the unused-ignore findings.
func (res *fileResult) finish(l *Linter, cross []Diagnostic, use *ignoreUse) {
	for _, d := range res.dirs {
		for k := range d.used {
			delete(d.used, k) // finish may run again on a cached result
		}
		d.expired = false
		d.count = 0
	}
	dirs, path := res.dirs, res.Path
	res.suppressed = nil
	applies := l.ignoresFor(path, use)
	now := time.Now
	if l.opts.Now != nil {
		now = l.opts.Now
	}
	fp := l.fingerprintPath(path)
	ends := dirs.ends(now(), path, fp) // before suppression: an expired directive suppresses nothing
	out := make([]Diagnostic, 0, len(res.raw)+len(cross))
	for _, d := range append(res.raw[:len(res.raw):len(res.raw)], cross...) {
		sev := l.severity[d.Rule]
		if d.Internal {
			sev = Error // a crashed rule is never downgraded or hidden
		} else if sev == Off {
			continue
		}
		if !d.Internal {
			if e := l.configIgnored(d, applies, use); e != nil {
				if r := l.byID[d.Rule]; d.Severity == Off || r == nil || sev != r.Severity {
					d.Severity = sev
				}
				res.suppressed = append(res.suppressed, Suppressed{Diagnostic: d, Reason: e.Reason, Until: e.Until, External: true})
				continue
			}
			if dir := dirs.suppress(d); dir != nil {
				if r := l.byID[d.Rule]; d.Severity == Off || r == nil || sev != r.Severity {
					d.Severity = sev
				}
				res.suppressed = append(res.suppressed, Suppressed{Diagnostic: d, Reason: dir.reason, Until: dir.until})
				continue
			}
		}
		if r := l.byID[d.Rule]; d.Severity == Off || r == nil || sev != r.Severity {
			d.Severity = sev
		}
		out = append(out, d)
	}
	if l.on(ruleUnusedIgnore) {
		for _, d := range dirs.unused(l, path, fp) {
			d.Path = path
			d.Severity = l.severity[ruleUnusedIgnore]
			out = append(out, d)
		}
	}
	if l.on(ruleExpiredIgnore) {
		for _, d := range ends {
			if sev := l.severity[ruleExpiredIgnore]; sev != l.byID[ruleExpiredIgnore].Severity {
				d.Severity = sev // the config's word over the rule's shades
			}
			out = append(out, d)
		}
	}
	if l.on(ruleIgnoreReason) && l.opts.Config != nil && l.opts.Config.RequireReason {
		for _, d := range dirs.reasonless(path, fp) {
			d.Severity = l.severity[ruleIgnoreReason]
			out = append(out, d)
		}
	}
	for i := range out {
		out[i].fingerprint(fp)
	}
	res.Diags = Sort(out)
	res.ignores = dirs.audit(path)
}
