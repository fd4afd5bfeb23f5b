// Package country resolves the free-text country names of front matter to
// ISO 3166-1 countries.
//
// The registry holds every country and territory that
// github.com/biter777/countries lists, less the codes ISO has withdrawn from
// ISO 3166-1 (AN Netherlands Antilles, YU Yugoslavia). It keeps Kosovo (XK),
// which has no ISO code of its own but is a party to customs agreements.
//
// A country's Name is the common English short name ("Türkiye", "Russia",
// "South Korea"): our own table where the library's name is an official or
// dated one, the library's name otherwise. Its Slug is slug.Make(Name) and
// its Flag is the pair of regional indicator symbols of its alpha-2 code.
//
// Lookup accepts a country's Name, the library's name, an alias or former
// name from our table ("Turkey", "Kyrgyz Republic", "Swaziland"), its Slug,
// its alpha-2 code and its alpha-3 code. Two spellings name the same country
// when their keys are equal, and the key of s is the letters and digits of
// slug.Make(s). So case, diacritics, spaces and punctuation do not matter and
// "&" reads as "and": "bosnia & herzegovina", "Bosnia-and-Herzegovina" and
// "BOSNIA AND HERZEGOVINA" are one country. No key names two countries.
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

// Country is one ISO 3166-1 country.
type Country struct {
	Name   string // common English short name, for display: "Türkiye"
	Alpha2 string // ISO 3166-1 alpha-2 code: "TR"
	Alpha3 string // ISO 3166-1 alpha-3 code: "TUR"
	Slug   string // Name as a URL path segment, only [a-z0-9-]: "turkiye"
	Flag   string // flag emoji: "🇹🇷"
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
	r, err := newRegistry(countries.All(), displayNames, aliases)
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

// All returns every country, sorted by Name ignoring case and diacritics.
// The slice is the caller's own.
func (r *Registry) All() []*Country {
	return slices.Clone(r.all)
}

// newRegistry builds a registry of codes, naming each country by display or,
// when display has no name for its alpha-2 code, by the library. It fails
// when two countries would share a key or a slug, and when a table mentions
// a code that is not in codes, so that a mistake in the tables fails the
// tests instead of producing a wrong or missing country page.
func newRegistry(codes []countries.CountryCode, display map[string]string, aliases map[string][]string) (*Registry, error) {
	r := &Registry{byKey: map[string]*Country{}, bySlug: map[string]*Country{}}
	var errs []error
	add := func(c *Country, spelling string) string {
		k := key(spelling)
		if k == "" {
			errs = append(errs, fmt.Errorf("%s: %q has no letters or digits", c.Alpha2, spelling))
			return ""
		}
		if other, ok := r.byKey[k]; ok && other != c {
			errs = append(errs, fmt.Errorf("%q names both %s and %s", spelling, other.Alpha2, c.Alpha2))
			return ""
		}
		r.byKey[k] = c
		return k
	}
	known := map[string]bool{}
	names := map[string]bool{}
	for _, code := range codes {
		if withdrawn[code] {
			continue
		}
		a2 := code.Alpha2()
		known[a2] = true
		name := cmp.Or(display[a2], code.String())
		c := &Country{Name: name, Alpha2: a2, Alpha3: code.Alpha3(), Slug: slug.Make(name), Flag: code.Emoji()}
		if !isSlug(c.Slug) {
			errs = append(errs, fmt.Errorf("%s: slug %q of %q has characters outside [a-z0-9-]", a2, c.Slug, name))
		}
		if other, ok := r.bySlug[c.Slug]; ok {
			errs = append(errs, fmt.Errorf("%s and %s share the slug %q", other.Alpha2, a2, c.Slug))
		}
		r.bySlug[c.Slug] = c
		r.all = append(r.all, c)

		// The key of a Slug is the key of its Name, so names cover slugs.
		for _, spelling := range append([]string{name, code.String()}, aliases[a2]...) {
			// Acronyms are not suggested, as codes are not: most short
			// inputs are within two edits of one, which says nothing
			// about what was meant.
			if k := add(c, spelling); len(k) > 3 {
				names[k] = true
			}
		}
		add(c, c.Alpha2)
		add(c, c.Alpha3)
	}
	mentioned := slices.Concat(slices.Collect(maps.Keys(display)), slices.Collect(maps.Keys(aliases)))
	slices.Sort(mentioned)
	for _, a2 := range slices.Compact(mentioned) {
		if !known[a2] {
			errs = append(errs, fmt.Errorf("the name tables mention %s, which is not a known alpha-2 code", a2))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	slices.SortFunc(r.all, func(a, b *Country) int { return cmp.Compare(a.Slug, b.Slug) })
	// suggest.Closest keeps the first of equally close names; sorting makes
	// that choice the same on every build.
	r.names = slices.Sorted(maps.Keys(names))
	return r, nil
}

func isSlug(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; !('a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '-') {
			return false
		}
	}
	return s != ""
}
