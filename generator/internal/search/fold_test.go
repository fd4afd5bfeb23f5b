package search

import (
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Türkiye", "turkiye"},
		{"TÜRKIYE", "turkiye"},
		{"Tu\u0308rkiye", "turkiye"}, // decomposed: u and a combining diaeresis
		{"İstanbul", "istanbul"},     // I with a dot above decomposes to I and a mark
		{"Kırgızistan", "kirgizistan"},
		{"ı", "i"},
		{"Straße", "strasse"},
		{"Łódź", "lodz"},
		{"Gábor", "gabor"},
		{"Tóth", "toth"},
		{"Søren", "soren"},
		{"Đorđević", "dordevic"},
		{"Æsir", "aesir"},
		{"Þórr", "thorr"},
		{"customs", "customs"},
		{"WCO", "wco"},
		{"2024", "2024"},
		{"Кыргызстан", "кыргызстан"}, // other scripts are lower-cased, not transliterated
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// splitWords returns what words passes to its callback, in order.
func splitWords(text string) []string {
	var got []string
	words([]byte(text), nil, func(w []byte, _ uint32) { got = append(got, string(w)) })
	return got
}

func TestWords(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"stopwords dropped", "The agreement of the parties and their customs",
			[]string{"agreement", "parties", "customs"}},
		{"stopwords dropped whatever their case", "THE Agreement IS in Force",
			[]string{"agreement", "force"}},
		{"one-letter words dropped", "a 5-year plan, x-ray scanning, Hungary's",
			[]string{"year", "plan", "ray", "scanning", "hungary"}},
		{"digits kept", "signed in 2024 under article 12",
			[]string{"signed", "2024", "under", "article", "12"}},
		{"letters and digits are one word", "Covid19 G7",
			[]string{"covid19", "g7"}},
		{"folded", "Türkiye İstanbul Straße Łódź",
			[]string{"turkiye", "istanbul", "strasse", "lodz"}},
		{"decomposed input is one word", "Tu\u0308rkiye and To\u0301th",
			[]string{"turkiye", "toth"}},
		{"a letter that folds to two is a word", "ß ı",
			[]string{"ss"}},
		{"punctuation and dashes split", "Hungary–Kyrgyzstan (customs/training)",
			[]string{"hungary", "kyrgyzstan", "customs", "training"}},
		{"nothing", " — , . ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := splitWords(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("words(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
