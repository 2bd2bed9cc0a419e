package lint

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/skillguides/guidelint/guide"
)

// The rules with a Check (id-unique, title-unique) compare the guides of
// one run. pre-commit runs guidelint on the changed files only, so a new
// guide reusing the id of an unchanged one would pass unseen.
// Options.Scope widens the comparison: the guides found there are not
// linted, only read for their facts (from the fact index while their
// files are unchanged), and compared with the guides of the run.

// ScopeFor returns the folders whose guides the rules that compare guides
// should compare against when linting paths, for Options.Scope. A folder
// named is its own scope, so only the files named (and "-", standard
// input, taken to be in the working directory), as pre-commit names
// them, have one: the config's folder when the file lies in it and the
// config's files globs say where guides live, else the repository that
// holds the file (the folder with .git), else the config's folder when
// the file lies in it. A file outside any of these (a guide in /tmp linted
// from inside a checkout) is compared with nothing else. It returns nil
// when no path has a scope.
func ScopeFor(paths []string, cfg *Config) []string {
	var scope []string
	for _, p := range paths {
		var dir string
		if p == StdinPath {
			dir, _ = os.Getwd()
		} else if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			abs, err := filepath.Abs(p)
			if err != nil {
				continue
			}
			dir = filepath.Dir(abs)
		}
		if dir == "" {
			continue
		}
		if s, ok := scopeOf(dir, cfg); ok && !slices.Contains(scope, s) {
			scope = append(scope, s)
		}
	}
	return scope
}

// scopeOf is the scope of a file named in folder dir (absolute): see
// ScopeFor.
func scopeOf(dir string, cfg *Config) (string, bool) {
	inConfig := false
	if cfg != nil && cfg.Dir != "" {
		if cdir, err := filepath.Abs(cfg.Dir); err == nil {
			_, inConfig = (&Config{Dir: cdir}).relAbs(dir)
		}
	}
	if inConfig && len(cfg.Files) > 0 {
		return cfg.Dir, true
	}
	if root, ok := RepoRoot(dir); ok {
		return root, true
	}
	if inConfig {
		return cfg.Dir, true
	}
	return "", false
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

// check runs the Check of every enabled rule that compares guides, over
// the facts of the run's results and of the guides of Options.Scope, and
// returns the findings by path. files[i] is how results.at(i) was named.
//
// rs holds the files of the run that another shard lints (read for
// their facts like the scope's guides) and Run's stat index.
func (l *Linter) check(ctx context.Context, results resultList, files []input, rs *runState) map[string][]Diagnostic {
	others := rs.otherFiles()
	if len(l.checks) == 0 {
		return nil
	}
	// The run's guides in key order, sorted once for every rule.
	n := results.count()
	keys := make([]string, n)
	order := make([]int, 0, n)
	for i := range n {
		r := results.at(i)
		if !hasFacts(r.facts) {
			continue
		}
		keys[i] = r.Path
		if !files[i].stdin || l.opts.StdinName != "" {
			keys[i] = runKey(l.wd, r.Path, files[i])
		}
		order = append(order, i)
	}
	if len(order) == 0 {
		return nil // nothing to compare: the scope need not be read
	}
	sort.SliceStable(order, func(a, b int) bool { return keys[order[a]] < keys[order[b]] })
	var scope []scopeFile
	if len(l.opts.Scope) > 0 || len(others) > 0 {
		inRun := make(map[string]bool, n)
		for i := range n {
			if !files[i].stdin || l.opts.StdinName != "" {
				inRun[runKey(l.wd, results.at(i).Path, files[i])] = true
			}
		}
		if rs.early != nil {
			scope = rs.early.get(inRun)
		} else {
			scope = l.scopeFacts(ctx, l.wd, func() map[string]bool { return inRun }, rs)
		}
		if len(others) > 0 {
			for _, sf := range scope {
				inRun[sf.key] = true
			}
			// Another shard's files are part of the run: the rules
			// compare them as linted (a finding on them is that shard's
			// to report, and is dropped below).
			// A copy: factsFor filters its list in place, and the run
			// reads its others again (unusedConfigIgnores).
			for _, sf := range l.factsFor(ctx, l.wd, slices.Clone(others), nil, inRun, rs) {
				sf.linted = true
				scope = append(scope, sf)
			}
		}
		sort.Slice(scope, func(a, b int) bool { return scope[a].key < scope[b].key })
	}
	linted := make(map[string]bool, n)
	for i := range n {
		linted[results.at(i).Path] = true
	}
	// Each rule's Check on its own goroutine: they share nothing, and a
	// full run's checks decode every guide's facts.
	found := make([][]Diagnostic, len(l.checks))
	var wg sync.WaitGroup
	for j, c := range l.checks {
		wg.Add(1)
		go func(j int, c *Rule) {
			defer wg.Done()
			keep := scopeFilter(c, results, order, scope, len(others) > 0)
			size := len(order) + len(scope)
			if keep != nil {
				size = 2 * len(order)
			}
			facts := make([]Fact, 0, size)
			s := 0
			for _, i := range order { // merge the run's and the scope's, both sorted
				for ; s < len(scope) && scope[s].key < keys[i]; s++ {
					if data := scope[s].fact(c.ID); data != nil && (keep == nil || keep(data)) {
						facts = append(facts, Fact{Path: scope[s].path, Linted: scope[s].linted, Data: data})
					}
				}
				r := results.at(i)
				if data := rawFact(r.facts, c.ID); data != nil {
					anon := files[i].stdin && l.opts.StdinName == ""
					facts = append(facts, Fact{Path: r.Path, Linted: true, Anonymous: anon, Data: data})
				}
			}
			for ; s < len(scope); s++ {
				if data := scope[s].fact(c.ID); data != nil && (keep == nil || keep(data)) {
					facts = append(facts, Fact{Path: scope[s].path, Linted: scope[s].linted, Data: data})
				}
			}
			runCheck(c, facts, l.fingerprintPath, func(d Diagnostic) {
				if linted[d.Path] {
					found[j] = append(found[j], d)
				}
			})
		}(j, c)
	}
	wg.Wait()
	cross := map[string][]Diagnostic{}
	for _, ds := range found {
		for _, d := range ds {
			cross[d.Path] = append(cross[d.Path], d)
		}
	}
	return cross
}

// scopeFilter says which of the scope's facts the Check of rule c is
// handed; nil for all of them. A rule with a factKey reports a guide of
// the run only when another guide's fact holds its key, so when the run
// lints few guides of a large scope (pre-commit's 5 of 100,000), the
// others' facts with a key no guide of the run holds can change no
// finding: they are left out, and the Check compares a few facts, not
// 100,000 (each a Fact to make, hash and sort). Not when guides of the
// scope are linted by another shard (sharded: they count as the run's),
// nor when a fact of the run has another shape (its key is not known
// without decoding it).
func scopeFilter(c *Rule, results resultList, order []int, scope []scopeFile, sharded bool) func(json.RawMessage) bool {
	if c.factKey == nil || sharded || len(order)*8 > len(scope) || !filterScope {
		return nil
	}
	seed := maphash.MakeSeed()
	want := make(map[uint64]bool, len(order))
	for _, i := range order {
		data := rawFact(results.at(i).facts, c.ID)
		if data == nil {
			continue
		}
		k, ok := c.factKey(data)
		if !ok {
			return nil
		}
		want[maphash.Bytes(seed, k)] = true
	}
	return func(data json.RawMessage) bool {
		k, ok := c.factKey(data)
		return !ok || want[maphash.Bytes(seed, k)] // a collision only hands over a fact more
	}
}

// filterScope is false in tests that compare the filtered Check with the
// whole one.
var filterScope = true

// runCheck runs one rule's Check; a panic becomes an internal error on
// the first guide of the run.
func runCheck(r *Rule, facts []Fact, fpPath func(string) string, report func(Diagnostic)) {
	defer func() {
		if p := recover(); p != nil {
			for _, f := range facts {
				if f.Linted {
					report(internalError(f.Path, r, p, debug.Stack()))
					return
				}
			}
		}
	}()
	r.Check(&CheckPass{Rule: r, Facts: facts, ReportFunc: report, fpPath: fpPath})
}

// runKey is the stat index's key of the file in, shown as path: the one
// its walk made (no string for each of 100,000 files), else absKeyIn's.
func runKey(wd, path string, in input) string {
	if in.key != "" {
		return in.key
	}
	return absKeyIn(wd, path)
}

// absKeyIn is the absolute slash path of p, relative paths taken from wd.
func absKeyIn(wd, p string) string {
	if !filepath.IsAbs(p) {
		p = filepath.Join(wd, p)
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// scopeFile is a guide of the scope outside the run, with its facts.
type scopeFile struct {
	key  string // absolute slash path, the sort key
	path string // as messages show it
	// raw holds the facts as the stat index encodes them (encodeFacts):
	// decoded as a rule asks.
	raw []byte
	// failed is set when the file could not be read: what it holds is
	// not known, so it is asked again next time, whatever its stat.
	failed bool
	sniff  bool // found by its extension: it has no facts unless it looks like a guide
	// linted marks a file another shard of the run lints.
	linted bool
}

// fact returns the fact of the rule id, or nil.
func (sf *scopeFile) fact(id string) json.RawMessage { return rawFact(sf.raw, id) }

// earlyScope is the scope of a run read while the run lints its own files
// (Run): git's listing of a 100,000-guide repository, or a walk of it,
// takes longer than linting the few files pre-commit names, and needs
// nothing of them until its end, when the run's own files are left out.
type earlyScope struct {
	keys  chan map[string]bool // the run's keys; nil: no scope needed
	done  chan struct{}
	scope []scopeFile
}

// startScope starts reading the scope's facts for the run whose state is
// rs.
func (l *Linter) startScope(ctx context.Context, rs *runState) *earlyScope {
	e := &earlyScope{keys: make(chan map[string]bool, 1), done: make(chan struct{})}
	go func() {
		defer close(e.done)
		e.scope = l.scopeFacts(ctx, l.wd, func() map[string]bool { return <-e.keys }, rs)
	}()
	return e
}

// get hands the run's keys over and returns the scope's facts.
func (e *earlyScope) get(inRun map[string]bool) []scopeFile {
	e.keys <- inRun
	<-e.done
	return e.scope
}

// stop tells the read, if get did not, that the scope is not needed,
// and waits for it to end. It may be called again, or on nil.
func (e *earlyScope) stop() {
	if e == nil {
		return
	}
	select {
	case e.keys <- nil:
	default: // the keys were handed over and not yet taken
	}
	<-e.done
}

// scopeFacts returns the facts of the guides of Options.Scope that are
// not part of the run. runKeys returns the run's keys, once the scope's
// files are found (the run may still be linting while they are), or nil
// when the run needs no scope after all. A guide whose file is
// unchanged since a run last read it gets them from the stat index
// without being opened; another from the cache's entry for its bytes,
// else by parsing it and running the rules that compare guides.
func (l *Linter) scopeFacts(ctx context.Context, wd string, runKeys func() map[string]bool, rs *runState) []scopeFile {
	if len(l.opts.Scope) == 0 {
		return nil
	}
	found, roots, known := l.scopeFiles(func() *statIndex { return rs.index(l) }, rs.hold)
	inRun := runKeys()
	if inRun == nil {
		return nil // the run has nothing to compare
	}
	if len(inRun) > 0 {
		known = slices.DeleteFunc(known, func(sf scopeFile) bool { return inRun[sf.key] })
	}
	rs.hold(int64(len(found)) * heldPerFile)
	out := l.factsFor(ctx, wd, found, roots, inRun, rs)
	if rs.scopeSaves && ctx.Err() == nil {
		rs.index(l).save()
	}
	if len(known) == 0 {
		return out
	}
	out = append(known, out...)
	if len(roots) > 1 { // folders inside one another list a file twice
		slices.SortStableFunc(out, func(a, b scopeFile) int { return strings.Compare(a.key, b.key) })
		out = slices.CompactFunc(out, func(a, b scopeFile) bool { return a.key == b.key })
	}
	return out
}

// scopeFiles finds the guides of the folders of Options.Scope, and
// returns them with the folders walked (absolute). Those git's index
// lists (Options.Staged) whose facts the stat index holds are known
// already. The run's own files are among them. hold is told what a
// listing keeps alive.
func (l *Linter) scopeFiles(index func() *statIndex, hold func(int64)) (found []input, roots []string, known []scopeFile) {
	for _, dir := range l.opts.Scope {
		fi, err := os.Stat(dir)
		abs, aerr := filepath.Abs(dir)
		if err != nil || aerr != nil || !fi.IsDir() {
			continue
		}
		roots = append(roots, abs)
		if l.opts.Staged != nil && l.stagedScope(filepath.Clean(dir), abs, index, &found, &known, hold) {
			continue
		}
		w := walker{cfg: l.opts.Config, tree: l.opts.WorkTree, visited: map[fileID]string{}, diag: func(Diagnostic) {},
			add: func(p, ap string, s bool, st *fileStat) {
				in := input{path: p, sniff: s, key: filepath.ToSlash(ap)}
				if st != nil {
					in.st, in.statted = *st, true
				}
				found = append(found, in)
			},
			expect: func(n int) { found = slices.Grow(found, n) }}
		w.start(filepath.Clean(dir), abs, fi)
	}
	return found, roots, known
}

// factsFor returns the facts of the guides found that are not part of the
// run, through the stat index; roots are the folders walked whole to find
// them. It filters found in place (100,000 guides' worth of fresh memory
// is slow to fault in on some machines).
func (l *Linter) factsFor(ctx context.Context, wd string, found []input, roots []string, inRun map[string]bool, rs *runState) []scopeFile {
	idx := rs.index(l)
	if l.opts.Staged == nil { // git's index lists no untracked files: their entries stay
		for _, r := range roots {
			idx.walked(r)
		}
	}
	var seen map[string]bool // a file found twice: only when two folders were walked
	if len(roots) > 1 {
		seen = map[string]bool{}
	}
	out := make([]scopeFile, 0, len(found))
	ins := found[:0] // for the stats the walk took, and blob ids
	for _, in := range found {
		key := runKey(wd, in.path, in)
		if inRun[key] || seen[key] {
			continue
		}
		if seen != nil {
			seen[key] = true
		}
		out = append(out, scopeFile{key: key, path: displayKey(wd, key, in.path), sniff: in.sniff})
		ins = append(ins, in)
	}
	// Ask the index, on several goroutines: by blob id what git's index
	// lists, by stat the rest (stat'ed here when the walk did not).
	hit, gone := make([]bool, len(out)), make([]bool, len(out))
	eachParallel(len(out), statWorkers, func(i int) {
		// An entry of a file a walk found plainly not a guide answers
		// only when this one was found by its extension too.
		answers := func(e statEntry) bool { return e.Flags&entryNotGuide == 0 || out[i].sniff }
		if blob := ins[i].blob; blob != nil {
			if e, ok := idx.get(out[i].key, true); ok && bytes.Equal(e.Blob, blob) && answers(e) {
				out[i].raw, hit[i] = e.Raw, true
				return
			}
		}
		if !ins[i].statted {
			st, err := statFile(absFromKey(out[i].key))
			if err != nil {
				gone[i] = true // vanished; a full run reports it
				return
			}
			ins[i].st, ins[i].statted = st, true
		}
		// A staged blob that is not the one read may still be the same
		// file (git's blob id is of the bytes as cleaned: line ends
		// converted, LFS pointers): the stat decides then.
		if e, ok := idx.lookup(out[i].key, ins[i].st); ok && answers(e) {
			out[i].raw, hit[i] = e.Raw, true
		}
	})
	var misses []int
	kept, keptIns := out[:0], ins[:0]
	for i := range out {
		if gone[i] {
			continue
		}
		if !hit[i] {
			misses = append(misses, len(kept))
		}
		kept, keptIns = append(kept, out[i]), append(keptIns, ins[i])
	}
	out, ins = kept, keptIns
	blobs := l.scopeMisses(ctx, out, misses)
	if ctx.Err() != nil {
		return out
	}
	for j, i := range misses {
		if !out[i].failed {
			idx.store(out[i].key, ins[i].st, out[i].raw, 0, blobs[j])
		}
	}
	return out
}

// displayKey is displayPath(wd, p) for the file whose key is key: the
// key's tail when the file is below wd (no allocation for each of
// 100,000 guides).
func displayKey(wd, key, p string) string {
	if filepath.Separator == '/' && wd != "" && len(key) > len(wd)+1 && key[len(wd)] == '/' && strings.HasPrefix(key, wd) {
		return key[len(wd)+1:]
	}
	return displayPath(wd, p)
}

// readHook is a test's hook: a scope's file is opened.
var readHook func(path string)

// scopeMisses learns the facts of the scope's files out[i] for i in
// misses, on as many workers as a run has, and returns the blob ids of
// the bytes read, by position in misses.
func (l *Linter) scopeMisses(ctx context.Context, out []scopeFile, misses []int) [][]byte {
	blobs := make([][]byte, len(misses))
	pos := make([]int, len(misses))
	for j := range pos {
		pos[j] = j
	}
	l.parallel(ctx, pos, func(p *guide.Parser, j int) {
		sf := &out[misses[j]]
		sf.raw, blobs[j], sf.failed = l.factsOf(p, sf.path, absFromKey(sf.key), sf.sniff)
	})
	return blobs
}

// parallel calls do for each of items on Options.Jobs workers, each with
// a Parser of its own, until the context ends.
func (l *Linter) parallel(ctx context.Context, items []int, do func(p *guide.Parser, i int)) {
	jobs := l.opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < jobs && w < len(items); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var p guide.Parser // a worker is done with each document before the next
			for i := range next {
				do(&p, i)
			}
		}()
	}
	for _, i := range items {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
}

func absFromKey(key string) string { return filepath.FromSlash(key) }

// factsOf returns the facts of the guide at file, shown as path: from the
// cache's entry for its bytes, else from the Runs of the rules that
// compare guides. A file that does not parse has none: a full run
// reports it; nor does one found by its extension (sniff) that is plainly
// not a guide, which a run skips. failed says the file could not be read.
func (l *Linter) factsOf(p *guide.Parser, path, file string, sniff bool) (facts []byte, blob []byte, failed bool) {
	data, err := readLimited(file, l.maxFileSize())
	if err != nil {
		return nil, nil, true
	}
	blob = l.blobID(data)
	if sniff && !looksLikeGuide(data) {
		return nil, blob, false
	}
	if checkText(path, data) != nil {
		return nil, blob, false
	}
	if c := l.opts.Cache; c != nil && buildID() != "" {
		if r, ok := c.get(l.cacheKey(c, path, data)); ok {
			return r.facts, blob, false
		}
	}
	doc, _ := p.Parse(path, data)
	if doc == nil {
		return nil, blob, false
	}
	var set factSet
	for _, r := range l.checks {
		if r.Run == nil {
			continue
		}
		if fact := runRule(r, path, doc, func(Diagnostic) {}); fact != nil {
			set = set.with(r.ID, fact)
		}
	}
	return encodeFacts(set), blob, false
}

// displayPath shows a path found in the scope relative to the working
// directory wd, as a run over that folder would.
func displayPath(wd, p string) string {
	if !filepath.IsAbs(p) || wd == "" {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil {
		return rel
	}
	return p
}

func readLimited(path string, max int64) ([]byte, error) {
	if readHook != nil {
		readHook(path)
	}
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

func hasRule(ds []Diagnostic, rule string) bool {
	for _, d := range ds {
		if d.Rule == rule {
			return true
		}
	}
	return false
}
