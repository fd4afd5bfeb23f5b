package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// categories names CLDR's plural categories by plural.Form.
var categories = [...]string{
	plural.Other: "other",
	plural.Zero:  "zero",
	plural.One:   "one",
	plural.Two:   "two",
	plural.Few:   "few",
	plural.Many:  "many",
}

// category returns the plural category of the whole number n in lang.
func category(lang language.Tag, n int) string {
	if n < 0 {
		n = -n
	}
	// MatchPlural wants its operands below 10,000,000, and CLDR's rules
	// look at no more digits than that.
	return categories[plural.Cardinal.MatchPlural(lang, n%10_000_000, 0, 0, 0, 0)]
}

// Forms returns the plural categories that whole numbers take in lang,
// "other" always among them, in CLDR's order: those a table's plural
// strings need.
func Forms(lang language.Tag) []string {
	used := map[string]bool{"other": true}
	// CLDR's rules for whole numbers look at their last one or two
	// digits, and some at round millions.
	for n := range 200 {
		used[category(lang, n)] = true
	}
	used[category(lang, 1_000_000)] = true
	var out []string
	for _, c := range []string{"zero", "one", "two", "few", "many", "other"} {
		if used[c] {
			out = append(out, c)
		}
	}
	return out
}
