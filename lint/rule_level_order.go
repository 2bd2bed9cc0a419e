package lint

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/schema"
)

// levelOrder reports level durations that do not parse or do not form one
// increasing, gap-free sequence.
func levelOrder() *Rule {
	return &Rule{
		ID:       "level-order",
		Summary:  "level durations are not contiguous and increasing",
		Severity: Error,
		Doc: "Reports a level `duration` that does not parse, and levels whose\n" +
			"durations do not follow one another. A duration is `A-B months`,\n" +
			"`A-B years` or `A+ years` (or `months`; the singular is fine, and so is\n" +
			"an en dash). Read in months, the first level starts at 0, each level\n" +
			"starts where the previous one ended, every range increases, and only the\n" +
			"last level may be open-ended. The diagnostic is at the offending\n" +
			"`duration` value.\n" +
			"\n" +
			"Levels are a ladder readers place themselves on; a gap (6-12 months,\n" +
			"then 2-5 years) or an overlap leaves them unsure where they stand.\n" +
			"\n" +
			"Bad:\n" +
			"\n" +
			"```yaml\n" +
			"levels:\n" +
			"  - name: Beginner\n" +
			"    duration: 0-6 months\n" +
			"  - name: Intermediate\n" +
			"    duration: 6-24 months\n" +
			"  - name: Advanced\n" +
			"    duration: 3-5 years  # level \"Advanced\" starts at 3 years, but \"Intermediate\" ended at 24 months; make it start where the level before ends\n" +
			"```\n" +
			"\n" +
			"Good:\n" +
			"\n" +
			"```yaml\n" +
			"levels:\n" +
			"  - name: Beginner\n" +
			"    duration: 0-6 months\n" +
			"  - name: Intermediate\n" +
			"    duration: 6-24 months\n" +
			"  - name: Advanced\n" +
			"    duration: 2-5 years\n" +
			"  - name: Expert\n" +
			"    duration: 5+ years\n" +
			"```",
		Run: runLevelOrder,
	}
}

// durationRE matches "A-B unit" and "A+ unit". The dash may be a hyphen or
// an en dash, with spaces around it; the unit is month(s) or year(s) in any
// case.
var durationRE = regexp.MustCompile(`(?i)^\s*(\d+(?:\.\d+)?)\s*(?:(?:-|–)\s*(\d+(?:\.\d+)?)|(\+))\s*(months?|years?)\s*$`)

// duration is a parsed level duration.
type duration struct {
	from, to   string  // the numbers as written; to is "" when open
	start, end float64 // in months; end is meaningless when open
	open       bool
	unit       string // "month" or "year", as the writer used it
}

// parseDuration reads "0-6 months", "2-5 years", "5+ years".
func parseDuration(s string) (duration, bool) {
	m := durationRE.FindStringSubmatch(s)
	if m == nil {
		return duration{}, false
	}
	d := duration{from: m[1], to: m[2], open: m[3] != "", unit: "month"}
	scale := 1.0
	if strings.HasPrefix(strings.ToLower(m[4]), "year") {
		d.unit, scale = "year", 12
	}
	a, err := strconv.ParseFloat(m[1], 64)
	if err != nil || math.IsInf(a, 0) {
		return duration{}, false
	}
	d.start = a * scale
	if !d.open {
		b, err := strconv.ParseFloat(m[2], 64)
		if err != nil || math.IsInf(b, 0) {
			return duration{}, false
		}
		d.end = b * scale
	}
	return d, true
}

// amount writes a number of d's unit: "1 year", "24 months".
func (d duration) amount(n string) string {
	if n == "1" {
		return n + " " + d.unit
	}
	return n + " " + d.unit + "s"
}

// levelLabel names a level in a message: "level" and its name, or its
// place.
func levelLabel(n *guide.Node, i int) string {
	if name, ok := usableName(n); ok {
		return "level " + quote(name)
	}
	return "level " + strconv.Itoa(i+1)
}

// levelName is levelLabel without the word "level" for a named level.
func levelName(n *guide.Node, i int) string {
	if name, ok := usableName(n); ok {
		return quote(name)
	}
	return levelLabel(n, i)
}

// usableName returns a level's name when it has one worth showing.
func usableName(n *guide.Node) (string, bool) {
	name := n.Get("name")
	if name == nil || name.Kind != guide.KindString || isBlank(name.Text) {
		return "", false
	}
	return name.Text, true
}

func runLevelOrder(pass *Pass) {
	levels := pass.Guide.Levels.Node // as written: malformed levels count in the ladder
	if levels == nil {
		return
	}
	// prev is the previous level's duration, nil when that level's
	// duration is unknown or unusable: the chain is checked again from the
	// next well-formed pair on.
	var prev *duration
	for i, lv := range levels.Items {
		last := prev
		prev = nil
		if lv == nil || lv.Kind != guide.KindMapping {
			continue // the schema reports it
		}
		dn := lv.Get("duration")
		if dn == nil || dn.Kind != guide.KindString || schema.Blank(dn.Text) {
			continue // missing, wrong type or blank: the schema reports it
		}
		d, ok := parseDuration(dn.Text)
		if !ok {
			pass.Report(dn.Pos, "duration "+quote(dn.Text)+` does not parse; want "A-B months", "A-B years" or "A+ years"`)
			continue
		}
		if !d.open && d.end-d.start <= 1e-9 {
			pass.Report(dn.Pos, "duration "+quote(dn.Text)+" does not increase; want the first number smaller than the second")
			continue
		}
		switch {
		case i == 0:
			if d.start != 0 {
				pass.Report(dn.Pos, levelLabel(lv, i)+" starts at "+d.amount(d.from)+"; want the first level to start at 0")
			}
		case last != nil && !last.open:
			if !sameNumber(d.start, last.end) {
				pass.Report(dn.Pos, levelLabel(lv, i)+" starts at "+d.amount(d.from)+", but "+
					levelName(levels.Items[i-1], i-1)+" ended at "+last.amount(last.to)+"; make it start where the level before ends")
			}
		}
		if d.open && i < len(levels.Items)-1 {
			next := "another level follows"
			if nx := levels.Items[i+1]; nx != nil && nx.Kind == guide.KindMapping {
				next = levelName(nx, i+1) + " follows"
			}
			pass.Report(dn.Pos, levelLabel(lv, i)+" is open-ended ("+quote(dn.Text)+") but "+next+"; only the last level may be open-ended")
		}
		prev = &d
	}
}
