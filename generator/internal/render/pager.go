package render

import (
	"strconv"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/i18n"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// Pager is one page of a list split into pages of Config.PageSize
// entries, so that a list page stays light however many entries it has.
// Page 1 is at the list's own URL and page N at "<list URL>page/N/".
type Pager struct {
	Number int          // this page, from 1
	Total  int          // how many pages the list has
	Pages  []*site.Page // this page's entries, in a list of pages
	From   int          // the number of its first entry, from 1
	To     int          // the number of its last entry
	Items  int          // how many entries the whole list has
	Prev   string       // the URL of the page before, or ""
	Next   string       // the URL of the page after, or ""
	Links  []PagerLink  // numbered links to the pages, with gaps
	first  *site.Doc
	// inForce are the entries listed apart, first, on a country's pages.
	inForce map[*site.Page]bool
}

// PagerLink is an item of the numbered links of a Pager: a page, or a
// gap standing for the pages left out.
type PagerLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// IsFirst reports whether this is the first page, the one that carries
// the list's text and summaries.
func (p *Pager) IsFirst() bool { return p == nil || p.Number == 1 }

// FirstURL is the URL of the list's first page.
func (p *Pager) FirstURL() string { return p.first.URL }

// pagerWindow is how many numbered links stand on each side of the
// current page; the first and last pages are always linked.
const pagerWindow = 2

// paginate splits a list of entries into pages of size entries and
// returns the document and pager of each: the first is list itself, the
// others new documents under list's path, titled in the words of w; the caller gives each pager its
// Pages. A list of at most size entries is one page, and so is an empty
// one.
func paginate(s *site.Site, list *site.Doc, entries, size int, w *i18n.Words) ([]*site.Doc, []*Pager) {
	total := max(1, (entries+size-1)/size)
	docs := make([]*site.Doc, total)
	pagers := make([]*Pager, total)
	for n := 1; n <= total; n++ {
		d := list
		if n > 1 {
			path := pagePath(list.Path, n)
			d = &site.Doc{Path: path, URL: s.Config.RelURL(path), Permalink: s.Config.Permalink(path), ID: list.ID,
				Title: w.T("pager.title", "title", list.Title, "page", n, "pages", total)}
		}
		from, to := (n-1)*size, min(n*size, entries)
		docs[n-1] = d
		pagers[n-1] = &Pager{Number: n, Total: total, From: from + 1, To: to, Items: entries, first: list}
	}
	for i, p := range pagers {
		if i > 0 {
			p.Prev = docs[i-1].URL
		}
		if i+1 < total {
			p.Next = docs[i+1].URL
		}
		gap := false
		for n := 1; n <= total; n++ {
			if n == 1 || n == total || n >= p.Number-pagerWindow && n <= p.Number+pagerWindow {
				p.Links = append(p.Links, PagerLink{Number: n, URL: docs[n-1].URL, Current: n == p.Number})
				gap = false
			} else if !gap {
				p.Links = append(p.Links, PagerLink{Gap: true})
				gap = true
			}
		}
	}
	return docs, pagers
}

// pagePath is the site path of page n of the list at path.
func pagePath(path string, n int) string {
	return path + "page/" + strconv.Itoa(n) + "/"
}

// InForce returns this page's entries that are agreements in force, which
// a country's pages list apart, before the others.
func (p *Pager) InForce() []*site.Page {
	var out []*site.Page
	for _, pg := range p.Pages {
		if p.inForce[pg] {
			out = append(out, pg)
		}
	}
	return out
}

// Agreements returns the agreements among this page's entries, less those
// InForce lists.
func (p *Pager) Agreements() []*site.Page { return p.ofKind(content.Agreement) }

// Interviews returns the interviews among this page's entries.
func (p *Pager) Interviews() []*site.Page { return p.ofKind(content.Interview) }

func (p *Pager) ofKind(k content.Kind) []*site.Page {
	var out []*site.Page
	for _, pg := range p.Pages {
		if pg.Kind == k && !p.inForce[pg] {
			out = append(out, pg)
		}
	}
	return out
}
