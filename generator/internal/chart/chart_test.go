package chart

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/i18n"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// english is the default theme's words in English.
var english, _ = i18n.Load(os.DirFS("../../.."), "en", "en")

// network makes n countries, where country i shares i+j agreements with
// each country j < i, every pair sharing at least one.
func network(n int) []*site.Term {
	ts := make([]*site.Term, n)
	for i := range ts {
		slug := fmt.Sprintf("c%02d", i)
		ts[i] = &site.Term{Slug: slug, Doc: site.Doc{Title: "Country " + slug, URL: "/countries/" + slug + "/"}}
		ts[i].Agreements = make([]*site.Page, i+1)
	}
	for i, a := range ts {
		for j, b := range ts {
			if i != j {
				a.Partners = append(a.Partners, site.Count{Term: b, N: i + j})
			}
		}
	}
	return ts
}

// wellFormed parses svg as XML, as a browser parsing inline SVG would
// need it to be.
func wellFormed(t *testing.T, svg string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, svg)
		}
	}
}

func TestPairsListsEachPairOnceMostSharedFirst(t *testing.T) {
	pairs := Pairs(network(4))
	if len(pairs) != 6 {
		t.Fatalf("got %d pairs of 4 countries, want 6", len(pairs))
	}
	seen := map[string]bool{}
	for i, p := range pairs {
		if p.A.Slug >= p.B.Slug {
			t.Errorf("pair %d is %s–%s: want the smaller slug first", i, p.A.Slug, p.B.Slug)
		}
		key := p.A.Slug + p.B.Slug
		if seen[key] {
			t.Errorf("pair %s listed twice", key)
		}
		seen[key] = true
		if i > 0 && p.N > pairs[i-1].N {
			t.Errorf("pair %d shares %d, more than the one before (%d)", i, p.N, pairs[i-1].N)
		}
	}
	if pairs[0].A.Slug != "c02" || pairs[0].B.Slug != "c03" || pairs[0].N != 5 {
		t.Errorf("first pair = %s–%s %d, want c02–c03 5", pairs[0].A.Slug, pairs[0].B.Slug, pairs[0].N)
	}
}

func TestMapOfASmallNetwork(t *testing.T) {
	if got := Map(nil, english); got != "" {
		t.Errorf("Map(nil, english) = %q, want nothing", got)
	}
	ts := network(3)
	svg := string(Map(ts, english))
	wellFormed(t, svg)
	for _, want := range []string{
		`aria-labelledby="map-title map-desc"`, `<title id="map-title">`, `<desc id="map-desc">3 countries`,
		`<a href="/countries/c00/" aria-label="Country c00: 1 agreement">`,
		`<a href="/countries/c02/" aria-label="Country c02: 3 agreements">`,
		`<title>Country c01 and Country c02: 3 shared agreements</title>`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("the map lacks %s:\n%s", want, svg)
		}
	}
	if n := strings.Count(svg, "<line "); n != 3 {
		t.Errorf("%d lines, want one for each of the 3 pairs", n)
	}
	// The strongest tie is the thickest line, and lines run from
	// thinnest to thickest so that the strongest is on top.
	widths := regexp.MustCompile(`stroke-width="([0-9.]+)"`).FindAllStringSubmatch(svg, -1)
	if len(widths) != 3 || widths[0][1] != "1.0" || widths[2][1] != "6.0" {
		t.Errorf("line widths %v, want 1.0 first and 6.0 last", widths)
	}
	if strings.Contains(svg, "rotate(") {
		t.Error("a small map writes its labels along the radius")
	}
	if Map(ts, english) != Map(ts, english) {
		t.Error("two maps of the same countries differ")
	}
}

func TestMapOfADenseNetworkStaysLegible(t *testing.T) {
	ts := network(MaxNodes + 10)
	svg := string(Map(ts, english))
	wellFormed(t, svg)
	if n := strings.Count(svg, "<circle "); n != MaxNodes {
		t.Errorf("%d nodes, want MaxNodes = %d", n, MaxNodes)
	}
	if n := strings.Count(svg, "<line "); n != edgesPerNode*MaxNodes {
		t.Errorf("%d lines, want the %d strongest", n, edgesPerNode*MaxNodes)
	}
	// The most active countries are kept: here the last ones made.
	if strings.Contains(svg, `href="/countries/c00/"`) || !strings.Contains(svg, fmt.Sprintf(`href="/countries/c%02d/"`, MaxNodes+9)) {
		t.Error("the map does not keep the countries with the most agreements")
	}
	if !strings.Contains(svg, "rotate(") {
		t.Error("a dense map writes its labels across, where they overlap")
	}
	if !strings.Contains(svg, "and the 144 that share the most are drawn") {
		t.Errorf("the description does not say that only some ties are drawn:\n%.600s", svg)
	}
}

func TestChartsEscapeNames(t *testing.T) {
	ts := network(2)
	ts[0].Title = `<script>alert(1)</script> & "Co"`
	for name, svg := range map[string]string{"map": string(Map(ts, english)), "bars": string(Partners(ts[1], english))} {
		wellFormed(t, svg)
		if strings.Contains(svg, "<script>") {
			t.Errorf("the %s shows a name as markup:\n%s", name, svg)
		}
		if !strings.Contains(svg, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Co&#34;") {
			t.Errorf("the %s does not show the escaped name:\n%s", name, svg)
		}
	}
}

func TestPartnersDrawsTheLargestAsBars(t *testing.T) {
	ts := network(MaxBars + 5)
	c := ts[0]
	// Partners come sorted, most shared first, as the site model has them.
	for i, j := 0, len(c.Partners)-1; i < j; i, j = i+1, j-1 {
		c.Partners[i], c.Partners[j] = c.Partners[j], c.Partners[i]
	}
	svg := string(Partners(c, english))
	wellFormed(t, svg)
	if n := strings.Count(svg, "<rect "); n != MaxBars {
		t.Errorf("%d bars, want MaxBars = %d", n, MaxBars)
	}
	for _, want := range []string{
		`role="img" aria-labelledby="partners-c00-title partners-c00-desc"`,
		`<title id="partners-c00-title">Cooperation partners of Country c00</title>`,
		`most first: Country c16 16, Country c15 15,`,
		`<rect x="190" y="5" width="360.0"`, // the largest fills the width
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("the chart lacks %s:\n%s", want, svg)
		}
	}
	if got := Partners(&site.Term{Slug: "alone"}, english); got != "" {
		t.Errorf("a country without partners gets a chart: %q", got)
	}
}
