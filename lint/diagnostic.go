package lint

import (
	"fmt"
	"sort"
	"strconv"
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

func itoa(i int) string { return strconv.Itoa(i) }
