package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// findings extracts the findings of one report, each as a string, in
// the format's own words: what the union of shard reports must equal.
func findings(t *testing.T, format, out string) []string {
	t.Helper()
	var list []string
	switch format {
	case "text":
		line := regexp.MustCompile(`^\S.*:\d+:\d+: `)
		for _, l := range strings.Split(out, "\n") {
			if line.MatchString(l) {
				list = append(list, l)
			}
		}
	case "github":
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "::error file=") || strings.HasPrefix(l, "::warning file=") || strings.HasPrefix(l, "::notice file=") {
				list = append(list, l)
			}
		}
	case "rdjsonl":
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			if l != "" {
				list = append(list, l)
			}
		}
	default:
		var doc struct {
			Diagnostics []json.RawMessage `json:"diagnostics"`
			Runs        []struct {
				Results []json.RawMessage `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		raw := doc.Diagnostics
		if format == "sarif" {
			raw = doc.Runs[0].Results
		}
		for _, r := range raw {
			list = append(list, string(r))
		}
	}
	return list
}

// TestShardUnion: the union of the N shards' reports is the unsharded
// report, in every format, for N = 1..4; each file is linted by exactly
// one shard, cross-file rules (id-unique, title-unique) included, and
// SARIF shards name distinct categories.
func TestShardUnion(t *testing.T) {
	paths := []string{"../../lint/testdata/rules", "../../examples"}
	run := func(args ...string) string {
		var out, errb bytes.Buffer
		Command{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}.Main(
			append([]string{"--no-config", "--no-cache", "--color", "never"}, append(args, paths...)...))
		return out.String()
	}
	for _, format := range []string{"text", "json", "sarif", "github", "rdjson", "rdjsonl"} {
		want := findings(t, format, run("--format", format))
		sort.Strings(want)
		if len(want) < 100 || !strings.Contains(strings.Join(want, "\n"), "id-unique") {
			t.Fatalf("%s: %d findings without shards; want a corpus with id-unique", format, len(want))
		}
		for n := 1; n <= 4; n++ {
			var union []string
			categories := map[string]bool{}
			for k := 1; k <= n; k++ {
				out := run("--format", format, "--shard", fmt.Sprintf("%d/%d", k, n))
				union = append(union, findings(t, format, out)...)
				if format == "sarif" {
					var doc struct {
						Runs []struct {
							AutomationDetails struct{ ID string } `json:"automationDetails"`
						} `json:"runs"`
					}
					json.Unmarshal([]byte(out), &doc)
					id := doc.Runs[0].AutomationDetails.ID
					if id == "" || categories[id] {
						t.Errorf("shard %d/%d: automationDetails.id %q, want a distinct one", k, n, id)
					}
					categories[id] = true
				}
			}
			sort.Strings(union)
			if diff := cmp.Diff(want, union); diff != "" {
				t.Errorf("%s: union of %d shards differs from the unsharded report (-want +got):\n%s", format, n, diff)
			}
		}
	}
}

func TestShardFlag(t *testing.T) {
	for _, bad := range []string{"0/2", "3/2", "x", "1/0", "1-2"} {
		var out, errb bytes.Buffer
		code := Command{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}.Main([]string{"--shard", bad, "../../examples"})
		if code != exitUsage || !strings.Contains(errb.String(), "--shard") {
			t.Errorf("--shard %s: exit %d, %q", bad, code, errb.String())
		}
	}
}
