// Who belongs to which organisation, and since when, from the members
// lists of organisation files; and what ISO 3166 says a country was or
// became.

package site

import (
	"cmp"
	"slices"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// Membership is a country or organisation's place in an organisation.
type Membership struct {
	Org    *Term
	Member *Term
	Role   string // "member" or "observer"
	Since  content.Date
	Until  content.Date
	// Current is set when the membership had not ended at the build date.
	Current bool
}

// IsObserver reports whether the member is an observer.
func (m Membership) IsObserver() bool { return m.Role == "observer" }

// resolveMembers reads the members of every organisation file.
func (s *Site) resolveMembers(files []*content.File, errs *diag.List) {
	orgs := s.termIndex(content.OrganisationTerm)
	for _, f := range files {
		if f.Kind != content.OrganisationTerm || len(f.Meta.Members) == 0 {
			continue
		}
		org := orgs.bySlug[f.Name]
		if org == nil || org.File != f {
			continue
		}
		for _, it := range f.Meta.Members {
			t := s.resolveParty(it.Item, "member", errs)
			if t == nil {
				continue
			}
			if before(it.Until, it.Since) {
				errs.Warnf(it.Pos, "members: %q left on %s, before it joined on %s", it.Text, it.Until.ISO(), it.Since.ISO())
			}
			m := Membership{Org: org, Member: t, Role: it.Role, Since: it.Since, Until: it.Until,
				Current: it.Until.IsZero() || it.Until.Time.After(s.opts.Now)}
			org.Members = append(org.Members, m)
			t.Memberships = append(t.Memberships, m)
		}
	}
	byRole := func(a, b Membership) int {
		return cmp.Or(cmp.Compare(a.Role, b.Role), a.Since.Time.Compare(b.Since.Time))
	}
	for _, idx := range s.terms {
		for _, t := range idx.bySlug {
			slices.SortStableFunc(t.Members, func(a, b Membership) int {
				return cmp.Or(byRole(a, b), strings.Compare(a.Member.Title, b.Member.Title))
			})
			slices.SortStableFunc(t.Memberships, func(a, b Membership) int {
				return cmp.Or(byRole(a, b), strings.Compare(a.Org.Title, b.Org.Title))
			})
		}
	}
}

// CountryRef is a country another country's page names, with its page if
// the site has one.
type CountryRef struct {
	Name string
	Term *Term
}

// linkCountries gives each country page the countries it became or came
// from, once every country of the site has its term.
func (s *Site) linkCountries() {
	idx := s.termIndex(content.CountryTerm)
	for _, t := range s.Countries {
		if t.Country == nil {
			continue
		}
		t.Successors, t.Predecessors = nil, nil
		for _, c := range t.Country.Successors {
			t.Successors = append(t.Successors, CountryRef{Name: c.Name, Term: idx.bySlug[c.Slug]})
		}
		for _, c := range t.Country.Predecessors {
			t.Predecessors = append(t.Predecessors, CountryRef{Name: c.Name, Term: idx.bySlug[c.Slug]})
		}
	}
}
