package lint

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Severity is how serious a finding is.
type Severity int8

// Severities, from least to most serious. Off disables a rule in a
// configuration; no diagnostic carries it.
const (
	Off Severity = iota
	Info
	Warning
	Error
)

var severityNames = [...]string{"off", "info", "warning", "error"}

// String returns "off", "info", "warning" or "error".
func (s Severity) String() string {
	if s >= 0 && int(s) < len(severityNames) {
		return severityNames[s]
	}
	return "severity(" + strconv.Itoa(int(s)) + ")"
}

// ParseSeverity reads a severity as written in a configuration.
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if s == n {
			return Severity(i), nil
		}
	}
	return Off, fmt.Errorf("unknown severity %q; want off, info, warning or error", s)
}

// MarshalText writes the severity's name, as JSON output wants.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// Diagnostic is one finding, at the exact node it is about.
type Diagnostic struct {
	Path      string   `json:"path"`
	Line      int      `json:"line"`
	Column    int      `json:"column"` // in Unicode code points
	EndLine   int      `json:"end_line,omitempty"`
	EndColumn int      `json:"end_column,omitempty"`
	Severity  Severity `json:"severity"`
	Rule      string   `json:"rule"`
	Message   string   `json:"message"`
	// Pointer is the JSON pointer of the node the finding is about ("" for
	// the whole file, or a finding about no node).
	Pointer string `json:"pointer,omitempty"`
	// Fingerprint identifies the finding across edits that do not touch
	// it (see Fingerprint): baselines and code scanning match findings by
	// it.
	Fingerprint string `json:"fingerprint,omitempty"`
	// Baselined is set on a finding the run's baseline holds (see
	// Result.Baselined).
	Baselined bool `json:"baselined,omitempty"`
	// Fix, when set, is an edit whose result is certain; --fix applies it.
	Fix *Fix `json:"fix,omitempty"`
	// Internal marks a finding about a bug in guidelint (a rule that
	// panicked) rather than about the guide: it is never hidden,
	// downgraded or cached, and makes the command exit 3.
	Internal bool `json:"-"`
}

// fingerprint sets the fingerprint of a finding about no node of a
// document (a file that cannot be read) from its message; path is the
// file's path as fingerprints hold it.
func (d *Diagnostic) fingerprint(path string) {
	if d.Fingerprint != "" {
		return
	}
	d.Fingerprint = Fingerprint(d.Rule, path, d.Pointer, d.Message)
}

// Fix is a suggested change to the file a diagnostic is in: the value at
// Pointer becomes NewText. Fixes are data; the driver applies them.
type Fix struct {
	Message string `json:"message"` // a verb phrase: "set stats.sub_skills to 6"
	Pointer string `json:"pointer"` // JSON pointer of the value to replace
	NewText string `json:"new_text"`
}

// String formats d the way go vet does: "path:line:col: severity: message (rule)".
func (d Diagnostic) String() string {
	return d.Path + ":" + strconv.Itoa(d.Line) + ":" + strconv.Itoa(d.Column) + ": " + d.Severity.String() + ": " + d.Message + " (" + d.Rule + ")"
}

// Less orders diagnostics by path, line, column, rule and message.
func Less(a, b Diagnostic) bool {
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Column != b.Column {
		return a.Column < b.Column
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	return a.Message < b.Message
}

// Sort sorts diagnostics in output order and drops exact duplicates.
func Sort(ds []Diagnostic) []Diagnostic {
	sort.SliceStable(ds, func(i, j int) bool { return Less(ds[i], ds[j]) })
	out := ds[:0]
	for i, d := range ds {
		if i > 0 {
			p := out[len(out)-1]
			if p.Path == d.Path && p.Line == d.Line && p.Column == d.Column && p.Rule == d.Rule && p.Message == d.Message {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// quote quotes a value for a message, shortening long text.
func quote(s string) string {
	const max = 60
	if r := []rune(s); len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return strconv.Quote(s)
}

// fold normalises text for "the same after case and space folding"
// comparisons: lower case, runs of white space as one space, trimmed.
func fold(s string) string {
	if isFolded(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	foldRunes(s, func(r rune) { b.WriteRune(r) })
	return b.String()
}

// isFolded reports whether fold(s) == s, cheaply: the common case of
// already lower-case, single-spaced ASCII text needs no copy.
func isFolded(s string) bool {
	prevSpace := true // a leading space is not folded
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, 'A' <= c && c <= 'Z', c == '\t', c == '\n', c == '\r', c == '\v', c == '\f':
			return false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		default:
			prevSpace = false
		}
	}
	return len(s) == 0 || s[len(s)-1] != ' '
}

// foldRunes calls emit for each rune of fold(s), without allocating.
func foldRunes(s string, emit func(rune)) {
	pending := false // a space is owed before the next word
	started := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			pending = started
			continue
		}
		if pending {
			emit(' ')
			pending = false
		}
		emit(unicode.ToLower(r))
		started = true
	}
}

// foldEqual reports whether fold(a) == fold(b), without allocating.
func foldEqual(a, b string) bool {
	if a == b {
		return true
	}
	// Most pairs differ early: compare the leading printable ASCII, which
	// fold leaves alone but for case, byte by byte, and leave the rest
	// (white space, other scripts) to the folding iterators.
	i := 0
	for i < len(a) && i < len(b) {
		ca, cb := a[i], b[i]
		if ca <= ' ' || ca >= utf8.RuneSelf || cb <= ' ' || cb >= utf8.RuneSelf {
			break
		}
		if lowerASCII(ca) != lowerASCII(cb) {
			return false
		}
		i++
	}
	// Both have folded to the same i letters; go on from there.
	fa := foldIter{s: a, i: i, started: i > 0}
	fb := foldIter{s: b, i: i, started: i > 0}
	for {
		ra, oka := fa.next()
		rb, okb := fb.next()
		if oka != okb || ra != rb {
			return false
		}
		if !oka {
			return true
		}
	}
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// foldIter yields the runes of fold(s) one at a time.
type foldIter struct {
	s       string
	i       int
	pending bool
	started bool
}

func (f *foldIter) next() (rune, bool) {
	for f.i < len(f.s) {
		// ASCII first: nearly all text is, and decoding every byte as a
		// rune and asking unicode about it cost most of the duplicate rule.
		r, size := rune(f.s[f.i]), 1
		switch {
		case r >= utf8.RuneSelf:
			r, size = utf8.DecodeRuneInString(f.s[f.i:])
		case r == ' ' || '\t' <= r && r <= '\r':
			f.i++
			f.pending = f.started
			continue
		case f.pending:
			f.pending = false
			return ' ', true
		default:
			f.i++
			f.started = true
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			return r, true
		}
		if unicode.IsSpace(r) {
			f.i += size
			f.pending = f.started
			continue
		}
		if f.pending {
			f.pending = false
			return ' ', true
		}
		f.i += size
		f.started = true
		return unicode.ToLower(r), true
	}
	return 0, false
}

// foldHash hashes fold(s) (FNV-1a), without allocating.
func foldHash(s string) uint64 {
	h := uint64(14695981039346656037)
	foldRunes(s, func(r rune) {
		h ^= uint64(r)
		h *= 1099511628211
	})
	return h
}

func itoa(i int) string { return strconv.Itoa(i) }
