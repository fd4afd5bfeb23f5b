// How agreements relate: one amends, supersedes or implements others, or
// is a protocol or annex of a base agreement. Each relation is written on
// one side only; the other side is computed here, once.

package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// relation is one kind of link between agreements, with the lists it
// fills on each side.
type relation struct {
	field   string
	verb    string // for the message about a cycle
	items   func(m *content.Meta) []content.Item
	forward func(p *Page) *[]*Page
	inverse func(p *Page) *[]*Page
}

var relations = []relation{
	{"amends", "amends", func(m *content.Meta) []content.Item { return m.Amends },
		func(p *Page) *[]*Page { return &p.Amends }, func(p *Page) *[]*Page { return &p.AmendedBy }},
	{"supersedes", "supersedes", func(m *content.Meta) []content.Item { return m.Supersedes },
		func(p *Page) *[]*Page { return &p.Supersedes }, func(p *Page) *[]*Page { return &p.SupersededBy }},
	{"implements", "implements", func(m *content.Meta) []content.Item { return m.Implements },
		func(p *Page) *[]*Page { return &p.Implements }, func(p *Page) *[]*Page { return &p.ImplementedBy }},
	{"part-of", "is part of", func(m *content.Meta) []content.Item {
		if m.PartOf.Text == "" {
			return nil
		}
		return []content.Item{m.PartOf}
	}, func(p *Page) *[]*Page { return nil }, func(p *Page) *[]*Page { return &p.Parts }},
}

// resolveRelations resolves the relations every agreement names, fills
// in their inverses and reports unknown slugs and cycles.
func (s *Site) resolveRelations(errs *diag.List) {
	bySlug := map[string]*Page{}
	for _, a := range s.Agreements {
		for _, slug := range a.slugs() {
			bySlug[slug] = a
		}
	}
	// Agreements are visited in path order, so that a cycle is reported
	// at the same place on every build.
	ordered := slices.Clone(s.Agreements)
	slices.SortFunc(ordered, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	for _, r := range relations {
		at := map[[2]*Page]diag.Pos{}
		next := map[*Page][]*Page{}
		for _, a := range ordered {
			for _, it := range r.items(a.Meta) {
				b, ok := bySlug[it.Text]
				if !ok {
					if !s.broken[it.Text] {
						errs.Addf(it.Pos, "%s: %s", r.field, s.missingAgreement(it.Text, bySlug))
					}
					continue
				}
				if slices.Contains(next[a], b) {
					continue
				}
				next[a] = append(next[a], b)
				at[[2]*Page{a, b}] = it.Pos
				if r.field == "part-of" {
					a.PartOf = b
				} else {
					*r.forward(a) = append(*r.forward(a), b)
				}
				*r.inverse(b) = append(*r.inverse(b), a)
			}
		}
		for _, cycle := range cycles(ordered, next) {
			slugs := make([]string, len(cycle)+1)
			for i, p := range cycle {
				slugs[i] = p.Slug
			}
			slugs[len(cycle)] = cycle[0].Slug
			errs.Addf(at[[2]*Page{cycle[0], cycle[(1)%len(cycle)]}], "%s: a cycle of agreements: %s", r.field,
				strings.Join(slugs, " "+r.verb+" "))
		}
	}
	for _, a := range s.Agreements {
		for _, l := range []*[]*Page{&a.AmendedBy, &a.SupersededBy, &a.ImplementedBy, &a.Parts} {
			sortNewest(*l)
		}
	}
}

// cycles finds the cycles of the graph next over pages, each once,
// starting at its first page in the order of pages.
func cycles(pages []*Page, next map[*Page][]*Page) [][]*Page {
	order := make(map[*Page]int, len(pages))
	for i, p := range pages {
		order[p] = i
	}
	const (
		unseen = iota
		open
		done
	)
	state := map[*Page]int{}
	var stack []*Page
	var found [][]*Page
	seen := map[string]bool{}
	var visit func(p *Page)
	visit = func(p *Page) {
		state[p] = open
		stack = append(stack, p)
		for _, q := range next[p] {
			switch state[q] {
			case unseen:
				visit(q)
			case open:
				i := slices.Index(stack, q)
				cycle := slices.Clone(stack[i:])
				// Start at the first page, so that a cycle met from
				// two places is one cycle.
				first := 0
				for k, c := range cycle {
					if order[c] < order[cycle[first]] {
						first = k
					}
				}
				cycle = append(cycle[first:], cycle[:first]...)
				key := fmt.Sprint(cycle)
				if !seen[key] {
					seen[key] = true
					found = append(found, cycle)
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[p] = done
	}
	for _, p := range pages {
		if state[p] == unseen {
			visit(p)
		}
	}
	slices.SortFunc(found, func(a, b []*Page) int { return order[a[0]] - order[b[0]] })
	return found
}
