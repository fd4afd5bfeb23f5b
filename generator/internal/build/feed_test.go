package build

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// atomEntry is what the tests read of an Atom feed's entry.
type atomEntry struct {
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

// TestFeedsAndSitemap parses the Atom feeds, the JSON Feed and the sitemap
// of the sample site back and checks the elements their formats require.
func TestFeedsAndSitemap(t *testing.T) {
	s := sampleSite(t).EditFiles("config.toml", "baseURL = \"https://example.org/kb/\"\n").Build()
	sum := s.sum

	type atom struct {
		XMLName xml.Name
		Title   string      `xml:"title"`
		ID      string      `xml:"id"`
		Updated string      `xml:"updated"`
		Entries []atomEntry `xml:"entry"`
	}
	read := func(rel string, v any) {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(s.out, rel))
		if err != nil {
			t.Fatal(err)
		}
		if err := xml.Unmarshal(data, v); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
	}
	feeds := []string{"feed.xml"}
	for _, ts := range [][]string{{"countries/hungary/"}, {"topics/customs-training/"}, {"organisations/ots/"}} {
		feeds = append(feeds, ts[0]+"feed.xml")
	}
	for _, rel := range feeds {
		var f atom
		read(rel, &f)
		if f.XMLName.Space != "http://www.w3.org/2005/Atom" || f.XMLName.Local != "feed" {
			t.Errorf("%s: root %v, want an Atom feed", rel, f.XMLName)
		}
		if f.Title == "" || f.ID != "https://example.org/kb/"+rel || len(f.Entries) == 0 {
			t.Errorf("%s: title %q, id %q, %d entries", rel, f.Title, f.ID, len(f.Entries))
		}
		if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
			t.Errorf("%s: updated %q: %v", rel, f.Updated, err)
		}
		for _, e := range f.Entries {
			if _, err := time.Parse(time.RFC3339, e.Updated); err != nil || e.Title == "" || !strings.HasPrefix(e.ID, "https://example.org/kb/") || e.Link.Href != e.ID {
				t.Errorf("%s: entry %+v lacks a required element", rel, e)
			}
			if e.Content.Type != "html" || !strings.Contains(e.Content.Text, "<p>") {
				t.Errorf("%s: entry %s has no HTML content", rel, e.ID)
			}
		}
	}
	var sm struct {
		XMLName xml.Name
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	read("sitemap.xml", &sm)
	if sm.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || sm.XMLName.Local != "urlset" {
		t.Errorf("sitemap root %v", sm.XMLName)
	}
	pages := sum.Files - len(feeds)
	if len(sm.URLs) == 0 || len(sm.URLs) > pages {
		t.Errorf("sitemap lists %d URLs", len(sm.URLs))
	}
	found := false
	for _, u := range sm.URLs {
		if !strings.HasPrefix(u.Loc, "https://example.org/kb/") {
			t.Errorf("sitemap URL %q is not absolute under the base URL", u.Loc)
		}
		if u.Loc == "https://example.org/kb/agreements/hungary-kyrgyzstan-customs-training/" {
			found = u.LastMod == "2024-11-06"
		}
	}
	if !found {
		t.Error("the sitemap does not list the Hungary–Kyrgyzstan agreement with lastmod 2024-11-06")
	}
	var siteFeed atom
	read("feed.xml", &siteFeed)
	checkJSONFeed(t, filepath.Join(s.out, "feed.json"), siteFeed.Entries)
	s.AssertFile("robots.txt", "Sitemap: https://example.org/kb/sitemap.xml").
		AssertFile("countries/hungary/index.html",
			`<link rel="alternate" type="application/atom+xml" title="Hungary · Cooperation Knowledge Base" href="/kb/countries/hungary/feed.xml">`,
			`<link rel="alternate" type="application/feed+json" title="Cooperation Knowledge Base" href="/kb/feed.json">`)
}

// checkJSONFeed parses the JSON Feed at path back, checks what JSON Feed
// 1.1 requires and what this site promises of it, and that it lists the
// same pages in the same order as the Atom feed entries.
func checkJSONFeed(t *testing.T, path string, entries []atomEntry) {
	t.Helper()
	data, err := os.ReadFile(path)
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
	if f.Version != "https://jsonfeed.org/version/1.1" || f.Title == "" || f.HomePageURL != "https://example.org/kb/" ||
		f.FeedURL != "https://example.org/kb/feed.json" || f.Language != "en" {
		t.Errorf("feed.json: version %q, title %q, home_page_url %q, feed_url %q, language %q",
			f.Version, f.Title, f.HomePageURL, f.FeedURL, f.Language)
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
	if f.Items[0].ID != "https://example.org/kb/interviews/kecskes-trend-2025-hungary-customs-cooperation/" ||
		!slices.Contains(f.Items[0].Tags, "Hungary") || !slices.Contains(f.Items[0].Tags, "Organization of Turkic States") {
		t.Errorf("feed.json: first item %s with tags %q, want the 2025 interview tagged with its countries and organisations",
			f.Items[0].ID, f.Items[0].Tags)
	}
}
