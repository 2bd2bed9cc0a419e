package lint

import (
	"math"
	"testing"
)

func TestParseDuration(t *testing.T) {
	type result struct {
		start, end float64
		open       bool
		canonical  string // the house spelling offered; "" for text already in it
	}
	const week = 12.0 / 52
	for in, want := range map[string]result{
		"0-6 months":     {0, 6, false, ""},
		"6-24 months":    {6, 24, false, ""},
		"2-5 years":      {24, 60, false, ""},
		"5+ years":       {60, 0, true, ""},
		"0 - 1 year":     {0, 12, false, ""},
		"1–3 Years":      {12, 36, false, ""},
		"1.5-3 years":    {18, 36, false, ""},
		"  10+ MONTHS  ": {10, 0, true, ""},
		"3 -6 month":     {3, 6, false, ""},
		"2 + years":      {24, 0, true, ""},
		"12-18months":    {12, 18, false, ""},
		"0-999999 years": {0, 999999 * 12, false, ""},
		// Natural spellings: understood, with the house spelling.
		"6 months - 2 years":  {6, 24, false, "6-24 months"},
		"6 months to 2 years": {6, 24, false, "6-24 months"},
		"12 months – 5 years": {12, 60, false, "1-5 years"},
		"0 to 6 months":       {0, 6, false, "0-6 months"},
		"From 0 to 6 Months":  {0, 6, false, "0-6 months"},
		"between 2 and 5 yrs": {24, 60, false, "2-5 years"},
		"2-5 yrs":             {24, 60, false, "2-5 years"},
		"2-5 yrs.":            {24, 60, false, "2-5 years"},
		"6-24 mos":            {6, 24, false, "6-24 months"},
		"0-6 mo":              {0, 6, false, "0-6 months"},
		"0-1 yr":              {0, 12, false, "0-1 year"},
		"6-12 weeks":          {6 * week, 12 * week, false, ""},
		"6-12 wks":            {6 * week, 12 * week, false, "6-12 weeks"},
		"2 wks - 3 months":    {2 * week, 3, false, "2-13 weeks"},
		"5 years+":            {60, 0, true, "5+ years"},
		"5+ yrs":              {60, 0, true, "5+ years"},
		"More than 5 years":   {60, 0, true, "5+ years"},
		"over 5 years":        {60, 0, true, "5+ years"},
		"at least 5 years":    {60, 0, true, "5+ years"},
		"5 years or more":     {60, 0, true, "5+ years"},
		"5 or more years":     {60, 0, true, "5+ years"},
		"5 years and up":      {60, 0, true, "5+ years"},
		"up to 6 months":      {0, 6, false, "0-6 months"},
		"less than 1 year":    {0, 12, false, "0-1 year"},
		"the first 6 months":  {0, 6, false, "0-6 months"},
		"1 year - 6 months":   {12, 6, false, "12-6 months"},
		"18 months - 3 years": {18, 36, false, "18-36 months"},
		"1.5 - 3.5 yrs":       {18, 42, false, "1.5-3.5 years"},
		// Not a duration, or more than one reading: not guessed at.
		"1-2 yearss":      {-1, 0, false, ""},
		"about a year":    {-1, 0, false, ""},
		"0-6":             {-1, 0, false, ""},
		"a few months":    {-1, 0, false, ""},
		"6-12 m":          {-1, 0, false, ""},
		"-1-2 years":      {-1, 0, false, ""},
		"5++ years":       {-1, 0, false, ""},
		"1-2-3 years":     {-1, 0, false, ""},
		"":                {-1, 0, false, ""},
		"5+":              {-1, 0, false, ""},
		"two-five years":  {-1, 0, false, ""},
		"0-6 months\nand": {-1, 0, false, ""},
		"3-5 decades":     {-1, 0, false, ""},
		"more than 5":     {-1, 0, false, ""},
	} {
		d, ok := parseDuration(in)
		if want.start < 0 {
			if ok {
				t.Errorf("parseDuration(%q) = %+v, want no parse", in, d)
			}
			continue
		}
		if !ok {
			t.Errorf("parseDuration(%q): no parse; want %+v", in, want)
			continue
		}
		got := result{d.start, d.end, d.open, d.canonical}
		if math.Abs(got.start-want.start) > 1e-9 || math.Abs(got.end-want.end) > 1e-9 || got.open != want.open || got.canonical != want.canonical {
			t.Errorf("parseDuration(%q) = %+v; want %+v", in, got, want)
		}
		if d.house != (want.canonical == "") {
			t.Errorf("parseDuration(%q).house = %v", in, d.house)
		}
		// The house spelling reads back as the same duration, in it.
		if want.canonical != "" && want.start < want.end {
			back, ok := parseDuration(want.canonical)
			if !ok || !back.house || math.Abs(back.start-d.start) > 1e-9 || math.Abs(back.end-d.end) > 1e-9 {
				t.Errorf("house spelling %q of %q reads back as %+v, %v", want.canonical, in, back, ok)
			}
		}
	}
}

// TestLevelOrderFixNatural: --fix writes the house spelling of each
// natural duration, after which level-order has nothing to say.
func TestLevelOrderFixNatural(t *testing.T) {
	src := "levels:\n" +
		"  - {name: A, duration: 0 to 6 months}\n" +
		"  - name: B\n    duration: '6 months - 2 years' # agreed\n" +
		"  - name: C\n    duration: 2-5 yrs\n" +
		"  - name: D\n    duration: More than 5 years\n"
	s := mustNew(t, Options{Rules: []*Rule{levelOrder()}})
	var fixes []*Fix
	for _, d := range checkFile(s, "g.yaml", []byte(src)).Diags {
		if d.Severity != Info || d.Fix == nil {
			t.Fatalf("%v: want an info note with a fix", d)
		}
		fixes = append(fixes, d.Fix)
	}
	if len(fixes) != 4 {
		t.Fatalf("%d fixes; want 4", len(fixes))
	}
	out, applied, err := ApplyFixes("g.yaml", []byte(src), fixes)
	if err != nil || len(applied) != 4 {
		t.Fatalf("ApplyFixes: %d applied, %v", len(applied), err)
	}
	want := "levels:\n" +
		"  - {name: A, duration: 0-6 months}\n" +
		"  - name: B\n    duration: 6-24 months # agreed\n" +
		"  - name: C\n    duration: 2-5 years\n" +
		"  - name: D\n    duration: 5+ years\n"
	if string(out) != want {
		t.Errorf("fixed:\n%s\nwant:\n%s", out, want)
	}
	if diags := checkFile(s, "g.yaml", out).Diags; len(diags) != 0 {
		t.Errorf("after the fix: %v", diags)
	}
}
