package feed

import (
	"encoding/json"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/site"
	"github.com/cooperation-kb/kb/generator/internal/site/sitetest"
)

// feedSite has dated agreements and interviews, one of them tagged with
// countries, a topic and an organisation, and a page without a date.
const feedSite = `
-- config.toml --
title = "KB"
description = "Agreements and interviews."
baseURL = "https://example.org/kb/"
language = "en"
-- content/organisations/ots.md --
---
title: "Organization of Turkic States"
---
-- content/agreements/training.md --
---
title: "Customs training"
signed: 2024-11-06
countries: [Hungary, Kyrgyzstan]
summary: "Training for customs officers."
---
Officers are **trained**.
-- content/agreements/observer.md --
---
title: "Observer status"
signed: "2018"
countries: [Hungary]
organisations: [ots]
summary: "Hungary joined the OTS."
---
Hungary is an observer.
-- content/interviews/talk.md --
---
title: "A talk <about> customs"
date: 2025-02-24
countries: [Hungary, Kyrgyzstan]
topics: [Customs cooperation]
organisations: [ots]
summary: "An official on customs."
---
She said so.
-- content/about.md --
---
title: "About"
---
Undated.
`

// siteOf makes the model of a site written as a txtar archive.
func siteOf(t *testing.T, archive string) *site.Site { return sitetest.New(t, archive) }

// newest is what a feed of the site lists: its agreements and
// interviews, newest first.
func newest(s *site.Site) []*site.Page {
	pages := slices.Concat(s.Agreements, s.Interviews)
	slices.SortStableFunc(pages, func(a, b *site.Page) int { return b.Date.Time.Compare(a.Date.Time) })
	return pages
}

// atomEntryRead is what the tests read of an Atom feed's entry.
type atomEntryRead struct {
	Title   string `xml:"title"`
	ID      string `xml:"id"`
	Updated string `xml:"updated"`
	Link    struct {
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Content struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	} `xml:"content"`
}

type atomRead struct {
	XMLName xml.Name
	Title   string          `xml:"title"`
	ID      string          `xml:"id"`
	Updated string          `xml:"updated"`
	Entries []atomEntryRead `xml:"entry"`
}

func readAtom(t *testing.T, name string, data []byte) atomRead {
	t.Helper()
	var f atomRead
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f
}

// TestAtom parses the site's feed and a term's feed back and checks the
// elements Atom requires.
func TestAtom(t *testing.T) {
	s := siteOf(t, feedSite)
	hungary := s.Countries[0]
	for _, tc := range []struct {
		title, of, at string
		pages         []*site.Page
		entries       int
	}{
		{"KB", "", "feed.xml", newest(s), 3},
		{"Hungary · KB", hungary.Path, hungary.Path + "feed.xml", hungary.Pages, 3},
		{"Organization of Turkic States · KB", s.Organisations[0].Path, s.Organisations[0].Path + "feed.xml", s.Organisations[0].Pages, 2},
	} {
		data, err := Atom(s, tc.title, tc.of, tc.at, tc.pages)
		if err != nil {
			t.Fatal(err)
		}
		f := readAtom(t, tc.at, data)
		if f.XMLName.Space != "http://www.w3.org/2005/Atom" || f.XMLName.Local != "feed" {
			t.Errorf("%s: root %v, want an Atom feed", tc.at, f.XMLName)
		}
		if f.Title != tc.title || f.ID != "https://example.org/kb/"+tc.at || len(f.Entries) != tc.entries {
			t.Errorf("%s: title %q, id %q, %d entries; want %q, %d entries", tc.at, f.Title, f.ID, len(f.Entries), tc.title, tc.entries)
		}
		// The newest entry says when the feed changed.
		if f.Updated != f.Entries[0].Updated {
			t.Errorf("%s: updated %q, want the newest entry's %q", tc.at, f.Updated, f.Entries[0].Updated)
		}
		for _, e := range f.Entries {
			if _, err := time.Parse(time.RFC3339, e.Updated); err != nil || e.Title == "" || !strings.HasPrefix(e.ID, "https://example.org/kb/") || e.Link.Href != e.ID {
				t.Errorf("%s: entry %+v lacks a required element", tc.at, e)
			}
			if e.Content.Type != "html" || !strings.Contains(e.Content.Text, "<p>") {
				t.Errorf("%s: entry %s has no HTML content", tc.at, e.ID)
			}
		}
	}
	data, _ := Atom(s, "KB", "", "feed.xml", newest(s))
	f := readAtom(t, "feed.xml", data)
	if e := f.Entries[0]; e.ID != "https://example.org/kb/interviews/talk/" || e.Title != "A talk <about> customs" || e.Updated != "2025-02-24T00:00:00Z" {
		t.Errorf("feed.xml: first entry %+v, want the newest, the interview", e)
	}
	// A date known only to the year is the start of the year.
	if e := f.Entries[2]; e.ID != "https://example.org/kb/agreements/observer/" || e.Updated != "2018-01-01T00:00:00Z" {
		t.Errorf("feed.xml: last entry %s updated %s, want the observer status at 2018-01-01", e.ID, e.Updated)
	}
	if !strings.Contains(f.Entries[1].Content.Text, "<strong>trained</strong>") {
		t.Errorf("feed.xml: the training's content is %q, want its rendered body", f.Entries[1].Content.Text)
	}
}

// TestJSONFeed parses the JSON Feed back, checks what JSON Feed 1.1
// requires and what this site promises of it, and that it lists the same
// pages in the same order as the Atom feed of the same pages.
func TestJSONFeed(t *testing.T) {
	s := siteOf(t, feedSite)
	atom, err := Atom(s, "KB", "", "feed.xml", newest(s))
	if err != nil {
		t.Fatal(err)
	}
	entries := readAtom(t, "feed.xml", atom).Entries
	data, err := JSON(s, "feed.json", newest(s))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Version     string `json:"version"`
		Title       string `json:"title"`
		HomePageURL string `json:"home_page_url"`
		FeedURL     string `json:"feed_url"`
		Description string `json:"description"`
		Language    string `json:"language"`
		Items       []struct {
			ID            string   `json:"id"`
			URL           string   `json:"url"`
			Title         string   `json:"title"`
			ContentHTML   string   `json:"content_html"`
			Summary       string   `json:"summary"`
			DatePublished string   `json:"date_published"`
			Tags          []string `json:"tags"`
		} `json:"items"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("feed.json: %v", err)
	}
	if f.Version != "https://jsonfeed.org/version/1.1" || f.Title != "KB" || f.HomePageURL != "https://example.org/kb/" ||
		f.FeedURL != "https://example.org/kb/feed.json" || f.Language != "en" || f.Description != "Agreements and interviews." {
		t.Errorf("feed.json: version %q, title %q, home_page_url %q, feed_url %q, language %q, description %q",
			f.Version, f.Title, f.HomePageURL, f.FeedURL, f.Language, f.Description)
	}
	if len(f.Items) != len(entries) {
		t.Fatalf("feed.json has %d items, feed.xml %d entries", len(f.Items), len(entries))
	}
	ids := map[string]bool{}
	for i, it := range f.Items {
		if it.ID == "" || ids[it.ID] {
			t.Errorf("feed.json: item %d has an empty or repeated id %q", i, it.ID)
		}
		ids[it.ID] = true
		if it.ID != entries[i].ID || it.URL != entries[i].Link.Href || it.Title != entries[i].Title {
			t.Errorf("feed.json: item %d is %s %q, feed.xml's entry is %s %q", i, it.ID, it.Title, entries[i].ID, entries[i].Title)
		}
		if _, err := time.Parse(time.RFC3339, it.DatePublished); err != nil || it.DatePublished != entries[i].Updated {
			t.Errorf("feed.json: %s: date_published %q (feed.xml %q): %v", it.ID, it.DatePublished, entries[i].Updated, err)
		}
		if it.ContentHTML != entries[i].Content.Text || !strings.Contains(it.ContentHTML, "<p>") {
			t.Errorf("feed.json: %s: content_html differs from the Atom content", it.ID)
		}
		if it.Summary == "" || len(it.Tags) == 0 {
			t.Errorf("feed.json: %s: summary %q, tags %q", it.ID, it.Summary, it.Tags)
		}
	}
	if first := f.Items[0]; first.ID != "https://example.org/kb/interviews/talk/" ||
		!slices.Equal(first.Tags, []string{"Hungary", "Kyrgyzstan", "Customs cooperation", "Organization of Turkic States"}) {
		t.Errorf("feed.json: first item %s with tags %q, want the interview tagged with its countries, topic and organisation",
			first.ID, first.Tags)
	}
	// The feed is data, not HTML to be embedded.
	if !strings.Contains(string(data), `"A talk <about> customs"`) {
		t.Errorf("feed.json escapes markup in a title:\n%s", data)
	}
}

// TestSitemap parses the sitemap back: every path it is given, absolute
// under the base URL, with the date of a dated page.
func TestSitemap(t *testing.T) {
	s := siteOf(t, feedSite)
	paths := []string{"", "about/", "agreements/", "agreements/observer/", "agreements/training/", "interviews/talk/"}
	data, err := Sitemap([]*site.Site{s}, [][]string{paths})
	if err != nil {
		t.Fatal(err)
	}
	var sm struct {
		XMLName xml.Name
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &sm); err != nil {
		t.Fatal(err)
	}
	if sm.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || sm.XMLName.Local != "urlset" {
		t.Errorf("sitemap root %v", sm.XMLName)
	}
	var got []string
	for _, u := range sm.URLs {
		got = append(got, u.Loc+" "+u.LastMod)
	}
	want := []string{
		"https://example.org/kb/ ",
		"https://example.org/kb/about/ ",
		"https://example.org/kb/agreements/ ",
		"https://example.org/kb/agreements/observer/ 2018",
		"https://example.org/kb/agreements/training/ 2024-11-06",
		"https://example.org/kb/interviews/talk/ 2025-02-24",
	}
	if !slices.Equal(got, want) {
		t.Errorf("sitemap:\n%q\nwant:\n%q", got, want)
	}
}

func TestRobots(t *testing.T) {
	s := siteOf(t, feedSite)
	if got, want := string(Robots(s)), "User-agent: *\nAllow: /\nSitemap: https://example.org/kb/sitemap.xml\n"; got != want {
		t.Errorf("robots.txt:\n%s\nwant:\n%s", got, want)
	}
}
