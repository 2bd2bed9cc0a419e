package lint

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/skillguides/guidelint/internal/fuzzseed"
)

// wantDiag is a diagnostic a hostile input must produce: its rule, its
// position and a fragment of its message.
type wantDiag struct {
	rule      string
	line, col int
	msg       string
}

func (w wantDiag) String() string {
	return fmt.Sprintf("%d:%d: ... %s ... (%s)", w.line, w.col, w.msg, w.rule)
}

// utf16LE encodes s as UTF-16, little endian, after a byte order mark.
func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// manyKeys is a YAML mapping of n keys, then a duplicate of the eighth.
func manyKeys(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "k%d: %d\n", i, i)
	}
	b.WriteString("k7: again\n")
	return b.String()
}

// TestHostileInput lints inputs built to break a linter, one file per
// run, the way a pull request would bring them: each gets its diagnostic
// at its position, every diagnostic is inside the file, and none reports a
// crash. Bombs must fail fast with bounded memory.
func TestHostileInput(t *testing.T) {
	long := strings.Repeat("é", 1<<19) // 1 MB of UTF-8 on one line
	for _, tc := range []struct {
		name string // the file's name: its extension picks YAML or JSON
		data []byte
		opts Options
		want []wantDiag
		// absent lists rules that must report nothing (a suppression
		// comment in the file turned them off).
		absent []string
		// maxAlloc bounds the bytes allocated by the run (0: no bound);
		// maxTime its duration.
		maxAlloc uint64
		maxTime  time.Duration
	}{
		{name: "empty.yaml", data: []byte(""),
			want: []wantDiag{{"parse", 1, 1, "file is empty; want a skill guide mapping"}}},
		{name: "empty.json", data: []byte(""),
			want: []wantDiag{{"parse", 1, 1, "file is empty"}}},
		{name: "blank.yaml", data: []byte(" \n\t\n  \r\n"),
			want: []wantDiag{{"parse", 1, 1, "file is empty"}}},
		{name: "list.yaml", data: []byte("- id: a\n- id: b\n"),
			want: []wantDiag{{"parse", 1, 1, "top level is a list; want a mapping"}}},
		{name: "list.json", data: []byte(`  [{"id": "a"}]`),
			want: []wantDiag{{"parse", 1, 3, "top level is a list"}}},
		{name: "scalar.yaml", data: []byte("\n  just a sentence\n"),
			want: []wantDiag{{"parse", 2, 3, "top level is a string"}}},
		{name: "scalar.json", data: []byte("42"),
			want: []wantDiag{{"parse", 1, 1, "top level is a number"}}},
		{name: "two.yaml", data: []byte("id: a\n---\nid: b\n"),
			want: []wantDiag{{"parse", 2, 1, "more than one YAML document"}}},
		{name: "two.json", data: []byte("{\"id\": \"a\"}\n{\"id\": \"b\"}\n"),
			want: []wantDiag{{"parse", 2, 1, "unexpected data after the top-level JSON value"}}},
		{name: "nul.yaml", data: []byte("id: a\ntitle: x\x00y\n"),
			want: []wantDiag{{"file", 1, 1, "not text: it holds a NUL byte at offset 14"}}},
		{name: "binary.yaml", data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
			want: []wantDiag{{"file", 1, 1, "not text"}}},
		{name: "latin1.yaml", data: []byte("id: x\ntitle: caf\xe9 au lait\n"),
			want: []wantDiag{{"parse", 2, 11, "invalid UTF-8 byte 0xe9"}}},
		{name: "utf16.yaml", data: utf16LE("# guidelint:ignore-file schema\nid: utf16\ntitle: \"Ünï: TODO\"\n"),
			want:   []wantDiag{{"placeholder", 3, 8, `placeholder "TODO" left in title`}},
			absent: []string{"schema"}},
		{name: "utf16-directive.yaml", data: utf16LE("id: utf16-directive\ntitle: TODO # guidelint:ignore placeholder,schema\n"),
			want:   []wantDiag{{"unused-ignore", 2, 13, "schema suppressed nothing"}},
			absent: []string{"placeholder"}},
		{name: "bom.yaml", data: []byte("\xEF\xBB\xBF# guidelint:ignore-file schema\nid: bom\ntitle: TODO\n"),
			want:   []wantDiag{{"placeholder", 3, 8, "placeholder"}},
			absent: []string{"schema"}},
		{name: "bom-twice.yaml", data: []byte("\xEF\xBB\xBF\xEF\xBB\xBFid: bom-twice # guidelint:ignore-file schema\ntitle: TODO\n"),
			want:   []wantDiag{{"placeholder", 2, 8, "placeholder"}},
			absent: []string{"schema"}},
		{name: "long-line.yaml", data: []byte(`{id: long-line, tagline: "` + long + `", title: TODO}`),
			want: []wantDiag{{"placeholder", 1, 1 + len(`{id: long-line, tagline: "`) + 1<<19 + len(`", title: `), "placeholder"}}},
		{name: "long-line.json", data: []byte(`{"id": "long-line", "tagline": "` + long + `", "tilte": "x"}`),
			want: []wantDiag{{"schema", 1, 1 + len(`{"id": "long-line", "tagline": "`) + 1<<19 + len(`", `), `did you mean "title"`}}},
		{name: "deep.yaml", data: []byte("id: deep\nx: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n"),
			want: []wantDiag{{"parse", 2, 1004, "nesting is deeper than 1000 levels"}}},
		{name: "deep-block.yaml", data: []byte("x:\n  " + strings.Repeat("- ", 10000) + "x\n"),
			want: []wantDiag{{"parse", 2, 3, "exceeded max depth of 10000"}}},
		{name: "deep.json", data: []byte(strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000)),
			want: []wantDiag{{"parse", 1, 5001, "nesting is deeper than 1000 levels"}}},
		{name: "bomb.yaml", data: []byte(fuzzseed.BillionLaughs),
			want:     []wantDiag{{"parse", 0, 0, "aliases expand this document to more than"}},
			maxAlloc: 200 << 20, maxTime: 5 * time.Second},
		{name: "keys.yaml", data: []byte(manyKeys(100000)),
			want: []wantDiag{
				{"parse", 100001, 1, `duplicate key "k7" (first defined at line 8, column 1)`},
				{"schema", 1, 1, `unknown key "k0"`},
				{"schema", 100000, 1, `unknown key "k99999"`},
			},
			maxTime: 30 * time.Second}, // 13 s alone when placing each violation was a linear search; 2-3 s now, 9 s under -race beside other tests
		{name: "dup.yaml", data: []byte("id: dup\ntitle: First\ntitle: TODO\n"),
			want: []wantDiag{{"parse", 3, 1, `duplicate key "title" (first defined at line 2, column 1)`}}},
		{name: "dup.json", data: []byte("{\"id\": \"dup\",\n \"id\": \"other\"}"),
			want: []wantDiag{{"parse", 2, 2, `duplicate key "id" (first defined at line 1, column 2)`}}},
		{name: "cycle.yaml", data: []byte("id: cycle\nlevels: &l [{name: A, more: *l}]\n"),
			want: []wantDiag{{"parse", 2, 29, "alias *l refers to a value that contains it"}}},
		{name: "cycle-map.yaml", data: []byte("overview: &o\n  what: w\n  self: *o\n"),
			want: []wantDiag{{"parse", 3, 9, "alias *o refers to a value that contains it"}}},
		{name: "unknown-anchor.yaml", data: []byte("id: a\ntitle: *nope\n"),
			want: []wantDiag{{"parse", 2, 8, "unknown anchor 'nope'"}}},
		{name: "merge.yaml", data: []byte(strings.Join([]string{
			"# guidelint:ignore-file schema",
			"id: merge",
			"sub_skills:",
			"  - &first",
			"    name: Writing",
			"    weight: 60",
			"    description: TODO",
			"  - <<: *first",
			"    name: Editing",
			"",
		}, "\n")),
			want: []wantDiag{
				{"weight-sum", 3, 1, "sub-skill weights sum to 120, want 100"},
				{"placeholder", 7, 18, "placeholder"},
			}},
		{name: "max-size.yaml", data: []byte("id: max-size\n" + strings.Repeat("# padding\n", 200)),
			opts: Options{MaxFileSize: 1000},
			want: []wantDiag{{"file", 1, 1, "file is 2.0 KB, over the 1000 bytes size limit"}}},
	} {
		tc := tc
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.name)
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			res, elapsed, alloc := runMeasured(t, []string{path}, tc.opts)
			if tc.maxTime > 0 && elapsed > tc.maxTime {
				t.Errorf("run took %v, want under %v", elapsed, tc.maxTime)
			}
			if tc.maxAlloc > 0 && alloc > tc.maxAlloc {
				t.Errorf("run allocated %d MB, want under %d MB", alloc>>20, tc.maxAlloc>>20)
			}
			expectDiags(t, res.Diagnostics, tc.want)
			for _, d := range res.Diagnostics {
				for _, rule := range tc.absent {
					if d.Rule == rule {
						t.Errorf("%s is suppressed in this file, yet reports %d:%d: %s", rule, d.Line, d.Column, d.Message)
					}
				}
			}
			if len(tc.data) <= 2<<20 {
				checkLintPositions(t, tc.name, path, tc.data, res.Diagnostics)
			}
			if errs, _, _ := res.Count(); errs == 0 && tc.want[0].rule != "placeholder" {
				t.Errorf("no errors: the run would pass")
			}
		})
	}
}

// runMeasured runs Run and returns how long it took and how many bytes
// it allocated.
func runMeasured(t *testing.T, paths []string, opts Options) (*Result, time.Duration, uint64) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	res, err := runLint(context.Background(), paths, opts)
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	return res, elapsed, after.TotalAlloc - before.TotalAlloc
}

// expectDiags checks that every wanted diagnostic is among got (a wanted
// line of 0 matches any position).
func expectDiags(t *testing.T, got []Diagnostic, want []wantDiag) {
	t.Helper()
	for _, w := range want {
		found := false
		for _, d := range got {
			if d.Rule == w.rule && (w.line == 0 || d.Line == w.line && d.Column == w.col) && strings.Contains(d.Message, w.msg) {
				found = true
				break
			}
		}
		if !found {
			var lines []string
			for i, d := range got {
				if i == 10 {
					lines = append(lines, fmt.Sprintf("... and %d more", len(got)-i))
					break
				}
				lines = append(lines, fmt.Sprintf("%d:%d: %s (%s)", d.Line, d.Column, d.Message, d.Rule))
			}
			t.Errorf("no diagnostic %v; got:\n%s", w, strings.Join(lines, "\n"))
		}
	}
}

// TestSizeLimitBeforeReading: a file over the size limit is refused from
// its size alone. A sparse 1 GB file (it takes no disk) is reported at
// once, without reading it or allocating its size; the limit is settable.
func TestSizeLimitBeforeReading(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.yaml")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		f.Close()
		t.Skipf("cannot make a sparse file here: %v", err)
	}
	f.Close()
	small := filepath.Join(dir, "small.yaml")
	if err := os.WriteFile(small, []byte("id: small\n"+strings.Repeat("# pad\n", 100)), 0o644); err != nil {
		t.Fatal(err)
	}

	res, elapsed, alloc := runMeasured(t, []string{dir}, Options{})
	if elapsed > 2*time.Second || alloc > 32<<20 {
		t.Errorf("a 1 GB file took %v and %d MB to refuse; it must not be read", elapsed, alloc>>20)
	}
	expectDiags(t, res.Diagnostics, []wantDiag{{"file", 1, 1, "file is 1024.0 MB, over the 10.0 MB size limit"}})
	for _, d := range res.Diagnostics {
		if d.Path == small && d.Rule == "file" {
			t.Errorf("small file refused: %v", d)
		}
	}
	if res.Files != 2 {
		t.Errorf("Files = %d, want 2", res.Files)
	}

	// A lower limit, as --max-file-size sets it, catches the small file.
	res, _, _ = runMeasured(t, []string{small}, Options{MaxFileSize: 100})
	expectDiags(t, res.Diagnostics, []wantDiag{{"file", 1, 1, "file is 610 bytes, over the 100 bytes size limit"}})
}

// TestHostileVolume lints guides that repeat one mistake thousands of
// times, one per rule, the way a generated or pasted file would: every
// rule must stay linear in the size of the file and keep its messages
// short, whatever it is given. (level-ref once took 26 s and printed
// 123 MB for 3,000 levels and as many unknown references.)
func TestHostileVolume(t *testing.T) {
	const n = 10000
	lines := func(head string, item func(i int) string) []byte {
		var b strings.Builder
		b.WriteString(head)
		for i := 0; i < n; i++ {
			b.WriteString(item(i))
			b.WriteByte('\n')
		}
		return []byte(b.String())
	}
	for _, tc := range []struct {
		name string
		data []byte
		rule string // the rule that must report
		min  int    // at least this many times
	}{
		{"sub-skills.yaml", lines("id: sub-skills\nsub_skills:\n", func(i int) string {
			return "  - {name: Same, weight: 1.5, description: d, example_tasks: [a, a, A]}"
		}), "duplicate", 3*n - 1},
		{"quiz.yaml", lines("id: quiz\nassessment:\n  self_check: [a]\n  quiz:\n", func(i int) string {
			return fmt.Sprintf("    - {question: Q%d, options: [x, X, y, Y], answer: z%d}", i, i)
		}), "quiz-answer", n},
		{"quiz-options.yaml", lines("id: quiz-options\nassessment:\n  self_check: [a]\n  quiz:\n", func(i int) string {
			return fmt.Sprintf("    - {question: Q%d, options: [x, X, y, Y], answer: x}", i)
		}), "quiz-options", 2 * n},
		{"levels.yaml", lines("id: levels\nlevels:\n", func(i int) string {
			return fmt.Sprintf("  - {name: L%d, summary: s, duration: '5+ years', capabilities: [c]}", i)
		}), "level-order", n - 1},
		{"level-refs.yaml", append(lines("id: level-refs\nlevels:\n", func(i int) string {
			return fmt.Sprintf("  - {name: Level %d}", i)
		}), lines("portfolio:\n  projects:\n", func(i int) string {
			return fmt.Sprintf("    - {title: P%d, level: Nope %d}", i, i)
		})...), "level-ref", n},
		{"resources.yaml", lines("id: resources\nresources:\n  tips: [t]\n  items:\n", func(i int) string {
			return fmt.Sprintf("    - {title: R%d, url: 'ftp://x y/%d', kind: k, cost: c}", i, i)
		}), "resource-url", n},
		{"near-duplicates.yaml", lines("id: near-duplicates\nred_flags:\n", func(i int) string {
			return fmt.Sprintf("  - '%s %d'", strings.Repeat("x", 200), i%1000)
		}), "duplicate", n - 1000},
		{"placeholders.yaml", lines("id: placeholders\nred_flags:\n", func(i int) string {
			return fmt.Sprintf("  - 'TODO lorem ipsum %d'", i)
		}), "placeholder", n},
		{"unknown-keys.yaml", lines("id: unknown-keys\noverview:\n", func(i int) string {
			return fmt.Sprintf("  whatt%d: x", i)
		}), "schema", n},
		{"wrong-types.yaml", lines("id: wrong-types\nlearning_path:\n  phases:\n", func(i int) string {
			return fmt.Sprintf("    - {title: %d, hours: -1, goals: 3, topics: [1], actions: [], deliverables: [null], bogus: 1}", i)
		}), "schema", 5 * n},
	} {
		tc := tc
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.name)
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			res, elapsed, _ := runMeasured(t, []string{path}, Options{})
			// A hang guard, not a speed target: these take well under a
			// second; a rule gone quadratic takes minutes.
			if elapsed > 30*time.Second {
				t.Errorf("run took %v", elapsed)
			}
			count, bytes := 0, 0
			for _, d := range res.Diagnostics {
				if d.Internal {
					t.Fatalf("internal error: %s", d.Message)
				}
				if d.Rule == tc.rule {
					count++
				}
				bytes += len(d.Message)
			}
			if count < tc.min {
				t.Errorf("%d %s findings; want at least %d", count, tc.rule, tc.min)
			}
			if avg := bytes / max(1, len(res.Diagnostics)); avg > 300 {
				t.Errorf("messages average %d bytes; want them short", avg)
			}
		})
	}
}
