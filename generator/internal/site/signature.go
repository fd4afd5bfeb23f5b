// Signatures: what a page shows of the model, as one number, so that a
// build that made the model again renders again only the pages whose
// number changed.

package site

import (
	"hash/maphash"
	"html/template"
	"math"
	"reflect"
	"sync"
	"time"
	"unsafe"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/diag"
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
	// bodies are the hashes of rendered bodies, by the string, which an
	// Incremental build keeps from build to build while it does not
	// render the body again.
	bodies sync.Map   // bodyKey -> uint64
	docs   []*Doc     // the model's documents, by ID
	cards  []uint64   // by ID
	terms  []*Term    // by ID
	secs   []*Section // by ID
	whole  []wholeSum // by ID: each document's own, made once
	site   uint64
	lists  uint64
}

type wholeSum struct {
	once sync.Once
	sum  uint64
}

// Signer returns the signer of s's documents. Given the signer of the
// model before, it hashes alike and reuses the hashes of the front matter
// of the files that were not parsed again.
func (s *Site) Signer(prev *Signer) *Signer {
	g := &Signer{metas: make(map[*content.Meta]uint64, len(s.Docs)), docs: make([]*Doc, s.numDocs),
		cards: make([]uint64, s.numDocs), terms: make([]*Term, s.numDocs), secs: make([]*Section, s.numDocs), whole: make([]wholeSum, s.numDocs)}
	if prev != nil {
		g.seed = prev.seed
		for _, d := range s.Docs {
			k := keyOf(d.content)
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
	parallelChunks(len(s.Pages), func(lo, hi int) {
		for _, p := range s.Pages[lo:hi] {
			g.cards[p.ID] = g.sum(func(h *Hash) { h.pageCard(p) })
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
	return g
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
// cores.
func (g *Signer) Wholes() []uint64 {
	sums := make([]uint64, len(g.docs))
	parallelChunks(len(g.docs), func(lo, hi int) {
		for id := lo; id < hi; id++ {
			sums[id] = g.Whole(g.docs[id])
		}
	})
	return sums
}

// Entry hashes what a feed or the search index shows of d, a document of
// the signer's model: its card and its body.
func (g *Signer) Entry(d *Doc) uint64 {
	return g.sum(func(h *Hash) {
		h.Uint64(g.cards[d.ID])
		h.body(d.content)
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

// A Hash is a signature being made, of values and documents, with the
// seed and documents of its Signer.
type Hash struct {
	g *Signer
	h maphash.Hash
	b [8]byte
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
		h.Uint64(h.g.cards[t.ID])
	default:
		h.termCard(t)
	}
}

// SectionCard writes the card of sec.
func (h *Hash) SectionCard(sec *Section) {
	if h.g.own(&sec.Doc) {
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
	h.body(d.content)
}

// Body writes the rendered body of d.
func (h *Hash) Body(d *Doc) { h.body(d.content) }

// body writes the hash of a rendered body. Only an Incremental build
// signs pages, and it keeps every body in memory.
func (h *Hash) body(html template.HTML) {
	k := keyOf(html)
	sum, ok := h.g.bodies.Load(k)
	if !ok {
		sum = h.g.sum(func(h *Hash) { h.String(string(html)) })
		h.g.bodies.Store(k, sum)
	}
	h.Uint64(sum.(uint64))
}

// bodyKey is a string by its bytes in memory: two bodies with the same
// key are the same string.
type bodyKey struct {
	p *byte
	n int
}

func keyOf(html template.HTML) bodyKey {
	return bodyKey{unsafe.StringData(string(html)), len(html)}
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
	w.once.Do(func() { w.sum = h.g.sum(write) })
	h.Uint64(w.sum)
}

func (h *Hash) page(p *Page) {
	h.Doc(&p.Doc)
	h.Int(int(p.Kind))
	h.String(p.Slug)
	h.String(p.Section)
	h.Date(p.Date)
	h.meta(p.Meta)
	h.Terms(p.Countries)
	h.Terms(p.Topics)
	h.Terms(p.Organisations)
	h.Terms(p.Parties)
	h.Pages(p.Agreements)
	h.TermCard(p.Interviewee)
	h.lifecycle(&p.Lifecycle)
	h.Bool(p.Untranslated)
	h.String(p.TextLang)
	h.String(p.LangName)
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

// metaSum hashes the front matter m, field by field whatever the fields
// are, but for where each was written: a field added to content.Meta is
// signed without a change here.
func metaSum(seed maphash.Seed, m *content.Meta) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	hashValue(&h, reflect.ValueOf(m).Elem())
	return h.Sum64()
}

var (
	typePos  = reflect.TypeFor[diag.Pos]()
	typeTime = reflect.TypeFor[time.Time]()
)

// hashValue hashes the values of front matter: strings, numbers, dates,
// and lists and structs of them. Maps, which hold where fields were
// written, are left out.
func hashValue(h *maphash.Hash, v reflect.Value) {
	var b [8]byte
	word := func(x uint64) {
		for i := range b {
			b[i] = byte(x >> (8 * i))
		}
		h.Write(b[:])
	}
	switch v.Kind() {
	case reflect.String:
		word(uint64(v.Len()))
		h.WriteString(v.String())
	case reflect.Bool:
		if v.Bool() {
			word(1)
		} else {
			word(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		word(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		word(v.Uint())
	case reflect.Float32, reflect.Float64:
		word(math.Float64bits(v.Float()))
	case reflect.Slice, reflect.Array:
		word(uint64(v.Len()))
		for i := range v.Len() {
			hashValue(h, v.Index(i))
		}
	case reflect.Struct:
		switch v.Type() {
		case typePos:
			return
		case typeTime:
			t := v.Interface().(time.Time)
			word(uint64(t.Unix()))
			word(uint64(t.Nanosecond()))
			return
		}
		for i := range v.NumField() {
			hashValue(h, v.Field(i))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			hashValue(h, v.Elem())
		}
	}
}
