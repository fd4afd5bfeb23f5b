package site

import (
	"slices"

	"github.com/cooperation-kb/kb/generator/internal/content"
)

// relatedAfter is related after the model old, for LinkRelated.
func (s *Site) relatedAfter(old *Site) {
	x := s.relatedIndex()
	if x == nil {
		return
	}
	dirty := s.relatedChanges(old, x)
	if dirty == nil {
		x.relate(x.all())
		return
	}
	var ranks []int32
	for r, p := range x.pages {
		if dirty[r] || !s.keepRelated(old, p) {
			ranks = append(ranks, int32(r))
		}
	}
	x.relate(ranks)
}

// relatedChanges returns, by rank in x, the pages whose related pages may
// differ from those they had in old, or nil if any may.
func (s *Site) relatedChanges(old *Site, x *relatedIndex) []bool {
	var changed, gone []*Page
	for _, p := range x.pages {
		if o := old.pageAt(p.Path); o == nil || !sameRelations(o, p) {
			changed = append(changed, p)
		}
	}
	for _, o := range slices.Concat(old.Agreements, old.Interviews) {
		if p := s.pageAt(o.Path); p == nil || p.Kind == content.Page || !sameRelations(o, p) {
			gone = append(gone, o)
		}
	}
	return s.nearChanges(x, changed, gone)
}

// nearChanges returns, by rank in x, the pages whose related pages may
// differ after the pages changed came into the lists of their terms, in
// x, and the pages gone left those of theirs, or nil if any may.
func (s *Site) nearChanges(x *relatedIndex, changed, gone []*Page) []bool {
	// A page's window moves by one for each page that comes into its list
	// or leaves it: the pages near a change are those within the window,
	// one more, and one for every other change.
	margin := window + 1 + len(changed) + len(gone)
	if margin > len(x.pages)/2 {
		return nil
	}
	dirty := make([]bool, len(x.pages))
	mark := func(t int32, at int) {
		list := x.postings[t]
		for _, r := range list[max(0, at-margin):min(len(list), at+margin+1)] {
			dirty[r] = true
		}
	}
	rank := make(map[*Page]int32, len(changed))
	for r, p := range x.pages {
		rank[p] = int32(r)
	}
	for _, p := range changed {
		r := rank[p]
		dirty[r] = true
		for _, t := range x.terms[x.start[r]:x.start[r+1]] {
			at, _ := slices.BinarySearch(x.postings[t], r)
			mark(t, at)
		}
	}
	// Where each page that changed or went stood, in the lists of the terms
	// it had.
	for _, o := range gone {
		for _, ts := range [][]*Term{o.Countries, o.Topics, o.Organisations} {
			for _, ot := range ts {
				t := s.termIndex(ot.Kind).bySlug[ot.Slug]
				if t == nil {
					continue
				}
				at, _ := slices.BinarySearchFunc(x.postings[x.termNum[t.ID]], o, func(r int32, o *Page) int { return byDate(x.pages[r], o) })
				mark(x.termNum[t.ID], at)
			}
		}
	}
	return dirty
}

// keepRelated gives p the related pages the page of its path had in old,
// and reports whether it could: whether each of them is still a page.
func (s *Site) keepRelated(old *Site, p *Page) bool {
	o := old.pageAt(p.Path)
	related := make([]Scored, len(o.Related))
	for i, r := range o.Related {
		q := s.pageAt(r.Page.Path)
		if q == nil {
			return false
		}
		related[i] = Scored{Page: q, Score: r.Score}
	}
	p.Related = related
	return true
}

// pageAt returns the page at the site path p, or nil.
func (s *Site) pageAt(p string) *Page {
	if d := s.byPath[p]; d != nil {
		return d.page
	}
	return nil
}

// sameRelations reports whether pages a and b, of two models, have the
// same date and terms, which are all that related pages are picked by.
func sameRelations(a, b *Page) bool {
	if !a.Date.Time.Equal(b.Date.Time) {
		return false
	}
	for k, ts := range [][]*Term{a.Countries, a.Topics, a.Organisations} {
		us := [][]*Term{b.Countries, b.Topics, b.Organisations}[k]
		if !slices.EqualFunc(ts, us, func(t, u *Term) bool { return t.Path == u.Path }) {
			return false
		}
	}
	return true
}
