package render

import (
	"cmp"
	"html/template"
	"slices"
	"strings"
	"unicode"

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
	Years []YearGroup  // agreements and interviews: the pages by year

	Nav []NavItem // the site's main navigation, as seen from this page
}

// NavItem is an entry of the site's main navigation.
type NavItem struct {
	Title string
	URL   string // relative to the base URL, as the site's links are
	// Current is what aria-current says of the entry: "page" on the
	// entry's own page, "true" on a page inside its section, "" elsewhere.
	Current string
}

// navSections are the sections the navigation lists before the site's
// top-level pages, in order; the search page comes after them.
var navSections = []string{"agreements", "interviews", "timeline", "countries", "topics", "organisations"}

// navigation is a site's main navigation, made once per build: the list
// of entries as a page outside them sees it, and for every entry the
// lists in which it is current, by the name of the section or top-level
// page it links to.
type navigation struct {
	plain  []NavItem
	own    map[string][]NavItem // with the entry "page"
	inside map[string][]NavItem // with the entry "true"
}

// newNavigation lists the pages that jobs render among the fixed sections
// and the site's top-level plain pages, such as about/. Each entry is
// titled after its folder or slug: "Agreements", "About".
func newNavigation(s *site.Site, jobs []Job) *navigation {
	docs := map[string]*site.Doc{}
	var pages []string
	for _, j := range jobs {
		d := j.Data
		switch {
		case d.Section != nil:
			docs[d.Section.Name] = d.Doc
		case d.Page != nil && d.Page.Kind == content.Page && strings.Count(d.Page.Path, "/") == 1:
			name := strings.TrimSuffix(d.Page.Path, "/")
			docs[name] = d.Doc
			pages = append(pages, name)
		}
	}
	n := &navigation{own: map[string][]NavItem{}, inside: map[string][]NavItem{}}
	var names []string
	for _, name := range slices.Concat(navSections, pages, []string{"search"}) {
		if d := docs[name]; d != nil {
			r := []rune(strings.ReplaceAll(name, "-", " "))
			r[0] = unicode.ToUpper(r[0])
			n.plain = append(n.plain, NavItem{Title: string(r), URL: s.Config.RelURL(d.Path)})
			names = append(names, name)
		}
	}
	for i, name := range names {
		n.own[name] = slices.Clone(n.plain)
		n.own[name][i].Current = "page"
		n.inside[name] = slices.Clone(n.plain)
		n.inside[name][i].Current = "true"
	}
	return n
}

// of returns the navigation as the page of d sees it.
func (n *navigation) of(d *Data) []NavItem {
	var nav []NavItem
	switch {
	case d.Section != nil:
		nav = n.own[d.Section.Name]
	case d.Page != nil:
		if nav = n.own[strings.TrimSuffix(d.Page.Path, "/")]; nav == nil {
			nav = n.inside[d.Page.Section]
		}
	case d.Term != nil:
		nav = n.inside[d.Term.Section]
	}
	if nav == nil {
		return n.plain
	}
	return nav
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

// timeline returns every dated agreement and interview by year and month,
// newest first.
func timeline(s *site.Site) []YearGroup {
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
	jobs := make([]Job, 0, len(s.Pages)+len(s.Countries)+len(s.Topics)+len(s.Organisations)+len(s.Sections)+2)
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
	add("home", Data{Doc: &s.Home.Doc, Section: s.Home})
	add("404", Data{Doc: &site.Doc{Title: "Page not found", Path: "404.html"}})
	for _, sec := range s.Sections {
		d := Data{Doc: &sec.Doc, Section: sec}
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
		case "search":
			kind = "search"
		case "timeline":
			kind, d.Years = "timeline", timeline(s)
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
		add("country", Data{Doc: &t.Doc, Term: t})
	}
	for _, ts := range [][]*site.Term{s.Topics, s.Organisations} {
		for _, t := range ts {
			add("term", Data{Doc: &t.Doc, Term: t})
		}
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
	// countryPairs lists the pairs of countries that share agreements.
	"countryPairs": chart.Pairs,
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
