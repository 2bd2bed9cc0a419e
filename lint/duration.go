package lint

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Level durations as writers write them. The house spelling is "A-B
// months", "A-B years" or "A+ years" (durationRE, also with spaces, an en
// dash, a singular unit or capitals); writers also write "6 months - 2
// years", "0 to 6 months", "2-5 yrs", "5 years+" or "more than 5 years",
// each of which means one thing. Those are understood for the ordering
// checks, and level-order offers the house spelling as a certain fix.
// Text that could mean more than one thing ("1-3" without a unit, "about
// a year", "a few months") is not guessed at.

// durationRE matches "A-B unit" and "A+ unit". The dash may be a hyphen or
// an en dash, with spaces around it; the unit is month(s), year(s) or
// week(s) in any case.
var durationRE = regexp.MustCompile(`(?i)^\s*(\d+(?:\.\d+)?)\s*(?:(?:-|–)\s*(\d+(?:\.\d+)?)|(\+))\s*(months?|years?|weeks?)\s*$`)

const (
	numPat  = `(\d+(?:\.\d+)?)`
	unitPat = `(months?|mos?|mths?|years?|yrs?|weeks?|wks?)\.?`
)

// The natural spellings, on text folded to lower case with dashes made
// hyphens and runs of white space one space.
var (
	// "6 months - 2 years", "0 to 6 months", "from 2 to 5 yrs", "6-24 mos".
	rangeRE = regexp.MustCompile(`^(?:from )?` + numPat + ` ?(?:` + unitPat + `)? ?(?:-|to) ?` + numPat + ` ?` + unitPat + `$`)
	// "between 2 and 5 years".
	betweenRE = regexp.MustCompile(`^between ` + numPat + ` ?(?:` + unitPat + `)? and ` + numPat + ` ?` + unitPat + `$`)
	// "5+ yrs", "5 years+", "5 years or more", "5 or more years", "5 years and up".
	openAfterRE = regexp.MustCompile(`^` + numPat + ` ?(?:\+ ?` + unitPat + `|` + unitPat + ` ?(?:\+|or more|or longer|and up|and above|and beyond|plus)|(?:or more|\+) ` + unitPat + `)$`)
	// "more than 5 years", "over 5 years", "at least 5 years".
	openBeforeRE = regexp.MustCompile(`^(?:more than|over|at least|longer than) ` + numPat + ` ?` + unitPat + `\+?$`)
	// "up to 6 months", "less than 6 months", "under 6 months", "first 6 months".
	upToRE = regexp.MustCompile(`^(?:up to|less than|under|within|within the first|the first|first) ` + numPat + ` ?` + unitPat + `$`)
)

// monthsPer is the length of each unit in months.
var monthsPer = map[string]float64{"month": 1, "year": 12, "week": 12.0 / 52}

// unitOf names an abbreviation's unit: "month", "year" or "week".
func unitOf(s string) string {
	switch {
	case strings.HasPrefix(s, "y"):
		return "year"
	case strings.HasPrefix(s, "w"):
		return "week"
	}
	return "month"
}

// duration is a parsed level duration.
type duration struct {
	from, to         string  // the numbers as written; to is "" when open
	fromUnit, toUnit string  // "month", "year" or "week"
	start, end       float64 // in months; end is meaningless when open
	open             bool
	house            bool   // written in the house spelling (durationRE)
	canonical        string // the house spelling, when not house
}

// parseDuration reads "0-6 months", "2-5 years", "5+ years", and the
// natural spellings above.
func parseDuration(s string) (duration, bool) {
	if m := durationRE.FindStringSubmatch(s); m != nil {
		u := unitOf(strings.ToLower(m[4]))
		d, ok := newDuration(m[1], u, m[2], u, m[3] != "")
		d.house = true
		return d, ok
	}
	t := strings.Join(strings.Fields(strings.NewReplacer("–", "-", "—", "-").Replace(strings.ToLower(s))), " ")
	var d duration
	ok := false
	if m := rangeRE.FindStringSubmatch(t); m != nil {
		d, ok = newRange(m[1], m[2], m[3], m[4])
	} else if m := betweenRE.FindStringSubmatch(t); m != nil {
		d, ok = newRange(m[1], m[2], m[3], m[4])
	} else if m := openAfterRE.FindStringSubmatch(t); m != nil {
		d, ok = newDuration(m[1], unitOf(m[2]+m[3]+m[4]), "", "", true)
	} else if m := openBeforeRE.FindStringSubmatch(t); m != nil {
		d, ok = newDuration(m[1], unitOf(m[2]), "", "", true)
	} else if m := upToRE.FindStringSubmatch(t); m != nil {
		u := unitOf(m[2])
		d, ok = newDuration("0", u, m[1], u, false)
	}
	if !ok {
		return duration{}, false
	}
	d.canonical = d.houseSpelling()
	return d, true
}

// newRange is a range "A [unitA] - B unitB": A takes B's unit when it has
// none.
func newRange(a, ua, b, ub string) (duration, bool) {
	if ua == "" {
		ua = ub
	}
	return newDuration(a, unitOf(ua), b, unitOf(ub), false)
}

func newDuration(from, fromUnit, to, toUnit string, open bool) (duration, bool) {
	d := duration{from: from, to: to, fromUnit: fromUnit, toUnit: toUnit, open: open}
	if open {
		d.toUnit = fromUnit
	}
	a, err := strconv.ParseFloat(from, 64)
	if err != nil || math.IsInf(a, 0) {
		return duration{}, false
	}
	d.start = a * monthsPer[fromUnit]
	if !open {
		b, err := strconv.ParseFloat(to, 64)
		if err != nil || math.IsInf(b, 0) {
			return duration{}, false
		}
		d.end = b * monthsPer[toUnit]
	}
	return d, true
}

// houseSpelling writes d as "A-B unit" or "A+ unit". A range in two units
// is written in the largest unit that makes both ends whole ("6 months -
// 2 years" is "6-24 months", "12 months to 5 years" "1-5 years").
func (d duration) houseSpelling() string {
	if d.open {
		return d.from + "+ " + plural2(d.from, d.fromUnit)
	}
	if d.fromUnit == d.toUnit {
		return d.from + "-" + d.to + " " + plural2(d.to, d.toUnit)
	}
	unit := "month"
	for _, u := range []string{"year", "month", "week"} {
		if whole(d.start/monthsPer[u]) && whole(d.end/monthsPer[u]) {
			unit = u
			break
		}
	}
	to := formatNumber(d.end / monthsPer[unit])
	return formatNumber(d.start/monthsPer[unit]) + "-" + to + " " + plural2(to, unit)
}

// plural2 writes unit after the number n: "1 year", "2 years".
func plural2(n, unit string) string {
	if n == "1" {
		return unit
	}
	return unit + "s"
}

func whole(v float64) bool { return math.Abs(v-math.Round(v)) < 1e-9 }

// startAmount writes where d starts as written: "1 year", "24 months".
func (d duration) startAmount() string { return d.from + " " + plural2(d.from, d.fromUnit) }

// endAmount writes where a closed d ends as written.
func (d duration) endAmount() string { return d.to + " " + plural2(d.to, d.toUnit) }
