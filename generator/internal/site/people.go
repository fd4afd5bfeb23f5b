// People: the files of content/people/, the roles they held, the
// interviews they gave and the agreements they signed.
//
// A person is a term, as an organisation is: a page of its own listing
// the pages about it, found by slug or by any of its names. An
// interviewee or a signatory with no file stays plain text.

package site

import (
	"cmp"
	"slices"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// PersonRole is a position a person held.
type PersonRole struct {
	Role         string
	Organisation *Term // nil when none is named
	From, To     content.Date
}

// resolvePeople gives each person the organisations of their roles and
// their countries, and links interviewees and signatories to people.
func (s *Site) resolvePeople(errs *diag.List) {
	orgs := s.termIndex(content.OrganisationTerm)
	for _, t := range s.sortedTerms(s.termIndex(content.PersonTerm)) {
		m := &t.File.Meta
		for _, r := range m.Roles {
			pr := PersonRole{Role: r.Role, From: r.From, To: r.To}
			if r.Organisation.Text != "" {
				pr.Organisation = s.resolveTerm(orgs, r.Organisation, errs)
			}
			if before(r.To, r.From) {
				errs.Warnf(r.Pos, "roles: %q ended on %s, before it began on %s", r.Role, r.To.ISO(), r.From.ISO())
			}
			t.Roles = append(t.Roles, pr)
		}
		// Most recent first; a role still held (no end) before one that ended.
		slices.SortStableFunc(t.Roles, func(a, b PersonRole) int {
			if a.To.IsZero() != b.To.IsZero() {
				if a.To.IsZero() {
					return -1
				}
				return 1
			}
			return cmp.Or(b.To.Time.Compare(a.To.Time), b.From.Time.Compare(a.From.Time))
		})
		for _, it := range m.Countries {
			t.Homes = appendUnique(t.Homes, s.resolveCountry(it, errs))
		}
		for _, it := range m.SameAs {
			t.SameAs = append(t.SameAs, it.Text)
		}
	}
	for _, p := range s.Interviews {
		p.Interviewee = s.person(p.Meta.Interviewee)
	}
	for _, a := range s.Agreements {
		for i := range a.PartyDates {
			pd := &a.PartyDates[i]
			if pd.Person = s.person(pd.src.Signatory.Text); pd.Person != nil && !slices.Contains(pd.Person.Signatory, a) {
				pd.Person.Signatory = append(pd.Person.Signatory, a)
			}
		}
	}
	for _, t := range s.termIndex(content.PersonTerm).bySlug {
		sortNewest(t.Signatory)
	}
}

// person returns the person a name or slug names, or nil.
func (s *Site) person(name string) *Term {
	if name == "" {
		return nil
	}
	idx := s.termIndex(content.PersonTerm)
	if slug, ok := idx.alias[s.termKey(name)]; ok {
		return idx.bySlug[slug]
	}
	return nil
}
