package lint

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestApplyFixes(t *testing.T) {
	tests := []struct {
		name, file, src string
		fixes           []*Fix
		want            string // "" with wantErr
		wantErr         string
	}{
		{
			name: "number", file: "g.yaml",
			src:   "stats:\n  sub_skills: 5 # counted by hand\n",
			fixes: []*Fix{{Message: "set", Pointer: "/stats/sub_skills", NewText: "6"}},
			want:  "stats:\n  sub_skills: 6 # counted by hand\n",
		},
		{
			name: "several, flow and block", file: "g.yaml",
			src: "stats: {learning_phases: 2, estimated_hours: 100, sub_skills: 5}\nusage:\n  use_cases:\n    - level: advanced\n",
			fixes: []*Fix{
				{Pointer: "/stats/learning_phases", NewText: "3"},
				{Pointer: "/stats/estimated_hours", NewText: "240"},
				{Pointer: "/usage/use_cases/0/level", NewText: "Advanced"},
			},
			want: "stats: {learning_phases: 3, estimated_hours: 240, sub_skills: 5}\nusage:\n  use_cases:\n    - level: Advanced\n",
		},
		{
			name: "quoted string stays valid", file: "g.yaml",
			src:   "a:\n  - level: 'very  advanced'\n",
			fixes: []*Fix{{Pointer: "/a/0/level", NewText: "Very: Advanced"}},
			want:  "a:\n  - level: \"Very: Advanced\"\n",
		},
		{
			name: "json", file: "g.json",
			src:   "{\"stats\": {\"sub_skills\": 5}, \"l\": \"advanced\"}",
			fixes: []*Fix{{Pointer: "/stats/sub_skills", NewText: "6"}, {Pointer: "/l", NewText: "Advanced"}},
			want:  "{\"stats\": {\"sub_skills\": 6}, \"l\": \"Advanced\"}",
		},
		{
			name: "byte order mark kept", file: "g.yaml",
			src:   "\ufeffn: 1\n",
			fixes: []*Fix{{Pointer: "/n", NewText: "2"}},
			want:  "\ufeffn: 2\n",
		},
		{
			name: "unicode before the value", file: "g.yaml",
			src:   "m: {ü: é, n: 1}\n",
			fixes: []*Fix{{Pointer: "/m/n", NewText: "2"}},
			want:  "m: {ü: é, n: 2}\n",
		},
		{
			name: "multi-line value is left alone", file: "g.yaml",
			src:     "l: >\n  advanced\n",
			fixes:   []*Fix{{Pointer: "/l", NewText: "Advanced"}},
			wantErr: "not one plain line",
		},
		{
			name: "nothing there", file: "g.yaml",
			src:     "a: 1\n",
			fixes:   []*Fix{{Pointer: "/b", NewText: "2"}},
			wantErr: "nothing at /b",
		},
		{
			name: "conflicting fixes are skipped", file: "g.yaml",
			src:   "a: 1\n",
			fixes: []*Fix{{Pointer: "/a", NewText: "2"}, {Pointer: "/a", NewText: "3"}},
			want:  "a: 1\n",
		},
		{
			name: "does not parse", file: "g.yaml",
			src:     "a: [\n",
			fixes:   []*Fix{{Pointer: "/a", NewText: "2"}},
			wantErr: "does not parse",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := ApplyFixes(tt.file, []byte(tt.src), tt.fixes)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
