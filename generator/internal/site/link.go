package site

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/cooperation-kb/kb/generator/internal/compact"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/markdown"
)

// Link finishes the model once every body has been rendered: it fills in
// the lists of every term page, agreements between the same parties and
// related pages, then checks the heading anchors of all links and fills in
// backlinks.
func (s *Site) Link() error {
	s.LinkTerms()
	s.LinkRelated(nil)
	return s.LinkBodies()
}

// LinkTerms does the part of Link that front matter alone decides but for
// related pages: the lists of every term page and the agreements between
// the same parties. It reads no body, so a build runs it while the bodies
// are rendered.
func (s *Site) LinkTerms() {
	// Both read the pages' terms and parties and write different
	// fields: on two cores at once.
	s.newestPages()
	var wg sync.WaitGroup
	wg.Go(s.sameParties)
	s.termLists(nil)
	wg.Wait()
	// These lists live until the last page is written: see package compact.
	compact.Lists(func(yield func(*[]*Page) bool) {
		for _, p := range s.Pages {
			if !yield(&p.SameParties) {
				return
			}
		}
	})
}

// LinkRelated picks the related pages of every page once LinkTerms has
// run. Given old, the model before, linked, with the same configuration,
// it picks again only the related pages of the pages whose date or terms
// changed, and of the pages near them in the date-ordered lists of their
// terms, where a page finds its candidates; every other page gets the
// related pages it had in old. The model is the same either way.
func (s *Site) LinkRelated(old *Site) {
	if old != nil {
		s.relatedAfter(old)
	} else {
		s.related()
	}
	compact.Lists(func(yield func(*[]Scored) bool) {
		for _, p := range s.Pages {
			if !yield(&p.Related) {
				return
			}
		}
	})
}

// LinkBodies finishes Link once every body has been rendered and
// LinkTerms has run: it checks the heading anchors of all links and fills
// in backlinks.
func (s *Site) LinkBodies() error {
	var errs diag.List
	s.checkAnchors(&errs)
	s.checkChapters(nil, &errs)
	s.backlinks()
	compact.Lists(func(yield func(*[]*Page) bool) {
		for _, p := range s.Pages {
			if !yield(&p.Backlinks) {
				return
			}
		}
	})
	return errs.Err()
}

// Relink is Link after only the bodies of docs changed, in a model that
// Link linked without errors: their links, and so the backlinks of the
// pages they point to, and their headings, and so the anchors of links
// into them. It returns the pages whose backlinks changed. Front matter
// did not change, so terms and related pages stay as they are.
func (s *Site) Relink(docs []*Doc) ([]*Page, error) {
	edited := map[*Doc]bool{}
	for _, d := range docs {
		edited[d] = true
	}
	var errs diag.List
	s.checkAnchorsOf(edited, &errs)
	s.checkChapters(edited, &errs)
	// Each page's backlinks are in newestPages' order, each page once.
	newer := func(a, b *Page) int { return cmp.Or(b.Date.Time.Compare(a.Date.Time), strings.Compare(a.Path, b.Path)) }
	changed := map[*Page]bool{}
	for _, d := range docs {
		from := d.page
		if from == nil {
			continue
		}
		links := map[*Page]bool{}
		for _, q := range slices.Concat(from.Agreements, d.linked) {
			if q != from {
				links[q] = true
			}
		}
		for _, p := range s.Pages {
			// Comparing pointers first: most pages neither had nor gain
			// from among their few backlinks, and at 100,000 pages the
			// search by date and path alone took 60 ms.
			if slices.Contains(p.Backlinks, from) == links[p] {
				continue
			}
			i, had := slices.BinarySearchFunc(p.Backlinks, from, newer)
			if had {
				p.Backlinks = slices.Delete(slices.Clip(p.Backlinks), i, i+1)
			} else {
				p.Backlinks = slices.Insert(slices.Clip(p.Backlinks), i, from)
			}
			changed[p] = true
		}
	}
	var pages []*Page
	for _, p := range s.Pages {
		if changed[p] {
			pages = append(pages, p)
		}
	}
	return pages, errs.Err()
}

// ReleaseLinks forgets the links recorded while resolving bodies, once
// Link has used them, for a build that will not relink: the memory is
// better left to rendering the pages.
func (s *Site) ReleaseLinks() {
	for _, d := range s.Docs {
		d.linked, d.anchors = nil, nil
	}
}

// DocOf returns the document made from the content file at path, or nil.
func (s *Site) DocOf(path string) *Doc { return s.byFile[path] }

// PageOf returns the page of a document, or nil if it is not a page.
func (s *Site) PageOf(d *Doc) *Page { return d.page }

// ClearLinks forgets the links recorded for d, before its body is
// resolved again.
func (s *Site) ClearLinks(d *Doc) { d.linked, d.anchors = nil, nil }

func (s *Site) checkAnchors(errs *diag.List) { s.checkAnchorsOf(nil, errs) }

// checkAnchorsOf checks the links to headings of the documents of only, and
// those to their headings; of every document if only is nil.
func (s *Site) checkAnchorsOf(only map[*Doc]bool, errs *diag.List) {
	for _, d := range s.Docs {
		// A text not translated into this language links to headings of
		// its translations, written in another: its own language checks
		// its anchors.
		if s.fileLang(d.File) != s.Lang {
			continue
		}
		for _, l := range d.anchors {
			if only != nil && !only[d] && !only[l.target] || hasHeading(l.target, l.id) {
				continue
			}
			where := "this page"
			if l.target != d {
				where = "/" + l.target.Path
			}
			errs.Addf(l.pos, "link to missing heading #%s on %s", l.id, where)
		}
	}
}

func hasHeading(d *Doc, id string) bool {
	found := false
	d.headings.each(func(h markdown.Heading) bool {
		found = h.ID == id
		return !found
	})
	if found {
		return true
	}
	// Footnotes are anchors too.
	return strings.HasPrefix(id, "fn:") || strings.HasPrefix(id, "fnref:")
}

// backlinks gathers, in one pass over every link and reference, the pages
// pointing at each page. Pages are visited newest first, so each list comes
// out in that order; and all the links of one page are visited together, so
// a page already listed as a backlink is the last one of the list.
func (s *Site) backlinks() {
	add := func(from, to *Page) {
		if from == to || len(to.Backlinks) > 0 && to.Backlinks[len(to.Backlinks)-1] == from {
			return
		}
		to.Backlinks = append(to.Backlinks, from)
	}
	for _, p := range s.newestPages() {
		for _, a := range p.Agreements {
			add(p, a)
		}
		for _, q := range p.linked {
			add(p, q)
		}
	}
}

// newestPages returns every page, newest first.
func (s *Site) newestPages() []*Page {
	if s.newest == nil {
		s.newest = slices.Clone(s.Pages)
		sortNewest(s.newest)
	}
	return s.newest
}

// termLists fills in what each term page shows, in one pass over the pages,
// or, given only, what the terms of only show, which it empties first.
// The pages are visited newest first, so each list comes out in that order.
func (s *Site) termLists(only map[*Term]bool) {
	mine := func(t *Term) bool { return only == nil || only[t] }
	for t := range only {
		t.Pages, t.Agreements, t.Interviews, t.InForce, t.Other = nil, nil, nil, nil, nil
	}
	partners := map[*Term]map[*Term]int{}
	related := map[*Term]map[*Term]int{}
	bump := func(m map[*Term]map[*Term]int, a, b *Term) {
		if !mine(a) {
			return
		}
		if m[a] == nil {
			m[a] = map[*Term]int{}
		}
		m[a][b]++
	}
	for _, p := range s.newestPages() {
		if p.Kind == content.Page {
			continue
		}
		var people []*Term
		if p.Interviewee != nil {
			people = append(people, p.Interviewee)
		}
		for _, ts := range [][]*Term{p.Countries, p.Topics, p.Organisations, people} {
			for _, t := range ts {
				if !mine(t) {
					continue
				}
				t.Pages = append(t.Pages, p)
				if p.Kind == content.Agreement {
					t.Agreements = append(t.Agreements, p)
				} else {
					t.Interviews = append(t.Interviews, p)
				}
			}
		}
		for _, pd := range p.PartyDates {
			if pd.InForce && mine(pd.Term) && !slices.Contains(pd.Term.InForce, p) {
				pd.Term.InForce = append(pd.Term.InForce, p)
			}
		}
		for _, c := range p.Countries {
			if p.Kind == content.Agreement {
				for _, d := range p.Countries {
					if c != d {
						bump(partners, c, d)
					}
				}
			}
			for _, t := range p.Topics {
				bump(related, c, t)
				bump(related, t, c)
			}
			for _, o := range p.Organisations {
				bump(related, c, o)
				bump(related, o, c)
			}
		}
	}
	for _, ts := range [][]*Term{s.Countries, s.Topics, s.Organisations, s.People} {
		for _, t := range ts {
			if !mine(t) {
				continue
			}
			for _, a := range t.Agreements {
				if !slices.Contains(t.InForce, a) {
					t.Other = append(t.Other, a)
				}
			}
			t.Partners = counts(partners[t], content.CountryTerm)
			t.Countries = counts(related[t], content.CountryTerm)
			t.Topics = counts(related[t], content.TopicTerm)
			t.Orgs = counts(related[t], content.OrganisationTerm)
		}
	}
}

// counts lists the terms of kind k in m, most shared first.
func counts(m map[*Term]int, k content.Kind) []Count {
	var out []Count
	for t, n := range m {
		if t.Kind == k {
			out = append(out, Count{Term: t, N: n})
		}
	}
	slices.SortFunc(out, func(a, b Count) int {
		return cmp.Or(b.N-a.N, strings.Compare(a.Term.Title, b.Term.Title), strings.Compare(a.Term.Slug, b.Term.Slug))
	})
	return out
}

// maxSameParties bounds the list, so that a site where most agreements have
// the same two parties does not grow with the square of its agreements.
const maxSameParties = 10

func (s *Site) sameParties() {
	groups := map[string][]*Page{}
	for _, a := range s.Agreements {
		if len(a.Parties) < 2 {
			continue
		}
		key := partyKey(a.Parties)
		groups[key] = append(groups[key], a)
	}
	for _, a := range s.Agreements {
		if len(a.Parties) < 2 {
			continue
		}
		for _, b := range groups[partyKey(a.Parties)] {
			if len(a.SameParties) == maxSameParties {
				break
			}
			if b != a {
				a.SameParties = append(a.SameParties, b)
			}
		}
	}
}

func partyKey(ts []*Term) string {
	keys := make([]string, len(ts))
	for i, t := range ts {
		keys[i] = fmt.Sprintf("%d/%s", t.Kind, t.Slug)
	}
	slices.Sort(keys)
	return strings.Join(keys, " ")
}

// chunks is how many parts work on n items is split into: one per core.
func chunks(n int) int { return min(runtime.GOMAXPROCS(0), max(n, 1)) }

// parallelChunks splits the indexes below n into parts, one per core, and
// runs f on each part at once.
func parallelChunks(n int, f func(lo, hi int)) {
	parts := chunks(n)
	size := (n + parts - 1) / parts
	var wg sync.WaitGroup
	for w := range parts {
		lo, hi := w*size, min((w+1)*size, n)
		wg.Go(func() { f(lo, hi) })
	}
	wg.Wait()
}
