package suggest

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"title", "title", 0},
		{"titel", "title", 2},
		{"kitten", "sitting", 3},
		{"signd", "signed", 1},
		{"flaw", "lawn", 2},
		{"Title", "title", 1}, // Distance itself is case-sensitive
		{"Türkiye", "Turkiye", 1},
		{"ü", "u", 1}, // runes, not bytes
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	fields := []string{"title", "date", "summary", "countries", "signed", "status"}
	tests := []struct {
		name       string
		s          string
		candidates []string
		want       string
	}{
		{"typo", "titel", fields, "title"},
		{"one letter missing", "signd", fields, "signed"},
		{"case-insensitive input", "TITLE", fields, "title"},
		{"case-insensitive candidate keeps its spelling", "hungary", []string{"Hungary", "Kyrgyzstan"}, "Hungary"},
		{"too far", "xyzzy", fields, ""},
		{"short word too far", "ab", []string{"xyzw"}, ""},
		{"no candidates", "title", nil, ""},
		{"first of equally close wins", "cat", []string{"bat", "hat"}, "bat"},
		{"long word allows more edits", "organisationz", []string{"organisations"}, "organisations"},
		{"within len/3 for long words", "internationl agrement", []string{"international agreement"}, "international agreement"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Closest(tt.s, tt.candidates); got != tt.want {
				t.Errorf("Closest(%q, %q) = %q, want %q", tt.s, tt.candidates, got, tt.want)
			}
		})
	}
}
