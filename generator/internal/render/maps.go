package render

import (
	"html/template"

	"github.com/cooperation-kb/kb/generator/internal/i18n"
	"github.com/cooperation-kb/kb/generator/internal/site"
	"github.com/cooperation-kb/kb/generator/internal/worldmap"
)

// WorldMapFile is the site path of the map of the world that every
// country page's map shows as its background, published once.
const WorldMapFile = "map/world.svg"

// onWorldMap returns the current countries among terms, by alpha-2 code:
// a former country's withdrawn code may be a current country's
// ("GE" was the Gilbert and Ellice Islands), and it has no shape.
func onWorldMap(terms []*site.Term) map[string]*site.Term {
	out := map[string]*site.Term{}
	for _, t := range terms {
		if t.Country != nil && t.Country.Ended == 0 {
			out[t.Country.Alpha2] = t
		}
	}
	return out
}

// worldMap draws countries on the map of the world, each shaded by its
// number of agreements and linked to its page, labelled in the words of w.
func worldMap(countries []*site.Term, w *i18n.Words) template.HTML {
	byCode := onWorldMap(countries)
	counts := map[string]int{}
	for code, t := range byCode {
		counts[code] = len(t.Agreements)
	}
	place := func(code string) (string, string) { return byCode[code].URL, byCode[code].Title }
	svg := worldmap.Choropleth(counts, place, w.T("map.world"), w.T("map.worldDescription", len(counts)), w)
	return template.HTML(svg)
}

// offWorldMap returns the countries with agreements that the map of the
// world cannot show: states too small for its scale and former countries.
func offWorldMap(countries []*site.Term) []*site.Term {
	var out []*site.Term
	for _, t := range countries {
		if len(t.Agreements) > 0 && (t.Country == nil || t.Country.Ended != 0 || !worldmap.OnMap(t.Country.Alpha2)) {
			out = append(out, t)
		}
	}
	return out
}

// partnerMap draws a country and its partners on the map of the world,
// over the shared file WorldMapFile.
func partnerMap(s *site.Site, t *site.Term, w *i18n.Words) template.HTML {
	if t.Country == nil || t.Country.Ended != 0 || len(t.Partners) == 0 {
		return ""
	}
	var partners []*site.Term
	for _, p := range t.Partners {
		partners = append(partners, p.Term)
	}
	byCode := onWorldMap(partners)
	codes := make([]string, 0, len(byCode))
	for _, p := range partners {
		if p.Country != nil && byCode[p.Country.Alpha2] == p {
			codes = append(codes, p.Country.Alpha2)
		}
	}
	place := func(code string) (string, string) {
		if code == t.Country.Alpha2 {
			return t.URL, t.Title
		}
		return byCode[code].URL, byCode[code].Title
	}
	return template.HTML(worldmap.Marked(s.Config.RelURL(WorldMapFile), t.Country.Alpha2, codes, place, w))
}
