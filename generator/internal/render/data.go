package render

import (
	"cmp"
	"html/template"
	"slices"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/chart"
	"github.com/cooperation-kb/kb/generator/internal/compact"
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
	Years []YearGroup  // agreements, interviews, timeline: this page's entries by year

	// Pager is set on the pages of a list split into pages: agreements,
	// interviews, timeline, country and term.
	Pager *Pager
	// YearLinks lead to the first page on which each year of Years' list
	// starts, newest first.
	YearLinks []YearLink

	Nav []NavItem // the site's main navigation, as seen from this page
}

// Relation is a list of agreements related to one page in one way, such
// as those that amend it, with the heading and anchor of its section.
type Relation struct {
	ID    string
	Title string
	Pages []*site.Page
}

// YearLink is a link to where a year starts in a list split into pages.
type YearLink struct {
	Year string
	URL  string
}

// YearGroup is the pages of one year, newest first.
type YearGroup struct {
	Year   string // "2024", or "Undated"
	Pages  []*site.Page
	Months []MonthGroup // on the timeline
}

// MonthGroup is the pages of one month, newest first.
type MonthGroup struct {
	Month string // "February", or "" for dates known only to the year
	ID    string // "2025-02" or "2022"
	Pages []*site.Page
}

// dated returns every dated agreement and interview, newest first.
func dated(s *site.Site) []*site.Page {
	var pages []*site.Page
	for _, p := range slices.Concat(s.Agreements, s.Interviews) {
		if !p.Date.IsZero() {
			pages = append(pages, p)
		}
	}
	// Within a month or year, a date known to the day comes before one
	// known only to the month or year, which sorts as its first day.
	slices.SortStableFunc(pages, func(a, b *site.Page) int {
		return cmp.Or(b.Date.Time.Compare(a.Date.Time), strings.Compare(a.Path, b.Path))
	})
	return pages
}

// byMonth returns pages, newest first, by year and month.
func byMonth(pages []*site.Page) []YearGroup {
	years := byYear(pages)
	for i := range years {
		y := &years[i]
		for _, p := range y.Pages {
			m := MonthGroup{ID: y.Year}
			if p.Date.Precision != content.Year {
				m.Month, m.ID = p.Date.Time.Format("January"), p.Date.Time.Format("2006-01")
			}
			if len(y.Months) == 0 || y.Months[len(y.Months)-1].ID != m.ID {
				y.Months = append(y.Months, m)
			}
			last := &y.Months[len(y.Months)-1]
			last.Pages = append(last.Pages, p)
		}
	}
	return years
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
func (t *Templates) Jobs(s *site.Site) []Job {
	n := len(s.Pages) + len(s.Sections) + 2
	pagesOf := func(entries int) int { return max(1, (entries+s.Config.PageSize-1)/s.Config.PageSize) }
	for _, ts := range [][]*site.Term{s.Countries, s.Topics, s.Organisations, s.People} {
		for _, t := range ts {
			n += pagesOf(len(t.Pages))
		}
	}
	n += pagesOf(len(s.Agreements)) + pagesOf(len(s.Interviews)) + pagesOf(len(s.Agreements)+len(s.Interviews))
	jobs := make([]Job, 0, n)
	// The data of every job are one allocation, as the pages are: they
	// live until the last page is written.
	data := make([]Data, 0, cap(jobs))
	add := func(kind string, dv Data) {
		if t.byKind[kind] == nil {
			return
		}
		data = append(data, dv)
		d := &data[len(data)-1]
		d.Site, d.Kind = s, kind
		out := d.Doc.Path + "index.html"
		if kind == "404" {
			out = "404.html"
		}
		jobs = append(jobs, Job{Out: out, Kind: kind, Data: d})
	}
	// paged adds a list of pages split into pages, each with its entries
	// grouped by group if that is set.
	paged := func(kind string, d Data, list *site.Doc, pages []*site.Page, group func([]*site.Page) []YearGroup) {
		docs, pagers := paginate(s, list, pages, s.Config.PageSize)
		type start struct {
			year string
			page int
		}
		var starts []start
		if group != nil {
			for i, p := range pagers {
				for _, y := range byYear(p.Pages) {
					if len(starts) == 0 || starts[len(starts)-1].year != y.Year {
						starts = append(starts, start{y.Year, i})
					}
				}
			}
		}
		for i, p := range pagers {
			dv := d
			dv.Doc, dv.Pager = docs[i], p
			if group != nil {
				dv.Years = group(p.Pages)
				dv.YearLinks = make([]YearLink, len(starts))
				for k, st := range starts {
					// A year that starts on this page is linked
					// within it.
					url := "#y-" + st.year
					if st.page != i {
						url = docs[st.page].URL + url
					}
					dv.YearLinks[k] = YearLink{st.year, url}
				}
			}
			add(kind, dv)
		}
	}
	add("home", Data{Doc: &s.Home.Doc, Section: s.Home})
	add("404", Data{Doc: &site.Doc{Title: "Page not found", Path: "404.html"}})
	for _, sec := range s.Sections {
		d := Data{Doc: &sec.Doc, Section: sec}
		kind := "section"
		switch sec.Name {
		case "agreements":
			paged("agreements", d, &sec.Doc, s.Agreements, byYear)
			continue
		case "interviews":
			paged("interviews", d, &sec.Doc, s.Interviews, byYear)
			continue
		case "timeline":
			paged("timeline", d, &sec.Doc, dated(s), byMonth)
			continue
		case "countries":
			kind, d.Terms = "countries", s.Countries
		case "topics":
			kind, d.Terms = "terms", s.Topics
		case "organisations":
			kind, d.Terms = "terms", s.Organisations
		case "people":
			kind, d.Terms = "terms", s.People
		case "search":
			kind = "search"
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
		add(kind, Data{Doc: &p.Doc, Page: p})
	}
	for _, t := range s.Countries {
		paged("country", Data{Term: t}, &t.Doc, t.Pages, nil)
	}
	for _, ts := range [][]*site.Term{s.Topics, s.Organisations} {
		for _, t := range ts {
			paged("term", Data{Term: t}, &t.Doc, t.Pages, nil)
		}
	}
	for _, t := range s.People {
		paged("person", Data{Term: t}, &t.Doc, t.Pages, nil)
	}
	nav := newNavigation(s, jobs)
	for _, j := range jobs {
		j.Data.Nav = nav.of(j.Data)
	}
	compact.Strings(func(yield func(*string) bool) {
		for i := range jobs {
			if !yield(&jobs[i].Out) {
				return
			}
		}
	})
	return jobs
}

var funcs = template.FuncMap{
	// cooperationMap draws the countries and the agreements they share.
	"cooperationMap": chart.Map,
	// mapPairs lists the pairs of countries the cooperation map joins.
	"mapPairs": chart.MapPairs,
	// worldMap draws countries on the map of the world by agreements.
	"worldMap": worldMap,
	// offWorldMap lists the countries with agreements the world map lacks.
	"offWorldMap": offWorldMap,
	// partnerMap marks a country and its partners on the world map.
	"partnerMap": partnerMap,
	// partnerChart draws a country's partners as bars.
	"partnerChart": chart.Partners,
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
	// relation is one list of related agreements with its heading, for
	// the "relation" template.
	"relation": func(id, title string, pages []*site.Page) Relation {
		return Relation{ID: id, Title: title, Pages: pages}
	},
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
