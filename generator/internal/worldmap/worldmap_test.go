package worldmap

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/country"
	"github.com/cooperation-kb/kb/generator/internal/i18n"
)

// english is the default theme's words in English.
var english, _ = i18n.Load(os.DirFS("../../.."), "en", "en")

// Budgets, in bytes, for what a page carries. A page may weigh 150 KB of
// HTML; the choropleth of every country takes well under half of that,
// and a country's map with the 30 heaviest partners possible an eighth.
const (
	choroplethBudget = 60_000
	baseBudget       = 40_000
	markedBudget     = 20_000
)

func link(alpha2 string) (string, string) { return "/countries/" + strings.ToLower(alpha2) + "/", "" }

// everyCountry gives every country of the registry a count from 1 to 60.
func everyCountry() map[string]int {
	counts := map[string]int{}
	for i, c := range country.Default().All() {
		counts[c.Alpha2] = 1 + i*37%60
	}
	return counts
}

// wellFormed parses svg as XML and returns its elements' start tags.
func wellFormed(t *testing.T, svg []byte) []xml.StartElement {
	t.Helper()
	var tags []xml.StartElement
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		if s, ok := tok.(xml.StartElement); ok {
			tags = append(tags, s.Copy())
		}
	}
	if len(tags) == 0 || tags[0].Name.Local != "svg" {
		t.Fatal("the root element is not svg")
	}
	return tags
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func TestEveryShapeIsARegistryCountry(t *testing.T) {
	a := load()
	if len(a.shapes) != 176 {
		t.Errorf("%d shapes, want the atlas's 177 less Antarctica", len(a.shapes))
	}
	for _, s := range a.shapes {
		if s.alpha2 == "" {
			continue
		}
		c, ok := country.Default().Lookup(s.alpha2)
		if !ok || c.Alpha2 != s.alpha2 {
			t.Errorf("%s (%s) is not in the country registry", s.alpha2, s.name)
		}
	}
	if !OnMap("XK") || OnMap("SG") || OnMap("AQ") || OnMap("") {
		t.Error("want Kosovo on the map, and neither Singapore, Antarctica nor a country without a code")
	}
}

// TestPathsStayInTheViewBox follows every path's moveto and relative
// lineto commands, the only ones internal/gen writes.
func TestPathsStayInTheViewBox(t *testing.T) {
	a := load()
	number := regexp.MustCompile(`-?\d+`)
	for _, s := range a.shapes {
		for _, ring := range strings.Split(strings.TrimSuffix(s.path, "z"), "z") {
			move, line, ok := strings.Cut(strings.TrimPrefix(ring, "M"), "l")
			if !ok || !strings.HasPrefix(ring, "M") {
				t.Fatalf("%s: ring %q is not M…l…", s.name, ring)
			}
			var x, y int
			for i, n := range number.FindAllString(move+" "+line, -1) {
				v, _ := strconv.Atoi(n)
				switch {
				case i == 0:
					x = v
				case i == 1:
					y = v
				case i%2 == 0:
					x += v
				default:
					y += v
				}
				if x < 0 || x > a.width || y < 0 || y > a.height {
					t.Fatalf("%s: point %d,%d is outside the viewBox %s", s.name, x, y, a.viewBox)
				}
			}
		}
	}
}

func TestChoropleth(t *testing.T) {
	counts := map[string]int{"HU": 12, "AT": 1, "SG": 3, "XK": 2, "FR": 0, "RU": 40}
	svg := Choropleth(counts, link, "Agreements by country", `Shaded by "count" & linked`, english)
	tags := wellFormed(t, svg)
	var hrefs []string
	for _, e := range tags {
		if e.Name.Local == "a" {
			hrefs = append(hrefs, attr(e, "href"))
		}
	}
	// SG is too small for the map, and FR has no agreement.
	want := []string{"/countries/at/", "/countries/hu/", "/countries/ru/", "/countries/xk/"}
	if !slices.Equal(hrefs, want) {
		t.Errorf("links %v, want %v", hrefs, want)
	}
	if got := Missing(counts); !slices.Equal(got, []string{"SG"}) {
		t.Errorf("Missing = %v, want [SG]", got)
	}
	for _, s := range []string{
		`<a href="/countries/hu/"><title>Hungary: 12 agreements</title><path class="wm-4" d="M`,
		`<title>Austria: 1 agreement</title><path class="wm-1"`,
		`<title>Russia: 40 agreements</title><path class="wm-5"`,
		`<desc id="worldmap-desc">Shaded by &#34;count&#34; &amp; linked</desc>`,
		`<text x="84" y="`,
	} {
		if !bytes.Contains(svg, []byte(s)) {
			t.Errorf("the map lacks %s", s)
		}
	}
}

func TestChoroplethWithoutLinks(t *testing.T) {
	svg := Choropleth(map[string]int{"HU": 1}, func(string) (string, string) { return "", "" }, "t", "d", english)
	wellFormed(t, svg)
	if bytes.Contains(svg, []byte("<a ")) || !bytes.Contains(svg, []byte(`<g><title>Hungary: 1 agreement</title>`)) {
		t.Error("a country without a page should be drawn with its title and no link")
	}
}

func TestEveryCountryIsDrawnOrMissing(t *testing.T) {
	counts := everyCountry()
	svg := Choropleth(counts, link, "t", "d", english)
	linked := map[string]bool{}
	for _, e := range wellFormed(t, svg) {
		if e.Name.Local == "a" {
			linked[attr(e, "href")] = true
		}
	}
	missing := Missing(counts)
	for alpha2 := range counts {
		url, _ := link(alpha2)
		if linked[url] == slices.Contains(missing, alpha2) {
			t.Errorf("%s: linked %v, missing %v; want exactly one", alpha2, linked[url], slices.Contains(missing, alpha2))
		}
	}
	t.Logf("%d countries: %d on the map, %d missing: %s", len(counts), len(linked), len(missing), strings.Join(missing, " "))
}

func TestDeterministic(t *testing.T) {
	counts := everyCountry()
	first := Choropleth(counts, link, "t", "d", english)
	for range 5 {
		if !bytes.Equal(Choropleth(counts, link, "t", "d", english), first) {
			t.Fatal("two maps of the same counts differ")
		}
	}
}

func TestShades(t *testing.T) {
	tests := []struct {
		most   int
		counts []int
		want   []int
	}{
		{1, []int{1}, []int{5}},
		{3, []int{1, 2, 3}, []int{1, 4, 5}},
		{32, []int{1, 2, 3, 4, 15, 16, 32}, []int{1, 2, 2, 3, 4, 5, 5}},
		{100, []int{1, 2, 3, 6, 7, 15, 16, 39, 40, 100}, []int{1, 1, 2, 2, 3, 3, 4, 4, 5, 5}},
	}
	for _, tt := range tests {
		s := classify(map[string]int{"A": tt.most})
		for i, n := range tt.counts {
			if got := s.of(n); got != tt.want[i] {
				t.Errorf("largest %d: shade of %d = %d, want %d (bounds %v)", tt.most, n, got, tt.want[i], s.from)
			}
		}
	}
}

func TestLegendListsTheShadesInUse(t *testing.T) {
	var b strings.Builder
	classify(map[string]int{"A": 3}).writeLegend(&b, 100, "Agreements")
	got := regexp.MustCompile(`class="wm-\d"|>[^<]+<`).FindAllString(b.String(), -1)
	want := []string{">Agreements<", `class="wm-1"`, ">1<", `class="wm-4"`, ">2<", `class="wm-5"`, ">3<"}
	if !slices.Equal(got, want) {
		t.Errorf("legend %v, want %v", got, want)
	}
}

func TestBase(t *testing.T) {
	svg := Base()
	tags := wellFormed(t, svg)
	if attr(tags[0], "viewBox") != load().viewBox || attr(tags[0], "width") == "" {
		t.Errorf("base svg %v, want the map's viewBox and a size", tags[0].Attr)
	}
	if !bytes.Contains(svg, []byte("prefers-color-scheme: dark")) {
		t.Error("the base map does not carry its dark style")
	}
}

func TestMarked(t *testing.T) {
	svg := Marked("/map/world.svg", "HU", []string{"AT", "SG", "HU", "XK"}, link, english)
	tags := wellFormed(t, svg)
	var got []string
	for _, e := range tags {
		switch e.Name.Local {
		case "image", "a":
			got = append(got, e.Name.Local+" "+attr(e, "href"))
		case "path":
			got = append(got, attr(e, "class"))
		}
	}
	want := []string{"image /map/world.svg", "a /countries/at/", "wm-partner", "a /countries/xk/", "wm-partner", "wm-self"}
	if !slices.Equal(got, want) {
		t.Errorf("marked map draws %v, want %v", got, want)
	}
	if !bytes.Contains(svg, []byte(">Hungary and its 3 partners on the world map<")) {
		t.Error("the title does not name the country and count its partners")
	}
	small := Marked("/map/world.svg", "SG", []string{"MY"}, link, english)
	wellFormed(t, small)
	if !bytes.Contains(small, []byte(">Singapore and its 1 partner on")) || bytes.Contains(small, []byte("wm-self")) {
		t.Error("a country too small for the map should be named but not drawn")
	}
}

// TestSizes reports what the maps weigh and holds them to their budgets.
func TestSizes(t *testing.T) {
	counts := everyCountry()
	// The 30 countries with the longest outlines are the heaviest partners
	// a country can have.
	a := load()
	shapes := slices.Clone(a.shapes)
	slices.SortFunc(shapes, func(x, y shape) int { return len(y.path) - len(x.path) })
	var heaviest []string
	for _, s := range shapes[:30] {
		heaviest = append(heaviest, s.alpha2)
	}
	europe := []string{"AT", "SK", "RO", "RS", "HR", "SI", "UA", "DE", "FR", "IT", "PL", "CZ", "BE", "NL", "LU", "DK", "SE", "FI", "EE", "LV", "LT", "BG", "GR", "PT", "ES", "IE", "CY", "MT", "TR", "GB"}
	sizes := []struct {
		name   string
		svg    []byte
		budget int
	}{
		{fmt.Sprintf("Choropleth of %d countries", len(counts)), Choropleth(counts, link, "t", "d", english), choroplethBudget},
		{"Base", Base(), baseBudget},
		{"Marked with 30 European partners", Marked("/map/world.svg", "HU", europe, link, english), markedBudget},
		{"Marked with the 30 heaviest partners", Marked("/map/world.svg", "HU", heaviest, link, english), markedBudget},
	}
	for _, s := range sizes {
		t.Logf("%s: %d bytes (budget %d)", s.name, len(s.svg), s.budget)
		if len(s.svg) > s.budget {
			t.Errorf("%s weighs %d bytes, over its budget of %d", s.name, len(s.svg), s.budget)
		}
	}
}
