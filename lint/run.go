package lint

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/fserr"
	"github.com/skillguides/guidelint/internal/gctune"
)

// DefaultMaxFileSize is the largest file linted unless Options say
// otherwise: guides are a few dozen kilobytes, and a linter must not read a
// stray dump whole.
const DefaultMaxFileSize = 10 << 20

// StdinPath is the path "-" names on the command line.
const StdinPath = "-"

// Result is the outcome of a run.
type Result struct {
	// Rules are the linter's rules, sorted by ID, for writers that
	// describe them (SARIF).
	Rules []*Rule
	// Baselined are the findings Options.Baseline holds, left out of
	// Diagnostics; Stale its entries for the run's files that matched
	// nothing (the finding was fixed: "guidelint baseline prune" drops
	// them).
	Baselined []Diagnostic
	Stale     []BaselineEntry
	// Suppressed are the findings suppression comments hid, with the
	// comment's reason, by path and line.
	Suppressed []Suppressed
	// Ignores are the files' suppression comments, by path and line,
	// with what each suppressed.
	Ignores []Ignore
	// Diagnostics, sorted by path, line, column and rule.
	Diagnostics []Diagnostic
	// Files is the number of files linted.
	Files int
	// Skipped is the number of files a folder walk found that were not
	// linted because they are plainly not guides (package.json,
	// mkdocs.yml: no top-level key of the format).
	Skipped int
	// Sources holds the source of each file that has diagnostics, by
	// diagnostic path, so that output can quote the offending line.
	Sources map[string][]byte
}

// Rule returns the rule of the run with the given ID, or nil.
// A Result made by hand, without Rules, has the built-in catalogue's.
func (r *Result) Rule(id string) *Rule {
	rules := r.Rules
	if rules == nil {
		rules = DefaultRules()
	}
	i := sort.Search(len(rules), func(i int) bool { return rules[i].ID >= id })
	if i < len(rules) && rules[i].ID == id {
		return rules[i]
	}
	return nil
}

// Count returns how many diagnostics have each severity.
func (r *Result) Count() (errs, warnings, infos int) {
	for _, d := range r.Diagnostics {
		if d.Baselined {
			continue // shown on request, never counted
		}
		switch d.Severity {
		case Error:
			errs++
		case Warning:
			warnings++
		default:
			infos++
		}
	}
	return
}

// Run lints the files and folders named by paths (default "."): folders
// recursively, for .yaml, .yml and .json files, skipping hidden folders
// and the config file; a named file is always linted, whatever its
// extension; "-" is Options.Stdin. Each file goes through what Lint does
// (through the cache when there is one), on Options.Jobs workers; then the
// rules that compare guides compare them all. The error is a *UsageError
// for a named path that does not exist, or the context's.
func (l *Linter) Run(ctx context.Context, paths []string) (*Result, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	jobs := l.opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	// Tuned from the start: a walk of 100,000 files grows the heap from
	// nothing, and the default collector ran a dozen times on the way.
	var gc *gctune.Budget
	if l.opts.TuneGC {
		gc = gctune.Start(jobs)
		defer gc.Stop()
	}
	rs := &runState{gc: gc}
	defer rs.close() // whatever ends the run: facts read from the index are not used after
	if len(l.checks) > 0 && len(l.opts.Scope) > 0 && !l.opts.Shard.on() {
		rs.early = l.startScope(ctx, rs)
		defer rs.early.stop() // before the index closes
	}
	files, walkDiags, err := collect(paths, l.opts.Config, l.opts.WorkTree)
	if err != nil {
		return nil, err
	}
	if l.afterCollect != nil {
		l.afterCollect()
	}
	var others []input // files another shard lints
	if l.opts.Shard.on() {
		own, rest := l.opts.Shard.split(files)
		mine := make([]input, len(own))
		for n, i := range own {
			mine[n] = files[i]
		}
		for _, i := range rest {
			others = append(others, files[i])
		}
		files = mine
	}
	done := make([]runFile, len(files))
	if jobs > len(files) {
		jobs = len(files)
	}
	// One goroutine reads files ahead of the workers, so that a worker
	// never waits on the disk with its core idle; the channel bounds how
	// many read files wait in memory.
	next := make(chan loaded, 2*jobs)
	idx := rs.index(l)
	// A folder named is walked whole: the entries of files no longer in
	// it go. Not in a sharded run, which may not look the other parts'
	// files up (when no rule compares guides).
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() && p != StdinPath && !l.opts.Shard.on() {
			idx.walked(absKeyIn(l.wd, p))
		}
	}
	gc.Hold(int64(len(files)+len(others))*heldPerFile + idx.size())
	pre := l.statInputs(files, idx)
	go func() {
		defer close(next)
		for i := range files {
			ld := loaded{i: i}
			if pre != nil {
				ld = pre[i]
				ld.i = i
			}
			if !ld.clean {
				ld.data, ld.diag = l.readInput(files[i])
				gc.Grow(len(ld.data))
			}
			select {
			case next <- ld:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var p guide.Parser // a worker is done with each guide before the next
			for ld := range next {
				if ld.clean {
					done[ld.i] = keepResult(fileResult{Path: files[ld.i].path, facts: ld.facts, notGuide: ld.notGuide}, files[ld.i].path)
					continue
				}
				r := l.lintOne(&p, files[ld.i], ld.data, ld.diag)
				switch {
				case ld.statted && ld.diag == nil:
					idx.store(ld.key, ld.st, r.facts, r.indexFlags(), l.blobID(ld.data))
				case ld.statted:
					// Not read (perhaps for a moment: EMFILE, EIO): what
					// it holds is not known, so nothing is recorded.
					idx.forget(ld.key)
				}
				done[ld.i] = keepResult(r, files[ld.i].path)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// Files a walk found that are not guides leave the run: they are
	// neither linted nor compared, only counted.
	kept, skipped := 0, 0
	for i := range done {
		if done[i].notGuide {
			skipped++
			continue
		}
		done[kept], files[kept] = done[i], files[i]
		kept++
	}
	rs.others = others
	results := runResults{done[:kept], files[:kept]}
	res, err := l.result(ctx, results, files[:kept], rs, walkDiags, func(_ int, r *fileResult, res *Result) {
		res.keepSource(r) // for snippets: source.go
	})
	rs.early.stop() // done with the index before it is saved
	if res != nil {
		res.Skipped = skipped
		idx.save() // after the rules that compare guides read the scope through it
	}
	return res, err
}

// resultList is the results of a run's files, by position: the rules
// that compare guides and the findings read them through it, so that Run
// need not hold a whole fileResult for each of 100,000 guides.
type resultList interface {
	count() int
	at(i int) fileResult // a copy: what finish changes stays in it
}

// resultSlice is a resultList of whole results (LintAll, Lint).
type resultSlice []fileResult

func (s resultSlice) count() int          { return len(s) }
func (s resultSlice) at(i int) fileResult { return s[i] }

// runResults is Run's resultList: its files' records, each made whole
// as it is read.
type runResults struct {
	done  []runFile
	files []input
}

func (r runResults) count() int          { return len(r.done) }
func (r runResults) at(i int) fileResult { return r.done[i].result(r.files[i].path) }

// runFile is what Run keeps of a linted file until the rules that
// compare guides have run: its facts as the index encodes them, and the
// rest of its result only when it has more (findings, directives, its
// source, a name of its own). The collector marks what a run keeps at
// each of its cycles, a thousand of them at 100,000 guides: 40 bytes and
// no pointer but one for a clean guide, not a fileResult of 216.
type runFile struct {
	facts    []byte
	rest     *fileResult
	notGuide bool
}

// keepResult is what Run keeps of r, the result of the file named path.
func keepResult(r fileResult, path string) runFile {
	if len(r.raw) == 0 && len(r.dirs) == 0 && r.data == nil && r.Path == path {
		return runFile{facts: r.facts, notGuide: r.notGuide}
	}
	rest := new(fileResult) // not &r, which would put every r on the heap
	*rest = r
	return runFile{rest: rest, notGuide: r.notGuide}
}

// result is the file's result again.
func (f *runFile) result(path string) fileResult {
	if f.rest != nil {
		return *f.rest
	}
	return fileResult{Path: path, facts: f.facts, notGuide: f.notGuide}
}

// statInputs stats the files of a run on several goroutines and looks
// each up in the stat index; nil when there is no index. A file the index
// knows clean and unchanged is marked so, with its facts; another keeps
// its stat (taken before it is read: a change while it is read then
// leaves a stat the next run does not trust) for the index to record.
func (l *Linter) statInputs(files []input, idx *statIndex) []loaded {
	if idx == nil || l.wd == "" {
		return nil
	}
	pre := make([]loaded, len(files))
	eachParallel(len(files), statWorkers, func(i int) {
		in := files[i]
		if in.stdin {
			return
		}
		st := in.st
		if !in.statted {
			var err error
			if st, err = statFile(in.path); err != nil {
				return
			}
		}
		if !fs.FileMode(st.Mode).IsRegular() {
			return
		}
		ld := &pre[i]
		ld.key = runKey(l.wd, in.path, in)
		// A file a walk skipped as not a guide is linted when it is
		// named: that entry does not answer then.
		if e, ok := idx.lookup(ld.key, st); ok && (e.Flags&entryClean != 0 || e.Flags&entryNotGuide != 0 && in.sniff) {
			ld.clean, ld.facts, ld.notGuide = true, e.Raw, e.Flags&entryNotGuide != 0
		} else {
			ld.st, ld.statted = st, true
		}
	})
	return pre
}

// heldPerFile is about what a run keeps of each file until it ends: its
// input, what was read or looked up, its result and facts (some 500 bytes
// measured over 100,000 clean guides; findings add their own).
const heldPerFile = 512

// statWorkers is how many stats run at once: a stat mostly waits on the
// kernel, so more goroutines than cores overlap them (8 halve the time of
// 100,000 stats on 2 cores).
const statWorkers = 8

// eachParallel calls do(i) for i in [0, n) on workers goroutines, in
// batches (one goroutine alone for a few items).
func eachParallel(n, workers int, do func(i int)) {
	const batch = 256
	if n <= batch {
		for i := 0; i < n; i++ {
			do(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				start := int(next.Add(batch)) - batch
				if start >= n {
					return
				}
				for i := start; i < min(start+batch, n); i++ {
					do(i)
				}
			}
		}()
	}
	wg.Wait()
}

// result is the second half of Run and LintAll, once every file is
// linted: the rules that compare guides, each file's suppressions and
// severities, the problems met while walking, the config's unused
// ignores, the baseline. keep holds on to a file's text for snippets.
func (l *Linter) result(ctx context.Context, results resultList, files []input, rs *runState, walkDiags []Diagnostic, keep func(i int, r *fileResult, res *Result)) (*Result, error) {
	cross := l.check(ctx, results, files, rs)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := &Result{Files: len(files), Rules: l.Rules()}
	use := newIgnoreUse(l.opts.Config)
	var r fileResult // one for the whole loop: keep makes it escape
	for i := range results.count() {
		r = results.at(i)
		r.finish(l, cross[r.Path], use)
		res.Diagnostics = append(res.Diagnostics, r.Diags...)
		res.Ignores = append(res.Ignores, r.ignores...)
		res.Suppressed = append(res.Suppressed, r.suppressed...)
		keep(i, &r, res)
	}
	if l.opts.Shard.on() && l.opts.Shard.K != 1 {
		walkDiags = nil // the walk's problems are part 1's to report
	}
	for _, d := range walkDiags {
		if sev := l.severity[d.Rule]; sev != Off {
			d.Severity = sev
			d.fingerprint(l.fingerprintPath(d.Path))
			res.Diagnostics = append(res.Diagnostics, d)
		}
	}
	res.Diagnostics = Sort(append(res.Diagnostics, l.unusedConfigIgnores(use, rs.otherFiles())...))
	l.applyBaseline(res, files)
	return res, nil
}

// runState is what a run knows beyond its own files that the rules that
// compare guides need: the files other shards lint, and the stat index,
// loaded once for the run and its scope, whichever asks first, and held
// until the run closes it.
type runState struct {
	others []input
	gc     *gctune.Budget
	early  *earlyScope // Run's scope, read while it lints
	// scopeSaves says the scope's read saves the index (LintAll, Lint);
	// Run saves it itself, after the run.
	scopeSaves bool
	idxOnce    sync.Once
	idx        *statIndex
}

// close closes the stat index, if it was loaded: the facts read from it
// are not to be used after.
func (rs *runState) close() {
	rs.idxOnce.Do(func() {}) // one being loaded is waited for; none is loaded now
	rs.idx.close()
}

// hold tells the run's collector budget that n more bytes stay alive
// until the run ends (the scope's guides).
func (rs *runState) hold(n int64) { rs.gc.Hold(n) }

func (rs *runState) otherFiles() []input { return rs.others }

// index is the run's stat index, loaded on first use.
func (rs *runState) index(l *Linter) *statIndex {
	rs.idxOnce.Do(func() { rs.idx = l.opts.Cache.loadStatIndex(l.fp, l.maxFileSize()) })
	return rs.idx
}

// loaded is a file read for a worker: its data, or the problem reading
// it; or, for a file the stat index knows clean and unchanged, its facts.
type loaded struct {
	i    int
	data []byte
	diag *Diagnostic

	key      string   // the file's key in the stat index
	st       fileStat // its stat before it was read, to record it,
	statted  bool     // when it was taken
	clean    bool     // unchanged since found clean: not read
	facts    []byte   // its facts then, as the index encodes them (statEntry.Raw)
	notGuide bool
}

// input is one file to lint.
type input struct {
	path  string // as diagnostics show it
	stdin bool
	// sniff is set for a file a walk found by its extension: it is
	// skipped when it is plainly not a guide (looksLikeGuide).
	sniff bool
	// key is the file's absolute slash path, the stat index's key ("":
	// not known yet).
	key string
	// st is the file's stat when the walk took one (git's listing is
	// lstat'ed), so that the run need not take it again.
	st      fileStat
	statted bool
	// blob is the file's staged blob id, for a guide of the scope listed
	// from git's index (Options.Staged).
	blob []byte
}

// lintOne lints one file read by Run; problems reading it are "file"
// diagnostics.
func (l *Linter) lintOne(p *guide.Parser, in input, data []byte, d *Diagnostic) fileResult {
	if d != nil {
		return fileResult{Path: d.Path, raw: []Diagnostic{*d}}
	}
	if in.sniff && !looksLikeGuide(data) {
		return fileResult{Path: in.path, notGuide: true}
	}
	name := in.path
	if in.stdin {
		name = stdinName(l.opts)
	}
	r := l.lintCached(p, name, data)
	r.keepData(data, in.stdin) // for Result.Sources: source.go
	return r
}

func stdinName(opts Options) string {
	if opts.StdinName != "" {
		return opts.StdinName
	}
	return "<stdin>"
}

// maxFileSize is the size limit in effect.
func (l *Linter) maxFileSize() int64 {
	if l.opts.MaxFileSize > 0 {
		return l.opts.MaxFileSize
	}
	return DefaultMaxFileSize
}

// checkSize is the file diagnostic of data over the size limit, or nil.
func (l *Linter) checkSize(path string, size int64) *Diagnostic {
	if max := l.maxFileSize(); size > max {
		return fileDiag(path, "file is %s, over the %s size limit", humanSize(size), humanSize(max))
	}
	return nil
}

// checkText is the file diagnostic of data that is not text, or nil.
func checkText(path string, data []byte) *Diagnostic {
	if i := bytes.IndexByte(data, 0); i >= 0 && !hasUTF16BOM(data) {
		return fileDiag(path, "file is not text: it holds a NUL byte at offset %d", i)
	}
	return nil
}

func fileDiag(path, format string, args ...any) *Diagnostic {
	return &Diagnostic{Path: path, Line: 1, Column: 1, Rule: ruleFile, Severity: Error, Message: fmt.Sprintf(format, args...)}
}

// readInput reads one file of a run, or says why it cannot be linted.
func (l *Linter) readInput(in input) ([]byte, *Diagnostic) {
	opts := l.opts
	max := l.maxFileSize()
	path := in.path
	fileDiag := func(format string, args ...any) *Diagnostic { return fileDiag(path, format, args...) }
	var data []byte
	if in.stdin {
		path = stdinName(opts)
		r := opts.Stdin
		if r == nil {
			r = os.Stdin
		}
		b, err := io.ReadAll(io.LimitReader(r, max+1))
		if err != nil {
			return nil, fileDiag("cannot read standard input: %v", err)
		}
		if int64(len(b)) > max {
			return nil, fileDiag("standard input is over the %s size limit", humanSize(max))
		}
		data = b
	} else {
		if l.onRead != nil {
			l.onRead(path)
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, fileDiag("%s", describeOpenError(path, err))
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return nil, fileDiag("cannot read file: %v", fserr.Bare(err).Error())
		}
		if fi.IsDir() {
			return nil, fileDiag("is a folder, not a file")
		}
		if fi.Size() > max {
			return nil, fileDiag("file is %s, over the %s size limit", humanSize(fi.Size()), humanSize(max))
		}
		// Read through a limit as well: the file may grow after Stat.
		data, err = readSized(f, fi.Size(), max)
		if err != nil {
			return nil, fileDiag("cannot read file: %v", fserr.Bare(err).Error())
		}
		if int64(len(data)) > max {
			return nil, fileDiag("file is over the %s size limit", humanSize(max))
		}
	}
	if d := checkText(path, data); d != nil {
		return nil, d
	}
	return data, nil
}

func hasUTF16BOM(b []byte) bool {
	return len(b) >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))
}

func describeOpenError(path string, err error) string {
	switch {
	case errors.Is(err, syscall.ELOOP):
		return "symbolic link loop: cannot resolve " + path
	case errors.Is(err, fs.ErrNotExist):
		if target, lerr := os.Readlink(path); lerr == nil {
			return fmt.Sprintf("dangling symbolic link: target %q does not exist", target)
		}
		return "file vanished before it could be read"
	case errors.Is(err, fs.ErrPermission):
		return "cannot read file: permission denied"
	}
	return "cannot read file: " + fserr.Bare(err).Error()
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Files expands paths the way Run does into the sorted files it would
// lint, StdinPath last: folders are walked with cfg's files and exclude
// globs (every .yaml, .yml and .json file when cfg is nil), hidden folders
// and the config file skipped, and inside a git work tree only what tree
// lists (see WorkTreeFunc; nil walks every folder as is). A file a walk
// found that is plainly not a guide (no top-level key of the format) is
// left out and counted in skipped. Problems met while walking come back as
// "file" diagnostics; a named path that does not exist is a *UsageError.
// Commands that take guides one by one, such as fmt, use it to pick the
// same files as a lint.
func Files(paths []string, cfg *Config, tree WorkTreeFunc) (files []string, skipped int, diags []Diagnostic, err error) {
	in, diags, err := collect(paths, cfg, tree)
	if err != nil {
		return nil, 0, nil, err
	}
	files = make([]string, 0, len(in))
	for _, f := range in {
		if f.sniff {
			// Unreadable files stay: the command says why it cannot read them.
			if data, err := readLimited(f.path, DefaultMaxFileSize); err == nil && !looksLikeGuide(data) {
				skipped++
				continue
			}
		}
		files = append(files, f.path)
	}
	return files, skipped, diags, nil
}

// A WorkTreeFunc lists the files below folder dir that git sees: tracked
// files and untracked ones git does not ignore, relative to dir, and
// true; false when dir is not in a git work tree (SPEC §11). The library
// starts no programs, so a program that wants walks to follow git passes
// one (the command passes one that runs "git ls-files").
type WorkTreeFunc func(dir string) (files []string, ok bool)

// collect expands paths into the sorted list of files to lint. Problems
// met while walking (a dangling link, an unreadable folder) are returned as
// "file" diagnostics; a named path that does not exist is a UsageError.
func collect(paths []string, cfg *Config, tree WorkTreeFunc) ([]input, []Diagnostic, error) {
	var files []input
	var diags []Diagnostic
	// A file reached twice (a folder named under two names, or named
	// and inside a named folder) is linted once, lest it be its own
	// duplicate for id-unique.
	// One path named cannot reach a file twice (a walk enters a folder
	// once): then no map of 100,000 paths is needed.
	var seen map[string]int
	if len(paths) > 1 {
		seen = map[string]int{}
	}
	wd, _ := os.Getwd()
	add := func(p, abs string, sniff bool, st *fileStat) {
		if abs == "" {
			abs = absKeyIn(wd, p)
		}
		abs = filepath.ToSlash(abs)
		if i, dup := seen[abs]; dup {
			files[i].sniff = files[i].sniff && sniff // named as well as found
			return
		}
		if seen != nil {
			seen[abs] = len(files)
		}
		in := input{path: p, sniff: sniff, key: abs}
		if st != nil {
			in.st, in.statted = *st, true
		}
		files = append(files, in)
	}
	stdin := false
	for _, p := range paths {
		if p == StdinPath {
			stdin = true
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			if _, lerr := os.Lstat(p); lerr == nil {
				add(p, "", false, nil) // a broken link named on the command line: report it as a file problem
				continue
			}
			return nil, nil, &UsageError{Msg: fmt.Sprintf("%s: no such file or folder", p)}
		}
		if !fi.IsDir() {
			if !cfg.Excluded(p) {
				st := statOf(fi)
				add(filepath.Clean(p), "", false, &st)
			}
			continue
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, nil, err
		}
		w := walker{cfg: cfg, tree: tree, visited: map[fileID]string{}, add: add, diag: func(d Diagnostic) { diags = append(diags, d) },
			expect: func(n int) { files = slices.Grow(files, n) }}
		w.start(filepath.Clean(p), abs, fi)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	if stdin {
		files = append(files, input{path: StdinPath, stdin: true})
	}
	return files, diags, nil
}

type fileID struct{ dev, ino uint64 }

// walker walks folders, following links to folders but never into a
// folder it is already inside or has seen.
type walker struct {
	cfg     *Config
	tree    WorkTreeFunc // nil: walk every folder as is
	visited map[fileID]string
	// add takes a file found, with sniff set unless the config's files
	// globs chose it (then it is linted whatever it holds), and its stat
	// when the walk took one.
	add  func(path, abs string, sniff bool, st *fileStat)
	diag func(Diagnostic)
	// expect, when set, hears how many files are about to be added at
	// most: growing a list of 100,000 by doubling cost a fifth of a warm
	// run here (fresh pages are slow to fault in).
	expect func(n int)
}

// start walks the folder dir a caller named, whose absolute path is abs:
// as git sees it when it is inside a work tree, else as it is.
func (w *walker) start(dir, abs string, fi fs.FileInfo) {
	if w.tree != nil {
		if files, ok := w.tree(abs); ok {
			w.listed(dir, abs, files)
			return
		}
	}
	w.walk(dir, abs, fi)
}

// listed adds the files git listed below dir (relative to it) that a walk
// would lint: the same hidden folders, globs and config file are skipped.
// git does not follow links; a listed link to a folder is walked as it
// is, as a walk without git would.
func (w *walker) listed(dir, abs string, files []string) {
	// A folder's files together, for the hidden and excluded checks
	// below; the list is the caller's (a language server keeps one for
	// many lints), so a copy is sorted when it is not sorted already.
	if !sort.StringsAreSorted(files) {
		files = append([]string(nil), files...)
		sort.Strings(files)
	}
	var keep []string
	for _, rel := range files {
		if !w.hiddenFolder(rel) && !w.cfg.excludedAbs(joinClean(abs, rel)) { // excludedAbs tries the folders too
			keep = append(keep, rel)
		}
	}
	if w.expect != nil {
		w.expect(len(keep))
	}
	// git's listing says nothing of a file's type: lstat each, on several
	// goroutines (100,000 lstats take 0.4 s one after another here).
	stats := make([]fileStat, len(keep))
	ok := make([]bool, len(keep))
	eachParallel(len(keep), statWorkers, func(i int) {
		st, err := lstatFile(joinClean(dir, keep[i]))
		stats[i], ok[i] = st, err == nil
	})
	for i, rel := range keep {
		if !ok[i] {
			continue // deleted from the work tree, still in the index
		}
		w.entry(joinClean(dir, rel), joinClean(abs, rel), filepath.Base(rel), fs.FileMode(stats[i].Mode).Type(), &stats[i])
	}
}

// joinClean is filepath.Join(dir, rel) for a clean dir, without Join's
// Clean of the whole when rel is clean and inside dir, as git lists
// paths: a walk of git's listing joins three paths for each file.
func joinClean(dir, rel string) string {
	switch {
	case !filepath.IsLocal(rel) || filepath.Clean(rel) != rel:
		return filepath.Join(dir, rel)
	case dir == ".":
		return rel
	case strings.HasSuffix(dir, string(filepath.Separator)):
		return dir + rel
	}
	return dir + string(filepath.Separator) + rel
}

// hiddenFolder reports whether a folder of rel (a path below the walk's
// root) is hidden.
func (w *walker) hiddenFolder(rel string) bool { return inHiddenFolder(rel, filepath.Separator) }

// inHiddenFolder reports whether a folder of the clean relative path rel,
// whose separator is sep, is hidden; a []byte is read without a string
// made (git's staged listing).
func inHiddenFolder[P string | []byte](rel P, sep byte) bool {
	i := len(rel) - 1
	for i >= 0 && rel[i] != sep {
		i-- // the file's own name
	}
	for start := 0; start < i; {
		end := start
		for end < i && rel[end] != sep {
			end++
		}
		if rel[start] == '.' && hidden(string(rel[start:end])) { // a string made only for a dot name
			return true
		}
		start = end + 1
	}
	return false
}

// walk walks dir, whose absolute path is abs (for the config's globs).
func (w *walker) walk(dir, abs string, fi fs.FileInfo) {
	if id, ok := idOf(fi); ok {
		if first, dup := w.visited[id]; dup {
			w.diag(Diagnostic{Path: dir, Line: 1, Column: 1, Rule: ruleFile, Message: fmt.Sprintf("symbolic link loop: folder is %s again; not walked twice", first)})
			return
		}
		w.visited[id] = dir
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.diag(Diagnostic{Path: dir, Line: 1, Column: 1, Rule: ruleFile, Message: "cannot read folder: " + fserr.Bare(err).Error()})
		return
	}
	for _, e := range entries {
		name := e.Name()
		p, ap := filepath.Join(dir, name), filepath.Join(abs, name)
		if w.cfg.excludedAbs(ap) {
			continue
		}
		w.entry(p, ap, name, e.Type(), nil)
	}
}

// entry visits one entry p of a folder (absolute path ap, type typ, and
// lstat fi when the caller took it): a folder is walked, a file that
// matches the globs added.
func (w *walker) entry(p, ap, name string, typ fs.FileMode, st *fileStat) {
	if typ&fs.ModeSymlink != 0 {
		target, err := os.Stat(p)
		if err != nil {
			// A broken link that looks like a guide is reported; other
			// broken links are none of our business.
			if hasGuideExt(p) {
				w.add(p, ap, false, nil)
			}
			return
		}
		if target.IsDir() {
			if !hidden(name) {
				w.walk(p, ap, target)
			}
			return
		}
		ts := statOf(target)
		typ, st = target.Mode().Type(), &ts
	}
	switch {
	case typ.IsDir():
		if hidden(name) {
			return
		}
		sub, err := os.Stat(p)
		if err != nil {
			return // vanished during the walk
		}
		w.walk(p, ap, sub)
	case typ.IsRegular():
		if name == ConfigFileName {
			return
		}
		if in, byGlob := w.cfg.includedAbs(p, ap); in {
			w.add(p, ap, !byGlob, st)
		}
	}
}

func hidden(name string) bool { return len(name) > 1 && name[0] == '.' && name != ".." }

// readSized reads r to its end into a buffer of the expected size, rather
// than ReadAll's doubling from 512 bytes (whose copies were a tenth of a
// warm run). It stops after max+1 bytes, so the caller can tell a file
// that grew past the limit.
func readSized(r io.Reader, size, max int64) ([]byte, error) {
	if size < 0 || size > max {
		size = max
	}
	buf := make([]byte, 0, size+1) // one more, to see EOF without growing
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if int64(len(buf)) > max {
			return buf, nil
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // the file grew since Stat
		}
	}
}
