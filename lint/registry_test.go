package lint

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// catalogue is the rule catalogue of SPEC §3, with default severities.
var catalogue = map[string]Severity{
	"file":           Error,
	"parse":          Error,
	"schema":         Error,
	"weight-sum":     Error,
	"hours-total":    Error,
	"stats-mismatch": Error,
	"level-order":    Error,
	"level-ref":      Error,
	"quiz-answer":    Error,
	"quiz-options":   Error,
	"duplicate":      Error,
	"empty-section":  Warning,
	"placeholder":    Warning,
	"resource-url":   Error,
	"id-filename":    Warning,
	"id-unique":      Error,
	"title-unique":   Warning,
	"unused-ignore":  Warning,
	"expired-ignore": Warning,
	"cut-text":       Warning,
	"ignore-reason":  Error,
}

func TestDefaultRules(t *testing.T) {
	got := map[string]Severity{}
	var ids []string
	for _, r := range DefaultRules() {
		if err := r.Validate(); err != nil {
			t.Error(err)
		}
		if _, dup := got[r.ID]; dup {
			t.Errorf("rule %s twice", r.ID)
		}
		got[r.ID] = r.Severity
		ids = append(ids, r.ID)
		if (r.Run == nil) != r.driver {
			t.Errorf("rule %s: Run must be nil exactly for the linter's own rules", r.ID)
		}
		if !strings.Contains(r.Doc, "Bad") || !strings.Contains(r.Doc, "Good") {
			t.Errorf("rule %s: doc wants a bad and a good example", r.ID)
		}
		if !strings.HasSuffix(r.URL(), "#"+r.ID) {
			t.Errorf("rule %s: URL %q", r.ID, r.URL())
		}
	}
	if diff := cmp.Diff(catalogue, got); diff != "" {
		t.Errorf("built-in rules differ from SPEC §3 (-spec +built-in):\n%s", diff)
	}
	if !sortedStrings(ids) {
		t.Errorf("DefaultRules() not sorted by ID: %v", ids)
	}
	if l := mustNew(t, Options{}); !cmp.Equal(ruleIDsOf(l.Rules()), ids) {
		t.Errorf("a linter of the defaults has rules %v, want %v", ruleIDsOf(l.Rules()), ids)
	}
}

// TestDefaultRulesFresh: DefaultRules makes new values each call, and a
// linter keeps its own copies, so changing a rule changes no linter.
func TestDefaultRulesFresh(t *testing.T) {
	a, b := DefaultRules(), DefaultRules()
	for i := range a {
		if a[i] == b[i] {
			t.Fatalf("rule %s: the same value twice", a[i].ID)
		}
	}
	l := mustNew(t, Options{Rules: a})
	for _, r := range a {
		r.Severity = Info
		r.Run = func(p *Pass) { panic("changed after New") }
	}
	diags, err := l.Lint(context.Background(), "x.yaml", []byte("id: x\ntitle: TBD\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		if d.Internal || d.Severity == Info {
			t.Errorf("a change to a rule after New reached the linter: %s", d)
		}
	}
}

func sortedStrings(s []string) bool {
	for i := 1; i < len(s); i++ {
		if s[i-1] >= s[i] {
			return false
		}
	}
	return true
}

func ruleIDsOf(rs []*Rule) []string {
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	return ids
}

// TestValidateRejects checks that Validate catches bad declarations.
func TestValidateRejects(t *testing.T) {
	run := func(*Pass) {}
	for name, r := range map[string]*Rule{
		"bad id":          {ID: "Weight_Sum", Summary: "x", Doc: "x", Severity: Error, Run: run},
		"empty id":        {ID: "", Summary: "x", Doc: "x", Severity: Error, Run: run},
		"long summary":    {ID: "x", Summary: strings.Repeat("x", 61), Doc: "x", Severity: Error, Run: run},
		"capital summary": {ID: "x", Summary: "Sum", Doc: "x", Severity: Error, Run: run},
		"no doc":          {ID: "x", Summary: "x", Doc: " ", Severity: Error, Run: run},
		"no severity":     {ID: "x", Summary: "x", Doc: "x", Run: run},
		"no run":          {ID: "x", Summary: "x", Doc: "x", Severity: Error},
		"only a check":    {ID: "x", Summary: "x", Doc: "x", Severity: Error, Check: func(*CheckPass) {}},
	} {
		if r.Validate() == nil {
			t.Errorf("%s: Validate accepted %+v", name, r)
		}
		if _, err := New(Options{Rules: []*Rule{r}}); err == nil {
			t.Errorf("%s: New accepted %+v", name, r)
		}
	}
}

// TestNewRejects: New refuses two rules with one ID, and names in Enable
// or Disable that no rule has, without naming command-line flags.
func TestNewRejects(t *testing.T) {
	mine := &Rule{ID: "schema", Summary: "x", Doc: "x", Severity: Error, Run: func(*Pass) {}}
	if _, err := New(Options{Rules: append(DefaultRules(), mine)}); err == nil || !strings.Contains(err.Error(), `"schema"`) {
		t.Errorf("two rules named schema: err = %v", err)
	}
	_, err := New(Options{Enable: []string{"placeholdr"}})
	ue, ok := err.(*UnknownRuleError)
	if !ok || ue.Option != "Enable" || ue.Suggestion != "placeholder" {
		t.Fatalf("Enable: placeholdr: err = %#v", err)
	}
	if msg := err.Error(); strings.Contains(msg, "--") || !strings.Contains(msg, `did you mean "placeholder"`) {
		t.Errorf("message %q names a flag or lacks the suggestion", msg)
	}
	// A custom rule can be enabled and disabled by name.
	custom := &Rule{ID: "min-topics", Summary: "x", Doc: "x", Severity: Warning, Run: func(*Pass) {}}
	if _, err := New(Options{Rules: append(DefaultRules(), custom), Disable: []string{"min-topics"}}); err != nil {
		t.Errorf("disable a custom rule: %v", err)
	}
	// A config rule name is checked against the linter's rules.
	cfg, err := ParseConfig(".guidelint.yaml", t.TempDir(), []byte("rules:\n  min-topics: error\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(Options{Config: cfg})
	if ce, ok := err.(*ConfigError); !ok || ce.Line != 2 || ce.Col != 3 {
		t.Errorf("unknown rule in config: err = %#v, want a ConfigError at 2:3", err)
	}
	if _, err := New(Options{Rules: append(DefaultRules(), custom), Config: cfg}); err != nil {
		t.Errorf("config naming a custom rule: %v", err)
	}
}

// TestLintersConcurrent: two linters with different rules and configs
// lint side by side (run with -race); each sees only its own.
func TestLintersConcurrent(t *testing.T) {
	dir := t.TempDir()
	writeGuides(t, dir, map[string]string{
		"a.yaml": "id: a\ntitle: TBD\n",
		"b.yaml": "id: a\ntitle: \"draft: TBD\"\n",
	})
	shout := &Rule{ID: "shout", Summary: "title starts in lower case", Doc: "x", Severity: Info, Run: func(p *Pass) {
		if t := p.Guide.Title; t != nil && t.Value[:1] != strings.ToUpper(t.Value[:1]) {
			p.Report(t.Pos, "title starts in lower case")
		}
	}}
	cfg, err := ParseConfig(".guidelint.yaml", dir, []byte("rules:\n  placeholder: error\n  shout: warning\n"))
	if err != nil {
		t.Fatal(err)
	}
	one := mustNew(t, Options{Disable: []string{"schema"}})
	two := mustNew(t, Options{Rules: append(DefaultRules(), shout), Config: cfg, Disable: []string{"schema"}})
	count := func(l *Linter) map[string]int {
		res, err := l.Run(context.Background(), []string{dir})
		if err != nil {
			t.Error(err)
			return nil
		}
		m := map[string]int{}
		for _, d := range res.Diagnostics {
			m[d.Rule+":"+d.Severity.String()]++
		}
		return m
	}
	want1 := count(one)
	want2 := count(two)
	if want2["shout:warning"] != 1 || want1["shout:warning"] != 0 || want2["placeholder:error"] != 2 || want1["placeholder:warning"] != 2 {
		t.Fatalf("one: %v, two: %v", want1, want2)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(2)
		go func() { defer wg.Done(); checkSame(t, want1, count(one)) }()
		go func() { defer wg.Done(); checkSame(t, want2, count(two)) }()
	}
	wg.Wait()
}

func checkSame(t *testing.T, want, got map[string]int) {
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("concurrent run differs (-alone +concurrent):\n%s", diff)
	}
}

// TestConfigBuiltInGo: a Config made or changed in Go counts by its
// Rules map: a severity set there applies, an unknown name is refused.
func TestConfigBuiltInGo(t *testing.T) {
	cfg, err := ParseConfig(".guidelint.yaml", t.TempDir(), []byte("rules:\n  placeholder: error\n"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Rules["placeholder"] = Off
	cfg.Rules["id-filename"] = Error
	l := mustNew(t, Options{Config: cfg})
	if l.Severity("placeholder") != Off || l.Severity("id-filename") != Error {
		t.Errorf("placeholder %s, id-filename %s; want off, error", l.Severity("placeholder"), l.Severity("id-filename"))
	}
	_, err = New(Options{Config: &Config{Rules: map[string]Severity{"no-such-rule": Error}}})
	if err == nil || !strings.Contains(err.Error(), `unknown rule "no-such-rule"`) {
		t.Errorf("unknown rule in a Go-built config: %v", err)
	}
}

// TestRulesAreCopies: what a linter hands out are copies; changing them
// changes nothing it does.
func TestRulesAreCopies(t *testing.T) {
	l := mustNew(t, Options{})
	l.Rule("placeholder").Run = func(*Pass) {}
	l.Rules()[0].Summary = "changed"
	res, err := l.Run(context.Background(), []string{"testdata/rules/placeholder/found.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	res.Rules[0].Severity = Info
	if !hasRule(res.Diagnostics, "placeholder") || l.Rules()[0].Summary == "changed" || l.Rules()[0].Severity == Info {
		t.Errorf("a change to a rule handed out reached the linter")
	}
}

// TestRawKey: the key read from an encoded fact is the key as JSON
// encodes it, escapes and all, so equal keys group together.
func TestRawKey(t *testing.T) {
	for _, key := range []string{"ml-systems", `a "quoted" \ key`, "café ☕", "", "<>&", "\x00\n"} {
		data, err := json.Marshal(uniqueFact{Key: key, Text: "t", Line: 1, Col: 2})
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(key)
		if got, _ := rawKey(data); string(got) != string(want[1:len(want)-1]) {
			t.Errorf("rawKey(%s) = %q, want %q", data, got, want[1:len(want)-1])
		}
	}
	if got, ok := rawKey([]byte(`{"text":"x","key":"y"}`)); ok {
		t.Errorf("a fact of another shape: %q", got)
	}
}
