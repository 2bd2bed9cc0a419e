package lint

import (
	"strconv"

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
			"`A-B years` or `A+ years` (or `months`, or `weeks`; the singular is\n" +
			"fine, and so is an en dash). Other clear spellings are understood and\n" +
			"get an `info` note with the house spelling as a fix that\n" +
			"`guidelint --fix` applies:\n" +
			"two units in one range (`6 months - 2 years` is `6-24 months`), `to`\n" +
			"(`0 to 6 months`), `between 2 and 5 years`, abbreviations (`yr`, `yrs`,\n" +
			"`mo`, `mos`, `wk`, `wks`; weeks count as 12/52 of a month), open ends\n" +
			"(`5 years+`, `more than 5 years`, `5 years or more` are `5+ years`)\n" +
			"and `up to 6 months` (`0-6 months`). Text that could mean more than one\n" +
			"thing (`1-3` without a unit, `about a year`) stays an error. Read in\n" +
			"months, the first level starts at 0, each level starts where the\n" +
			"previous one ended, every range increases, and only the\n" +
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
		if !d.house {
			// Clear, but not the house spelling: a note and a certain
			// fix, so that the page shows one form.
			pass.ReportDiagnostic(Diagnostic{Line: dn.Pos.Line, Column: dn.Pos.Col, Severity: Info,
				Message: "duration " + quote(dn.Text) + " reads as " + quote(d.canonical) + "; write it that way, the house spelling",
				Fix:     &Fix{Message: "write duration " + quote(d.canonical), Pointer: "/levels/" + strconv.Itoa(i) + "/duration", NewText: d.canonical}})
		}
		if !d.open && d.end-d.start <= 1e-9 {
			pass.Report(dn.Pos, "duration "+quote(dn.Text)+" does not increase; want the first number smaller than the second")
			continue
		}
		switch {
		case i == 0:
			if d.start != 0 {
				pass.Report(dn.Pos, levelLabel(lv, i)+" starts at "+d.startAmount()+"; want the first level to start at 0")
			}
		case last != nil && !last.open:
			if !sameNumber(d.start, last.end) {
				pass.Report(dn.Pos, levelLabel(lv, i)+" starts at "+d.startAmount()+", but "+
					levelName(levels.Items[i-1], i-1)+" ended at "+last.endAmount()+"; make it start where the level before ends")
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
