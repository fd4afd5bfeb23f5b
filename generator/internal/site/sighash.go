// The hash of a signature: values, documents whole and their cards.

package site

import (
	"hash/maphash"
	"math"
	"sync"
	"unsafe"

	"github.com/cooperation-kb/kb/generator/internal/content"
)

// A Hash is a signature being made, of values and documents, with the
// seed and documents of its Signer.
type Hash struct {
	g *Signer
	h maphash.Hash
	b [8]byte
	// deps, if not nil, gathers the IDs of the documents whose cards
	// the hash writes, for a Whole or a page's card.
	deps *[]int32
}

// dep records that the hash shows the card of d.
func (h *Hash) dep(d *Doc) {
	if h.deps == nil {
		return
	}
	id := int32(-1)
	if h.g.own(d) {
		id = int32(d.ID)
	}
	*h.deps = append(*h.deps, id)
}

// NewHash starts a signature.
func (g *Signer) NewHash() *Hash {
	h := &Hash{g: g}
	h.h.SetSeed(g.seed)
	return h
}

// Sum64 returns the signature of what was written.
func (h *Hash) Sum64() uint64 { return h.h.Sum64() }

// Uint64 writes x.
func (h *Hash) Uint64(x uint64) {
	for i := range h.b {
		h.b[i] = byte(x >> (8 * i))
	}
	h.h.Write(h.b[:])
}

// Int writes n.
func (h *Hash) Int(n int) { h.Uint64(uint64(n)) }

// Bool writes b.
func (h *Hash) Bool(b bool) {
	if b {
		h.h.WriteByte(1)
	} else {
		h.h.WriteByte(0)
	}
}

// String writes s, after its length, so that no two lists of strings
// write the same bytes.
func (h *Hash) String(s string) {
	h.Int(len(s))
	h.h.WriteString(s)
}

// Date writes d.
func (h *Hash) Date(d content.Date) {
	h.Uint64(uint64(d.Time.Unix()))
	h.Int(d.Time.Nanosecond())
	h.Int(int(d.Precision))
}

// DocCard writes what a link to d shows: its path, URLs, title and the
// title's language; or that there is no document.
func (h *Hash) DocCard(d *Doc) {
	if d == nil {
		h.Bool(false)
		return
	}
	h.dep(d)
	h.String(d.Path)
	h.String(d.URL)
	h.String(d.Permalink)
	h.String(d.Title)
	h.String(d.Lang)
}

// PageCard writes the card of p, or of no page.
func (h *Hash) PageCard(p *Page) {
	switch {
	case p == nil:
		h.Bool(false)
	case h.g.own(&p.Doc):
		h.dep(&p.Doc)
		h.Uint64(h.g.cards[p.ID])
	default:
		h.pageCard(p)
	}
}

// TermCard writes the card of t, or of no term.
func (h *Hash) TermCard(t *Term) {
	switch {
	case t == nil:
		h.Bool(false)
	case h.g.own(&t.Doc):
		h.dep(&t.Doc)
		h.Uint64(h.g.cards[t.ID])
	default:
		h.termCard(t)
	}
}

// SectionCard writes the card of sec.
func (h *Hash) SectionCard(sec *Section) {
	if h.g.own(&sec.Doc) {
		h.dep(&sec.Doc)
		h.Uint64(h.g.cards[sec.ID])
	} else {
		h.sectionCard(sec)
	}
}

// Pages writes the cards of pages.
func (h *Hash) Pages(pages []*Page) {
	h.Int(len(pages))
	for _, p := range pages {
		h.PageCard(p)
	}
}

// Terms writes the cards of terms.
func (h *Hash) Terms(terms []*Term) {
	h.Int(len(terms))
	for _, t := range terms {
		h.TermCard(t)
	}
}

func (h *Hash) paths(pages []*Page) {
	h.Int(len(pages))
	for _, p := range pages {
		h.String(p.Path)
	}
}

func (h *Hash) pageCard(p *Page) {
	h.DocCard(&p.Doc)
	h.pageFields(p)
}

// pageFields writes what a page's card and its whole page both show
// beside its document.
func (h *Hash) pageFields(p *Page) {
	h.Int(int(p.Kind))
	h.String(p.Slug)
	h.String(p.Section)
	h.Date(p.Date)
	h.meta(p.Meta)
	h.Terms(p.Countries)
	h.Terms(p.Topics)
	h.Terms(p.Organisations)
	h.Terms(p.Parties)
	h.TermCard(p.Interviewee)
	h.lifecycle(&p.Lifecycle)
	h.Bool(p.Untranslated)
	h.String(p.TextLang)
	h.String(p.LangName)
}

func (h *Hash) termCard(t *Term) {
	h.DocCard(&t.Doc)
	h.Int(int(t.Kind))
	h.String(t.Section)
	h.String(t.Slug)
	h.String(t.Description)
	if t.Country != nil {
		h.String(t.Country.Alpha3)
	} else {
		h.String("")
	}
	h.String(t.flag)
}

func (h *Hash) sectionCard(sec *Section) {
	h.DocCard(&sec.Doc)
	h.String(sec.Name)
}

// Doc writes everything a page shows of d's own fields.
func (h *Hash) Doc(d *Doc) {
	h.DocCard(d)
	h.String(d.Key)
	h.Int(len(d.Translations))
	for _, t := range d.Translations {
		h.String(t.Lang)
		h.String(t.Name)
		h.String(t.URL)
		h.String(t.Permalink)
		h.String(t.Title)
	}
	if f := d.File; f != nil {
		h.String(f.Path)
		h.Int(int(f.Kind))
		h.String(f.Section)
		h.String(f.Name)
		h.Bool(f.Bundle)
		h.meta(&f.Meta)
	} else {
		h.Bool(false)
	}
	h.String(string(d.headings))
	h.String(d.lead)
	h.Bool(d.long)
	h.Int(len(d.chapters))
	for _, at := range d.chapters {
		h.Int(at)
	}
	h.body(d)
}

// Body writes the rendered body of d.
func (h *Hash) Body(d *Doc) { h.body(d) }

// body writes the hash of the rendered body of d, in memory or, in the
// development server of a large site, stored out of it.
func (h *Hash) body(d *Doc) {
	k := keyOf(d)
	sum, ok := h.g.bodies.Load(k)
	if !ok {
		html := string(d.content)
		if d.stored != nil {
			buf := bodyBufs.Get().(*[]byte)
			defer bodyBufs.Put(buf)
			var err error
			if *buf, err = d.AppendContent((*buf)[:0]); err != nil {
				// Not kept: the page is written, and its writing
				// reports the error.
				h.String(err.Error())
				return
			}
			html = unsafe.String(unsafe.SliceData(*buf), len(*buf))
		}
		sum = h.g.sum(func(h *Hash) { h.String(html) })
		h.g.bodies.Store(k, sum)
	}
	h.Uint64(sum.(uint64))
}

// bodyBufs hold the bodies read to be hashed, which a large site stores
// out of memory: nothing keeps them once hashed.
var bodyBufs = sync.Pool{New: func() any { return new([]byte) }}

// bodyKey is a rendered body by where it is: the bytes of a string in
// memory, or a body stored out of memory. Two bodies with the same key are
// the same body.
type bodyKey struct {
	p      *byte
	n      int
	stored StoredBody
}

func keyOf(d *Doc) bodyKey {
	if d.stored != nil {
		return bodyKey{stored: d.stored}
	}
	return bodyKey{p: unsafe.StringData(string(d.content)), n: len(d.content)}
}

// Page writes everything p's own page shows of it.
func (h *Hash) Page(p *Page) { h.once(&p.Doc, func(h *Hash) { h.page(p) }) }

// once writes what write writes of d, a document of the signer's model,
// as the hash of it the signer made once.
func (h *Hash) once(d *Doc, write func(h *Hash)) {
	if !h.g.own(d) {
		write(h)
		return
	}
	w := &h.g.whole[d.ID]
	if !w.kept {
		w.once.Do(func() {
			m := h.g.NewHash()
			m.deps = &w.deps
			write(m)
			w.sum, w.done = m.Sum64(), true
		})
	}
	h.Uint64(w.sum)
	if h.deps != nil {
		*h.deps = append(*h.deps, w.deps...)
	}
}

func (h *Hash) page(p *Page) {
	h.Doc(&p.Doc)
	h.pageFields(p)
	h.Pages(p.Agreements)
	h.String(p.originalURL)
	for _, rel := range [][]*Page{p.Amends, p.AmendedBy, p.Supersedes, p.SupersededBy, p.Implements, p.ImplementedBy, p.Parts, p.Backlinks, p.SameParties} {
		h.Pages(rel)
	}
	h.PageCard(p.PartOf)
	h.Int(len(p.Related))
	for _, r := range p.Related {
		h.PageCard(r.Page)
		h.Uint64(math.Float64bits(r.Score))
	}
	h.Int(len(p.Assets))
	for _, a := range p.Assets {
		h.String(a)
	}
}

// Term writes everything t's own pages show of it.
func (h *Hash) Term(t *Term) { h.once(&t.Doc, func(h *Hash) { h.term(t) }) }

func (h *Hash) term(t *Term) {
	h.Doc(&t.Doc)
	h.termCard(t)
	h.Bool(t.Declared)
	h.Int(len(t.aliases))
	for _, a := range t.aliases {
		h.String(a)
	}
	for _, list := range [][]*Page{t.Pages, t.Agreements, t.Interviews, t.InForce, t.Other} {
		h.paths(list)
	}
	for _, cs := range [][]Count{t.Partners, t.Countries, t.Topics, t.Orgs} {
		h.Int(len(cs))
		for _, c := range cs {
			h.TermCard(c.Term)
			h.Int(c.N)
		}
	}
	for _, ms := range [][]Membership{t.Memberships, t.Members} {
		h.Int(len(ms))
		for _, m := range ms {
			h.TermCard(m.Org)
			h.TermCard(m.Member)
			h.String(m.Role)
			h.Date(m.Since)
			h.Date(m.Until)
			h.Bool(m.Current)
		}
	}
	for _, refs := range [][]CountryRef{t.Successors, t.Predecessors} {
		h.Int(len(refs))
		for _, r := range refs {
			h.String(r.Name)
			h.TermCard(r.Term)
		}
	}
	h.Int(len(t.Roles))
	for _, r := range t.Roles {
		h.String(r.Role)
		h.TermCard(r.Organisation)
		h.Date(r.From)
		h.Date(r.To)
	}
	h.Int(len(t.SameAs))
	for _, u := range t.SameAs {
		h.String(u)
	}
	h.Terms(t.Homes)
	h.Pages(t.Signatory)
}

// Section writes everything sec's own page shows of it.
func (h *Hash) Section(sec *Section) { h.once(&sec.Doc, func(h *Hash) { h.section(sec) }) }

func (h *Hash) section(sec *Section) {
	h.Doc(&sec.Doc)
	h.String(sec.Name)
	h.Pages(sec.Pages)
}

func (h *Hash) lifecycle(l *Lifecycle) {
	h.String(l.Status)
	h.String(l.Derived)
	h.Date(l.Since)
	h.Bool(l.Partly)
	h.Bool(l.OwnDates)
	h.Int(len(l.PartyDates))
	for _, p := range l.PartyDates {
		h.TermCard(p.Term)
		h.String(p.Role)
		h.Date(p.Signed)
		h.Date(p.Consent)
		h.Bool(p.Acceded)
		h.Date(p.Effective)
		h.Date(p.Withdrawn)
		h.Bool(p.InForce)
		h.String(p.Signatory)
		h.TermCard(p.Person)
	}
	h.Int(len(l.Events))
	for _, e := range l.Events {
		h.Date(e.Date)
		h.String(e.Kind)
		if e.Page != nil {
			h.DocCard(&e.Page.Doc)
		} else {
			h.Bool(false)
		}
		h.TermCard(e.Party)
	}
}

func (h *Hash) meta(m *content.Meta) {
	if sum, ok := h.g.metas[m]; ok {
		h.Uint64(sum)
		return
	}
	h.Uint64(metaSum(h.g.seed, m))
}
