package build

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFeedsAndSitemap builds the sample site and checks the files that
// tell other programs about it: an Atom feed for the site and for every
// term, the site's JSON Feed of the same pages, a sitemap of every page
// the build rendered, robots.txt, and the links to the feeds in pages.
// The feed package's tests check the formats.
func TestFeedsAndSitemap(t *testing.T) {
	s := sampleSite(t).EditFiles("config.toml", "baseURL = \"https://example.org/kb/\"\n[languages.hu]\n").Build()
	read := func(rel string, v any) {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(s.out, rel))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(rel, ".json") {
			err = json.Unmarshal(data, v)
		} else {
			err = xml.Unmarshal(data, v)
		}
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
	}
	type atom struct {
		XMLName xml.Name
		ID      string `xml:"id"`
		Entries []struct {
			ID string `xml:"id"`
		} `xml:"entry"`
	}
	var site atom
	for _, rel := range []string{"feed.xml", "countries/hungary/feed.xml", "topics/customs-training/feed.xml", "organisations/ots/feed.xml"} {
		var f atom
		read(rel, &f)
		if f.XMLName.Local != "feed" || f.ID != "https://example.org/kb/"+rel || len(f.Entries) == 0 {
			t.Errorf("%s: root %v, id %q, %d entries; want an Atom feed of its pages", rel, f.XMLName, f.ID, len(f.Entries))
		}
		if rel == "feed.xml" {
			site = f
		}
	}
	var jf struct {
		Items []struct {
			ID   string   `json:"id"`
			Tags []string `json:"tags"`
		} `json:"items"`
	}
	read("feed.json", &jf)
	if len(jf.Items) != len(site.Entries) {
		t.Fatalf("feed.json has %d items, feed.xml %d entries", len(jf.Items), len(site.Entries))
	}
	for i, it := range jf.Items {
		if it.ID != site.Entries[i].ID {
			t.Errorf("feed.json: item %d is %s, feed.xml's entry is %s", i, it.ID, site.Entries[i].ID)
		}
	}
	if first := jf.Items[0]; first.ID != "https://example.org/kb/interviews/kecskes-trend-2025-hungary-customs-cooperation/" ||
		!slices.Contains(first.Tags, "Hungary") || !slices.Contains(first.Tags, "Organization of Turkic States") {
		t.Errorf("feed.json: first item %s with tags %q, want the 2025 interview tagged with its countries and organisations",
			first.ID, first.Tags)
	}

	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	read("sitemap.xml", &sm)
	// Every page but the 404 page.
	if len(sm.URLs) != s.sum.Rendered-1 {
		t.Errorf("sitemap lists %d URLs, want the %d pages rendered but 404.html", len(sm.URLs), s.sum.Rendered-1)
	}
	found := false
	for _, u := range sm.URLs {
		if !strings.HasPrefix(u.Loc, "https://example.org/kb/") || strings.Contains(u.Loc, "404") {
			t.Errorf("sitemap URL %q is not a page under the base URL", u.Loc)
		}
		if u.Loc == "https://example.org/kb/agreements/hungary-kyrgyzstan-customs-training/" {
			found = u.LastMod == "2024-11-06"
		}
	}
	if !found {
		t.Error("the sitemap does not list the Hungary–Kyrgyzstan agreement with lastmod 2024-11-06")
	}
	s.AssertFile("robots.txt", "Sitemap: https://example.org/kb/sitemap.xml").
		AssertFile("countries/hungary/index.html",
			`<link rel="alternate" type="application/atom+xml" title="Hungary · Cooperation Knowledge Base" href="/kb/countries/hungary/feed.xml">`,
			`<link rel="alternate" type="application/feed+json" title="Cooperation Knowledge Base" href="/kb/feed.json">`)
}
