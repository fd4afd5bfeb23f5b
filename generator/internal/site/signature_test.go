package site_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/site"
	"github.com/cooperation-kb/kb/generator/internal/site/sitetest"
)

// signedSite has an agreement, A, with a value in nearly every field a
// page can have, and an organisation, OTS, with one in nearly every
// field of a term.
const signedSite = `
-- content/agreements/_index.md --
---
title: Agreements
---
All of them.
-- content/agreements/a.md --
---
title: A
signed: 2024-01-01
effective: 2024-02-01
parties:
  - {name: Hungary, signatory: Zsuzsa Kecskes}
  - Kyrgyzstan
topics: [Customs]
organisations: [ots]
amends: [b]
summary: About A.
---
See [[c]].

## One

## Two

## Three
-- content/agreements/b.md --
---
title: B
signed: 2023-01-01
parties: [Hungary, Kyrgyzstan]
topics: [Customs]
---
B.
-- content/agreements/c.md --
---
title: C
signed: 2022-01-01
part-of: a
parties: [Hungary, Kyrgyzstan]
---
See [[a]].
-- content/interviews/i.md --
---
title: I
date: 2024-05-01
interviewee: Zsuzsa Kecskes
agreements: [a]
countries: [Hungary]
---
Talk.
-- content/people/zsuzsa-kecskes.md --
---
name: Zsuzsa Kecskes
roles:
  - {role: Head, organisation: ots}
countries: [Hungary]
sameAs: ["https://example.org/zk"]
---
She.
-- content/organisations/ots.md --
---
title: OTS
members:
  - {name: Kyrgyzstan, since: 2009}
---
OTS.
`

// unsigned are the fields that no page shows, by their path from the
// document: the signatures need not change with them. Where a chapter's
// heading is in its file is for errors alone.
var unsigned = []string{"Doc.ID", "Doc.stored", "Doc.page", "Doc.linked", "Doc.anchors", "Doc.chapterLines", "Lifecycle.PartyDates.src"}

func isUnsigned(path string) bool {
	for _, u := range unsigned {
		if path == u || strings.HasPrefix(path, u+".") {
			return true
		}
	}
	return false
}

// TestSignaturesCoverEveryField changes every field of a page, a term and
// a section, one at a time, and checks that the whole signature of the
// document changes, unless no page shows the field, and that its card
// changes with the fields a card holds and no others.
func TestSignaturesCoverEveryField(t *testing.T) {
	s := sitetest.New(t, signedSite)
	first := s.Signer(nil)
	page := s.PageOf(s.DocOf("content/agreements/a.md"))
	var term *site.Term
	for _, o := range s.Organisations {
		if o.Slug == "ots" {
			term = o
		}
	}
	var section *site.Section
	for _, sec := range s.Sections {
		if sec.Name == "agreements" {
			section = sec
		}
	}
	docCard := []string{"Doc.Path", "Doc.URL", "Doc.Permalink", "Doc.Title", "Doc.Lang"}
	for _, d := range []struct {
		name string
		v    any
		doc  *site.Doc
		card func(h *site.Hash)
		keep []string // the fields of its card besides docCard
	}{
		{"page", page, &page.Doc, func(h *site.Hash) { h.PageCard(page) },
			[]string{"Kind", "Slug", "Section", "Date", "Meta", "Countries", "Topics", "Organisations", "Parties", "Interviewee", "Lifecycle",
				"Untranslated", "TextLang", "LangName"}},
		{"term", term, &term.Doc, func(h *site.Hash) { h.TermCard(term) },
			[]string{"Kind", "Section", "Slug", "Description", "Country", "flag"}},
		{"section", section, &section.Doc, func(h *site.Hash) { h.SectionCard(section) }, []string{"Name"}},
	} {
		sign := func() (whole, card uint64) {
			g := s.Signer(first)
			h := g.NewHash()
			d.card(h)
			return g.Whole(d.doc), h.Sum64()
		}
		whole, card := sign()
		n := 0
		sitetest.Mutate(reflect.ValueOf(d.v).Elem(), func(path string) {
			n++
			w, c := sign()
			if isUnsigned(path) {
				return
			}
			if w == whole {
				t.Errorf("%s: a change to %s leaves its signature as it was", d.name, path)
			}
			first, _, _ := strings.Cut(path, ".")
			if inCard := slices.Contains(docCard, path) || first != "Doc" && slices.Contains(d.keep, first); (c != card) != inCard {
				t.Errorf("%s: a change to %s changes its card: %v, want %v", d.name, path, c != card, inCard)
			}
		})
		if n < 20 {
			t.Errorf("%s: %d fields changed, too few to be every field", d.name, n)
		}
	}
}

// TestMetaSignatureCoversEveryField changes every field of front matter
// and checks that its hash changes, but for where fields were written.
func TestMetaSignatureCoversEveryField(t *testing.T) {
	s := sitetest.New(t, signedSite)
	seed := s.Signer(nil).Seed()
	m := s.DocOf("content/agreements/a.md").File.Meta
	base := site.MetaSum(seed, &m)
	n := 0
	sitetest.Mutate(reflect.ValueOf(&m).Elem(), func(path string) {
		n++
		// Where fields were written and what a translation left out are
		// for errors alone.
		if site.MetaSum(seed, &m) == base && path != "Fields" && path != "missing" && !strings.Contains(path, "Pos") {
			t.Errorf("a change to %s leaves the hash of front matter as it was", path)
		}
	})
	if n < 30 {
		t.Errorf("%d fields changed, too few to be every field", n)
	}
}
