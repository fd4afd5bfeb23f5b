package site

import (
	"cmp"
	"slices"
	"strings"
)

// window is how many neighbours in date order each of a page's terms
// proposes on each side. Candidates come only from these windows, so the
// work per page is bounded whatever the size of the site, and the pages
// proposed are the closest in time, which is what the tie-break prefers.
const window = 24

// related picks each agreement's and interview's most related pages from
// an inverted index: for every term, its pages in date order. A page's
// candidates are its date neighbours in the list of each of its terms; each
// candidate is scored by the weights of the terms it shares; the best
// Related.Count are kept, ties going to the page closest in date, then the
// newer one.
func (s *Site) related() {
	limit := s.Config.Related.Count
	pages := slices.Concat(s.Agreements, s.Interviews)
	if limit == 0 || len(pages) == 0 {
		return
	}
	slices.SortFunc(pages, byDate)
	rank := make(map[*Page]int32, len(pages))
	unix := make([]int64, len(pages))
	for i, p := range pages {
		rank[p] = int32(i)
		unix[i] = p.Date.Time.Unix()
	}
	// Term pages are listed newest first; in rank order they are sorted by
	// date, so each posting list is ready for a binary search.
	postings := map[*Term][]int32{}
	for _, ts := range [][]*Term{s.Countries, s.Topics, s.Organisations} {
		for _, t := range ts {
			list := make([]int32, len(t.Pages))
			for i, p := range t.Pages {
				list[i] = rank[p]
			}
			slices.Sort(list)
			postings[t] = list
		}
	}
	parallelChunks(len(pages), func(lo, hi int) {
		seen := make([]int32, len(pages))
		for i := range seen {
			seen[i] = -1
		}
		var cands []int32
		best := make([]Scored, 0, limit+1)
		for i := lo; i < hi; i++ {
			p := pages[i]
			me := int32(i)
			cands = cands[:0]
			for _, ts := range [][]*Term{p.Countries, p.Topics, p.Organisations} {
				for _, t := range ts {
					list := postings[t]
					at, _ := slices.BinarySearch(list, me)
					for _, c := range list[max(0, at-window):min(len(list), at+window+1)] {
						if c != me && seen[c] != me {
							seen[c] = me
							cands = append(cands, c)
						}
					}
				}
			}
			best = best[:0]
			for _, c := range cands {
				sc := Scored{Page: pages[c], Score: s.score(p, pages[c])}
				at := len(best)
				for at > 0 && better(sc, best[at-1], unix[i], unix[c]) {
					at--
				}
				if at < limit {
					best = slices.Insert(best, at, sc)
					if len(best) > limit {
						best = best[:limit]
					}
				}
			}
			p.Related = slices.Clone(best)
		}
	})
}

// better reports whether a ranks before b among the related pages of a page
// dated at unix time me; ua is a's date.
func better(a, b Scored, me, ua int64) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	ub := b.Page.Date.Time.Unix()
	if da, db := abs(me-ua), abs(me-ub); da != db {
		return da < db
	}
	if ua != ub {
		return ua > ub
	}
	return strings.Compare(a.Page.Path, b.Page.Path) < 0
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
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

func byDate(a, b *Page) int {
	return cmp.Or(a.Date.Time.Compare(b.Date.Time), strings.Compare(a.Path, b.Path))
}
