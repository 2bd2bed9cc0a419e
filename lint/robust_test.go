package lint

import (
	"os"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"
)

// mangled yields variants of a YAML guide: each value in turn replaced by
// null, a number, a string, an empty string, a list, a mapping, an empty
// list and an empty mapping, and each key in turn removed.
func mangled(t testing.TB, data []byte, yield func(what string, variant []byte)) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	replacements := map[string]string{
		"null":          "null",
		"number":        "7",
		"negative":      "-1.5",
		"string":        "0-6 months",
		"empty string":  `""`,
		"list":          `[1, "x", null, {a: 1}, [TODO]]`,
		"mapping":       `{name: x, weight: 1, duration: "1+ years", options: [a, a]}`,
		"empty list":    "[]",
		"empty mapping": "{}",
	}
	repl := map[string]*yaml.Node{}
	for name, src := range replacements {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(src), &n); err != nil {
			t.Fatal(err)
		}
		repl[name] = n.Content[0]
	}
	emit := func(what string) {
		out, err := yaml.Marshal(&doc)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		yield(what, out)
	}
	var rec func(n *yaml.Node, path string)
	rec = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.DocumentNode:
			rec(n.Content[0], path)
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				key := n.Content[i].Value
				slot := &n.Content[i+1]
				orig := *slot
				for name, r := range repl {
					*slot = r
					emit(path + "/" + key + " as " + name)
				}
				*slot = orig
				// Remove the key.
				content := n.Content
				n.Content = append(append([]*yaml.Node(nil), content[:i]...), content[i+2:]...)
				emit(path + "/" + key + " removed")
				n.Content = content
				rec(orig, path+"/"+key)
			}
		case yaml.SequenceNode:
			for i := range n.Content {
				// The first two items and the last cover every rule's
				// special cases (first level, next level, last level);
				// the middle ones only repeat them.
				if i > 1 && i < len(n.Content)-1 {
					continue
				}
				slot := &n.Content[i]
				orig := *slot
				for name, r := range repl {
					*slot = r
					emit(path + "/" + itoa(i) + " as " + name)
				}
				*slot = orig
				rec(orig, path+"/"+itoa(i))
			}
		}
	}
	rec(&doc, "")
}

// TestRulesSurviveMangling runs every rule on many broken variants of an
// example guide: no rule may panic (checkFile turns a panic into an
// "internal error" diagnostic).
func TestRulesSurviveMangling(t *testing.T) {
	// The examples share one structure: one of them exercises every
	// place of it.
	files := []string{"../examples/ml-systems.yaml"}
	s := mustNew(t, Options{Disable: []string{"schema"}}) // not under test here, and the slowest part
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		mangled(t, data, func(what string, variant []byte) {
			n++
			for _, d := range checkFile(s, "mangled.yaml", variant).Diags {
				if strings.HasPrefix(d.Message, "internal error") {
					t.Errorf("%s, %s: %s", path, what, d.Message)
				}
			}
		})
		t.Logf("%s: %d variants", path, n)
	}
}
