package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/skillguides/guidelint/guide"
)

// quizOptions reports two options of one quiz question that say the same.
func quizOptions() *Rule {
	return &Rule{
		ID:       "quiz-options",
		Summary:  "two options of a quiz question are the same",
		Severity: Error,
		Doc: "Reports a quiz option equal to an earlier option of the same question\n" +
			"once runs of spaces and Unicode normalization (a composed or decomposed\n" +
			"accent) are ignored. The diagnostic is at the second option\n" +
			"and names the line of the first.\n" +
			"\n" +
			"Two options that read the same make the question ambiguous, and when\n" +
			"one of them is the answer, the quiz marks one copy right and the other\n" +
			"wrong. Options that differ only in case (`Deployment`, `deployment`) may\n" +
			"be the point of a question about case, so they are an info note, not an\n" +
			"error. A repeated option that is also the answer is reported here\n" +
			"once, saying so; `quiz-answer` does not report it again. (Repeated items\n" +
			"of other lists are the `duplicate` rule's, which also ignores case.)\n" +
			"\n" +
			"Bad:\n" +
			"\n" +
			"```yaml\n" +
			"assessment:\n" +
			"  quiz:\n" +
			"    - question: Which tool tracks ML experiments?\n" +
			"      options:\n" +
			"        - MLflow\n" +
			"        - Grafana\n" +
			"        - Grafana    # duplicate option \"Grafana\" (first at line 6); remove one or reword it\n" +
			"      answer: MLflow\n" +
			"```\n" +
			"\n" +
			"Good:\n" +
			"\n" +
			"```yaml\n" +
			"assessment:\n" +
			"  quiz:\n" +
			"    - question: Which tool tracks ML experiments?\n" +
			"      options:\n" +
			"        - MLflow\n" +
			"        - Grafana\n" +
			"        - Terraform\n" +
			"      answer: MLflow\n" +
			"```",
		Run: runQuizOptions,
	}
}

func runQuizOptions(pass *Pass) {
	a := pass.Guide.Assessment
	if a == nil {
		return
	}
	for _, q := range a.Quiz.Items {
		if q.Options.Node == nil {
			continue
		}
		// All the options as written: reportRepeats leaves what is not
		// text alone, and knows an alias from a repeat.
		items := q.Options.Node.Items
		reportRepeats(items, func(first, dup *guide.Node) {
			if same := sameOption(items, dup); same != nil {
				first = same
				msg := "duplicate option " + quote(dup.Text) + " " + firstAt(first, dup)
				if q.Answer != nil && q.Answer.Value == dup.Text && first.Text == dup.Text {
					// quiz-answer leaves this to us: the answer matches
					// more than one option because of this repeat.
					msg += "; it is the answer, which must match exactly one option"
				}
				pass.Report(dup.Pos, msg+"; remove one or reword it")
				return
			}
			// Case may be what the question asks about: say so, mildly.
			pass.ReportDiagnostic(Diagnostic{Line: dup.Pos.Line, Column: dup.Pos.Col, Severity: Info,
				Message: "option " + quote(dup.Text) + " differs only in case from " + quote(first.Text) + " at " + lineOf(first, dup) + "; fine for a question about case, else write it once"})
		})
	}
}

// sameOption returns the first option before dup in items that is the
// same as dup but for white space and normalization, or nil when only
// case tells them all apart. (reportRepeats names the first equal after
// case folding too, which may be a case variant of an earlier exact copy.)
func sameOption(items []*guide.Node, dup *guide.Node) *guide.Node {
	for _, it := range items {
		if it == dup {
			break
		}
		if it != nil && it.Kind == guide.KindString && spaceFoldEqual(it.Text, dup.Text) {
			return it
		}
	}
	return nil
}

// reportRepeats calls report for each string among items equal, after
// case and space folding, to an earlier one. Other values (nil included)
// and blank strings are left to the schema.
func reportRepeats(items []*guide.Node, report func(first, dup *guide.Node)) {
	if len(items) < 2 {
		return
	}
	// Lists are short: compare pairs without building folded copies. A long
	// list is bucketed by the hash of its folded items first.
	var buckets map[uint64][]*guide.Node
	if len(items) > 16 {
		buckets = make(map[uint64][]*guide.Node, len(items))
	}
	for i, it := range items {
		if it == nil || it.Kind != guide.KindString || isBlank(it.Text) {
			continue
		}
		var candidates []*guide.Node
		var h uint64
		if buckets != nil {
			h = foldHash(it.Text)
			candidates = buckets[h]
		} else {
			candidates = items[:i]
		}
		for _, first := range candidates {
			// A blank first never folds equal to the non-blank it.
			if first == nil || first.Kind != guide.KindString || !foldEqual(first.Text, it.Text) {
				continue
			}
			// An alias of the first (*a after &a) repeats it on purpose,
			// and has no position of its own to report at.
			if first != it {
				report(first, it)
			}
			goto next
		}
		if buckets != nil {
			buckets[h] = append(buckets[h], it)
		}
	next:
	}
}

// lineOf says where first is, seen from dup: "line 12", with the column
// when both are on one line.
func lineOf(first, dup *guide.Node) string {
	s := "line " + itoa(first.Pos.Line)
	if first.Pos.Line == dup.Pos.Line {
		s += ", column " + itoa(first.Pos.Col)
	}
	return s
}

// spaceFoldEqual reports whether a and b are equal once normalized (NFC)
// and runs of white space are one space and the ends trimmed, case kept.
func spaceFoldEqual(a, b string) bool {
	return strings.Join(strings.Fields(nfc(a)), " ") == strings.Join(strings.Fields(nfc(b)), " ")
}

// isBlank reports whether s is empty or only white space.
func isBlank(s string) bool {
	if s != "" && s[0] > ' ' && s[0] < utf8.RuneSelf {
		return false // the common case, without decoding
	}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}
