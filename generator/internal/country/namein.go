package country

import (
	"cmp"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// cldrLanguages matches a reader's language to one that CLDR names
// countries in.
var cldrLanguages = sync.OnceValue(func() language.Matcher {
	return language.NewMatcher(display.Supported.Tags())
})

// NameIn returns the country's name in the language lang, a BCP 47 tag such
// as "hu" or "uz-Cyrl", as CLDR gives it: "Magyarország" for Hungary in "hu".
//
// It returns Name instead for English, since the registry chooses its own
// English names ("Türkiye" where CLDR says "Turkey"); for a language CLDR
// has no country names in; and for a former country, since CLDR names none
// of them and reads some withdrawn codes as a successor's (DD as Germany, ZR
// as Congo - Kinshasa).
func (c *Country) NameIn(lang string) string {
	if c.Ended != 0 {
		return c.Name
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return c.Name
	}
	// Only an exact match is the reader's language: CLDR matches Latin to
	// Italian and Klingon to English with high confidence.
	tag, _, conf := cldrLanguages().Match(tag)
	if base, _ := tag.Base(); conf != language.Exact || base.String() == "en" {
		return c.Name
	}
	names := display.Regions(tag)
	region, err := language.ParseRegion(c.Alpha2)
	if names == nil || err != nil {
		return c.Name
	}
	return cmp.Or(names.Name(region), c.Name)
}
