package lint_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"
)

// TestCorpusFollowsSpec checks the corpus against SPEC §1 without the
// engine: sums, stats, level ladders, level references, quiz answers,
// https links and ids are recomputed here from the decoded documents, so
// that "the corpus lints clean" cannot hide a rule that misses a real
// mistake in it.
func TestCorpusFollowsSpec(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(corpusDir, "*"))
	if err != nil || len(paths) < 12 {
		t.Fatalf("%d corpus files (%v), want at least 12", len(paths), err)
	}
	ids, titles := map[string]string{}, map[string]string{}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var g map[string]any
		if strings.HasSuffix(path, ".json") {
			err = json.Unmarshal(data, &g)
		} else {
			err = yaml.Unmarshal(data, &g)
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		name := filepath.Base(path)
		errorf := func(format string, args ...any) { t.Errorf(name+": "+format, args...) }
		id, title := g["id"].(string), g["title"].(string)
		if stem := strings.TrimSuffix(name, filepath.Ext(name)); id != stem {
			errorf("id %q, want the stem %q", id, stem)
		}
		if prev, ok := ids[id]; ok {
			errorf("id %q already used by %s", id, prev)
		}
		if prev, ok := titles[title]; ok {
			errorf("title %q already used by %s", title, prev)
		}
		ids[id], titles[title] = name, name

		subSkills := list(g["sub_skills"])
		if w := sum(subSkills, "weight"); !near(w, 100) {
			errorf("weights sum to %v", w)
		}
		lp := g["learning_path"].(map[string]any)
		phases := list(lp["phases"])
		total := number(lp["total_hours"])
		if h := sum(phases, "hours"); !near(h, total) {
			errorf("hours sum to %v, total_hours %v", h, total)
		}
		if st, ok := g["stats"].(map[string]any); ok {
			if number(st["learning_phases"]) != float64(len(phases)) || !near(number(st["estimated_hours"]), total) || number(st["sub_skills"]) != float64(len(subSkills)) {
				errorf("stats %v disagree with the content", st)
			}
		}
		levels := map[string]bool{}
		end := 0.0
		for i, lv := range list(g["levels"]) {
			from, to, open, ok := months(lv["duration"].(string))
			switch {
			case !ok:
				errorf("duration %q", lv["duration"])
			case from != end || (open && i != len(list(g["levels"]))-1) || (!open && to <= from):
				errorf("level %d (%v) does not follow the one before", i, lv["duration"])
			}
			end = to
			levels[lv["name"].(string)] = true
		}
		var refs []map[string]any
		if u, ok := g["usage"].(map[string]any); ok {
			refs = append(refs, list(u["use_cases"])...)
		}
		if p, ok := g["portfolio"].(map[string]any); ok {
			refs = append(refs, list(p["projects"])...)
		}
		for _, r := range refs {
			if !levels[r["level"].(string)] {
				errorf("level %q names no level", r["level"])
			}
		}
		if a, ok := g["assessment"].(map[string]any); ok {
			for _, q := range list(a["quiz"]) {
				matches := 0
				for _, o := range q["options"].([]any) {
					if _, ok := o.(string); !ok {
						errorf("option %v is not text", o)
					}
					if o == q["answer"] {
						matches++
					}
				}
				if matches != 1 {
					errorf("answer %v matches %d options", q["answer"], matches)
				}
			}
		}
		if r, ok := g["resources"].(map[string]any); ok {
			for _, it := range list(r["items"]) {
				if !strings.HasPrefix(it["url"].(string), "https://") {
					errorf("url %v", it["url"])
				}
			}
		}
	}
}

func list(v any) []map[string]any {
	var out []map[string]any
	items, _ := v.([]any)
	for _, it := range items {
		m, _ := it.(map[string]any)
		out = append(out, m)
	}
	return out
}

func number(v any) float64 {
	switch n := v.(type) {
	case int:
		return float64(n)
	case float64:
		return n
	}
	return math.NaN()
}

func sum(items []map[string]any, key string) float64 {
	s := 0.0
	for _, it := range items {
		s += number(it[key])
	}
	return s
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

var durationRE = regexp.MustCompile(`^(\d+)(?:\s*[-–]\s*(\d+)|(\+))\s*(month|year)s?$`)

// months reads "A-B months", "A–B years" or "A+ years" in months.
func months(s string) (from, to float64, open, ok bool) {
	m := durationRE.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false, false
	}
	unit := 1.0
	if m[4] == "year" {
		unit = 12
	}
	a, _ := strconv.ParseFloat(m[1], 64)
	if m[3] == "+" {
		return a * unit, math.Inf(1), true, true
	}
	b, _ := strconv.ParseFloat(m[2], 64)
	return a * unit, b * unit, false, true
}
