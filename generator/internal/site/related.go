package site

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// window is how many neighbours in date order each of a page's terms
// proposes on each side. Candidates come only from these windows, so the
// work per page is bounded whatever the size of the site, and the pages
// proposed are the closest in time, which is what the date tie-break
// prefers anyway.
const window = 24

// related picks each agreement's and interview's most related pages from
// an inverted index: for every term, its pages in date order. A page's
// candidates are its date neighbours in the list of each of its terms; each
// candidate is scored by the weights of the terms it shares; the best
// Related.Count are kept, ties going to the page closest in date.
func (s *Site) related() {
	limit := s.Config.Related.Count
	if limit == 0 {
		return
	}
	postings := map[*Term][]*Page{}
	for _, ts := range [][]*Term{s.Countries, s.Topics, s.Organisations} {
		for _, t := range ts {
			ps := slices.Clone(t.Pages)
			slices.SortFunc(ps, byDate)
			postings[t] = ps
		}
	}
	pages := slices.Concat(s.Agreements, s.Interviews)
	parallel(len(pages), func(i int) {
		p := pages[i]
		var cands []*Page
		for _, ts := range [][]*Term{p.Countries, p.Topics, p.Organisations} {
			for _, t := range ts {
				list := postings[t]
				at, _ := slices.BinarySearchFunc(list, p, byDate)
				for j := max(0, at-window); j < min(len(list), at+window+1); j++ {
					if list[j] != p {
						cands = append(cands, list[j])
					}
				}
			}
		}
		slices.SortFunc(cands, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
		cands = slices.Compact(cands)
		scored := make([]Scored, 0, len(cands))
		for _, c := range cands {
			scored = append(scored, Scored{Page: c, Score: s.score(p, c)})
		}
		slices.SortFunc(scored, func(a, b Scored) int {
			return cmp.Or(
				cmp.Compare(b.Score, a.Score),
				cmp.Compare(distance(p, a.Page), distance(p, b.Page)),
				b.Page.Date.Time.Compare(a.Page.Date.Time),
				strings.Compare(a.Page.Path, b.Page.Path),
			)
		})
		p.Related = scored[:min(limit, len(scored))]
	})
}

func (s *Site) score(p, q *Page) float64 {
	w := s.Config.Related
	return w.Countries*float64(shared(p.Countries, q.Countries)) +
		w.Topics*float64(shared(p.Topics, q.Topics)) +
		w.Organisations*float64(shared(p.Organisations, q.Organisations))
}

func shared(a, b []*Term) int {
	n := 0
	for _, t := range a {
		if slices.Contains(b, t) {
			n++
		}
	}
	return n
}

func distance(p, q *Page) time.Duration {
	d := p.Date.Time.Sub(q.Date.Time)
	if d < 0 {
		return -d
	}
	return d
}

func byDate(a, b *Page) int {
	return cmp.Or(a.Date.Time.Compare(b.Date.Time), strings.Compare(a.Path, b.Path))
}
