// Package feed writes the files that tell other programs about a site:
// Atom feeds (RFC 4287) and a JSON Feed (jsonfeed.org, version 1.1) of the
// newest pages, the sitemap (sitemaps.org) and robots.txt.
package feed

import (
	"bytes"
	"encoding/xml"
	"slices"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
	Type string `xml:"type,attr,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Text string `xml:",chardata"`
}

type atomEntry struct {
	Title   string    `xml:"title"`
	ID      string    `xml:"id"`
	Updated string    `xml:"updated"`
	Link    atomLink  `xml:"link"`
	Summary *atomText `xml:"summary,omitempty"`
	Content atomText  `xml:"content"`
}

// Atom returns the feed of pages (newest first) titled title, published at
// the site path at and describing the page at the site path of.
func Atom(s *site.Site, title, of, at string, pages []*site.Page) ([]byte, error) {
	f := atomFeed{
		Title: title,
		ID:    s.Config.Permalink(at),
		Links: []atomLink{
			{Rel: "self", Href: s.Config.Permalink(at), Type: "application/atom+xml"},
			{Rel: "alternate", Href: s.Config.Permalink(of), Type: "text/html"},
		},
		Updated: stamp(content.Date{}),
	}
	pages = Dated(pages)
	if len(pages) > 0 {
		// The newest entry says when the feed changed, so that the same
		// content gives the same file.
		f.Updated = stamp(pages[0].Date)
	}
	texts, err := bodies(pages, xmlLen, func(p *site.Page) int {
		return xmlLen(p.Title) + 2*xmlLen(p.Permalink) + xmlLen(p.Meta.Summary)
	})
	if err != nil {
		return nil, err
	}
	for i, p := range pages {
		e := atomEntry{
			Title:   p.Title,
			ID:      p.Permalink,
			Updated: stamp(p.Date),
			Link:    atomLink{Rel: "alternate", Href: p.Permalink},
			Content: atomText{Type: "html", Text: texts[i]},
		}
		if p.Meta.Summary != "" {
			e.Summary = &atomText{Text: p.Meta.Summary}
		}
		f.Entries = append(f.Entries, e)
	}
	return marshal(f)
}

// Dated returns the pages a feed of pages lists: the first Entries that
// have a date, as a feed is about what is new.
func Dated(pages []*site.Page) []*site.Page {
	out := make([]*site.Page, 0, min(Entries, len(pages)))
	for _, p := range pages {
		if len(out) == Entries {
			break
		}
		if !p.Date.IsZero() {
			out = append(out, p)
		}
	}
	return out
}

// stamp formats a date as Atom requires: a full RFC 3339 time, the start of
// the year or month for dates known only to that precision.
func stamp(d content.Date) string {
	if d.IsZero() {
		return time.Unix(0, 0).UTC().Format(time.RFC3339)
	}
	return d.Time.UTC().Format(time.RFC3339)
}

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string       `xml:"xmlns:xhtml,attr,omitempty"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string      `xml:"loc"`
	LastMod    string      `xml:"lastmod,omitempty"`
	Alternates []alternate `xml:"xhtml:link"`
}

// alternate is a page in another language, as Google reads it in a
// sitemap.
type alternate struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// Sitemap lists every page of the sites, one per language with the
// default language's first, each with its absolute URL and, for dated
// pages, when it was last modified; paths are each site's pages. A page
// with translations lists them all, itself included, and the default
// language's as x-default.
func Sitemap(sites []*site.Site, paths [][]string) ([]byte, error) {
	var u urlset
	for i, s := range sites {
		docs := map[string]*site.Doc{}
		for _, d := range s.AllDocs() {
			docs[d.Path] = d
		}
		for _, path := range paths[i] {
			e := sitemapURL{Loc: s.Config.Permalink(path)}
			d := docs[path]
			if d == nil {
				u.URLs = append(u.URLs, e)
				continue
			}
			if p := s.PageOf(d); p != nil && !p.Date.IsZero() {
				e.LastMod = p.Date.ISO()
			}
			if len(d.Translations) > 0 {
				u.XHTML = "http://www.w3.org/1999/xhtml"
				e.Alternates = alternates(s, d)
			}
			u.URLs = append(u.URLs, e)
		}
	}
	return marshal(u)
}

// alternates lists a document in every language it is published in, in
// the order of the site's languages, and its default language's version
// as x-default.
func alternates(s *site.Site, d *site.Doc) []alternate {
	all := append([]site.Translation{{Lang: s.Lang, Permalink: d.Permalink}}, d.Translations...)
	langs := s.Config.SiteLanguages()
	slices.SortStableFunc(all, func(a, b site.Translation) int {
		return slices.Index(langs, a.Lang) - slices.Index(langs, b.Lang)
	})
	out := make([]alternate, 0, len(all)+1)
	for _, t := range all {
		out = append(out, alternate{Rel: "alternate", HrefLang: t.Lang, Href: t.Permalink})
	}
	if all[0].Lang == langs[0] {
		out = append(out, alternate{Rel: "alternate", HrefLang: "x-default", Href: all[0].Permalink})
	}
	return out
}

// Robots returns robots.txt, naming the sitemap when there is one: a
// sitemap needs absolute URLs.
func Robots(s *site.Site) []byte {
	robots := "User-agent: *\nAllow: /\n"
	if s.Config.Absolute() {
		robots += "Sitemap: " + s.Config.Permalink("sitemap.xml") + "\n"
	}
	return []byte(robots)
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}
