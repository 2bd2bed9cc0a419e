package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/fserr"
)

// A baseline records the findings a repository accepts for now (SPEC §9):
// a run with it reports only findings it does not hold, so a team can
// gate pull requests on day one and fix the old findings as it goes.
// Findings are matched by rule and fingerprint, which no edit elsewhere in
// the file changes, and counted: a guide whose one baselined finding is
// fixed while another of the same rule appears fails, unlike a baseline
// of counts per rule and file.

// BaselineFileName is the baseline guidelint writes and reads by default.
const BaselineFileName = ".guidelint-baseline.json"

// baselineVersion is the format of the file; another is refused.
const baselineVersion = 1

// Baseline is a set of accepted findings.
type Baseline struct {
	// Path is the file it was read from, for messages.
	Path string
	// Entries, sorted by path, rule, pointer and fingerprint.
	Entries []BaselineEntry
}

// BaselineEntry is one accepted finding, Count times in its file.
type BaselineEntry struct {
	// Path is the file's path as fingerprints hold it: relative to the
	// repository.
	Path        string `json:"path"`
	Rule        string `json:"rule"`
	Pointer     string `json:"pointer"`
	Fingerprint string `json:"fingerprint"`
	Count       int    `json:"count"`
	// Message is the finding's message when recorded, for a reader of
	// the file; matching ignores it.
	Message string `json:"message"`
}

// baselineFile is the file's JSON form.
type baselineFile struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
}

// NewBaseline records findings, as a run returns them, as a baseline.
// Findings without a fingerprint (an internal error) are left out.
func (l *Linter) NewBaseline(diags []Diagnostic) *Baseline {
	byKey := map[string]*BaselineEntry{}
	var order []string
	for _, d := range diags {
		if d.Fingerprint == "" || d.Internal {
			continue
		}
		k := d.Rule + "\x00" + d.Fingerprint
		if e := byKey[k]; e != nil {
			e.Count++
			continue
		}
		byKey[k] = &BaselineEntry{Path: l.fingerprintPath(d.Path), Rule: d.Rule, Pointer: d.Pointer, Fingerprint: d.Fingerprint, Count: 1, Message: d.Message}
		order = append(order, k)
	}
	b := &Baseline{}
	for _, k := range order {
		b.Entries = append(b.Entries, *byKey[k])
	}
	b.sort()
	return b
}

func (b *Baseline) sort() {
	sort.Slice(b.Entries, func(i, j int) bool {
		x, y := b.Entries[i], b.Entries[j]
		if x.Path != y.Path {
			return x.Path < y.Path
		}
		if x.Rule != y.Rule {
			return x.Rule < y.Rule
		}
		if x.Pointer != y.Pointer {
			return x.Pointer < y.Pointer
		}
		return x.Fingerprint < y.Fingerprint
	})
}

// Marshal returns the baseline as the file holds it: sorted, indented,
// one entry per finding, so that a change reads well in a diff.
func (b *Baseline) Marshal() ([]byte, error) {
	f := baselineFile{Version: baselineVersion, Findings: b.Entries}
	if f.Findings == nil {
		f.Findings = []BaselineEntry{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// LoadBaseline reads a baseline file. A file that is not one (bad JSON,
// an unknown key, a missing field, a count below 1, another version) is a
// *ConfigError at the offending line and column: a hand-edited baseline
// must never pass silently.
func LoadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &ConfigError{Path: path, Msg: "cannot read baseline: " + fserr.Bare(err).Error()}
	}
	return ParseBaseline(path, data)
}

// ParseBaseline reads a baseline from data; path names it in errors.
func ParseBaseline(path string, data []byte) (*Baseline, error) {
	name := path
	if !strings.EqualFold(filepath.Ext(name), ".json") {
		name += ".json" // read as JSON whatever its name
	}
	fail := func(p guide.Pos, format string, args ...any) error {
		return &ConfigError{Path: path, Line: p.Line, Col: p.Col, Msg: "baseline: " + fmt.Sprintf(format, args...)}
	}
	doc, err := guide.Parse(name, data)
	var list guide.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		return nil, fail(list[0].Pos, "%s", list[0].Msg)
	}
	if err != nil || doc == nil || doc.Root == nil {
		return nil, &ConfigError{Path: path, Msg: "baseline: not a JSON object"}
	}
	root := doc.Root
	if err := onlyKeys(root, fail, "version", "findings"); err != nil {
		return nil, err
	}
	v := root.Get("version")
	if v == nil || v.Kind != guide.KindNumber || v.Num != baselineVersion {
		at := root.Pos
		if v != nil {
			at = v.Pos
		}
		return nil, fail(at, "version must be %d (written by this guidelint); write the baseline again", baselineVersion)
	}
	fs := root.Get("findings")
	if fs == nil || fs.Kind != guide.KindSequence {
		return nil, fail(root.Pos, "findings must be a list")
	}
	b := &Baseline{Path: path}
	for _, it := range fs.Items {
		if it.Kind != guide.KindMapping {
			return nil, fail(it.Pos, "a finding must be an object with path, rule, pointer, fingerprint, count and message")
		}
		if err := onlyKeys(it, fail, "path", "rule", "pointer", "fingerprint", "count", "message"); err != nil {
			return nil, err
		}
		var e BaselineEntry
		for _, f := range []struct {
			key      string
			dst      *string
			nonEmpty bool
		}{{"path", &e.Path, true}, {"rule", &e.Rule, true}, {"pointer", &e.Pointer, false}, {"fingerprint", &e.Fingerprint, true}, {"message", &e.Message, false}} {
			n := it.Get(f.key)
			switch {
			case n == nil:
				return nil, fail(it.Pos, "finding is missing %q", f.key)
			case n.Kind != guide.KindString || (f.nonEmpty && n.Text == ""):
				return nil, fail(n.Pos, "%s must be a non-empty string", f.key)
			}
			*f.dst = n.Text
		}
		c := it.Get("count")
		if c == nil || c.Kind != guide.KindNumber || c.Num < 1 || c.Num != float64(int(c.Num)) {
			at := it.Pos
			if c != nil {
				at = c.Pos
			}
			return nil, fail(at, "count must be a whole number of at least 1")
		}
		e.Count = int(c.Num)
		b.Entries = append(b.Entries, e)
	}
	b.sort()
	return b, nil
}

// onlyKeys fails at the first key of n not in keys.
func onlyKeys(n *guide.Node, fail func(guide.Pos, string, ...any) error, keys ...string) error {
	if n.Kind != guide.KindMapping {
		return fail(n.Pos, "want an object with %s", strings.Join(keys, ", "))
	}
	for _, f := range n.Fields {
		if !contains(keys, f.Key) {
			return fail(f.KeyPos, "%s", unknownKey(f.Key, keys))
		}
	}
	return nil
}

// applyBaseline moves the findings the baseline holds from res.Diagnostics
// to res.Baselined, and lists in res.Stale its entries for the run's
// files that matched nothing (a file not in the run says nothing about
// its entries).
func (l *Linter) applyBaseline(res *Result, files []input) {
	b := l.opts.Baseline
	if b == nil {
		return
	}
	left := map[string]int{}
	for _, e := range b.Entries {
		left[e.Rule+"\x00"+e.Fingerprint] += e.Count
	}
	kept := res.Diagnostics[:0]
	for _, d := range res.Diagnostics {
		k := d.Rule + "\x00" + d.Fingerprint
		if d.Fingerprint != "" && !d.Internal && left[k] > 0 {
			left[k]--
			d.Baselined = true
			res.Baselined = append(res.Baselined, d)
			continue
		}
		kept = append(kept, d)
	}
	res.Diagnostics = kept
	inRun := map[string]bool{}
	for _, f := range files {
		inRun[l.fingerprintPath(f.path)] = true
	}
	for _, e := range b.Entries {
		k := e.Rule + "\x00" + e.Fingerprint
		if n := left[k]; n > 0 && inRun[e.Path] {
			s := e
			s.Count = min(n, e.Count)
			left[k] -= s.Count
			res.Stale = append(res.Stale, s)
		}
	}
}

// Prune returns the baseline without the entries of stale (as a run with
// it reports them).
func (b *Baseline) Prune(stale []BaselineEntry) *Baseline {
	drop := map[string]int{}
	for _, s := range stale {
		drop[s.Rule+"\x00"+s.Fingerprint] += s.Count
	}
	out := &Baseline{Path: b.Path}
	for _, e := range b.Entries {
		k := e.Rule + "\x00" + e.Fingerprint
		n := min(drop[k], e.Count)
		drop[k] -= n
		if e.Count-n > 0 {
			e.Count -= n
			out.Entries = append(out.Entries, e)
		}
	}
	return out
}

// Ratchet splits findings into those new against old, the findings of an
// earlier state of the same files (a git revision), and those old already
// had: matched by rule and fingerprint, and counted, as a baseline is.
func Ratchet(diags, old []Diagnostic) (fresh, known []Diagnostic) {
	had := map[string]int{}
	for _, d := range old {
		had[d.Rule+"\x00"+d.Fingerprint]++
	}
	for _, d := range diags {
		k := d.Rule + "\x00" + d.Fingerprint
		if d.Fingerprint != "" && !d.Internal && had[k] > 0 {
			had[k]--
			d.Baselined = true
			known = append(known, d)
			continue
		}
		fresh = append(fresh, d)
	}
	return fresh, known
}
