package render

import (
	"cmp"
	"html/template"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cooperation-kb/kb/generator/internal/chart"
	"github.com/cooperation-kb/kb/generator/internal/compact"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/i18n"
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

	// chapter is, on a page of a body published as pages of chapters,
	// the index of the chapter it shows (see Chapter).
	chapter int

	Nav []NavItem // the site's main navigation, as seen from this page
	// NavKey names the form of Nav this page sees, for cachedBy: pages
	// with the same key have the same Nav.
	NavKey string
}

// A LanguageLink leads to a page in one of the site's languages, for the
// language switcher.
type LanguageLink struct {
	Code, Name string
	URL        string
	Current    bool // the language of this page
	Translated bool // URL is this page's translation, not that language's home page
}

// Languages lists the site's languages with the page in each, or that
// language's home page where the page has no translation; nil for a site
// in one language.
func (d *Data) Languages() []LanguageLink {
	c := d.Site.Config
	if !c.Multilingual() {
		return nil
	}
	var out []LanguageLink
	for _, code := range c.SiteLanguages() {
		l := LanguageLink{Code: code, Name: c.LanguageName(code), Current: code == d.Site.Lang, Translated: true}
		switch {
		case l.Current:
			l.URL = d.Doc.URL
		default:
			l.URL, l.Translated = c.RelURL(c.LangPath(code)), false
			translations := d.Doc.Translations
			if d.chapter > 0 {
				// A chapter's page leads to the document's translation.
				translations = d.Page.Translations
			}
			for _, t := range translations {
				if t.Lang == code {
					l.URL, l.Translated = t.URL, true
				}
			}
		}
		out = append(out, l)
	}
	return out
}

// WithChapters returns jobs, the pages of s once its bodies are
// rendered, with a page for each chapter but the first of every body
// published as pages of chapters (site.Doc.Chapters), in place of those
// jobs had; a theme without a template for chapters shows them with its
// template of the document's kind.
func (t *Templates) WithChapters(s *site.Site, jobs []Job) []Job {
	out := make([]Job, 0, len(jobs))
	for _, j := range jobs {
		if j.Data.chapter == 0 {
			out = append(out, j)
		}
	}
	// The range reads out once: the jobs of chapters it appends are not
	// ranged over.
	for _, j := range out {
		d := j.Data
		if d.Page == nil || d.Doc != &d.Page.Doc || !d.Doc.InChapters() {
			continue
		}
		p, kind := d.Page, "chapter"
		own := t.byKind[kind] != nil
		if !own {
			kind = j.Kind
		}
		for k, c := range p.Chapters() {
			if k == 0 {
				continue
			}
			dv := *d
			dv.Kind, dv.chapter = kind, k
			dv.Doc = &site.Doc{Path: c.Path, URL: c.URL, Permalink: c.Permalink, ID: p.ID, Lang: p.Lang,
				Title: t.words.T("chapter.title", "chapter", c.Title, "title", p.Title)}
			if !own {
				// A template of a document's kind written before
				// chapters shows .Doc.Content, not .Text.
				dv.Doc.StoreContent(chapterText{p, k})
			}
			out = append(out, Job{Out: c.Path + "index.html", Kind: kind, Data: &dv})
		}
	}
	return out
}

// chapterText is the text of chapter k of a page's body, where the
// chapter is in the body as it is when read.
type chapterText struct {
	page *site.Page
	k    int
}

// AppendTo implements site.StoredBody.
func (c chapterText) AppendTo(dst []byte) ([]byte, error) { return c.page.AppendChapter(dst, c.k) }

// Chapters returns the chapters of the page's body if it is published as
// pages of chapters, or nil.
func (d *Data) Chapters() []site.Chapter {
	if d.Page == nil {
		return nil
	}
	return d.Page.Chapters()
}

// Chapter returns, on a page of a body published as pages of chapters,
// the chapter it shows: the first on the document's own page; else nil.
func (d *Data) Chapter() *site.Chapter {
	cs := d.Chapters()
	if d.chapter >= len(cs) {
		return nil
	}
	return &cs[d.chapter]
}

// Text is the rendered body as the page shows it: whole, or of a body
// published as pages of chapters, the page's chapter, the first after
// what comes before it.
func (d *Data) Text() (template.HTML, error) {
	if d.Page == nil || !d.Page.InChapters() {
		return d.Doc.Content()
	}
	html, err := d.Page.AppendChapter(nil, d.chapter)
	return template.HTML(html), err
}

// PrevChapter and NextChapter are the chapters before and after the
// page's, or nil.
func (d *Data) PrevChapter() *site.Chapter { return d.chapterAt(-1) }

// NextChapter: see PrevChapter.
func (d *Data) NextChapter() *site.Chapter { return d.chapterAt(1) }

func (d *Data) chapterAt(step int) *site.Chapter {
	cs := d.Chapters()
	if i := d.chapter + step; cs != nil && i >= 0 && i < len(cs) {
		return &cs[i]
	}
	return nil
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
	Year  string // as YearGroup has it
	Title string
	URL   string
}

// YearGroup is the pages of one year, newest first.
type YearGroup struct {
	Year   string // "2024", or "Undated": the anchor of its heading is y-<Year>
	Title  string // the year, or "Undated" in the site's language
	Pages  []*site.Page
	Months []MonthGroup // on the timeline
}

// MonthGroup is the events of one month on the timeline, newest first.
type MonthGroup struct {
	Month  string // "February" in the site's language, or "" for dates known only to the year
	Title  string // "February 2025", or "2022, month not given"
	ID     string // "2025-02" or "2022"
	Events []site.Event
}

// timelineEvents returns what the timeline lists, newest first: every
// step in the life of each agreement (signature, entry into force,
// accessions…), an agreement without any at its date, and every dated
// interview, as an event of kind "interview".
func timelineEvents(s *site.Site) []site.Event {
	var out []site.Event
	for _, p := range s.Agreements {
		if len(p.Events) > 0 {
			out = append(out, p.Events...)
		} else if !p.Date.IsZero() {
			out = append(out, site.Event{Date: p.Date, Page: p})
		}
	}
	for _, p := range s.Interviews {
		if !p.Date.IsZero() {
			out = append(out, site.Event{Date: p.Date, Kind: "interview", Page: p})
		}
	}
	// Within a month or year, a date known to the day comes before one
	// known only to the month or year, which sorts as its first day; a
	// page's own steps stay in the order of its life.
	slices.SortStableFunc(out, func(a, b site.Event) int {
		return cmp.Or(b.Date.Time.Compare(a.Date.Time), strings.Compare(a.Page.Path, b.Page.Path))
	})
	return out
}

// yearOf names the year of a date, or "Undated".
func yearOf(d content.Date) string {
	if d.IsZero() {
		return "Undated"
	}
	return d.Time.Format("2006")
}

// yearTitle is what readers see of a year of yearOf.
func yearTitle(w *i18n.Words, year string) string {
	if year == "Undated" {
		return w.T("undated")
	}
	return year
}

// upperFirst starts s with a capital letter, as a heading does: Russian
// writes a month's name in lower case.
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// byMonth returns events, newest first, by year and month.
func byMonth(events []site.Event, w *i18n.Words) []YearGroup {
	var years []YearGroup
	for _, e := range events {
		if y := yearOf(e.Date); len(years) == 0 || years[len(years)-1].Year != y {
			years = append(years, YearGroup{Year: y, Title: yearTitle(w, y)})
		}
		y := &years[len(years)-1]
		id := y.Year
		if e.Date.Precision != content.Year {
			id = e.Date.Time.Format("2006-01")
		}
		// Months are named once each: a timeline of thousands of events
		// has far fewer.
		if len(y.Months) == 0 || y.Months[len(y.Months)-1].ID != id {
			m := MonthGroup{ID: id, Title: w.T("timeline.monthNotGiven", "year", y.Title)}
			if e.Date.Precision != content.Year {
				month := content.Date{Time: e.Date.Time, Precision: content.Month}
				m.Month, m.Title = w.Month(e.Date.Time.Month()), upperFirst(w.Date(month))
			}
			y.Months = append(y.Months, m)
		}
		last := &y.Months[len(y.Months)-1]
		last.Events = append(last.Events, e)
	}
	return years
}

func byYear(pages []*site.Page, w *i18n.Words) []YearGroup {
	var out []YearGroup
	for _, p := range pages {
		y := yearOf(p.Date)
		if len(out) == 0 || out[len(out)-1].Year != y {
			out = append(out, YearGroup{Year: y, Title: yearTitle(w, y)})
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
	events := timelineEvents(s)
	n += pagesOf(len(s.Agreements)) + pagesOf(len(s.Interviews)) + pagesOf(len(events))
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
	// paged adds a list of n entries split into pages: setPage gives the
	// data of each page its entries (from, to) and returns the years of
	// those entries, in order, for links to where each year starts.
	paged := func(kind string, d Data, list *site.Doc, n int, setPage func(dv *Data, from, to int) []string) {
		docs, pagers := paginate(s, list, n, s.Config.PageSize, t.words)
		pageData := make([]Data, len(pagers))
		type start struct {
			year string
			page int
		}
		var starts []start
		for i, p := range pagers {
			pageData[i] = d
			pageData[i].Doc, pageData[i].Pager = docs[i], p
			for _, y := range setPage(&pageData[i], p.From-1, p.To) {
				if len(starts) == 0 || starts[len(starts)-1].year != y {
					starts = append(starts, start{y, i})
				}
			}
		}
		for i := range pageData {
			dv := &pageData[i]
			if dv.Years != nil {
				dv.YearLinks = make([]YearLink, len(starts))
				for k, st := range starts {
					// A year that starts on this page is linked
					// within it.
					url := "#y-" + st.year
					if st.page != i {
						url = docs[st.page].URL + url
					}
					dv.YearLinks[k] = YearLink{st.year, yearTitle(t.words, st.year), url}
				}
			}
			add(kind, *dv)
		}
	}
	// pages lists pages, by year if years is set.
	pages := func(pages []*site.Page, years bool) func(dv *Data, from, to int) []string {
		return func(dv *Data, from, to int) []string {
			dv.Pager.Pages = pages[from:to]
			if !years {
				return nil
			}
			dv.Years = byYear(dv.Pager.Pages, t.words)
			names := make([]string, len(dv.Years))
			for i, y := range dv.Years {
				names[i] = y.Year
			}
			return names
		}
	}
	add("home", Data{Doc: &s.Home.Doc, Section: s.Home})
	// A host serves one page for every missing path: the default
	// language's.
	if s.Prefix == "" {
		add("404", Data{Doc: &site.Doc{Title: t.words.T("notFound.title"), Path: "404.html"}})
	}
	for _, sec := range s.Sections {
		d := Data{Doc: &sec.Doc, Section: sec}
		kind := "section"
		switch sec.Name {
		case "agreements":
			paged("agreements", d, &sec.Doc, len(s.Agreements), pages(s.Agreements, true))
			continue
		case "interviews":
			paged("interviews", d, &sec.Doc, len(s.Interviews), pages(s.Interviews, true))
			continue
		case "timeline":
			paged("timeline", d, &sec.Doc, len(events), func(dv *Data, from, to int) []string {
				dv.Years = byMonth(events[from:to], t.words)
				names := make([]string, len(dv.Years))
				for i, y := range dv.Years {
					names[i] = y.Year
				}
				return names
			})
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
		if p.Untranslated {
			continue
		}
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
		// The agreements in force come first, apart from the others.
		inForce := map[*site.Page]bool{}
		entries := slices.Clone(t.InForce)
		for _, p := range t.InForce {
			inForce[p] = true
		}
		for _, p := range t.Pages {
			if !inForce[p] {
				entries = append(entries, p)
			}
		}
		list := pages(entries, false)
		paged("country", Data{Term: t}, &t.Doc, len(entries), func(dv *Data, from, to int) []string {
			dv.Pager.inForce = inForce
			return list(dv, from, to)
		})
	}
	for _, ts := range [][]*site.Term{s.Topics, s.Organisations} {
		for _, t := range ts {
			paged("term", Data{Term: t}, &t.Doc, len(t.Pages), pages(t.Pages, false))
		}
	}
	for _, t := range s.People {
		paged("person", Data{Term: t}, &t.Doc, len(t.Pages), pages(t.Pages, false))
	}
	nav := newNavigation(s, jobs, t.words)
	for _, j := range jobs {
		j.Data.Nav, j.Data.NavKey = nav.of(j.Data)
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
	// mapPairs lists the pairs of countries the cooperation map joins.
	"mapPairs": chart.MapPairs,
	// offWorldMap lists the countries with agreements the world map lacks.
	"offWorldMap": offWorldMap,
	// lower and title case text for display.
	"lower": strings.ToLower,
	// first returns at most n pages.
	"first": func(n int, pages []*site.Page) []*site.Page {
		return pages[:min(n, len(pages))]
	},
	// firstTerms returns at most n terms.
	"firstTerms": func(n int, terms []*site.Term) []*site.Term {
		return terms[:min(n, len(terms))]
	},
	// beyond returns how many of terms are past the first n, or 0.
	"beyond": func(n int, terms []*site.Term) int { return max(0, len(terms)-n) },
	// ogLocale writes a language tag as og:locale does: "en-GB" as "en_GB".
	"ogLocale": func(lang string) string { return strings.ReplaceAll(lang, "-", "_") },
	// relation is one list of related agreements with its heading, for
	// the "relation" template.
	"relation": func(id, title string, pages []*site.Page) Relation {
		return Relation{ID: id, Title: title, Pages: pages}
	},
}
