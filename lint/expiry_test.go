package lint_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/skillguides/guidelint/lint"
)

// TestSuppressionEnds: a guidelint:ignore with until= suppresses until
// its date; after it the finding comes back beside an expired-ignore
// warning; in the 14 days before, an info note; a date that is not one
// suppresses nothing and is an error. The clock is the linter's.
func TestSuppressionEnds(t *testing.T) {
	src := "id: x\n" +
		"title: TBD # guidelint:ignore placeholder until=2027-03-31 -- title chosen at launch\n" +
		"tagline: TBD # guidelint:ignore placeholder until=2027-02-30 -- no such day\n" +
		"category: TBD # guidelint:ignore placeholder until=2099-01-01\n"
	run := func(today string) []string {
		t.Helper()
		now, err := time.Parse("2006-01-02 15:04", today)
		if err != nil {
			t.Fatal(err)
		}
		l, err := lint.New(lint.Options{Disable: []string{"schema"}, Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		diags, err := l.Lint(context.Background(), "x.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range diags {
			if d.Rule == "placeholder" || d.Rule == "expired-ignore" || d.Rule == "unused-ignore" {
				out = append(out, strings.TrimPrefix(d.String(), "x.yaml:"))
			}
		}
		return out
	}
	malformed := []string{
		`3:10: warning: placeholder "TBD" left in tagline; replace it with the real text (placeholder)`,
		`3:14: error: until=2027-02-30 is not a date; write until=YYYY-MM-DD (the directive suppresses nothing) (expired-ignore)`,
	}
	for _, tc := range []struct {
		today string
		want  []string
	}{
		{"2027-01-02 12:00", malformed},
		{"2027-03-17 08:00", append([]string{
			`2:12: info: guidelint:ignore placeholder expires on 2027-03-31, in 14 days (expired-ignore)`,
		}, malformed...)},
		{"2027-03-31 23:59", append([]string{
			`2:12: info: guidelint:ignore placeholder expires on 2027-03-31, in 0 days (expired-ignore)`,
		}, malformed...)},
		{"2027-04-01 00:01", append([]string{
			`2:8: warning: placeholder "TBD" left in title; replace it with the real text (placeholder)`,
			`2:12: warning: guidelint:ignore placeholder expired on 2027-03-31 and suppresses nothing; fix the finding or set a new date (expired-ignore)`,
		}, malformed...)},
	} {
		if diff := cmp.Diff(tc.want, run(tc.today)); diff != "" {
			t.Errorf("on %s (-want +got):\n%s", tc.today, diff)
		}
	}
}

// TestRequireReason: with require-reason, a directive without "-- reason"
// is an ignore-reason error; it still suppresses.
func TestRequireReason(t *testing.T) {
	cfg, err := lint.ParseConfig(".guidelint.yaml", t.TempDir(), []byte("require-reason: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	src := "id: x\ntitle: TBD # guidelint:ignore placeholder\ntagline: TBD # guidelint:ignore placeholder -- launch\n" +
		"category: TBD # guidelint:ignore placeholder until=2099-01-01\n"
	for _, c := range []*lint.Config{nil, cfg} {
		l, err := lint.New(lint.Options{Config: c, Disable: []string{"schema"}})
		if err != nil {
			t.Fatal(err)
		}
		diags, _ := l.Lint(context.Background(), "x.yaml", []byte(src))
		var got []string
		for _, d := range diags {
			if d.Rule != "id-filename" {
				got = append(got, strings.TrimPrefix(d.String(), "x.yaml:"))
			}
		}
		var want []string
		if c != nil {
			want = []string{
				`2:12: error: guidelint:ignore placeholder gives no reason; add "-- why" (require-reason is on) (ignore-reason)`,
				`4:15: error: guidelint:ignore placeholder gives no reason; add "-- why" (require-reason is on) (ignore-reason)`,
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("require-reason %v (-want +got):\n%s", c != nil, diff)
		}
	}
}
