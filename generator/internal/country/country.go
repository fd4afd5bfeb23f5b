// Package country resolves the free-text country names of front matter to
// the countries of ISO 3166-1 and the former countries of ISO 3166-3.
//
// The registry holds every country and territory that
// github.com/biter777/countries lists, less the two it still lists after ISO
// withdrew their codes (AN Netherlands Antilles, YU Yugoslavia). It keeps
// Kosovo (XK), which has no ISO code of its own but is a party to customs
// agreements. To these current countries it adds the former countries of
// ISO 3166-3, such as the Soviet Union, Yugoslavia and East Germany, whose
// codes ISO withdrew when they split up, merged into another country or
// changed their name. A former country has the year ISO withdrew its codes
// (Ended), its ISO 3166-3 code (Alpha4), no Flag, and Successors: the
// countries that took its territory over, as ISO 3166-3 names them unless
// the table says otherwise. A country's Predecessors are the former
// countries it succeeded.
//
// A country's Name is the common English short name ("Türkiye", "Russia",
// "South Korea"): our own table where the library's name is an official or
// dated one, the library's name otherwise. Its Slug is slug.Make(Name) and
// a current country's Flag is the pair of regional indicator symbols of its
// alpha-2 code. NameIn gives the name in other languages, from CLDR.
//
// Lookup accepts a country's Name, the library's name, an alias or former
// name from our tables ("Turkey", "Kyrgyz Republic", "Swaziland", "USSR"),
// its Slug, its alpha-2 code, its alpha-3 code and a former country's
// ISO 3166-3 code. Two spellings name the same country when their keys are
// equal, and the key of s is the letters and digits of slug.Make(s). So
// case, diacritics, spaces and punctuation do not matter and "&" reads as
// "and": "bosnia & herzegovina", "Bosnia-and-Herzegovina" and "BOSNIA AND
// HERZEGOVINA" are one country. No key names two countries.
//
// A withdrawn code names its former country unless ISO has given it out
// again. One that a current country holds now names that country: GE is
// Georgia, and the Gilbert and Ellice Islands are GEL or GEHH. One that two
// former countries held names neither: CS was Czechoslovakia's until 1993
// and Serbia and Montenegro's until 2006, so front matter must say which.
// Names that still name a current country stay with it: "Burma" is Myanmar
// and the former country is "Burma (until 1989)".
//
// Suggest finds the country an unknown spelling was probably meant to be, for
// messages such as: unknown country "Hungry" (did you mean "Hungary"?).
package country

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/biter777/countries"
	"github.com/cooperation-kb/kb/generator/internal/suggest"
	"github.com/gosimple/slug"
)

// Country is a country of ISO 3166-1, or a former country of ISO 3166-3.
type Country struct {
	Name string // common English short name, for display: "Türkiye"
	// Alpha2 is the ISO 3166-1 alpha-2 code: "TR". A former country's is
	// the code ISO withdrew, which it may since have given to another
	// country: Georgia's "GE" was the Gilbert and Ellice Islands'.
	Alpha2  string
	Alpha3  string // ISO 3166-1 alpha-3 code, a former country's withdrawn one: "TUR"
	Alpha4  string // ISO 3166-3 code of a former country: "YUCS"; "" for a current one
	Numeric string // ISO 3166-1 numeric code: "792"; "" where ISO defines none
	Slug    string // Name as a URL path segment, only [a-z0-9-]: "turkiye"
	Flag    string // flag emoji: "🇹🇷"; "" for a former country
	Ended   int    // the year ISO withdrew a former country's codes; 0 for a current one
	// Successors are the countries that took over a former country's
	// territory, current or former themselves, sorted by Slug.
	Successors []*Country
	// Predecessors are the former countries whose successor this one is,
	// sorted by Slug: Yugoslavia and Serbia and Montenegro for Serbia.
	Predecessors []*Country
}

// Registry resolves free-text country references. Its methods are safe for
// concurrent use, and the *Country values they return are shared: callers
// must not modify them.
type Registry struct {
	all    []*Country // by Slug, so that "Åland Islands" sorts under A
	byKey  map[string]*Country
	bySlug map[string]*Country
	// names holds the keys of names and aliases that Suggest may propose.
	names []string
}

var defaultRegistry = sync.OnceValue(func() *Registry {
	r, err := newRegistry(countries.All(), displayNames, aliases, formerCountries)
	if err != nil {
		// The tables are compiled in and the tests build them, so this
		// cannot happen in a released generator.
		panic(err)
	}
	return r
})

// Default returns the shared registry of all countries. It is built on first
// use.
func Default() *Registry {
	return defaultRegistry()
}

// Lookup returns the country that s names, or false when s names none. See
// the package documentation for the spellings it accepts.
func (r *Registry) Lookup(s string) (*Country, bool) {
	// The keys of real spellings fit in buf, which keeps them off the heap,
	// and indexing a map with string(bytes) does not allocate.
	var buf [64]byte
	c, ok := r.byKey[string(appendKey(buf[:0], s))]
	return c, ok
}

// Suggest returns the Name of the country whose name or alias is closest to
// s by edit distance, or "" when none is close enough to be a typo of s.
// It never proposes a country for being near its code or an acronym.
func (r *Registry) Suggest(s string) string {
	best := suggest.Closest(key(s), r.names)
	if best == "" {
		return ""
	}
	return r.byKey[best].Name
}

// BySlug returns the country whose Slug is slug.
func (r *Registry) BySlug(slug string) (*Country, bool) {
	c, ok := r.bySlug[slug]
	return c, ok
}

// All returns every country, current and former, sorted by Slug, which sorts
// by Name ignoring case and diacritics. The slice is the caller's own.
func (r *Registry) All() []*Country {
	return slices.Clone(r.all)
}

// newRegistry builds a registry of the current countries of codes and of the
// former countries, naming each current one by display or, when display has
// no name for its alpha-2 code, by the library. It fails when two countries
// would share a key or a slug, when a table mentions a code that is not in
// codes, and when a former country's successor is unknown or ended first, so
// that a mistake in the tables fails the tests instead of producing a wrong
// or missing country page.
func newRegistry(codes []countries.CountryCode, display map[string]string, aliases map[string][]string, former []formerCountry) (*Registry, error) {
	b := &builder{
		r:     &Registry{byKey: map[string]*Country{}, bySlug: map[string]*Country{}},
		names: map[string]bool{},
	}
	byAlpha2 := map[string]*Country{}
	current := map[string]bool{} // the alpha-2 and alpha-3 codes of current countries
	for _, code := range codes {
		if withdrawn[code] {
			continue
		}
		a2 := code.Alpha2()
		name := cmp.Or(display[a2], code.String())
		c := &Country{Name: name, Alpha2: a2, Alpha3: code.Alpha3(), Numeric: numeric(code), Flag: code.Emoji()}
		b.addCountry(c, append([]string{name, code.String()}, aliases[a2]...))
		b.add(c, c.Alpha2)
		b.add(c, c.Alpha3)
		byAlpha2[a2] = c
		current[c.Alpha2], current[c.Alpha3] = true, true
	}
	mentioned := slices.Concat(slices.Collect(maps.Keys(display)), slices.Collect(maps.Keys(aliases)))
	slices.Sort(mentioned)
	for _, a2 := range slices.Compact(mentioned) {
		if byAlpha2[a2] == nil {
			b.errs = append(b.errs, fmt.Errorf("the name tables mention %s, which is not a known alpha-2 code", a2))
		}
	}

	byAlpha4 := map[string]*Country{}
	// heldBy lists, by withdrawn code, the former countries that held it.
	// A code that a current country holds names that country, so it is
	// left out.
	heldBy := map[string][]*Country{}
	for _, f := range former {
		c := &Country{Name: f.name, Alpha2: f.alpha2, Alpha3: f.alpha3, Alpha4: f.alpha4, Numeric: f.numeric, Ended: f.ended}
		b.addCountry(c, append([]string{f.name}, f.aliases...))
		b.add(c, c.Alpha4)
		byAlpha4[c.Alpha4] = c
		for _, code := range []string{c.Alpha2, c.Alpha3} {
			if !current[code] {
				heldBy[code] = append(heldBy[code], c)
			}
		}
	}
	// A code that two former countries held, as CS was Czechoslovakia's
	// and then Serbia and Montenegro's, names neither: guessing one would
	// file an agreement under the wrong country without a word.
	for _, code := range slices.Sorted(maps.Keys(heldBy)) {
		if held := heldBy[code]; len(held) == 1 {
			b.add(held[0], code)
		}
	}
	for _, f := range former {
		c := byAlpha4[f.alpha4]
		if len(f.successors) == 0 {
			b.errs = append(b.errs, fmt.Errorf("%s has no successors", f.alpha4))
		}
		for _, code := range f.successors {
			s := cmp.Or(byAlpha2[code], byAlpha4[code])
			switch {
			case s == nil:
				b.errs = append(b.errs, fmt.Errorf("%s: successor %s is not a known alpha-2 or ISO 3166-3 code", f.alpha4, code))
				continue
			case s.Ended != 0 && s.Ended <= c.Ended:
				// This also rules out a country succeeding itself,
				// directly or through others.
				b.errs = append(b.errs, fmt.Errorf("%s: successor %s ended in %d, not after %s in %d", f.alpha4, code, s.Ended, f.alpha4, c.Ended))
				continue
			}
			c.Successors = append(c.Successors, s)
			s.Predecessors = append(s.Predecessors, c)
		}
	}
	if len(b.errs) > 0 {
		return nil, errors.Join(b.errs...)
	}
	r := b.r
	bySlug := func(x, y *Country) int { return cmp.Compare(x.Slug, y.Slug) }
	slices.SortFunc(r.all, bySlug)
	for _, c := range r.all {
		slices.SortFunc(c.Successors, bySlug)
		slices.SortFunc(c.Predecessors, bySlug)
	}
	// suggest.Closest keeps the first of equally close names; sorting makes
	// that choice the same on every build.
	r.names = slices.Sorted(maps.Keys(b.names))
	return r, nil
}

// builder collects the countries of a registry and the mistakes in its
// tables.
type builder struct {
	r     *Registry
	names map[string]bool // the keys that Suggest may propose
	errs  []error
}

// addCountry adds c, giving it the Slug of its Name, and files it under
// each of the names and aliases in spellings.
func (b *builder) addCountry(c *Country, spellings []string) {
	c.Slug = slug.Make(c.Name)
	if !isSlug(c.Slug) {
		b.errs = append(b.errs, fmt.Errorf("%s: slug %q of %q has characters outside [a-z0-9-]", id(c), c.Slug, c.Name))
	}
	if other, ok := b.r.bySlug[c.Slug]; ok {
		b.errs = append(b.errs, fmt.Errorf("%s and %s share the slug %q", id(other), id(c), c.Slug))
	}
	b.r.bySlug[c.Slug] = c
	b.r.all = append(b.r.all, c)
	// The key of a Slug is the key of its Name, so names cover slugs.
	for _, s := range spellings {
		// Acronyms are not suggested, as codes are not: most short
		// inputs are within two edits of one, which says nothing about
		// what was meant.
		if k := b.add(c, s); len(k) > 3 {
			b.names[k] = true
		}
	}
}

// add files c under the key of spelling and returns the key, or "" when
// spelling has none or it names another country.
func (b *builder) add(c *Country, spelling string) string {
	k := key(spelling)
	if k == "" {
		b.errs = append(b.errs, fmt.Errorf("%s: %q has no letters or digits", id(c), spelling))
		return ""
	}
	if other, ok := b.r.byKey[k]; ok && other != c {
		b.errs = append(b.errs, fmt.Errorf("%q names both %s and %s", spelling, id(other), id(c)))
		return ""
	}
	b.r.byKey[k] = c
	return k
}

// id returns the code that tells c apart in a message about the tables:
// its alpha-2 code, or a former country's ISO 3166-3 code, as the withdrawn
// alpha-2 code may be another country's.
func id(c *Country) string {
	return cmp.Or(c.Alpha4, c.Alpha2)
}

// numeric returns the ISO 3166-1 numeric code of code, or "" for Kosovo's 900:
// ISO leaves the codes from 900 to 999 to its users.
func numeric(code countries.CountryCode) string {
	if code >= 900 {
		return ""
	}
	return fmt.Sprintf("%03d", int(code))
}

func isSlug(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; !('a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '-') {
			return false
		}
	}
	return s != ""
}
