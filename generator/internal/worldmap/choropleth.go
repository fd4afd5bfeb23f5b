package worldmap

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/i18n"
)

// Shades is the number of classes Choropleth shades countries in.
const Shades = 5

// Choropleth returns an inline SVG map of the world with each country
// shaded by its count in counts, keyed by ISO 3166-1 alpha-2 code. A
// country with a count above zero is a link to link(alpha2), unless that
// is empty, with a title that gives its name and count; the other
// countries are drawn in the neutral class. A legend in the empty south
// Pacific gives the counts of each shade. title and desc label the map
// for screen readers; the rest is in the words of w.
//
// The svg has no role="img": that role would hide the links inside it
// from assistive technology.
func Choropleth(counts map[string]int, place Place, title, desc string, w *i18n.Words) []byte {
	a := load()
	classes := classify(counts)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="worldmap" viewBox="%s" aria-labelledby="worldmap-title worldmap-desc">`, a.viewBox)
	fmt.Fprintf(&b, `<title id="worldmap-title">%s</title><desc id="worldmap-desc">%s</desc>`, esc(title), esc(desc))
	// Countries without data are one path: nobody points at them, and
	// 30 bytes of markup each add up.
	b.WriteString(`<path class="wm-none" d="`)
	for _, s := range a.shapes {
		if counts[s.alpha2] <= 0 || s.alpha2 == "" {
			b.WriteString(s.path)
		}
	}
	b.WriteString(`"/>`)
	for _, s := range a.shapes {
		n := counts[s.alpha2]
		if n <= 0 || s.alpha2 == "" {
			continue
		}
		url, name := s.at(place)
		label := w.T("map.country", n, "name", name)
		writeCountry(&b, url, label, fmt.Sprintf("wm-%d", classes.of(n)), s.path)
	}
	classes.writeLegend(&b, a.height, w.T("section.agreements"))
	b.WriteString(`</svg>`)
	return []byte(b.String())
}

// Missing returns the codes of the countries with a count above zero that
// the map cannot draw, sorted, for a page to list beside the map.
func Missing(counts map[string]int) []string {
	var out []string
	for alpha2, n := range counts {
		if n > 0 && !OnMap(alpha2) {
			out = append(out, alpha2)
		}
	}
	slices.Sort(out)
	return out
}

// shades holds the smallest count of each class: shade k (1 to Shades)
// starts at from[k-1]. The bounds grow geometrically up to the largest
// count, as counts of agreements do: many countries have a few, a few
// have many.
type shades struct {
	from [Shades]int
	most int
}

func classify(counts map[string]int) shades {
	s := shades{most: 1}
	for _, n := range counts {
		s.most = max(s.most, n)
	}
	for k := range s.from {
		// The epsilon keeps a bound that is a whole number, as 32^(1/5)
		// is, from rounding up past it.
		s.from[k] = int(math.Ceil(math.Pow(float64(s.most), float64(k)/Shades) - 1e-9))
	}
	return s
}

// of returns the shade of count n > 0: the last one that starts at or
// below n. When the largest count is small several shades start at the
// same count, and the darker one wins, so that the largest count always
// has the darkest shade.
func (s shades) of(n int) int {
	k := 1
	for i, from := range s.from {
		if from <= n {
			k = i + 1
		}
	}
	return k
}

// writeLegend writes one swatch per shade in use, with its range of
// counts, under the heading title, at the bottom left of a map height
// units high.
func (s shades) writeLegend(b *strings.Builder, height int, title string) {
	type row struct{ class, lo, hi int }
	var rows []row
	for k := Shades; k >= 1; k-- {
		lo, hi := s.from[k-1], s.most
		if k < Shades {
			hi = s.from[k] - 1
		}
		// A shade that starts where the next starts is not in use.
		if lo <= hi {
			rows = append(rows, row{k, lo, hi})
		}
	}
	const line = 32
	y := height - 16 - line*len(rows)
	fmt.Fprintf(b, `<g class="wm-legend" aria-hidden="true"><text x="32" y="%d">%s</text>`, y-12, esc(title))
	for _, r := range slices.Backward(rows) {
		text := fmt.Sprint(r.lo)
		if r.hi > r.lo {
			text = fmt.Sprintf("%d–%d", r.lo, r.hi)
		}
		fmt.Fprintf(b, `<rect class="wm-%d" x="32" y="%d" width="40" height="24"/><text x="84" y="%d">%s</text>`, r.class, y, y+21, text)
		y += line
	}
	b.WriteString(`</g>`)
}
