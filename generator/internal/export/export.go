// Package export writes the whole knowledge base as one JSON document, so
// that other tools can reuse it: every agreement, interview and plain page,
// every country, topic and organisation, with their front-matter fields,
// URLs and the links between them.
//
// The shape is documented in docs/feeds-and-export.md ("Data export").
// Every object has a path, its site path such as "agreements/x/", which is
// unique across the site and changes only when the object's slug does;
// every reference from one object to another is the other's path. The
// document carries Version: additive changes (a new field, a new kind of
// object) keep it, anything else (a field removed, renamed, or given
// another type or meaning) increments it.
//
// The JSON is compact with one object a line, encoded object by object
// through a buffer, so that writing the document of a large site takes no
// more memory than one object and the buffer.
package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// Path is where the document is published, as a site path.
const Path = "data/knowledge-base.json"

// Version is the version of the document's shape. 2: an agreement's
// status is the one it has at the build date, derived from its dates when
// its file gives none, and its parties no longer include observers.
const Version = 2

// Generator names the program that wrote the document.
const Generator = "github.com/cooperation-kb/kb/generator"

type siteInfo struct {
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	BaseURL     string `json:"baseURL"`
	Language    string `json:"language,omitempty"`
}

// pageFields are the fields every page has, first in each object.
type pageFields struct {
	Path    string `json:"path"`
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	URL     string `json:"url"`
	Summary string `json:"summary,omitempty"`
	Date    string `json:"date,omitempty"`
	Draft   bool   `json:"draft,omitempty"`
	// Language is the language of the text when it is not the site's;
	// Translations are the page in the site's other languages.
	Language     string        `json:"language,omitempty"`
	Translations []translation `json:"translations,omitempty"`
}

// translation is a page in another of the site's languages.
type translation struct {
	Language string `json:"language"`
	Title    string `json:"title"`
	URL      string `json:"url"`
}

// linkFields are what every page is tagged with and linked to, last in
// each object.
type linkFields struct {
	Countries     []string `json:"countries"`
	Topics        []string `json:"topics"`
	Organisations []string `json:"organisations"`
	References    []string `json:"references"`
	Backlinks     []string `json:"backlinks"`
}

type agreement struct {
	pageFields
	Signed        string      `json:"signed,omitempty"`
	Provisional   string      `json:"provisional,omitempty"`
	Effective     string      `json:"effective,omitempty"`
	Ended         string      `json:"ended,omitempty"`
	Status        string      `json:"status,omitempty"`
	StatusSince   string      `json:"statusSince,omitempty"`
	StatusDerived bool        `json:"statusDerived,omitempty"`
	PartlyInForce bool        `json:"partlyInForce,omitempty"`
	Place         string      `json:"place,omitempty"`
	Parties       []string    `json:"parties"`
	PartyDates    []partyDate `json:"partyDates"`
	Amends        []string    `json:"amends"`
	AmendedBy     []string    `json:"amendedBy"`
	Supersedes    []string    `json:"supersedes"`
	SupersededBy  []string    `json:"supersededBy"`
	Implements    []string    `json:"implements"`
	ImplementedBy []string    `json:"implementedBy"`
	PartOf        string      `json:"partOf,omitempty"`
	Parts         []string    `json:"parts"`
	Source        string      `json:"source,omitempty"`
	linkFields
}

// partyDate is a party or observer of an agreement with its dates: its
// own, else the agreement's; effective is when it became bound.
type partyDate struct {
	Party     string `json:"party"`
	Role      string `json:"role"`
	Signed    string `json:"signed,omitempty"`
	Consent   string `json:"consent,omitempty"`
	Acceded   bool   `json:"acceded,omitempty"`
	Effective string `json:"effective,omitempty"`
	Withdrawn string `json:"withdrawn,omitempty"`
	InForce   bool   `json:"inForce"`
	Signatory string `json:"signatory,omitempty"`
	Person    string `json:"person,omitempty"`
}

// membership is a member of an organisation, or an organisation a
// country or organisation belongs to.
type membership struct {
	Path  string `json:"path"`
	Role  string `json:"role"`
	Since string `json:"since,omitempty"`
	Until string `json:"until,omitempty"`
}

type personRole struct {
	Role         string `json:"role"`
	Organisation string `json:"organisation,omitempty"`
	From         string `json:"from,omitempty"`
	To           string `json:"to,omitempty"`
}

type person struct {
	termFields
	Roles      []personRole `json:"roles"`
	Countries  []string     `json:"countries"`
	SameAs     []string     `json:"sameAs"`
	Interviews []string     `json:"interviews"`
	Signed     []string     `json:"signed"`
}

type interview struct {
	pageFields
	Interviewee  string   `json:"interviewee,omitempty"`
	Role         string   `json:"role,omitempty"`
	Organisation string   `json:"organisation,omitempty"`
	Person       string   `json:"person,omitempty"`
	Outlet       string   `json:"outlet,omitempty"`
	Source       string   `json:"source,omitempty"`
	Agreements   []string `json:"agreements"`
	linkFields
}

type plainPage struct {
	pageFields
	linkFields
}

// termFields are the fields every country, topic and organisation has.
type termFields struct {
	Path        string `json:"path"`
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
}

type countryTerm struct {
	termFields
	Alpha2        string       `json:"alpha2"`
	Alpha3        string       `json:"alpha3"`
	Agreements    []string     `json:"agreements"`
	Interviews    []string     `json:"interviews"`
	Partners      []count      `json:"partners"`
	Topics        []count      `json:"topics"`
	Organisations []count      `json:"organisations"`
	Memberships   []membership `json:"memberships"`
	InForce       []string     `json:"inForce"`
	Successors    []string     `json:"successors"`
	Predecessors  []string     `json:"predecessors"`
}

type otherTerm struct {
	termFields
	Aliases    []string `json:"aliases"`
	Agreements []string `json:"agreements"`
	Interviews []string `json:"interviews"`
	Countries  []count  `json:"countries"`
}

type organisation struct {
	otherTerm
	Members      []membership `json:"members"`
	Memberships  []membership `json:"memberships"`
	Founded      string       `json:"founded,omitempty"`
	Headquarters string       `json:"headquarters,omitempty"`
	Website      string       `json:"website,omitempty"`
}

// count is a term with how many agreements or pages it shares with the
// term that lists it.
type count struct {
	Path  string `json:"path"`
	Count int    `json:"count"`
}

// Write writes the document of s to w, in writes of up to 64 KiB.
func Write(w io.Writer, s *site.Site) error { return write(newWriter(w), s) }

func write(out *writer, s *site.Site) error {
	c := s.Config
	out.raw(`{"version":`)
	out.value(Version)
	out.raw(",\n" + `"generator":`)
	out.value(Generator)
	out.raw(",\n" + `"site":`)
	out.value(siteInfo{Title: c.Title, Description: c.Description, BaseURL: c.Base.String(), Language: c.Language})

	refs := &referenceIndex{s: s}
	if out.cache == nil || out.last == nil {
		// Every object is encoded.
		refs.looked = scans
	}
	var agreements, interviews, plain []*site.Page
	for _, p := range s.Pages {
		switch p.Kind {
		case content.Agreement:
			agreements = append(agreements, p)
		case content.Interview:
			interviews = append(interviews, p)
		default:
			plain = append(plain, p)
		}
	}
	list(out, "agreements", agreements, pathOf, func(p *site.Page) any {
		m := p.Meta
		a := agreement{
			pageFields: pageOf(p), Signed: m.Signed.ISO(), Provisional: m.Provisional.ISO(), Effective: m.Effective.ISO(),
			Ended: m.Ended.ISO(), Status: p.Status, StatusSince: p.Since.ISO(), StatusDerived: m.Status == "",
			PartlyInForce: p.Partly, Place: m.Place, Parties: termPaths(p.Parties), PartyDates: []partyDate{},
			Amends: pagePaths(p.Amends), AmendedBy: pagePaths(p.AmendedBy), Supersedes: pagePaths(p.Supersedes),
			SupersededBy: pagePaths(p.SupersededBy), Implements: pagePaths(p.Implements),
			ImplementedBy: pagePaths(p.ImplementedBy), Parts: pagePaths(p.Parts), Source: m.Source,
			linkFields: linksOf(p, refs),
		}
		if p.PartOf != nil {
			a.PartOf = p.PartOf.Path
		}
		for _, pd := range p.PartyDates {
			d := partyDate{Party: pd.Term.Path, Role: pd.Role, Signed: pd.Signed.ISO(), Consent: pd.Consent.ISO(),
				Acceded: pd.Acceded, Effective: pd.Effective.ISO(), Withdrawn: pd.Withdrawn.ISO(), InForce: pd.InForce,
				Signatory: pd.Signatory}
			if pd.Person != nil {
				d.Person = pd.Person.Path
			}
			a.PartyDates = append(a.PartyDates, d)
		}
		return a
	})
	list(out, "interviews", interviews, pathOf, func(p *site.Page) any {
		m := p.Meta
		i := interview{
			pageFields: pageOf(p), Interviewee: m.Interviewee, Role: m.Role, Organisation: m.Organisation,
			Outlet: m.Outlet, Source: m.Source, Agreements: pagePaths(p.Agreements), linkFields: linksOf(p, refs),
		}
		if p.Interviewee != nil {
			i.Person = p.Interviewee.Path
		}
		return i
	})
	list(out, "pages", plain, pathOf, func(p *site.Page) any {
		return plainPage{pageFields: pageOf(p), linkFields: linksOf(p, refs)}
	})
	list(out, "countries", byPath(s.Countries), termPath, func(t *site.Term) any {
		return countryTerm{
			termFields: termOf(t), Alpha2: t.Country.Alpha2, Alpha3: t.Country.Alpha3,
			Agreements: pagePaths(t.Agreements), Interviews: pagePaths(t.Interviews),
			Partners: counts(t.Partners), Topics: counts(t.Topics), Organisations: counts(t.Orgs),
			Memberships: memberships(t.Memberships, false), InForce: pagePaths(t.InForce),
			Successors: countryPaths(t.Successors), Predecessors: countryPaths(t.Predecessors),
		}
	})
	other := func(t *site.Term) otherTerm {
		ot := otherTerm{
			termFields: termOf(t), Aliases: []string{}, Agreements: pagePaths(t.Agreements),
			Interviews: pagePaths(t.Interviews), Countries: counts(t.Countries),
		}
		if t.File != nil {
			for _, a := range t.File.Meta.Aliases {
				ot.Aliases = append(ot.Aliases, a.Text)
			}
		}
		return ot
	}
	list(out, "topics", byPath(s.Topics), termPath, func(t *site.Term) any { return other(t) })
	list(out, "organisations", byPath(s.Organisations), termPath, func(t *site.Term) any {
		o := organisation{otherTerm: other(t), Members: memberships(t.Members, true), Memberships: memberships(t.Memberships, false)}
		if t.File != nil {
			m := &t.File.Meta
			o.Founded, o.Headquarters, o.Website = m.Founded.ISO(), m.Headquarters, m.Website
		}
		return o
	})
	list(out, "people", byPath(s.People), termPath, func(t *site.Term) any {
		p := person{termFields: termOf(t), Roles: []personRole{}, Countries: termPaths(t.Homes), SameAs: t.SameAs,
			Interviews: pagePaths(t.Interviews), Signed: pagePaths(t.Signatory)}
		if p.SameAs == nil {
			p.SameAs = []string{}
		}
		for _, r := range t.Roles {
			pr := personRole{Role: r.Role, From: r.From.ISO(), To: r.To.ISO()}
			if r.Organisation != nil {
				pr.Organisation = r.Organisation.Path
			}
			p.Roles = append(p.Roles, pr)
		}
		return p
	})
	out.raw("}\n")
	return out.flush()
}

// A referenceIndex inverts backlinks: the pages each page links to or
// names, in the order of the site's pages, by path.
type referenceIndex struct {
	s      *site.Site
	looked int
	refs   map[*site.Page][]*site.Page
}

// scans is how many pages a referenceIndex looks up by going over the
// backlinks of every page before it inverts them all in one pass: a
// document written again after a change encodes a few objects and copies
// the others, a new document encodes them all.
const scans = 16

func (x *referenceIndex) of(p *site.Page) []*site.Page {
	if x.refs == nil && x.looked < scans {
		x.looked++
		var out []*site.Page
		for _, q := range x.s.Pages {
			if slices.Contains(q.Backlinks, p) {
				out = append(out, q)
			}
		}
		return out
	}
	if x.refs == nil {
		x.refs = make(map[*site.Page][]*site.Page, len(x.s.Pages))
		for _, q := range x.s.Pages {
			for _, from := range q.Backlinks {
				x.refs[from] = append(x.refs[from], q)
			}
		}
	}
	return x.refs[p]
}

func pageOf(p *site.Page) pageFields {
	f := pageFields{Path: p.Path, Slug: p.Slug, Title: p.Title, URL: p.Permalink, Summary: p.Meta.Summary, Draft: p.Meta.Draft}
	f.Date = p.Meta.Date.ISO()
	f.Language = p.TextLang
	for _, t := range p.Translations {
		f.Translations = append(f.Translations, translation{Language: t.Lang, Title: t.Title, URL: t.Permalink})
	}
	return f
}

func linksOf(p *site.Page, refs *referenceIndex) linkFields {
	return linkFields{
		Countries: termPaths(p.Countries), Topics: termPaths(p.Topics), Organisations: termPaths(p.Organisations),
		References: pagePaths(refs.of(p)), Backlinks: pagePaths(p.Backlinks),
	}
}

func termOf(t *site.Term) termFields {
	return termFields{Path: t.Path, Slug: t.Slug, Name: t.Title, URL: t.Permalink, Description: t.Description}
}

func byPath(terms []*site.Term) []*site.Term {
	terms = slices.Clone(terms)
	slices.SortFunc(terms, func(a, b *site.Term) int { return strings.Compare(a.Path, b.Path) })
	return terms
}

// pagePaths and termPaths never return nil, so that an empty list is
// written [] as docs/feeds-and-export.md promises, not null.
func pagePaths(pages []*site.Page) []string {
	out := make([]string, len(pages))
	for i, p := range pages {
		out[i] = p.Path
	}
	return out
}

func termPaths(terms []*site.Term) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = t.Path
	}
	return out
}

// memberships lists ms by the path of their member (an organisation's
// members) or of their organisation (what a term belongs to).
func memberships(ms []site.Membership, members bool) []membership {
	out := make([]membership, len(ms))
	for i, m := range ms {
		t := m.Org
		if members {
			t = m.Member
		}
		out[i] = membership{Path: t.Path, Role: m.Role, Since: m.Since.ISO(), Until: m.Until.ISO()}
	}
	return out
}

// countryPaths lists the countries of refs the site has pages of.
func countryPaths(refs []site.CountryRef) []string {
	out := []string{}
	for _, r := range refs {
		if r.Term != nil {
			out = append(out, r.Term.Path)
		}
	}
	return out
}

func counts(cs []site.Count) []count {
	out := make([]count, len(cs))
	for i, c := range cs {
		out[i] = count{Path: c.Term.Path, Count: c.N}
	}
	return out
}

// list writes the member name of the document: an array of the objects
// that object makes of items, one a line, each found by the path of its
// item in the writer's cache if it has one.
func list[T any](out *writer, name string, items []T, path func(T) string, object func(T) any) {
	out.raw(",\n\"" + name + "\":[")
	for i, it := range items {
		if i > 0 {
			out.raw(",")
		}
		out.raw("\n")
		out.object(path(it), func() any { return object(it) })
	}
	out.raw("]")
}

// writer encodes values one at a time through a buffer, keeping the first
// error.
type writer struct {
	w       *bufio.Writer
	scratch bytes.Buffer
	enc     *json.Encoder
	err     error
	cache   *Cache
	key     func(path string) (uint64, bool)
	kept    map[string]encoded // the objects of this document, for the cache
	last    *lastDoc           // the document the cache knows, if any
	pos     int64              // the bytes written
}

func newWriter(w io.Writer) *writer {
	out := &writer{w: bufio.NewWriterSize(w, 64<<10)}
	out.enc = json.NewEncoder(&out.scratch)
	// The document is data, not HTML to be embedded: "<" and "&" stay
	// readable.
	out.enc.SetEscapeHTML(false)
	return out
}

func (w *writer) raw(s string) {
	if w.err == nil {
		_, w.err = w.w.WriteString(s)
		w.pos += int64(len(s))
	}
}

// value writes v as compact JSON, without the newline the encoder ends it
// with.
func (w *writer) value(v any) {
	if w.err != nil {
		return
	}
	w.scratch.Reset()
	if w.err = w.enc.Encode(v); w.err == nil {
		b := bytes.TrimSuffix(w.scratch.Bytes(), []byte("\n"))
		_, w.err = w.w.Write(b)
		w.pos += int64(len(b))
	}
}

func (w *writer) flush() error {
	if w.err != nil {
		return w.err
	}
	return w.w.Flush()
}
