package site

import (
	"maps"
	"slices"

	"github.com/cooperation-kb/kb/generator/internal/content"
)

// Retagging the pages of a model gives them the countries, topics and
// organisations of their files parsed again, in place: the terms' lists
// and the related pages that the change reaches are made again, and the
// model is the one New and LinkTerms and LinkRelated would make from the
// files, with the pages and terms it had. It serves only edits that keep
// the model's terms: each name a term of the model already, no term left
// without a page to name it, and the titles of terms that have no file of
// their own, taken from how pages spell them, the same. Anything else
// needs a new model, which gives new terms their URLs and takes away those
// no page names any more.

// A TermEdit is a page of a model and its file parsed again, whose front
// matter differs from the page's at most in texts and terms.
type TermEdit struct {
	Page *Page
	File *content.File
}

// A Retagging is the terms Retag worked out for the pages it was given,
// for Apply to put in the model.
type Retagging struct {
	s     *Site
	edits []retag
	// spelled are, by undeclared term, the spellings its pages use after
	// the edits.
	spelled map[*Term]map[string]int
	// The pages listed by date whose terms changed, and copies with the
	// terms they had, for Relate.
	changed, gone []*Page
}

type retag struct {
	p                                *Page
	countries, topics, organisations []*Term
}

// Retag works out the terms the pages of edits take from their files, or
// reports false if the model cannot take them in place. It does not
// change the model.
func (s *Site) Retag(edits []TermEdit) (*Retagging, bool) {
	r := &Retagging{s: s, spelled: map[*Term]map[string]int{}}
	topics, orgs := s.termIndex(content.TopicTerm), s.termIndex(content.OrganisationTerm)
	edited := map[*Page]bool{}
	for _, e := range edits {
		edited[e.Page] = true
	}
	// spell counts the spellings of the undeclared terms that items name,
	// n each: what resolveTerm counted for the page's file before, taken
	// back, and what it would count for the new file.
	spell := func(idx *termIndex, items []content.Item, n int) bool {
		for _, it := range items {
			t := s.lookupTerm(idx, it.Text)
			if t == nil {
				return false
			}
			if t.Declared {
				continue
			}
			sp := r.spelled[t]
			if sp == nil {
				sp = maps.Clone(idx.spellings[t.Slug])
				if sp == nil {
					sp = map[string]int{}
				}
				r.spelled[t] = sp
			}
			if sp[it.Text] += n; sp[it.Text] == 0 {
				delete(sp, it.Text)
			}
		}
		return true
	}
	named := map[*Term]bool{}
	// The undeclared organisations the pages named before and name after
	// among their organisations.
	before, after := map[*Term]bool{}, map[*Term]bool{}
	for _, e := range edits {
		for _, it := range e.Page.Meta.Organisations {
			before[s.lookupTerm(orgs, it.Text)] = true
		}
		for _, it := range e.File.Meta.Organisations {
			after[s.lookupTerm(orgs, it.Text)] = true
		}
	}
	for _, e := range edits {
		p, m := e.Page, &e.File.Meta
		if !spell(topics, p.Meta.Topics, -1) || !spell(orgs, p.Meta.Organisations, -1) ||
			!spell(topics, m.Topics, 1) || !spell(orgs, m.Organisations, 1) {
			return nil, false
		}
		rt := retag{p: p}
		for _, it := range m.Countries {
			c, ok := s.countries.Lookup(it.Text)
			if !ok {
				return nil, false
			}
			t := s.termIndex(content.CountryTerm).bySlug[c.Slug]
			if t == nil {
				return nil, false
			}
			rt.countries = appendUnique(rt.countries, t)
		}
		for _, it := range m.Topics {
			rt.topics = appendUnique(rt.topics, s.lookupTerm(topics, it.Text))
		}
		for _, it := range m.Organisations {
			rt.organisations = appendUnique(rt.organisations, s.lookupTerm(orgs, it.Text))
		}
		// Parties come after, as resolveReferences puts them.
		for _, pd := range p.PartyDates {
			if pd.Term.Kind == content.CountryTerm {
				rt.countries = appendUnique(rt.countries, pd.Term)
			} else {
				rt.organisations = appendUnique(rt.organisations, pd.Term)
			}
		}
		for _, ts := range [][]*Term{rt.countries, rt.topics, rt.organisations} {
			for _, t := range ts {
				named[t] = true
			}
		}
		r.edits = append(r.edits, rt)
	}
	// A term without a file that only the edited pages named goes when
	// none of them names it any more.
	for _, e := range edits {
		for _, ts := range [][]*Term{e.Page.Countries, e.Page.Topics, e.Page.Organisations} {
			for _, t := range ts {
				if !t.Declared && !named[t] && !slices.ContainsFunc(t.Pages, func(p *Page) bool { return !edited[p] }) {
					return nil, false
				}
			}
		}
	}
	// A party or a member names an organisation that has a file or that a
	// page names among its organisations: one the pages no longer name may
	// no longer be one for them.
	for t := range before {
		if t == nil || t.Declared || after[t] {
			continue
		}
		if len(t.Memberships) > 0 || slices.ContainsFunc(s.Pages, func(p *Page) bool {
			return slices.ContainsFunc(p.PartyDates, func(pd Party) bool { return pd.Term == t })
		}) {
			return nil, false
		}
	}
	for t, sp := range r.spelled {
		if len(sp) == 0 || mostUsed(t.Slug, sp) != t.Title {
			return nil, false
		}
	}
	return r, true
}

// lookupTerm returns the topic or organisation of idx that name names, or
// nil if none does yet.
func (s *Site) lookupTerm(idx *termIndex, name string) *Term {
	key := s.termKey(name)
	if declared, ok := idx.alias[key]; ok {
		key = declared
	}
	return idx.bySlug[key]
}

// Apply gives the pages their new terms and makes again the lists of the
// terms they had and have; Relate picks the related pages it changes.
func (r *Retagging) Apply() {
	s := r.s
	for t, sp := range r.spelled {
		s.termIndex(t.Kind).spellings[t.Slug] = sp
	}
	// A page's terms show each other in their lists: those are the
	// lists it changes.
	touched := map[*Term]bool{}
	for _, e := range r.edits {
		p := e.p
		for _, ts := range [][]*Term{p.Countries, p.Topics, p.Organisations, e.countries, e.topics, e.organisations} {
			for _, t := range ts {
				touched[t] = true
			}
		}
		if p.Kind != content.Page {
			// Where the page stood in the lists of the terms it had.
			r.gone = append(r.gone, &Page{Doc: Doc{Path: p.Path}, Date: p.Date, Countries: p.Countries, Topics: p.Topics, Organisations: p.Organisations})
			r.changed = append(r.changed, p)
		}
		p.Countries, p.Topics, p.Organisations = e.countries, e.topics, e.organisations
	}
	s.termLists(touched)
}

// Relate picks again, once Apply has run, the related pages of the pages
// near those whose terms changed.
func (r *Retagging) Relate() {
	s := r.s
	x := s.relatedIndex()
	if x == nil {
		return
	}
	dirty := s.nearChanges(x, r.changed, r.gone)
	if dirty == nil {
		x.relate(x.all())
		return
	}
	var ranks []int32
	for rank, d := range dirty {
		if d {
			ranks = append(ranks, int32(rank))
		}
	}
	x.relate(ranks)
}
