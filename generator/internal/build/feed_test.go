package build

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFeedsAndSitemap parses the Atom feeds and the sitemap of the sample
// site back and checks the elements their formats require.
func TestFeedsAndSitemap(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"content", "templates", "static"} {
		copyDir(t, filepath.Join(repoRoot, d), filepath.Join(dir, d))
	}
	writeFiles(t, dir, map[string]string{"config.toml": "baseURL = \"https://example.org/kb/\"\n"})
	sum := mustBuild(t, dir, Options{})

	type entry struct {
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
	type atom struct {
		XMLName xml.Name
		Title   string  `xml:"title"`
		ID      string  `xml:"id"`
		Updated string  `xml:"updated"`
		Entries []entry `xml:"entry"`
	}
	read := func(rel string, v any) {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(dir, "public", rel))
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
	assertFileContent(t, dir, "public/robots.txt", "Sitemap: https://example.org/kb/sitemap.xml")
	assertFileContent(t, dir, "public/countries/hungary/index.html",
		`<link rel="alternate" type="application/atom+xml" title="Hungary · Cooperation Knowledge Base" href="/kb/countries/hungary/feed.xml">`)
}
