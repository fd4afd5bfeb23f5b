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
//
// Pages and terms are numbered, pages by date and terms kind after kind,
// and each page's terms are a run of numbers in one array, date
// neighbours near each other. Scoring a candidate looks each of its terms
// up in a table of the page's own, which is faster than searching the
// pages' lists of term pointers for each other.
func (s *Site) related() {
	limit := s.Config.Related.Count
	pages := slices.Concat(s.Agreements, s.Interviews)
	if limit == 0 || len(pages) == 0 {
		return
	}
	slices.SortFunc(pages, byDate)
	rank := make([]int32, s.numDocs) // by Doc.ID
	unix := make([]int64, len(pages))
	for i, p := range pages {
		rank[p.ID] = int32(i)
		unix[i] = p.Date.Time.Unix()
	}
	kinds := [...][]*Term{s.Countries, s.Topics, s.Organisations}
	termNum := make([]int32, s.numDocs) // by Doc.ID
	var termKind []int8                 // by number: 1 for countries, 2 for topics, 3 for organisations
	// Term pages are listed newest first; in rank order they are sorted by
	// date, so each posting list is ready for a binary search.
	var postings [][]int32
	for k, ts := range kinds {
		for _, t := range ts {
			termNum[t.ID] = int32(len(postings))
			termKind = append(termKind, int8(k+1))
			list := make([]int32, len(t.Pages))
			for i, p := range t.Pages {
				list[i] = rank[p.ID]
			}
			slices.Sort(list)
			postings = append(postings, list)
		}
	}
	start := make([]int32, len(pages)+1) // page r's terms are terms[start[r]:start[r+1]]
	var terms []int32
	for r, p := range pages {
		for _, ts := range [][]*Term{p.Countries, p.Topics, p.Organisations} {
			for _, t := range ts {
				terms = append(terms, termNum[t.ID])
			}
		}
		start[r+1] = int32(len(terms))
	}
	w := s.Config.Related
	// Shared terms are counted by kind in shared[1:]; shared[0] counts the
	// terms a candidate does not share, so that counting takes no branch.
	weight := [len(kinds) + 1]float64{0, w.Countries, w.Topics, w.Organisations}
	type candidate struct {
		rank  int32
		score float64
	}
	// better reports whether a ranks before b among the related pages of
	// the page of rank me.
	better := func(a, b candidate, me int32) bool {
		if a.score != b.score {
			return a.score > b.score
		}
		ua, ub := unix[a.rank], unix[b.rank]
		if da, db := abs(unix[me]-ua), abs(unix[me]-ub); da != db {
			return da < db
		}
		if ua != ub {
			return ua > ub
		}
		return strings.Compare(pages[a.rank].Path, pages[b.rank].Path) < 0
	}
	parallelChunks(len(pages), func(lo, hi int) {
		seen := make([]int32, len(pages))
		for i := range seen {
			seen[i] = -1
		}
		mine := make([]int8, len(postings)) // termKind of the page's terms, 0 for the others
		var cands []int32
		best := make([]candidate, 0, limit+1)
		for i := lo; i < hi; i++ {
			me := int32(i)
			cands = cands[:0]
			for _, t := range terms[start[i]:start[i+1]] {
				mine[t] = termKind[t]
				list := postings[t]
				at, _ := slices.BinarySearch(list, me)
				for _, c := range list[max(0, at-window):min(len(list), at+window+1)] {
					if c != me && seen[c] != me {
						seen[c] = me
						cands = append(cands, c)
					}
				}
			}
			best = best[:0]
			for _, c := range cands {
				var shared [len(weight)]int
				for _, t := range terms[start[c]:start[c+1]] {
					shared[mine[t]]++
				}
				// Summed kind after kind, always in this order, so a score
				// is the same to the last bit whatever the numbering.
				sc := candidate{c, weight[1]*float64(shared[1]) + weight[2]*float64(shared[2]) + weight[3]*float64(shared[3])}
				at := len(best)
				for at > 0 && better(sc, best[at-1], me) {
					at--
				}
				if at < limit {
					best = slices.Insert(best, at, sc)
					if len(best) > limit {
						best = best[:limit]
					}
				}
			}
			for _, t := range terms[start[i]:start[i+1]] {
				mine[t] = 0
			}
			related := make([]Scored, len(best))
			for j, b := range best {
				related[j] = Scored{Page: pages[b.rank], Score: b.score}
			}
			pages[i].Related = related
		}
	})
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

func byDate(a, b *Page) int {
	return cmp.Or(a.Date.Time.Compare(b.Date.Time), strings.Compare(a.Path, b.Path))
}
