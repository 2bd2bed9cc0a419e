package lint

import "testing"

func TestParseDuration(t *testing.T) {
	type result struct {
		start, end float64
		open       bool
		unit       string
	}
	for in, want := range map[string]result{
		"0-6 months":      {0, 6, false, "month"},
		"6-24 months":     {6, 24, false, "month"},
		"2-5 years":       {24, 60, false, "year"},
		"5+ years":        {60, 0, true, "year"},
		"0 - 1 year":      {0, 12, false, "year"},
		"1–3 Years":       {12, 36, false, "year"},
		"1.5-3 years":     {18, 36, false, "year"},
		"  10+ MONTHS  ":  {10, 0, true, "month"},
		"3 -6 month":      {3, 6, false, "month"},
		"2 + years":       {24, 0, true, "year"},
		"12-18months":     {12, 18, false, "month"},
		"0-999999 years":  {0, 999999 * 12, false, "year"},
		"1-2 yearss":      {-1, 0, false, ""},
		"about a year":    {-1, 0, false, ""},
		"0-6":             {-1, 0, false, ""},
		"6-12 weeks":      {-1, 0, false, ""},
		"-1-2 years":      {-1, 0, false, ""},
		"5++ years":       {-1, 0, false, ""},
		"1-2-3 years":     {-1, 0, false, ""},
		"":                {-1, 0, false, ""},
		"5+":              {-1, 0, false, ""},
		"two-five years":  {-1, 0, false, ""},
		"0-6 months\nand": {-1, 0, false, ""},
	} {
		d, ok := parseDuration(in)
		if want.start < 0 {
			if ok {
				t.Errorf("parseDuration(%q) = %+v, want no parse", in, d)
			}
			continue
		}
		got := result{d.start, d.end, d.open, d.unit}
		if !ok || got != want {
			t.Errorf("parseDuration(%q) = %+v, %v; want %+v", in, got, ok, want)
		}
	}
}
