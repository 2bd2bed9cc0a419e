// Package suggest finds the closest of a set of known words to a misspelt
// one, for "did you mean" hints.
package suggest

// Distance returns the optimal string alignment distance between a and b,
// counted in runes: the number of insertions, deletions, substitutions and
// transpositions of two adjacent runes needed to turn a into b, where no
// substring is edited more than once. A transposition counts as one edit,
// so Distance("wieght", "weight") is 1 (plain Levenshtein distance would
// say 2). The comparison is exact: case matters.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n, m := len(ra), len(rb)
	if n == 0 {
		return m
	}
	if m == 0 {
		return n
	}
	// Three rolling rows of the (n+1)×(m+1) table: the transposition case
	// looks two rows back.
	prev2 := make([]int, m+1)
	prev := make([]int, m+1)
	cur := make([]int, m+1)
	for j := 0; j <= m; j++ {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		for j := 1; j <= m; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
}

// Closest returns the candidate nearest to word by [Distance], provided it
// is at most max edits away. Ties go to the candidate that sorts first, so
// the answer does not depend on the order of candidates. A candidate equal
// to word is returned as is. It reports false when no candidate is close
// enough, when candidates is empty, or when max is negative.
func Closest(word string, candidates []string, max int) (string, bool) {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := Distance(word, c)
		if d > max {
			continue
		}
		if bestDist < 0 || d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	return best, bestDist >= 0
}
