package country

import "testing"

// The names are CLDR's as golang.org/x/text v0.44.0 has them. Uzbek spells
// its ʻ with U+02BB, the modifier letter turned comma.
func TestNameIn(t *testing.T) {
	tests := []struct {
		country string
		names   map[string]string // by language
	}{
		{"HU", map[string]string{"en": "Hungary", "hu": "Magyarország", "ru": "Венгрия", "uz": "Vengriya", "ky": "Венгрия", "tr": "Macaristan"}},
		// The registry's English name, where CLDR has "Turkey".
		{"TR", map[string]string{"en": "Türkiye", "en-GB": "Türkiye", "hu": "Törökország", "ru": "Турция", "uz": "Turkiya", "ky": "Түркия", "tr": "Türkiye"}},
		{"KG", map[string]string{"en": "Kyrgyzstan", "hu": "Kirgizisztán", "ru": "Киргизия", "uz": "Qirg\u02bbiziston", "ky": "Кыргызстан", "tr": "Kırgızistan"}},
		{"UZ", map[string]string{"en": "Uzbekistan", "hu": "Üzbegisztán", "ru": "Узбекистан", "uz": "O\u02bbzbekiston", "uz-Cyrl": "Ўзбекистон", "ky": "Өзбекстан", "tr": "Özbekistan"}},
		{"RU", map[string]string{"en": "Russia", "hu": "Oroszország", "ru": "Россия", "uz": "Rossiya", "ky": "Россия", "tr": "Rusya"}},
		{"XK", map[string]string{"en": "Kosovo", "hu": "Koszovó", "ru": "Косово", "uz": "Kosovo", "ky": "Косово", "tr": "Kosova"}},
		// Region subtags and extensions do not matter.
		{"HU", map[string]string{"hu-HU": "Magyarország", "ky-KG": "Венгрия", "ru-u-ca-buddhist": "Венгрия"}},
		// Languages CLDR has no country names in, including those it
		// matches to another one (Latin to Italian, Klingon to English),
		// and strings that are no language tag.
		{"HU", map[string]string{"la": "Hungary", "tlh": "Hungary", "sah": "Hungary", "xx": "Hungary", "": "Hungary", "hungarian": "Hungary"}},
		// CLDR names no former country and reads DD as Germany.
		{"DD", map[string]string{"en": "East Germany", "de": "East Germany", "ru": "East Germany"}},
		{"SU", map[string]string{"ru": "Soviet Union", "uz": "Soviet Union"}},
		{"YU", map[string]string{"hu": "Yugoslavia"}},
	}
	r := Default()
	for _, tt := range tests {
		c, ok := r.Lookup(tt.country)
		if !ok {
			t.Fatalf("Lookup(%q) found no country", tt.country)
		}
		for lang, want := range tt.names {
			if got := c.NameIn(lang); got != want {
				t.Errorf("%s.NameIn(%q) = %q, want %q", tt.country, lang, got, want)
			}
		}
	}
}
