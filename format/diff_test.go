package format

import (
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDiffEqual(t *testing.T) {
	if d := Diff("a", "b", []byte("x\n"), []byte("x\n")); d != nil {
		t.Errorf("Diff of equal texts = %q, want nil", d)
	}
}

func TestDiffFormat(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n"
	b := "1\n2\n3\n4\n5\nsix\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n"
	want := `--- a/x.yaml
+++ b/x.yaml
@@ -3,7 +3,7 @@
 3
 4
 5
-6
+six
 7
 8
 9
@@ -13,3 +13,4 @@
 13
 14
 15
+16
`
	got := string(Diff("a/x.yaml", "b/x.yaml", []byte(a), []byte(b)))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestDiffEdges(t *testing.T) {
	for _, tc := range []struct{ a, b, want string }{
		{"", "x\n", "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n"},
		{"x\n", "", "--- a\n+++ b\n@@ -1 +0,0 @@\n-x\n"},
		{"x", "x\n", "--- a\n+++ b\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+x\n"},
	} {
		got := string(Diff("a", "b", []byte(tc.a), []byte(tc.b)))
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Diff(%q, %q) (-want +got):\n%s", tc.a, tc.b, diff)
		}
	}
}

// TestDiffApplies checks on random texts that the diff, applied with
// patch(1) when it is installed and with a small applier otherwise,
// turns a into b, and that the edit script is minimal (as long as the
// one a longest common subsequence gives).
func TestDiffApplies(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	words := []string{"a", "b", "c", "d"}
	text := func() string {
		var sb strings.Builder
		for i := r.Intn(30); i > 0; i-- {
			sb.WriteString(words[r.Intn(len(words))] + "\n")
		}
		return sb.String()
	}
	patch, _ := exec.LookPath("patch")
	for i := 0; i < 300; i++ {
		a, b := text(), text()
		d := Diff("a", "b", []byte(a), []byte(b))
		if a == b {
			continue
		}
		x, y := diffLines([]byte(a)), diffLines([]byte(b))
		changes := 0
		for _, op := range myers(x, y) {
			if op.kind != ' ' {
				changes++
			}
		}
		if want := len(x) + len(y) - 2*lcs(x, y); changes != want {
			t.Fatalf("edit script of %q -> %q has %d changes, want %d", a, b, changes, want)
		}
		if got := apply(t, a, string(d)); got != b {
			t.Fatalf("applying the diff of\n%q\nto\n%q\ngave %q\ndiff:\n%s", a, b, got, d)
		}
		if patch != "" && i%30 == 0 {
			dir := t.TempDir()
			f := filepath.Join(dir, "f")
			os.WriteFile(f, []byte(a), 0o644)
			cmd := exec.Command(patch, "-s", f)
			cmd.Stdin = strings.NewReader(string(d))
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("patch: %v\n%s\ndiff:\n%s", err, out, d)
			}
			got, _ := os.ReadFile(f)
			if string(got) != b {
				t.Fatalf("patch gave %q, want %q", got, b)
			}
		}
	}
}

// apply applies a unified diff (as Diff writes it) to a.
func apply(t *testing.T, a, d string) string {
	t.Helper()
	src := diffLines([]byte(a))
	var out []string
	pos := 0
	lines := strings.SplitAfter(d, "\n")
	for i := 2; i < len(lines) && lines[i] != ""; i++ {
		l := lines[i]
		if strings.HasPrefix(l, "@@") {
			var as, al, bs, bl int
			if _, err := fmt.Sscanf(normalizeRange(l), "@@ -%d,%d +%d,%d @@", &as, &al, &bs, &bl); err != nil {
				t.Fatalf("bad hunk header %q: %v", l, err)
			}
			start := as - 1
			if al == 0 {
				start = as
			}
			out = append(out, src[pos:start]...)
			pos = start
			continue
		}
		switch l[0] {
		case ' ':
			out = append(out, src[pos])
			pos++
		case '-':
			pos++
		case '+':
			out = append(out, l[1:])
		case '\\':
			// "\ No newline at end of file": the line before it has no
			// newline; for an inserted line, the diff added one.
			if prev := lines[i-1]; prev[0] == '+' {
				out[len(out)-1] = strings.TrimSuffix(out[len(out)-1], "\n")
			}
		}
	}
	out = append(out, src[pos:]...)
	return strings.Join(out, "")
}

// normalizeRange adds the ",1" that diff -u leaves out of one-line ranges.
func normalizeRange(h string) string {
	f := strings.Fields(h)
	for i := 1; i <= 2; i++ {
		if !strings.Contains(f[i], ",") {
			f[i] += ",1"
		}
	}
	return strings.Join(f, " ")
}

// lcs is the length of a longest common subsequence, by dynamic
// programming.
func lcs(x, y []string) int {
	dp := make([][]int, len(x)+1)
	for i := range dp {
		dp[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			switch {
			case x[i] == y[j]:
				dp[i][j] = dp[i+1][j+1] + 1
			case dp[i+1][j] > dp[i][j+1]:
				dp[i][j] = dp[i+1][j]
			default:
				dp[i][j] = dp[i][j+1]
			}
		}
	}
	return dp[0][0]
}

// TestDiffLarge: a file rewritten whole (as fmt does to a long flow-style
// list) once took 6 s and 5 GB for 3,000 lines, and was killed for
// 20,000. The diff must stay small in memory, apply, and still be a
// shortest one when the changes are few.
func TestDiffLarge(t *testing.T) {
	numbered := func(prefix string, from, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("%s %d\n", prefix, from+i)
		}
		return out
	}
	edited := numbered("line", 0, 3000)
	for i := 0; i < len(edited); i += 10 { // 300 lines changed: D = 600
		edited[i] = "changed " + edited[i]
	}
	for _, tc := range []struct {
		name     string
		a, b     []string
		shortest bool
	}{
		{"rewritten", numbered("old", 0, 3000), numbered("new", 0, 3000), false},
		{"rewritten between kept lines", append(append(numbered("head", 0, 50), numbered("old", 0, 3000)...), numbered("tail", 0, 50)...),
			append(append(numbered("head", 0, 50), numbered("new", 0, 2000)...), numbered("tail", 0, 50)...), false},
		{"edited", numbered("line", 0, 3000), edited, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := strings.Join(tc.a, ""), strings.Join(tc.b, "")
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			d := Diff("a", "b", []byte(a), []byte(b))
			runtime.ReadMemStats(&after)
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
				t.Errorf("Diff allocated %d MB", alloc>>20)
			}
			if got := apply(t, a, string(d)); got != b {
				t.Fatalf("the diff does not turn a into b")
			}
			if !tc.shortest {
				return
			}
			changes := 0
			for _, op := range myers(tc.a, tc.b) {
				if op.kind != ' ' {
					changes++
				}
			}
			if want := len(tc.a) + len(tc.b) - 2*lcs(tc.a, tc.b); changes != want {
				t.Errorf("edit script has %d changes, want %d", changes, want)
			}
		})
	}
}

// FuzzDiff: whatever the two texts, the diff turns one into the other,
// and it is a shortest one unless the search gave up; with the search
// bounded at 2 edits, the give-up path is taken on nearly every input.
func FuzzDiff(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nc\nd")
	f.Add("", "x\n")
	f.Add("same\n", "same\n")
	f.Add("x\ny\nz\nw\n", "w\nz\ny\nx\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 4096 || len(b) > 4096 {
			return // the lcs check below is quadratic
		}
		for _, bound := range []int{maxEdits, 2} {
			func() {
				defer func(old int) { maxEdits = old }(maxEdits)
				maxEdits = bound
				d := Diff("a", "b", []byte(a), []byte(b))
				if a == b {
					if d != nil {
						t.Fatalf("diff of equal texts: %q", d)
					}
					return
				}
				if got := apply(t, a, string(d)); got != b {
					t.Fatalf("bound %d: the diff of %q and %q gives %q:\n%s", bound, a, b, got, d)
				}
				x, y := diffLines([]byte(a)), diffLines([]byte(b))
				changes := 0
				for _, op := range myers(x, y) {
					if op.kind != ' ' {
						changes++
					}
				}
				if want := len(x) + len(y) - 2*lcs(x, y); changes < want || bound == maxEdits && want <= bound && changes != want {
					t.Fatalf("bound %d: %d changes from %q to %q, shortest %d", bound, changes, a, b, want)
				}
			}()
		}
	})
}
