// Package feed writes the files that tell other programs about a site:
// Atom feeds (RFC 4287) and a JSON Feed (jsonfeed.org, version 1.1) of the
// newest pages, the sitemap (sitemaps.org) and robots.txt.
package feed

import (
	"bytes"
	"encoding/xml"
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
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// Sitemap lists every page of the site with its absolute URL and, for
// dated pages, when it was last modified.
func Sitemap(s *site.Site, paths []string) ([]byte, error) {
	var u urlset
	dated := map[string]content.Date{}
	for _, p := range s.Pages {
		dated[p.Path] = p.Date
	}
	for _, path := range paths {
		e := sitemapURL{Loc: s.Config.Permalink(path)}
		if d, ok := dated[path]; ok && !d.IsZero() {
			e.LastMod = d.ISO()
		}
		u.URLs = append(u.URLs, e)
	}
	return marshal(u)
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
