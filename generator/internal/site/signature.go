// Signatures: what a page shows of the model, as one number, so that a
// build that made the model again renders again only the pages whose
// number changed.

package site

import (
	"hash/maphash"
	"sync"

	"github.com/cooperation-kb/kb/generator/internal/content"
)

// A Signer hashes what pages show of one model's documents. A page shows
// its own document whole: every field but those no page shows (the ID,
// the links the model keeps to find backlinks, the Markdown, the
// positions of what an editor wrote). Of every other document it names
// or lists, it shows the document's card: what a list entry, a link, a
// chip and a feed entry show, which are the same. A page's card is its
// path, URLs, title and its language, kind, slug, section, date, front
// matter, terms, interviewee, lifecycle, and the language of its text;
// a term's, its path, URLs, title, kind, slug, description and country; a
// section's, its path, URLs, title and name.
// The pages a term lists page by page are hashed by their paths alone, as
// each page of the list hashes the cards of its own entries.
//
// Signers made one after another, each from the one before, give the
// documents of two models the same number when a page shows them alike:
// documents are told apart by what they are, never by their ID or
// address, which differ from one model to the next. A Signer is safe for
// use by several goroutines.
type Signer struct {
	seed  maphash.Seed
	metas map[*content.Meta]uint64 // of the model's files, for the next signer
	// bodies are the hashes of rendered bodies, by the string or the
	// stored body, which an Incremental build keeps from build to build
	// while it does not render the body again.
	bodies sync.Map // bodyKey -> uint64
	docs   []*Doc   // the model's documents, by ID
	cards  []uint64 // by ID
	// cardDeps are, by ID, the documents each page's card shows: its
	// terms and the pages of its lifecycle's events.
	cardDeps [][]int32
	terms    []*Term    // by ID
	secs     []*Section // by ID
	whole    []wholeSum // by ID: each document's own, made once
	site     uint64
	lists    uint64
}

// A wholeSum is a document's Whole, made once, or kept from the signer
// before.
type wholeSum struct {
	once sync.Once
	sum  uint64
	// deps are the IDs of the documents whose cards the sum hashes, -1
	// for a document of no model's: it is the same while their cards are.
	deps []int32
	done bool // made by once
	kept bool // taken from the signer before, before any use
}

// Signer returns the signer of s's documents. Given the signer of the
// model before, it hashes alike and reuses the hashes of the front matter
// of the files that were not parsed again.
func (s *Site) Signer(prev *Signer) *Signer { return s.Resigner(prev, nil) }

// Resigner returns the signer of s's documents, as Signer does. Given
// touched, s is the model prev signed, kept since, and touched holds
// every document changed in it since then: the signer keeps prev's card
// of every other page and Whole of every other document whose cards it
// hashed are the same, rather than hash them again.
func (s *Site) Resigner(prev *Signer, touched map[*Doc]bool) *Signer {
	g := &Signer{metas: make(map[*content.Meta]uint64, len(s.Docs)), docs: make([]*Doc, s.numDocs),
		cards: make([]uint64, s.numDocs), cardDeps: make([][]int32, s.numDocs), terms: make([]*Term, s.numDocs), secs: make([]*Section, s.numDocs), whole: make([]wholeSum, s.numDocs)}
	if prev != nil {
		g.seed = prev.seed
		for _, d := range s.Docs {
			k := keyOf(d)
			if sum, ok := prev.bodies.Load(k); ok {
				g.bodies.Store(k, sum)
			}
		}
	} else {
		g.seed = maphash.MakeSeed()
	}
	var todo []*content.Meta
	for _, d := range s.Docs {
		m := &d.File.Meta
		if sum, ok := prev.metaOf(m); ok {
			g.metas[m] = sum
		} else {
			todo = append(todo, m)
		}
	}
	sums := make([]uint64, len(todo))
	parallelChunks(len(todo), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			sums[i] = metaSum(g.seed, todo[i])
		}
	})
	for i, m := range todo {
		g.metas[m] = sums[i]
	}
	sections := append([]*Section{s.Home}, s.Sections...)
	for _, sec := range sections {
		g.docs[sec.ID], g.secs[sec.ID] = &sec.Doc, sec
		g.cards[sec.ID] = g.sum(func(h *Hash) { h.sectionCard(sec) })
	}
	// Terms first: a page's card holds its terms' cards.
	for _, idx := range s.terms {
		for _, t := range idx.bySlug {
			g.docs[t.ID], g.terms[t.ID] = &t.Doc, t
			g.cards[t.ID] = g.sum(func(h *Hash) { h.termCard(t) })
		}
	}
	for _, p := range s.Pages {
		g.docs[p.ID] = &p.Doc
	}
	reuse := prev != nil && touched != nil
	parallelChunks(len(s.Pages), func(lo, hi int) {
		for _, p := range s.Pages[lo:hi] {
			if reuse && g.keepCard(prev, touched, p) {
				continue
			}
			h := g.NewHash()
			h.deps = &g.cardDeps[p.ID]
			h.pageCard(p)
			g.cards[p.ID] = h.Sum64()
		}
	})
	g.site = g.sum(func(h *Hash) {
		h.String(s.Lang)
		h.String(s.Prefix)
		for _, sec := range sections {
			h.SectionCard(sec)
		}
	})
	g.lists = g.sum(func(h *Hash) {
		h.Pages(s.Agreements)
		h.Pages(s.Interviews)
		for _, ts := range [][]*Term{s.Countries, s.Topics, s.Organisations, s.People} {
			h.Terms(ts)
		}
	})
	if prev != nil && touched != nil {
		g.keepWholes(prev, touched)
	}
	return g
}

// keepCard takes p's card from prev, the signer of the same model, if
// touched does not hold p and the documents its card shows are the same:
// the cards of terms, which g made already, and the pages, whose titles
// change only with them.
func (g *Signer) keepCard(prev *Signer, touched map[*Doc]bool, p *Page) bool {
	id := p.ID
	if id >= len(prev.docs) || prev.docs[id] != &p.Doc || touched[&p.Doc] {
		return false
	}
	for _, dep := range prev.cardDeps[id] {
		if dep < 0 || int(dep) >= len(g.docs) || prev.docs[dep] != g.docs[dep] {
			return false
		}
		if g.terms[dep] != nil || g.secs[dep] != nil {
			if prev.cards[dep] != g.cards[dep] {
				return false
			}
		} else if touched[g.docs[dep]] {
			return false
		}
	}
	g.cards[id], g.cardDeps[id] = prev.cards[id], prev.cardDeps[id]
	return true
}

// keepWholes takes from prev, the signer of the same model, the Whole of
// every document not in touched whose cards hashed in it are the same.
func (g *Signer) keepWholes(prev *Signer, touched map[*Doc]bool) {
	same := func(id int32) bool {
		return id >= 0 && int(id) < len(prev.docs) && int(id) < len(g.docs) && prev.docs[id] == g.docs[id] &&
			prev.cards[id] == g.cards[id]
	}
	parallelChunks(len(g.docs), func(lo, hi int) {
		for id := lo; id < min(hi, len(prev.docs)); id++ {
			d, pw := g.docs[id], &prev.whole[id]
			if d == nil || prev.docs[id] != d || touched[d] || !pw.done && !pw.kept || !allOf(pw.deps, same) {
				continue
			}
			w := &g.whole[id]
			w.sum, w.deps, w.kept = pw.sum, pw.deps, true
		}
	})
}

func allOf(ids []int32, f func(int32) bool) bool {
	for _, id := range ids {
		if !f(id) {
			return false
		}
	}
	return true
}

func (g *Signer) metaOf(m *content.Meta) (uint64, bool) {
	if g == nil {
		return 0, false
	}
	sum, ok := g.metas[m]
	return sum, ok
}

// Site hashes what every page shows of the site besides its documents:
// its language, the home page and sections, which the navigation, the
// breadcrumbs and JSON-LD name.
func (g *Signer) Site() uint64 { return g.site }

// Lists hashes the site's lists of pages and terms, in order, by card:
// what a page that lists them from the site rather than from its own
// document shows, such as the latest agreements on the home page.
func (g *Signer) Lists() uint64 { return g.lists }

// Whole hashes everything the page of d shows of its own page, term or
// section; of a document made for a page of a list, its own fields. It
// hashes each document of the model once.
func (g *Signer) Whole(d *Doc) uint64 {
	return g.sum(func(h *Hash) {
		switch {
		case d.page != nil:
			h.Page(d.page)
		case g.own(d) && g.terms[d.ID] != nil:
			h.Term(g.terms[d.ID])
		case g.own(d) && g.secs[d.ID] != nil:
			h.Section(g.secs[d.ID])
		default:
			h.Doc(d)
		}
	})
}

// Wholes returns Whole of every document of the model, by ID, on all
// cores, and 0 for an ID no document has (see Retagging.Apply).
func (g *Signer) Wholes() []uint64 {
	sums := make([]uint64, len(g.docs))
	parallelChunks(len(g.docs), func(lo, hi int) {
		for id := lo; id < hi; id++ {
			if d := g.docs[id]; d != nil {
				sums[id] = g.Whole(d)
			}
		}
	})
	return sums
}

// Entry hashes what a feed or the search index shows of d, a document of
// the signer's model: its card and its body.
func (g *Signer) Entry(d *Doc) uint64 {
	return g.sum(func(h *Hash) {
		h.Uint64(g.cards[d.ID])
		h.body(d)
	})
}

// Card hashes what other pages show of p.
func (g *Signer) Card(p *Page) uint64 {
	if g.own(&p.Doc) {
		return g.cards[p.ID]
	}
	return g.sum(func(h *Hash) { h.pageCard(p) })
}

// own reports whether d is a document of the signer's model, rather than
// one made for a page of a list.
func (g *Signer) own(d *Doc) bool { return d.ID < len(g.docs) && g.docs[d.ID] == d }

func (g *Signer) sum(f func(h *Hash)) uint64 {
	h := g.NewHash()
	f(h)
	return h.Sum64()
}
