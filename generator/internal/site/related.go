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
	if x := s.relatedIndex(); x != nil {
		x.relate(x.all())
	}
}

// relatedIndex is the index related pages are picked from.
//
// Pages and terms are numbered, pages by date and terms kind after kind,
// and each page's terms are a run of numbers in one array, date
// neighbours near each other. Scoring a candidate looks each of its terms
// up in a table of the page's own, which is faster than searching the
// pages' lists of term pointers for each other.
type relatedIndex struct {
	limit    int
	pages    []*Page // by rank: date, then path
	unix     []int64 // of each page's date, by rank
	termNum  []int32 // by Doc.ID
	termKind []int8  // by term number: 1 for countries, 2 for topics, 3 for organisations
	// postings are, by term number, the ranks of its pages, in order.
	postings [][]int32
	start    []int32 // page r's terms are terms[start[r]:start[r+1]]
	terms    []int32
	weight   [4]float64 // by term kind; 0 for the terms a candidate does not share
}

func (s *Site) relatedIndex() *relatedIndex {
	limit := s.Config.Related.Count
	pages := slices.Concat(s.Agreements, s.Interviews)
	if limit == 0 || len(pages) == 0 {
		return nil
	}
	slices.SortFunc(pages, byDate)
	w := s.Config.Related
	x := &relatedIndex{limit: limit, pages: pages, unix: make([]int64, len(pages)), termNum: make([]int32, s.numDocs),
		start: make([]int32, len(pages)+1), weight: [4]float64{0, w.Countries, w.Topics, w.Organisations}}
	rank := make([]int32, s.numDocs) // by Doc.ID
	for i, p := range pages {
		rank[p.ID] = int32(i)
		x.unix[i] = p.Date.Time.Unix()
	}
	// Term pages are listed newest first; in rank order they are sorted by
	// date, so each posting list is ready for a binary search.
	for k, ts := range [...][]*Term{s.Countries, s.Topics, s.Organisations} {
		for _, t := range ts {
			x.termNum[t.ID] = int32(len(x.postings))
			x.termKind = append(x.termKind, int8(k+1))
			list := make([]int32, len(t.Pages))
			for i, p := range t.Pages {
				list[i] = rank[p.ID]
			}
			slices.Sort(list)
			x.postings = append(x.postings, list)
		}
	}
	for r, p := range pages {
		for _, ts := range [][]*Term{p.Countries, p.Topics, p.Organisations} {
			for _, t := range ts {
				x.terms = append(x.terms, x.termNum[t.ID])
			}
		}
		x.start[r+1] = int32(len(x.terms))
	}
	return x
}

// all returns the rank of every page.
func (x *relatedIndex) all() []int32 {
	ranks := make([]int32, len(x.pages))
	for i := range ranks {
		ranks[i] = int32(i)
	}
	return ranks
}

// relate picks the related pages of the pages of the given ranks, on all
// cores.
func (x *relatedIndex) relate(ranks []int32) {
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
		ua, ub := x.unix[a.rank], x.unix[b.rank]
		if da, db := abs(x.unix[me]-ua), abs(x.unix[me]-ub); da != db {
			return da < db
		}
		if ua != ub {
			return ua > ub
		}
		return strings.Compare(x.pages[a.rank].Path, x.pages[b.rank].Path) < 0
	}
	parallelChunks(len(ranks), func(lo, hi int) {
		seen := make([]int32, len(x.pages))
		for i := range seen {
			seen[i] = -1
		}
		mine := make([]int8, len(x.postings)) // termKind of the page's terms, 0 for the others
		var cands []int32
		best := make([]candidate, 0, x.limit+1)
		for _, me := range ranks[lo:hi] {
			cands = cands[:0]
			for _, t := range x.terms[x.start[me]:x.start[me+1]] {
				mine[t] = x.termKind[t]
				list := x.postings[t]
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
				var shared [4]int
				for _, t := range x.terms[x.start[c]:x.start[c+1]] {
					shared[mine[t]]++
				}
				// Summed kind after kind, always in this order, so a score
				// is the same to the last bit whatever the numbering.
				sc := candidate{c, x.weight[1]*float64(shared[1]) + x.weight[2]*float64(shared[2]) + x.weight[3]*float64(shared[3])}
				at := len(best)
				for at > 0 && better(sc, best[at-1], me) {
					at--
				}
				if at < x.limit {
					best = slices.Insert(best, at, sc)
					if len(best) > x.limit {
						best = best[:x.limit]
					}
				}
			}
			for _, t := range x.terms[x.start[me]:x.start[me+1]] {
				mine[t] = 0
			}
			related := make([]Scored, len(best))
			for j, b := range best {
				related[j] = Scored{Page: x.pages[b.rank], Score: b.score}
			}
			x.pages[me].Related = related
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
