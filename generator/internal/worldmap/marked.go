package worldmap

import (
	"fmt"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/country"
	"github.com/cooperation-kb/kb/generator/internal/i18n"
)

// Base returns a standalone SVG file of every country in the neutral
// class, to publish once and share as the background of the maps that
// Marked draws. It carries its own stylesheet, light and dark, since a
// page's styles do not reach into an image.
func Base() []byte {
	a := load()
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="worldmap" viewBox="%s" width="%d" height="%d">`, a.viewBox, a.width, a.height)
	fmt.Fprintf(&b, "<style>%s</style>", stylesheet)
	b.WriteString(`<path class="wm-none" d="`)
	for _, s := range a.shapes {
		b.WriteString(s.path)
	}
	b.WriteString("\"/></svg>\n")
	return []byte(b.String())
}

// Marked returns an inline SVG map that shows the file Base at baseURL as
// its background and draws on top of it only the country alpha2 and its
// partners, so that the many pages that mark a country fetch the world
// once. Each partner links to the URL place gives it, unless that is empty.
// Countries that are not on the map (see OnMap) are left out. Its title
// is in the words of w.
func Marked(baseURL, alpha2 string, partners []string, place Place, w *i18n.Words) []byte {
	a := load()
	self, onMap := a.byAlpha2[alpha2]
	name := alpha2
	if c, ok := country.Default().Lookup(alpha2); ok {
		name = c.Name
	}
	if _, n := place(alpha2); n != "" {
		name = n
	}
	n := 0
	for _, p := range partners {
		if p != alpha2 {
			n++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="worldmap" viewBox="%s" aria-labelledby="worldmap-title">`, a.viewBox)
	fmt.Fprintf(&b, `<title id="worldmap-title">%s</title>`, esc(w.T("map.partnerMap", n, "name", name)))
	fmt.Fprintf(&b, `<image href="%s" width="%d" height="%d"/>`, esc(baseURL), a.width, a.height)
	for _, p := range partners {
		s, ok := a.byAlpha2[p]
		if !ok || p == alpha2 {
			continue
		}
		url, name := s.at(place)
		writeCountry(&b, url, name, "wm-partner", s.path)
	}
	// The country itself last, on top of its neighbours' borders.
	if onMap {
		writeCountry(&b, "", name, "wm-self", self.path)
	}
	b.WriteString(`</svg>`)
	return []byte(b.String())
}
