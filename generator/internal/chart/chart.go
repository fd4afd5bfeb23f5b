// Package chart draws the pictures of the cooperation network as SVG at
// build time, so that a reader sees them without JavaScript: the map of
// every country and the agreements they share, and each country's
// partners as bars. Colours come from classes that the theme's stylesheet
// sets, so the pictures follow its light and dark schemes.
//
// A picture is never the only way to the numbers: the templates put a
// table with the same figures beside it, and every SVG has a title and a
// description for screen readers.
package chart

import (
	"cmp"
	"fmt"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/i18n"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// MaxNodes bounds the countries the map draws, the most active ones, so
// that it stays legible.
const MaxNodes = 48

// MaxBars bounds the partners a country's chart draws.
const MaxBars = 12

// Pair is two countries and how many agreements they share.
type Pair struct {
	A, B *site.Term
	N    int
}

// Pairs lists every pair of countries that share an agreement, most
// shared first, each pair once.
func Pairs(countries []*site.Term) []Pair {
	var out []Pair
	for _, a := range countries {
		for _, c := range a.Partners {
			if a.Slug < c.Term.Slug {
				out = append(out, Pair{A: a, B: c.Term, N: c.N})
			}
		}
	}
	slices.SortFunc(out, func(x, y Pair) int {
		return cmp.Or(y.N-x.N, strings.Compare(x.A.Title, y.A.Title), strings.Compare(x.B.Title, y.B.Title))
	})
	return out
}

const (
	mapSize = 860
	// radialAbove is how many countries make the map write its labels
	// along the radius rather than across, where they would overlap.
	radialAbove = 12
	// mapLabelRoom is how far a node and a label written across reach
	// above or below its centre.
	mapLabelRoom = 40
	// edgesPerNode bounds the lines drawn: the strongest ties, so that a
	// dense network does not become a solid disc.
	edgesPerNode = 3
)

// Map draws the countries on a circle, each a link to its page sized by
// its agreements, and a line between two that share agreements, thicker
// for more, labelled in the words of w. It returns "" for a site without
// countries.
func Map(countries []*site.Term, w *i18n.Words) template.HTML {
	nodes := mapNodes(countries)
	if len(nodes) == 0 {
		return ""
	}
	radial := len(nodes) > radialAbove
	radius := 200.0
	if radial {
		radius = 250
	}
	type point struct{ x, y, angle float64 }
	at := map[*site.Term]point{}
	for i, t := range nodes {
		angle := 2*math.Pi*float64(i)/float64(len(nodes)) - math.Pi/2
		at[t] = point{mapSize/2 + radius*math.Cos(angle), mapSize/2 + radius*math.Sin(angle), angle}
	}
	maxAgreements := 1
	for _, t := range nodes {
		maxAgreements = max(maxAgreements, len(t.Agreements))
	}
	pairs, all := mapPairs(nodes)
	most, least := 1, 1
	if len(pairs) > 0 {
		most, least = pairs[0].N, pairs[len(pairs)-1].N
	}
	top, height := 0.0, float64(mapSize)
	if !radial {
		// Three countries on a circle leave most of it empty: the picture
		// keeps only the rows that nodes and labels use.
		top = float64(mapSize)
		bottom := 0.0
		for _, p := range at {
			top, bottom = min(top, p.y-mapLabelRoom), max(bottom, p.y+mapLabelRoom)
		}
		height = bottom - top
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart map" viewBox="0 %s %d %s" aria-labelledby="map-title map-desc">`, num(top), mapSize, num(height))
	fmt.Fprintf(&b, `<title id="map-title">%s</title>`, esc(w.T("map.title")))
	drawn := w.T("map.pairs", all)
	if len(pairs) < all {
		drawn = w.T("map.pairsDrawn", all, "drawn", len(pairs))
	}
	fmt.Fprintf(&b, `<desc id="map-desc">%s</desc>`, esc(w.T("map.description", "countries", w.T("map.countries", len(nodes)), "pairs", drawn)))
	// Thin lines first, so that the strongest ties are drawn on top.
	b.WriteString(`<g class="edges">`)
	for _, p := range slices.Backward(pairs) {
		a, c := at[p.A], at[p.B]
		width := 2.0
		if most > least {
			width = 1 + 5*float64(p.N-least)/float64(most-least)
		}
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke-width="%s"><title>%s</title></line>`,
			num(a.x), num(a.y), num(c.x), num(c.y), num(width),
			esc(w.T("map.pair", p.N, "a", p.A.Title, "b", p.B.Title)))
	}
	b.WriteString(`</g><g class="nodes">`)
	for _, t := range nodes {
		p := at[t]
		r := 5 + 9*math.Sqrt(float64(len(t.Agreements))/float64(maxAgreements))
		fmt.Fprintf(&b, `<a href="%s" aria-label="%s"><circle cx="%s" cy="%s" r="%s"/>`,
			esc(t.URL), esc(w.T("map.country", len(t.Agreements), "name", t.Title)),
			num(p.x), num(p.y), num(r))
		lx, ly := mapSize/2+(radius+r+8)*math.Cos(p.angle), mapSize/2+(radius+r+8)*math.Sin(p.angle)
		if radial {
			// Along the radius, turned so that no label reads upside down.
			deg, anchor := p.angle*180/math.Pi, "start"
			if math.Cos(p.angle) < 0 {
				deg, anchor = deg+180, "end"
			}
			fmt.Fprintf(&b, `<text x="%s" y="%s" dy=".35em" text-anchor="%s" transform="rotate(%s %s %s)">%s</text></a>`,
				num(lx), num(ly), anchor, num(deg), num(lx), num(ly), esc(t.Title))
			continue
		}
		anchor := "start"
		switch c := math.Cos(p.angle); {
		case c < -0.3:
			anchor = "end"
		case c < 0.3:
			anchor = "middle"
		}
		if math.Sin(p.angle) > 0.3 {
			ly += 10
		} else if math.Sin(p.angle) > -0.3 {
			ly += 4
		}
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="%s">%s</text></a>`, num(lx), num(ly), anchor, esc(t.Title))
	}
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String())
}

// mapNodes returns the countries Map draws, the MaxNodes with the most
// agreements, by slug.
func mapNodes(countries []*site.Term) []*site.Term {
	nodes := slices.Clone(countries)
	slices.SortStableFunc(nodes, func(a, b *site.Term) int { return len(b.Agreements) - len(a.Agreements) })
	nodes = nodes[:min(len(nodes), MaxNodes)]
	slices.SortFunc(nodes, func(a, b *site.Term) int { return strings.Compare(a.Slug, b.Slug) })
	return nodes
}

// mapPairs returns the pairs of nodes that Map joins with a line, most
// shared first, and how many pairs of nodes share agreements in all.
func mapPairs(nodes []*site.Term) ([]Pair, int) {
	drawn := map[*site.Term]bool{}
	for _, t := range nodes {
		drawn[t] = true
	}
	var pairs []Pair
	for _, p := range Pairs(nodes) {
		if drawn[p.B] {
			pairs = append(pairs, p)
		}
	}
	return pairs[:min(len(pairs), edgesPerNode*len(nodes))], len(pairs)
}

// MapPairs returns the pairs of countries that Map draws a line between,
// most shared first: the numbers of the picture, for a table beside it.
// Listing every pair instead would grow with the square of the countries.
func MapPairs(countries []*site.Term) []Pair {
	pairs, _ := mapPairs(mapNodes(countries))
	return pairs
}

const (
	barLabel  = 190
	barWidth  = 360
	barHeight = 26
)

// Partners draws a country's partners as bars of their shared agreements,
// the MaxBars largest, labelled in the words of w. It returns "" for a
// country without partners.
func Partners(t *site.Term, w *i18n.Words) template.HTML {
	bars := t.Partners[:min(len(t.Partners), MaxBars)]
	if len(bars) == 0 {
		return ""
	}
	most := bars[0].N
	id := "partners-" + t.Slug
	height := len(bars)*barHeight + 4
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart bars" viewBox="0 0 %d %d" role="img" aria-labelledby="%s-title %s-desc">`,
		barLabel+barWidth+48, height, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title>`, id, esc(w.T("map.partnersTitle", "name", t.Title)))
	names := make([]string, len(bars))
	for i, c := range bars {
		names[i] = fmt.Sprintf("%s %d", c.Term.Title, c.N)
	}
	fmt.Fprintf(&b, `<desc id="%s-desc">%s</desc>`, id, esc(w.T("map.partnersDescription", "list", strings.Join(names, ", "))))
	for i, c := range bars {
		y := i*barHeight + 2
		w := float64(barWidth) * float64(c.N) / float64(most)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text><rect x="%d" y="%d" width="%s" height="%d"/><text class="n" x="%s" y="%d">%d</text>`,
			barLabel-8, y+17, esc(c.Term.Title), barLabel, y+3, num(w), barHeight-8, num(float64(barLabel)+w+6), y+17, c.N)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// num formats a coordinate with one decimal, the same on every machine.
func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

func esc(s string) string { return template.HTMLEscapeString(s) }
