package suggest

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"weight", "weight", 0},
		{"wieght", "weight", 1},  // transposition
		{"nmae", "name", 1},      // transposition
		{"ab", "ba", 1},          // transposition
		{"weigth", "weight", 1},  // transposition at the end
		{"wight", "weight", 1},   // insertion
		{"weightt", "weight", 1}, // deletion
		{"waight", "weight", 1},  // substitution
		{"sub-skills", "sub_skills", 1},
		{"Title", "title", 1}, // case matters
		{"kitten", "sitting", 3},
		{"ca", "abc", 3},      // OSA (not full Damerau-Levenshtein, which says 2)
		{"héllo", "hello", 1}, // runes, not bytes
		{"日本語", "日本", 1},
		{"foo", "faq", 2},
		{"abcdef", "badcfe", 3},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	keys := []string{"name", "weight", "description", "example_tasks"}
	tests := []struct {
		name       string
		word       string
		candidates []string
		max        int
		want       string
		wantOK     bool
	}{
		{"transposition", "wieght", keys, 2, "weight", true},
		{"two edits", "wiegt", keys, 2, "weight", true},
		{"too far", "heavyness", keys, 2, "", false},
		{"max zero needs exact", "name", keys, 0, "name", true},
		{"max zero misses", "nmae", keys, 0, "", false},
		{"negative max", "name", keys, -1, "", false},
		{"no candidates", "name", nil, 2, "", false},
		{"nearest wins", "tip", []string{"tips", "top"}, 2, "tips", true},
		{"nearest wins, other order", "tip", []string{"top", "tips"}, 2, "tips", true},
		// "cat" is one edit from both; ties go to the first in sort order,
		// whatever the order given.
		{"tie", "cat", []string{"hat", "bat"}, 2, "bat", true},
		{"tie reversed", "cat", []string{"bat", "hat"}, 2, "bat", true},
		{"closer beats earlier", "levls", []string{"levels", "lev"}, 2, "levels", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Closest(tt.word, tt.candidates, tt.max)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Closest(%q, %q, %d) = %q, %v; want %q, %v", tt.word, tt.candidates, tt.max, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func BenchmarkDistance(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Distance("learning_pth", "learning_path")
	}
}
