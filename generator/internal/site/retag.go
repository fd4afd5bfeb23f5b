package site

import (
	"maps"
	"slices"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/country"
)

// Retagging the pages of a model gives them the countries, topics and
// organisations of their files parsed again, in place: the terms' lists
// and the related pages that the change reaches are made again, and the
// model is the one New and LinkTerms and LinkRelated would make from the
// files, but for how its documents are numbered. It serves edits that
// keep the titles of terms that have no file of their own, taken from how
// pages spell them, and that name terms first only where nothing else
// publishes and no link could have meant anything else before. Anything
// else needs a new model.
//
// A term the edits name first is numbered after every document of the
// model, where a new model would number it among the terms, and a term
// taken out, one without a file that nothing names any more, leaves its
// number unused: numbers are not in the output, and
// the documents the model had keep theirs, so the routes followed in it
// still lead where they did (see Follow).

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
	// added are the terms the edits name first, by kind and slug, made
	// for Apply to put in the model, and removed the topics no page will
	// name, for Apply to take out.
	added   [4]map[string]*Term
	removed []*Term
	// touched are the documents Apply changed, and related the pages
	// whose related pages Relate picked again; all, that it picked them
	// for every page.
	touched, related []*Doc
	all              bool
}

// Touched returns the documents Apply and Relate changed, or false if
// they may have changed every page.
func (r *Retagging) Touched() ([]*Doc, bool) {
	return slices.Concat(r.touched, r.related), !r.all
}

// Removed returns the IDs of the documents of the terms Apply takes out
// of the model: no link may lead to them, as the model keeps the routing
// of links that led elsewhere and would not know such a link was broken.
func (r *Retagging) Removed() map[int]bool {
	ids := map[int]bool{}
	for _, t := range r.removed {
		ids[t.ID] = true
	}
	return ids
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
			t := r.term(idx, it.Text)
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
			t := r.country(c)
			if t == nil {
				return nil, false
			}
			rt.countries = appendUnique(rt.countries, t)
		}
		for _, it := range m.Topics {
			rt.topics = appendUnique(rt.topics, r.term(topics, it.Text))
		}
		for _, it := range m.Organisations {
			rt.organisations = appendUnique(rt.organisations, r.term(orgs, it.Text))
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
	// none of them names it any more, unless a person or a membership
	// names it, which keeps it.
	for _, e := range edits {
		for _, ts := range [][]*Term{e.Page.Countries, e.Page.Topics, e.Page.Organisations} {
			for _, t := range ts {
				if t.Declared || named[t] || slices.Contains(r.removed, t) ||
					slices.ContainsFunc(t.Pages, func(p *Page) bool { return !edited[p] }) {
					continue
				}
				if !s.namedOnlyBy(t, edited) {
					return nil, false
				}
				r.removed = append(r.removed, t)
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
		switch {
		case slices.Contains(r.removed, t):
		case r.added[t.Kind-content.CountryTerm][t.Slug] == t:
			t.Title = mostUsed(t.Slug, sp)
		case len(sp) == 0 || mostUsed(t.Slug, sp) != t.Title:
			return nil, false
		}
	}
	return r, true
}

// term returns the topic or organisation of idx that name names, made for
// the retagging if the model has none yet, or nil if the model cannot take
// one in place.
func (r *Retagging) term(idx *termIndex, name string) *Term {
	s := r.s
	if t := s.lookupTerm(idx, name); t != nil {
		return t
	}
	key := s.termKey(name)
	if key == "" || s.Config.Strict {
		return nil
	}
	return r.add(idx, key)
}

// country returns the term of the country c, made for the retagging if
// the model has none yet, or nil if the model cannot take one in place.
func (r *Retagging) country(c *country.Country) *Term {
	idx := r.s.termIndex(content.CountryTerm)
	if t := idx.bySlug[c.Slug]; t != nil {
		return t
	}
	t := r.add(idx, c.Slug)
	if t != nil {
		t.Country, t.Title = c, c.NameIn(r.s.Lang)
	}
	return t
}

// add returns the term of idx of the slug key that the edits name first,
// made once, or nil if it would publish where something else does or be
// what a link meant that led elsewhere or nowhere before: a wiki link
// [[key]] leads to a term of any kind of that slug, or to whatever is
// published where a term of that slug would be, or to nothing if a file
// of that slug did not parse.
func (r *Retagging) add(idx *termIndex, key string) *Term {
	s := r.s
	added := &r.added[idx.kind-content.CountryTerm]
	if t := (*added)[key]; t != nil {
		return t
	}
	p := idx.section + "/" + key + "/"
	if s.byPath[s.Prefix+p] != nil || s.files[s.Prefix+p+"index.html"] || s.broken[key] {
		return nil
	}
	for _, other := range s.terms {
		if other.bySlug[key] != nil || s.byPath[s.Prefix+other.section+"/"+key+"/"] != nil {
			return nil
		}
	}
	if *added == nil {
		*added = map[string]*Term{}
	}
	t := &Term{Kind: idx.kind, Section: idx.section, Slug: key}
	t.Path = p
	(*added)[key] = t
	return t
}

// namedOnlyBy reports whether the pages of edited are the only ones that
// name the term t, a country, topic or organisation without a file, and
// no membership or person names it (see resolveMembers and
// resolvePeople). Plain pages name terms too, without being in their
// lists.
func (s *Site) namedOnlyBy(t *Term, edited map[*Page]bool) bool {
	if len(t.Memberships) > 0 || len(t.Members) > 0 {
		return false
	}
	for _, person := range s.People {
		if slices.Contains(person.Homes, t) || slices.ContainsFunc(person.Roles, func(r PersonRole) bool { return r.Organisation == t }) {
			return false
		}
	}
	return !slices.ContainsFunc(s.Pages, func(p *Page) bool {
		return !edited[p] && (slices.Contains(p.Countries, t) || slices.Contains(p.Topics, t) || slices.Contains(p.Organisations, t))
	})
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
	added := r.number()
	for t, sp := range r.spelled {
		s.termIndex(t.Kind).spellings[t.Slug] = sp
	}
	kinds := map[content.Kind]bool{}
	for _, t := range r.removed {
		idx := s.termIndex(t.Kind)
		delete(idx.bySlug, t.Slug)
		delete(idx.spellings, t.Slug)
		delete(s.byPath, t.Path)
		kinds[t.Kind] = true
	}
	s.sortTerms(kinds)
	if kinds[content.CountryTerm] || added[content.CountryTerm] {
		// Sorting countries gives each its flag and neighbours again.
		for _, t := range s.Countries {
			r.touched = append(r.touched, &t.Doc)
		}
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
		r.touched = append(r.touched, &p.Doc)
	}
	s.termLists(touched)
	for t := range touched {
		r.touched = append(r.touched, &t.Doc)
	}
}

// number puts the terms the edits name first in the model, numbered after
// its documents, and returns the kinds of terms it sorted again.
func (r *Retagging) number() map[content.Kind]bool {
	s := r.s
	kinds := map[content.Kind]bool{}
	for k, terms := range r.added {
		if len(terms) == 0 {
			continue
		}
		idx := s.terms[k]
		for _, key := range slices.Sorted(maps.Keys(terms)) {
			t := terms[key]
			idx.bySlug[key] = t
			t.Key, t.Path = t.Path, s.Prefix+t.Path
			t.Permalink, t.URL = s.Config.Permalink(t.Path), s.Config.RelURL(t.Path)
			t.ID = s.numDocs
			s.byID = append(s.byID, &t.Doc)
			s.numDocs++
			s.byPath[t.Path] = &t.Doc
		}
		kinds[idx.kind] = true
	}
	s.sortTerms(kinds)
	if len(kinds) > 0 {
		s.earlier = append(s.earlier, s.routing)
		s.routing = s.routingSum()
	}
	return kinds
}

// sortTerms sorts again the terms of the kinds whose terms changed, and
// gives countries their flags and the countries they became or came
// from again.
func (s *Site) sortTerms(kinds map[content.Kind]bool) {
	if kinds[content.CountryTerm] {
		s.Countries = s.sortedTerms(s.termIndex(content.CountryTerm))
		s.setFlags()
		s.linkCountries()
	}
	if kinds[content.TopicTerm] {
		s.Topics = s.sortedTerms(s.termIndex(content.TopicTerm))
	}
	if kinds[content.OrganisationTerm] {
		s.Organisations = s.sortedTerms(s.termIndex(content.OrganisationTerm))
	}
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
		r.all = true
		x.relate(x.all())
		return
	}
	var ranks []int32
	for rank, d := range dirty {
		if d {
			ranks = append(ranks, int32(rank))
			r.related = append(r.related, &x.pages[rank].Doc)
		}
	}
	x.relate(ranks)
}
