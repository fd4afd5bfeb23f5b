package site

import (
	"cmp"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// A Translation is a document as published in another language.
type Translation struct {
	Lang      string // its code, as "hu"
	Name      string // the language's name in that language, as "magyar"
	URL       string
	Permalink string
	Title     string
}

// LinkTranslations gives every document of each site the documents of the
// other sites that translate it, in the order of sites: one site per
// language, the default language's first. A page that a site lists
// without publishing it, not being translated into its language, is no
// translation.
func LinkTranslations(sites []*Site) {
	if len(sites) < 2 {
		return
	}
	type published struct {
		site *Site
		doc  *Doc
	}
	byKey := map[string][]published{}
	for _, s := range sites {
		for _, d := range s.allDocs() {
			if d.page != nil && d.page.Untranslated {
				continue
			}
			byKey[d.Key] = append(byKey[d.Key], published{s, d})
		}
	}
	for _, docs := range byKey {
		for _, d := range docs {
			d.doc.Translations = d.doc.Translations[:0]
			for _, other := range docs {
				if other.site == d.site {
					continue
				}
				d.doc.Translations = append(d.doc.Translations, Translation{
					Lang: other.site.Lang, Name: other.site.Config.LanguageName(other.site.Lang),
					URL: other.doc.URL, Permalink: other.doc.Permalink, Title: other.doc.Title,
				})
			}
		}
	}
}

// Published reports whether the document is published in the site's
// language: every document but the pages it lists untranslated.
func (d *Doc) Published() bool { return d.page == nil || !d.page.Untranslated }

// AllDocs returns every document of the site: the home page, the lists,
// the terms and the pages.
func (s *Site) AllDocs() []*Doc { return s.allDocs() }

// RelURL returns the URL of the site path p in the site's language, as
// Config.RelURL does for the default language: "agreements/" is
// "/hu/agreements/" in Hungarian.
func (s *Site) RelURL(p string) string { return s.Config.RelURL(s.Prefix + p) }

// languageName names the language code in the language in, as CLDR does:
// "angol" for "en" in "hu". A language CLDR does not name is its code.
func languageName(code, in string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	inTag, err := language.Parse(in)
	if err != nil {
		return code
	}
	if names := display.Tags(inTag); names != nil {
		if n := names.Name(tag); n != "" {
			return n
		}
	}
	return code
}

// slugs returns the slugs that name the page: its own and, for a
// translation of another name, its original's, by which the files of
// every language name it.
func (p *Page) slugs() []string {
	o := p.File.Original
	if o == nil {
		return []string{p.Slug}
	}
	if slug := cmp.Or(o.Meta.Slug, Normalize(o.Name)); slug != p.Slug {
		return []string{p.Slug, slug}
	}
	return []string{p.Slug}
}

// collator orders text in the site's language, or is nil for English,
// whose titles sort by their lower case as they always have.
func (s *Site) collator() *collate.Collator {
	tag, err := language.Parse(s.Lang)
	if base, _ := tag.Base(); err != nil || base.String() == "en" {
		return nil
	}
	if s.collate == nil {
		s.collate = collate.New(tag, collate.IgnoreCase)
	}
	return s.collate
}
