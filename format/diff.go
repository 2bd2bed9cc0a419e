package format

import (
	"bytes"
	"fmt"
	"strings"
)

// Diff returns a unified diff of the lines of a and b, the way "diff -u"
// writes it ("--- a/path" and "+++ b/path" headers for the names given,
// hunks with three lines of context), or nil when they are equal. A last
// line without a newline is marked "\ No newline at end of file".
func Diff(aName, bName string, a, b []byte) []byte {
	if bytes.Equal(a, b) {
		return nil
	}
	x, y := diffLines(a), diffLines(b)
	ops := myers(x, y)
	var out bytes.Buffer
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", aName, bName)
	const context = 3
	for i := 0; i < len(ops); {
		// Find the next change and the run of changes close enough to
		// share a hunk with it.
		for i < len(ops) && ops[i].kind == ' ' {
			i++
		}
		if i == len(ops) {
			break
		}
		start := i - context
		if start < 0 {
			start = 0
		}
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j + 1
				continue
			}
			if j-end >= 2*context {
				break
			}
		}
		stop := end + context
		if stop > len(ops) {
			stop = len(ops)
		}
		h := ops[start:stop]
		aStart, bStart := h[0].a, h[0].b
		var aLen, bLen int
		for _, op := range h {
			if op.kind != '+' {
				aLen++
			}
			if op.kind != '-' {
				bLen++
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(aStart, aLen), hunkRange(bStart, bLen))
		for _, op := range h {
			line := op.text
			out.WriteByte(op.kind)
			out.WriteString(line)
			if !strings.HasSuffix(line, "\n") {
				out.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = stop
	}
	return out.Bytes()
}

// hunkRange formats the start (0-based index of the first line) and
// length of one side of a hunk as diff -u does.
func hunkRange(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start) // the line before an empty range
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

// diffLines splits text into lines, each with its newline.
func diffLines(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	lines := strings.SplitAfter(string(b), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// edit is one line of a diff: ' ' kept, '-' deleted, '+' inserted; a and b
// are the 0-based indexes of the line in each side (for an insertion, a is
// where it goes; for a deletion, b).
type edit struct {
	kind byte
	text string
	a, b int
}

// maxEdits bounds the edit distance myers looks for. A shortest script
// costs time (n+m)·D and, to walk it back, memory D²; a file that fmt
// rewrites whole (a long flow-style list turned into blocks) has a D as
// large as the file, and an unbounded search took minutes and gigabytes.
// Past the bound the changed middle is shown deleted and inserted whole:
// still a correct diff, only not the shortest. (A variable for tests.)
var maxEdits = 1000

// myers computes an edit script from x to y, deletions before insertions
// within a change: the lines both start and end with are kept, and the
// middle gets a shortest script by Myers' O(ND) algorithm when one within
// maxEdits exists.
func myers(x, y []string) []edit {
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	ops := make([]edit, 0, len(x)+len(y)-pre-suf)
	for i := 0; i < pre; i++ {
		ops = append(ops, edit{' ', x[i], i, i})
	}
	xm, ym := x[pre:len(x)-suf], y[pre:len(y)-suf]
	mid, ok := shortestEdits(xm, ym)
	if !ok {
		mid = mid[:0]
		for i, line := range xm {
			mid = append(mid, edit{'-', line, i, 0})
		}
		for j, line := range ym {
			mid = append(mid, edit{'+', line, len(xm), j})
		}
	}
	for _, e := range mid {
		e.a += pre
		e.b += pre
		ops = append(ops, e)
	}
	for i := 0; i < suf; i++ {
		a, b := len(x)-suf+i, len(y)-suf+i
		ops = append(ops, edit{' ', x[a], a, b})
	}
	return ops
}

// shortestEdits is Myers' algorithm; ok is false when the shortest script
// is longer than maxEdits.
func shortestEdits(x, y []string) (ops []edit, ok bool) {
	n, m := len(x), len(y)
	dmax := min(n+m, maxEdits)
	off := dmax + 1
	v := make([]int, 2*dmax+3) // v[off+k]: the furthest i on diagonal k
	// trace[d] holds v[off-d-1 : off+d+2] as it was before step d: all a
	// walk back through step d reads.
	var trace [][]int
	found := false
	for d := 0; d <= dmax && !found; d++ {
		trace = append(trace, append([]int(nil), v[off-d-1:off+d+2]...))
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				i = v[off+k+1] // down: an insertion
			} else {
				i = v[off+k-1] + 1 // right: a deletion
			}
			j := i - k
			for i < n && j < m && x[i] == y[j] {
				i++
				j++
			}
			v[off+k] = i
			if i >= n && j >= m {
				found = true
				break
			}
		}
	}
	if !found {
		return nil, false
	}
	// Walk the trace back from (n, m) to (0, 0).
	var rev []edit
	i, j := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		vd := func(k int) int { return trace[d][k+d+1] }
		k := i - j
		var prevK int
		if k == -d || (k != d && vd(k-1) < vd(k+1)) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevI := vd(prevK)
		prevJ := prevI - prevK
		for i > prevI && j > prevJ {
			i--
			j--
			rev = append(rev, edit{' ', x[i], i, j})
		}
		if d > 0 {
			if i == prevI {
				j--
				rev = append(rev, edit{'+', y[j], i, j})
			} else {
				i--
				rev = append(rev, edit{'-', x[i], i, j})
			}
		}
		i, j = prevI, prevJ
	}
	ops = make([]edit, len(rev))
	for k := range rev {
		ops[k] = rev[len(rev)-1-k]
	}
	return ops, true
}
