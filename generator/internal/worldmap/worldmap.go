// Package worldmap draws the world as SVG at build time: a choropleth of
// agreements by country for the countries index, and for each country a
// small map that marks it and its partners.
//
// # Data
//
// The shapes are Natural Earth's 1:110m countries (public domain), as the
// world-atlas npm package (ISC licence) publishes them in TopoJSON. The
// generator internal/gen converted them once, with go generate, into
// countries.txt: per country its ISO 3166-1 alpha-2 and numeric codes, the
// atlas's name and SVG path data, projected with Equal Earth into a fixed
// viewBox and rounded to whole units. Converting once, rather than
// projecting the TopoJSON on every build, keeps the projection, the
// simplification and the antimeridian cut out of the build, makes the
// embedded data 30 KB instead of 108 KB, and lets a reviewer see in a diff
// what an update of the atlas changed. See README.md for the provenance and
// how to update it.
//
// At this scale the map has 174 countries. Small states and islands, such
// as Singapore, Malta or the Maldives, have no shape: Missing lists them so
// that a page can name them beside the map. Antarctica is left out.
// N. Cyprus and Somaliland, which the atlas draws without an ISO code, are
// drawn as land but belong to no country of the map. Kosovo is XK.
//
// # Styles
//
// Colours come from CSS classes, so that the theme's light and dark schemes
// apply: wm-none for land without data, wm-1 to wm-5 for the shades of
// Choropleth, lightest first, wm-self and wm-partner for Marked and
// wm-legend for the legend's text. worldmap.css sets them; Base embeds it,
// because an SVG file shown as an image does not see the page's styles.
//
// Only one map may be inlined in a page: its title and description have
// fixed ids.
package worldmap

import (
	_ "embed"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/cooperation-kb/kb/generator/internal/country"
)

//go:generate go run ./internal/gen -o countries.txt internal/gen/countries-110m.json

//go:embed countries.txt
var countriesTxt string

//go:embed worldmap.css
var stylesheet string

// shape is one country of the map.
type shape struct {
	alpha2 string // empty for land that belongs to no ISO country
	name   string // the registry's name, or the atlas's if it has none
	path   string // SVG path data in the viewBox of the map
}

// atlas is the parsed countries.txt.
type atlas struct {
	viewBox       string
	width, height int
	shapes        []shape
	byAlpha2      map[string]*shape
}

var load = sync.OnceValue(func() *atlas {
	a, err := parse(countriesTxt, country.Default())
	if err != nil {
		// countries.txt is compiled in and the tests parse it.
		panic(err)
	}
	return a
})

// parse reads the map data that internal/gen writes.
func parse(text string, registry *country.Registry) (*atlas, error) {
	header, body, _ := strings.Cut(text, "\n")
	a := &atlas{viewBox: strings.TrimPrefix(header, "viewBox "), byAlpha2: map[string]*shape{}}
	if _, err := fmt.Sscanf(a.viewBox, "0 0 %d %d", &a.width, &a.height); err != nil {
		return nil, fmt.Errorf("countries.txt:1: viewBox %q: %w", header, err)
	}
	for i, line := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("countries.txt:%d: %d fields, want 4", i+2, len(f))
		}
		s := shape{alpha2: f[0], name: f[2], path: f[3]}
		if c, ok := registry.Lookup(s.alpha2); ok && s.alpha2 != "" {
			s.name = c.Name
		}
		a.shapes = append(a.shapes, s)
	}
	for i := range a.shapes {
		if s := &a.shapes[i]; s.alpha2 != "" {
			a.byAlpha2[s.alpha2] = s
		}
	}
	return a, nil
}

// OnMap reports whether the map draws the country with the ISO 3166-1
// alpha-2 code alpha2 (upper case, as country.Country.Alpha2).
func OnMap(alpha2 string) bool {
	_, ok := load().byAlpha2[alpha2]
	return ok
}

// writeCountry writes a country's path with a title, which is its tooltip
// and its accessible name, inside a link to href unless href is empty.
func writeCountry(b *strings.Builder, href, title, class, path string) {
	if href != "" {
		fmt.Fprintf(b, `<a href="%s"><title>%s</title><path class="%s" d="%s"/></a>`, esc(href), esc(title), class, path)
		return
	}
	fmt.Fprintf(b, `<g><title>%s</title><path class="%s" d="%s"/></g>`, esc(title), class, path)
}

func esc(s string) string { return template.HTMLEscapeString(s) }

// A Place gives the address of a country's page, or "" for none, and its
// name in the reader's language, or "" for the English name the map has.
type Place func(alpha2 string) (url, name string)

// at returns the address and name of the shape's country.
func (s *shape) at(place Place) (string, string) {
	url, name := place(s.alpha2)
	if name == "" {
		name = s.name
	}
	return url, name
}
