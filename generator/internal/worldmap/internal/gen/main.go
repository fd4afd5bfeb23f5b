// Command gen converts the countries of world-atlas's countries-110m.json
// into the map data that package worldmap embeds:
//
//	go run ./internal/gen -o countries.txt internal/gen/countries-110m.json
//
// It projects every arc with the Equal Earth projection into a viewBox
// Width units wide, simplifies it (Douglas–Peucker, Tolerance units),
// rounds it to whole units and joins the arcs of each country into SVG path
// data. Arcs are simplified before they are joined, so that two neighbours
// draw their common border with the same points and no slivers open
// between them.
//
// The output is text, one line for the viewBox and one per country:
//
//	viewBox 0 0 1968 867
//	HU<TAB>348<TAB>Hungary<TAB>M1086 146l4 4-3 1…z
//
// with the ISO 3166-1 alpha-2 code, the numeric code and the name of the
// atlas. Kosovo, which the atlas draws without a numeric code, is XK; the
// two other features without one, N. Cyprus and Somaliland, have empty
// codes, and the map draws them but links them to nothing. Antarctica is
// left out: no agreement is made with it, and it would take a fifth of the
// map's height.
package main

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"slices"
	"strconv"

	"github.com/biter777/countries"
)

const (
	// Width is the width of the viewBox. A unit is 20 km at the equator
	// and half a pixel on a map shown 1000 pixels wide, so that rounding
	// to whole units does not show even on a screen of double density.
	// Whole units keep the path data short: most steps are one digit.
	Width = 2000
	// Tolerance is how far, in viewBox units, a simplified line may stray
	// from the atlas's: half a pixel at 1000 pixels wide. It makes the
	// data 30% smaller than no simplification would.
	Tolerance = 1
	// margin keeps the strokes of the outermost coasts inside the viewBox.
	margin = 2
)

// withoutNumeric names the features of the atlas that have no ISO 3166-1
// numeric code, with the alpha-2 code the map gives them, if any.
var withoutNumeric = map[string]string{
	"Kosovo":     "XK",
	"N. Cyprus":  "",
	"Somaliland": "",
}

func main() {
	out := flag.String("o", "", "write the map data to `file`")
	flag.Parse()
	if *out == "" || flag.NArg() != 1 {
		log.Fatal("usage: gen -o countries.txt countries-110m.json")
	}
	data, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	text, err := convert(data)
	if err != nil {
		log.Fatalf("%s: %v", flag.Arg(0), err)
	}
	if err := os.WriteFile(*out, text, 0o644); err != nil {
		log.Fatal(err)
	}
}

// country is a feature of the atlas with its codes.
type country struct {
	alpha2, numeric string
	feature
}

// convert turns a world-atlas TopoJSON file into the map data.
func convert(data []byte) ([]byte, error) {
	arcs, features, err := decode(data, "countries")
	if err != nil {
		return nil, err
	}
	var cs []country
	for _, f := range features {
		c := country{numeric: f.ID, feature: f}
		if f.ID == "" {
			a2, ok := withoutNumeric[f.Name]
			if !ok {
				return nil, fmt.Errorf("feature %q has no numeric code", f.Name)
			}
			c.alpha2 = a2
		} else {
			n, err := strconv.Atoi(f.ID)
			code := countries.ByNumeric(n)
			if err != nil || code == countries.Unknown {
				return nil, fmt.Errorf("feature %q: unknown numeric code %q", f.Name, f.ID)
			}
			c.alpha2 = code.Alpha2()
		}
		if c.alpha2 == "AQ" {
			continue
		}
		cs = append(cs, c)
	}
	slices.SortFunc(cs, func(a, b country) int {
		// Countries without a code last, so that the lines of real
		// countries read in the order of their codes.
		return cmp.Or(cmp.Compare(len(b.alpha2), len(a.alpha2)), cmp.Compare(a.alpha2, b.alpha2), cmp.Compare(a.Name, b.Name))
	})

	used := map[int]bool{}
	for _, c := range cs {
		for _, polygon := range c.Polygons {
			for _, ring := range polygon {
				for _, i := range ring {
					if i < 0 {
						i = ^i
					}
					used[i] = true
				}
			}
		}
	}
	// Project the arcs, y growing down as in SVG, and find the box that
	// holds them.
	scale := Width / 2 / first(equalEarth(180, 0))
	projected := make([][][2]float64, len(arcs))
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := range used {
		for _, p := range arcs[i] {
			x, y := equalEarth(p[0], p[1])
			x, y = x*scale, -y*scale
			projected[i] = append(projected[i], [2]float64{x, y})
			minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
		}
	}
	dx, dy := margin-math.Floor(minX), margin-math.Floor(minY)
	height := int(math.Ceil(maxY+dy)) + margin
	width := int(math.Ceil(maxX+dx)) + margin

	rounded := make([][][2]int, len(arcs))
	for i := range used {
		// The atlas cuts rings at the antimeridian, where they jump from
		// one side of the map to the other; those points must stay for
		// cutRing to find the jump.
		fixed := make([]bool, len(arcs[i]))
		for k, p := range arcs[i] {
			fixed[k] = math.Abs(p[0]) == 180
		}
		for _, p := range simplify(projected[i], Tolerance, fixed) {
			q := [2]int{int(math.Round(p[0] + dx)), int(math.Round(p[1] + dy))}
			if n := len(rounded[i]); n == 0 || rounded[i][n-1] != q {
				rounded[i] = append(rounded[i], q)
			}
		}
	}

	var b bytes.Buffer
	fmt.Fprintf(&b, "viewBox 0 0 %d %d\n", width, height)
	for _, c := range cs {
		var path []byte
		for _, polygon := range c.Polygons {
			for _, ring := range polygon {
				for _, r := range cutRing(stitch(rounded, ring), width/2) {
					path = appendRing(path, r)
				}
			}
		}
		if len(path) == 0 {
			return nil, fmt.Errorf("%s (%s) has no ring left at this scale", c.Name, c.alpha2)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", c.alpha2, c.numeric, c.Name, path)
	}
	return b.Bytes(), nil
}

func first(x, _ float64) float64 { return x }

// cutRing splits a closed ring where it jumps across the map, more than
// jump units at once: the atlas's rings of Fiji and Russia run along the
// antimeridian from one side to the other, which is one short step on the
// globe and a stripe across a flat map. Each piece between two jumps is
// one side's part of the ring, closed along the map's edge.
func cutRing(ring [][2]int, jump int) [][][2]int {
	ring = ring[:len(ring)-1] // the last point repeats the first
	var cuts []int
	for i := range ring {
		next := ring[(i+1)%len(ring)]
		if abs(next[0]-ring[i][0]) > jump {
			cuts = append(cuts, i+1)
		}
	}
	if len(cuts) == 0 {
		return [][][2]int{ring}
	}
	// Start at a cut, so that every piece is a run of the ring.
	start := cuts[0]
	ring = append(ring[start:len(ring):len(ring)], ring[:start]...)
	var pieces [][][2]int
	from := 0
	for _, c := range cuts[1:] {
		pieces = append(pieces, ring[from:c-start])
		from = c - start
	}
	return append(pieces, ring[from:])
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// appendRing appends a ring to SVG path data: a moveto to its first point,
// then every other point relative to the one before, which keeps the
// numbers short, and a closepath. Rings that rounding has reduced to fewer
// than three points enclose nothing and are left out.
func appendRing(path []byte, ring [][2]int) []byte {
	for len(ring) > 1 && ring[len(ring)-1] == ring[0] {
		ring = ring[:len(ring)-1]
	}
	if len(ring) < 3 {
		return path
	}
	path = fmt.Appendf(path, "M%d %d", ring[0][0], ring[0][1])
	for i := 1; i < len(ring); i++ {
		if i == 1 {
			path = append(path, 'l')
		}
		for k, n := range [2]int{ring[i][0] - ring[i-1][0], ring[i][1] - ring[i-1][1]} {
			// A minus sign separates numbers on its own.
			if n >= 0 && !(i == 1 && k == 0) {
				path = append(path, ' ')
			}
			path = strconv.AppendInt(path, int64(n), 10)
		}
	}
	return append(path, 'z')
}
