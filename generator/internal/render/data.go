package render

import (
	"html/template"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// Data is what every template receives. Site is always set, and Doc is
// the document being rendered (title, URL, rendered body). Exactly one of
// Page, Term and Section is set, by kind:
//
//   - home, section, agreements, interviews, countries, terms: Section
//   - agreement, interview, page: Page
//   - country, term: Term
//   - 404: none
type Data struct {
	Site    *site.Site
	Doc     *site.Doc
	Kind    string
	Page    *site.Page
	Term    *site.Term
	Section *site.Section

	Terms []*site.Term // terms: the topics or organisations listed
	Years []YearGroup  // agreements and interviews: the pages by year
}

// YearGroup is the pages of one year, newest first.
type YearGroup struct {
	Year  string // "2024", or "Undated"
	Pages []*site.Page
}

func byYear(pages []*site.Page) []YearGroup {
	var out []YearGroup
	for _, p := range pages {
		y := "Undated"
		if !p.Date.IsZero() {
			y = p.Date.Time.Format("2006")
		}
		if len(out) == 0 || out[len(out)-1].Year != y {
			out = append(out, YearGroup{Year: y})
		}
		out[len(out)-1].Pages = append(out[len(out)-1].Pages, p)
	}
	return out
}

// Jobs lists every HTML page of the site with its template and data.
func Jobs(s *site.Site) []Job {
	jobs := make([]Job, 0, len(s.Pages)+len(s.Countries)+len(s.Topics)+len(s.Organisations)+len(s.Sections)+2)
	add := func(kind string, d *Data) {
		d.Site, d.Kind = s, kind
		out := d.Doc.Path + "index.html"
		if kind == "404" {
			out = "404.html"
		}
		jobs = append(jobs, Job{Out: out, Kind: kind, Data: d})
	}
	add("home", &Data{Doc: &s.Home.Doc, Section: s.Home})
	add("404", &Data{Doc: &site.Doc{Title: "Page not found", Path: "404.html"}})
	for _, sec := range s.Sections {
		d := &Data{Doc: &sec.Doc, Section: sec}
		kind := "section"
		switch sec.Name {
		case "agreements":
			kind, d.Years = "agreements", byYear(s.Agreements)
		case "interviews":
			kind, d.Years = "interviews", byYear(s.Interviews)
		case "countries":
			kind, d.Terms = "countries", s.Countries
		case "topics":
			kind, d.Terms = "terms", s.Topics
		case "organisations":
			kind, d.Terms = "terms", s.Organisations
		}
		add(kind, d)
	}
	for _, p := range s.Pages {
		kind := "page"
		switch p.Kind {
		case content.Agreement:
			kind = "agreement"
		case content.Interview:
			kind = "interview"
		}
		add(kind, &Data{Doc: &p.Doc, Page: p})
	}
	for _, t := range s.Countries {
		add("country", &Data{Doc: &t.Doc, Term: t})
	}
	for _, ts := range [][]*site.Term{s.Topics, s.Organisations} {
		for _, t := range ts {
			add("term", &Data{Doc: &t.Doc, Term: t})
		}
	}
	return jobs
}

var funcs = template.FuncMap{
	// lower and title case text for display.
	"lower": strings.ToLower,
	// plural picks the singular or plural form for a count.
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	},
	// first returns at most n pages.
	"first": func(n int, pages []*site.Page) []*site.Page {
		return pages[:min(n, len(pages))]
	},
	// jsonld is the schema.org JSON-LD of the page, or "".
	"jsonld": jsonLD,
	// ogLocale writes a language tag as og:locale does: "en-GB" as "en_GB".
	"ogLocale": func(lang string) string { return strings.ReplaceAll(lang, "-", "_") },
	// statusLabel names an agreement status for readers.
	"statusLabel": func(s string) string {
		switch s {
		case "in-force":
			return "In force"
		case "":
			return ""
		}
		return strings.ToUpper(s[:1]) + s[1:]
	},
}
