package worldmap

import (
	"fmt"
	"strings"
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
// once. Each partner is a link to link(partner), unless that is empty.
// Countries that are not on the map (see OnMap) are left out.
func Marked(baseURL, alpha2 string, partners []string, link func(alpha2 string) string) []byte {
	a := load()
	self, onMap := a.byAlpha2[alpha2]
	name := alpha2
	if onMap {
		name = self.name
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="worldmap" viewBox="%s" aria-labelledby="worldmap-title">`, a.viewBox)
	fmt.Fprintf(&b, `<title id="worldmap-title">%s and its %d %s on the world map</title>`,
		esc(name), len(partners), plural(len(partners), "partner", "partners"))
	fmt.Fprintf(&b, `<image href="%s" width="%d" height="%d"/>`, esc(baseURL), a.width, a.height)
	for _, p := range partners {
		s, ok := a.byAlpha2[p]
		if !ok || p == alpha2 {
			continue
		}
		path := fmt.Sprintf(`<path class="wm-partner" d="%s"/>`, s.path)
		if href := link(p); href != "" {
			fmt.Fprintf(&b, `<a href="%s"><title>%s</title>%s</a>`, esc(href), esc(s.name), path)
		} else {
			fmt.Fprintf(&b, `<g><title>%s</title>%s</g>`, esc(s.name), path)
		}
	}
	// The country itself last, on top of its neighbours' borders.
	if onMap {
		fmt.Fprintf(&b, `<g><title>%s</title><path class="wm-self" d="%s"/></g>`, esc(self.name), self.path)
	}
	b.WriteString(`</svg>`)
	return []byte(b.String())
}
