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

// Version is the version of the document's shape.
const Version = 1

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
	Signed    string   `json:"signed,omitempty"`
	Effective string   `json:"effective,omitempty"`
	Status    string   `json:"status,omitempty"`
	Place     string   `json:"place,omitempty"`
	Parties   []string `json:"parties"`
	Source    string   `json:"source,omitempty"`
	linkFields
}

type interview struct {
	pageFields
	Interviewee  string   `json:"interviewee,omitempty"`
	Role         string   `json:"role,omitempty"`
	Organisation string   `json:"organisation,omitempty"`
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
	Alpha2        string   `json:"alpha2"`
	Alpha3        string   `json:"alpha3"`
	Agreements    []string `json:"agreements"`
	Interviews    []string `json:"interviews"`
	Partners      []count  `json:"partners"`
	Topics        []count  `json:"topics"`
	Organisations []count  `json:"organisations"`
}

type otherTerm struct {
	termFields
	Aliases    []string `json:"aliases"`
	Agreements []string `json:"agreements"`
	Interviews []string `json:"interviews"`
	Countries  []count  `json:"countries"`
}

// count is a term with how many agreements or pages it shares with the
// term that lists it.
type count struct {
	Path  string `json:"path"`
	Count int    `json:"count"`
}

// Write writes the document of s to w, in writes of up to 64 KiB.
func Write(w io.Writer, s *site.Site) error {
	out := newWriter(w)
	c := s.Config
	out.raw(`{"version":`)
	out.value(Version)
	out.raw(",\n" + `"generator":`)
	out.value(Generator)
	out.raw(",\n" + `"site":`)
	out.value(siteInfo{Title: c.Title, Description: c.Description, BaseURL: c.Base.String(), Language: c.Language})

	refs := references(s)
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
	list(out, "agreements", agreements, func(p *site.Page) any {
		m := p.Meta
		return agreement{
			pageFields: pageOf(p), Signed: m.Signed.ISO(), Effective: m.Effective.ISO(), Status: m.Status,
			Place: m.Place, Parties: termPaths(p.Parties), Source: m.Source, linkFields: linksOf(p, refs),
		}
	})
	list(out, "interviews", interviews, func(p *site.Page) any {
		m := p.Meta
		return interview{
			pageFields: pageOf(p), Interviewee: m.Interviewee, Role: m.Role, Organisation: m.Organisation,
			Outlet: m.Outlet, Source: m.Source, Agreements: pagePaths(p.Agreements), linkFields: linksOf(p, refs),
		}
	})
	list(out, "pages", plain, func(p *site.Page) any {
		return plainPage{pageFields: pageOf(p), linkFields: linksOf(p, refs)}
	})
	list(out, "countries", byPath(s.Countries), func(t *site.Term) any {
		return countryTerm{
			termFields: termOf(t), Alpha2: t.Country.Alpha2, Alpha3: t.Country.Alpha3,
			Agreements: pagePaths(t.Agreements), Interviews: pagePaths(t.Interviews),
			Partners: counts(t.Partners), Topics: counts(t.Topics), Organisations: counts(t.Orgs),
		}
	})
	other := func(t *site.Term) any {
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
	list(out, "topics", byPath(s.Topics), other)
	list(out, "organisations", byPath(s.Organisations), other)
	out.raw("}\n")
	return out.flush()
}

// references inverts backlinks: the pages each page links to or names, in
// path order, found in one pass over the pages.
func references(s *site.Site) map[*site.Page][]*site.Page {
	refs := make(map[*site.Page][]*site.Page, len(s.Pages))
	for _, p := range s.Pages {
		for _, from := range p.Backlinks {
			refs[from] = append(refs[from], p)
		}
	}
	return refs
}

func pageOf(p *site.Page) pageFields {
	f := pageFields{Path: p.Path, Slug: p.Slug, Title: p.Title, URL: p.Permalink, Summary: p.Meta.Summary, Draft: p.Meta.Draft}
	f.Date = p.Meta.Date.ISO()
	return f
}

func linksOf(p *site.Page, refs map[*site.Page][]*site.Page) linkFields {
	return linkFields{
		Countries: termPaths(p.Countries), Topics: termPaths(p.Topics), Organisations: termPaths(p.Organisations),
		References: pagePaths(refs[p]), Backlinks: pagePaths(p.Backlinks),
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

func counts(cs []site.Count) []count {
	out := make([]count, len(cs))
	for i, c := range cs {
		out[i] = count{Path: c.Term.Path, Count: c.N}
	}
	return out
}

// list writes the member name of the document: an array of the objects
// that object makes of items, one a line.
func list[T any](out *writer, name string, items []T, object func(T) any) {
	out.raw(",\n\"" + name + "\":[")
	for i, it := range items {
		if i > 0 {
			out.raw(",")
		}
		out.raw("\n")
		out.value(object(it))
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
		_, w.err = w.w.Write(bytes.TrimSuffix(w.scratch.Bytes(), []byte("\n")))
	}
}

func (w *writer) flush() error {
	if w.err != nil {
		return w.err
	}
	return w.w.Flush()
}
