package lint

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/internal/suggest"
	"github.com/skillguides/guidelint/schema"
)

// House rules (SPEC §8) are checks a team writes in .guidelint.yaml
// without Go: the values a JSON pointer selects must satisfy a JSON Schema
// fragment. Each becomes a Rule like any other, so suppression, severities,
// the cache and every output format treat it as they treat built-ins.
//
//	house_rules:
//	  - id: min-topics
//	    summary: each phase lists at least three topics
//	    severity: warning
//	    given: /learning_path/phases/*/topics
//	    schema: {minItems: 3}
//	    message: a phase needs at least three topics

// houseRule is a rule defined in the config, with where its id is
// written (for an error about the id that only New can find).
type houseRule struct {
	rule  *Rule
	idPos guide.Pos
}

// houseRuleKeys are the keys of a house rule, in the order docs show them.
var houseRuleKeys = []string{"id", "summary", "severity", "given", "schema", "message"}

type failFunc func(n *yaml.Node, format string, args ...any) error

// parseHouseRules reads the house_rules list.
func parseHouseRules(v *yaml.Node, fail failFunc) ([]*houseRule, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, fail(v, "house_rules must be a list of rules, each with id, summary, given and schema")
	}
	var out []*houseRule
	var errs []error // the first mistake of each rule
	ids := map[string]bool{}
	for _, item := range v.Content {
		h, idNode, err := parseHouseRule(item, fail)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if ids[h.rule.ID] {
			errs = append(errs, fail(idNode, "house rule %q is defined twice", h.rule.ID))
			continue
		}
		ids[h.rule.ID] = true
		out = append(out, h)
	}
	if err := configErrs(errs); err != nil {
		return nil, err
	}
	return out, nil
}

// parseHouseRule reads and compiles one house rule; every mistake is an
// error at the offending key or value.
func parseHouseRule(n *yaml.Node, fail failFunc) (*houseRule, *yaml.Node, error) {
	if n.Kind != yaml.MappingNode {
		return nil, nil, fail(n, "a house rule must be a mapping with keys %s", strings.Join(houseRuleKeys, ", "))
	}
	fields := map[string]*yaml.Node{}
	keys := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if fields[k.Value] != nil {
			return nil, nil, fail(k, "duplicate key %q", k.Value)
		}
		if !contains(houseRuleKeys, k.Value) {
			return nil, nil, fail(k, "house rule: %s", unknownKey(k.Value, houseRuleKeys))
		}
		fields[k.Value], keys[k.Value] = v, k
	}
	for _, req := range []string{"id", "summary", "given", "schema"} {
		if fields[req] == nil {
			return nil, nil, fail(n, "house rule is missing required key %q", req)
		}
	}
	str := func(key string) (string, error) {
		v := fields[key]
		if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
			return "", fail(v, "house rule %s must be a string", key)
		}
		return v.Value, nil
	}
	id, err := str("id")
	if err != nil {
		return nil, nil, err
	}
	idNode := fields["id"]
	switch {
	case !ruleIDRE.MatchString(id):
		return nil, nil, fail(idNode, "house rule id %q must be kebab-case: lower-case words and digits joined by hyphens", id)
	case builtinIDs()[id]:
		return nil, nil, fail(idNode, "house rule id %q is the id of a built-in rule; choose another", id)
	}
	summary, err := str("summary")
	if err != nil {
		return nil, nil, err
	}
	if err := checkSummary(summary); err != nil {
		return nil, nil, fail(fields["summary"], "house rule %s: %v", id, err)
	}
	sev := Error
	if v := fields["severity"]; v != nil {
		s, err := ParseSeverity(v.Value)
		if err != nil || s == Off || v.Kind != yaml.ScalarNode {
			return nil, nil, fail(v, "house rule %s: severity must be info, warning or error", id)
		}
		sev = s
	}
	given, err := str("given")
	if err != nil {
		return nil, nil, err
	}
	toks, err := parseGiven(given)
	if err == nil {
		err = checkGiven(toks)
	}
	if err != nil {
		return nil, nil, fail(fields["given"], "house rule %s: given: %v", id, err)
	}
	var message string
	if fields["message"] != nil {
		if message, err = str("message"); err != nil {
			return nil, nil, err
		}
	}
	frag, canon, err := compileHouseSchema(id, fields["schema"])
	if err != nil {
		return nil, nil, fail(fields["schema"], "house rule %s: schema: %v", id, err)
	}
	doc := fmt.Sprintf("House rule of the configuration: %s.\n\nChecks every value at `%s` against the JSON Schema `%s`", summary, given, canon)
	if message != "" {
		doc += " and reports \"" + message + "\""
	}
	doc += ".\n\nBad: a value the schema rejects.\n\nGood: a value it accepts."
	r := &Rule{
		ID:       id,
		Summary:  summary,
		Doc:      doc,
		Severity: sev,
		Run:      houseRun(toks, frag, message),
		config:   "\x00house\x00" + given + "\x00" + canon + "\x00" + message,
	}
	return &houseRule{rule: r, idPos: guide.Pos{Line: idNode.Line, Col: idNode.Column}}, idNode, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// parseGiven splits a JSON pointer whose tokens may be "*" (any key or
// index) into its unescaped tokens; "" is the whole document.
func parseGiven(p string) ([]string, error) {
	if p == "" {
		return nil, nil
	}
	if p[0] != '/' {
		return nil, fmt.Errorf("%q is not a JSON pointer: it must start with \"/\" (like /learning_path/phases/*/topics)", p)
	}
	toks := strings.Split(p[1:], "/")
	for i, t := range toks {
		for j := 0; j < len(t); j++ {
			if t[j] == '~' && (j+1 == len(t) || (t[j+1] != '0' && t[j+1] != '1')) {
				return nil, fmt.Errorf("%q: \"~\" must be written ~0 in a JSON pointer (and \"/\" in a key ~1)", p)
			}
		}
		toks[i] = strings.NewReplacer("~1", "/", "~0", "~").Replace(t)
	}
	return toks, nil
}

// checkGiven reports a pointer that can select nothing in a guide: a key
// the format does not have there (with the closest one it has), an index
// of something that is not a list. A misspelt pointer would otherwise
// make a rule that never fires.
func checkGiven(toks []string) error {
	shapes := []*schema.Shape{schema.Lookup("")}
	for i, tok := range toks {
		var next []*schema.Shape
		var keys []string
		list := false
		for _, s := range shapes {
			switch s.Type() {
			case "array":
				list = true
				if tok == "*" || isIndex(tok) {
					next = append(next, s.Item())
				}
			case "object":
				if tok == "*" {
					for _, k := range s.Keys() {
						next = append(next, s.Field(k))
					}
				} else if f := s.Field(tok); f != nil {
					next = append(next, f)
				}
				keys = append(keys, s.Keys()...)
			}
		}
		if len(next) == 0 {
			at := "/" + strings.Join(toks[:i], "/")
			if list && len(keys) == 0 {
				return fmt.Errorf("%s is a list: write an index or *, not %q", at, tok)
			}
			if len(keys) == 0 {
				return fmt.Errorf("%s holds a single value: nothing is below it", at)
			}
			msg := fmt.Sprintf("%q is no key of %s", tok, at)
			if s, ok := suggest.Closest(tok, keys, 2); ok {
				return fmt.Errorf("%s (did you mean %q?)", msg, s)
			}
			return fmt.Errorf("%s; it has %s", msg, strings.Join(keys, ", "))
		}
		shapes = next
	}
	return nil
}

func isIndex(tok string) bool {
	if tok == "" || (len(tok) > 1 && tok[0] == '0') {
		return false
	}
	for _, c := range tok {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// compileHouseSchema compiles a house rule's schema fragment, written in
// YAML, and returns it with its canonical JSON (for the rule's doc and
// the cache key).
func compileHouseSchema(id string, n *yaml.Node) (*schema.Fragment, string, error) {
	doc, err := jsonValue(n, 0)
	if err != nil {
		return nil, "", err
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, "", err
	}
	frag, err := schema.CompileFragment(id, doc)
	if err != nil {
		return nil, "", err
	}
	return frag, string(raw), nil
}

// jsonValue is the JSON value of a YAML node, read as a guide's values
// are: numbers as json.Number, and a date or any other YAML 1.1 oddity
// as the string written (yaml.v3 would make 2024-01-01 a time.Time, never
// equal to the same text in a guide).
func jsonValue(n *yaml.Node, depth int) (any, error) {
	if depth > 100 {
		return nil, fmt.Errorf("nested more than 100 deep at line %d", n.Line)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return jsonValue(n.Content[0], depth+1)
	case yaml.AliasNode:
		return jsonValue(n.Alias, depth+1)
	case yaml.SequenceNode:
		out := make([]any, len(n.Content))
		for i, c := range n.Content {
			v, err := jsonValue(c, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("line %d: a key must be text", k.Line)
			}
			if _, dup := out[k.Value]; dup {
				return nil, fmt.Errorf("line %d: duplicate key %q", k.Line, k.Value)
			}
			v, err := jsonValue(n.Content[i+1], depth+1)
			if err != nil {
				return nil, err
			}
			out[k.Value] = v
		}
		return out, nil
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		err := n.Decode(&b)
		return b, err
	case "!!int", "!!float":
		var f float64
		if err := n.Decode(&f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, fmt.Errorf("line %d: %q is not a JSON number", n.Line, n.Value)
		}
		if n.ShortTag() == "!!int" {
			var i int64
			if n.Decode(&i) == nil {
				return json.Number(strconv.FormatInt(i, 10)), nil
			}
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
	}
	return n.Value, nil
}

// houseRun is a house rule's Run: every value the pointer selects is
// validated; each leaf violation is reported at its node, or with a
// message of the rule's own, once at the selected value.
func houseRun(toks []string, frag *schema.Fragment, message string) func(*Pass) {
	return func(pass *Pass) {
		var keys fieldIndex
		matchGiven(pass.Doc.Root, pass.Doc.Value(), toks, nil, func(n *guide.Node, v any, path []string) {
			vs := frag.Validate(v, path)
			if len(vs) == 0 {
				return
			}
			if message != "" {
				pass.Report(n.Pos, message)
				return
			}
			for _, viol := range vs {
				pass.ReportDiagnostic(schemaDiagnostic(pass.Doc, viol, &keys))
			}
		})
	}
}

// matchGiven calls f for each value of the tree at n (whose JSON-shaped
// value is v, at path) that the pointer tokens select.
func matchGiven(n *guide.Node, v any, toks, path []string, f func(*guide.Node, any, []string)) {
	if n == nil {
		return
	}
	if len(toks) == 0 {
		f(n, v, path)
		return
	}
	tok := toks[0]
	switch n.Kind {
	case guide.KindMapping:
		m, _ := v.(map[string]any)
		seen := map[string]bool{}
		for i := range n.Fields {
			fld := &n.Fields[i]
			if (tok == "*" || tok == fld.Key) && !seen[fld.Key] {
				seen[fld.Key] = true // a repeated key is the parse rule's
				matchGiven(fld.Value, m[fld.Key], toks[1:], append(path, fld.Key), f)
			}
		}
	case guide.KindSequence:
		s, _ := v.([]any)
		for i, it := range n.Items {
			idx := strconv.Itoa(i)
			if tok == "*" || tok == idx {
				var iv any
				if i < len(s) {
					iv = s[i]
				}
				matchGiven(it, iv, toks[1:], append(path, idx), f)
			}
		}
	}
}
