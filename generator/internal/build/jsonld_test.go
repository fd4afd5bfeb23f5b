package build

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const ldOpen = `<script type="application/ld+json">`

// readJSONLD returns the JSON-LD of the page at rel in dir, parsed: the
// text between the page's one ld+json script tag and the next "</script>",
// which is where a browser ends the element.
func readJSONLD(t *testing.T, dir, rel string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	html := string(data)
	if n := strings.Count(html, ldOpen); n != 1 {
		t.Fatalf("%s has %d JSON-LD scripts, want 1", rel, n)
	}
	text, _, found := strings.Cut(html[strings.Index(html, ldOpen)+len(ldOpen):], "</script>")
	if !found {
		t.Fatalf("%s: the JSON-LD script is not closed", rel)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		t.Fatalf("%s: JSON-LD does not parse: %v\n%s", rel, err, text)
	}
	if v["@context"] != "https://schema.org" {
		t.Errorf("%s: @context %v", rel, v["@context"])
	}
	return v
}

// TestJSONLD builds the sample site and checks that each kind of page
// carries its schema.org JSON-LD in one script element that parses, with
// the Open Graph tags beside it; render's tests check the fields.
func TestJSONLD(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Root: repoRoot, Out: out, Now: now}); err != nil {
		t.Fatal(err)
	}
	const base = "https://kb.example.org/"
	for rel, typ := range map[string]string{
		"agreements/hungary-ots-observer-status/index.html":                    "Legislation",
		"interviews/kecskes-trend-2025-hungary-customs-cooperation/index.html": "Article",
		"countries/hungary/index.html":                                         "Country",
		"organisations/ots/index.html":                                         "Organization",
		"index.html":                                                           "WebSite",
	} {
		v := readJSONLD(t, out, rel)
		if url := base + strings.TrimSuffix(rel, "index.html"); v["@type"] != typ || v["url"] != url {
			t.Errorf("%s: @type %v, url %v; want %s, %s", rel, v["@type"], v["url"], typ, url)
		}
	}
	rel := "agreements/hungary-ots-observer-status/index.html"
	assertFileContent(t, out, rel, `<meta property="og:type" content="article">`,
		`<meta property="article:published_time" content="2018">`,
		`<meta property="og:url" content="`+base+`agreements/hungary-ots-observer-status/">`)
	assertFileContent(t, out, "index.html", `<meta property="og:type" content="website">`, `<meta property="og:locale" content="en">`)
	assertFileNotContent(t, out, "index.html", "article:published_time")
	assertFileNotContent(t, out, "topics/eastern-opening/index.html", ldOpen)
	assertFileNotContent(t, out, "404.html", "og:", ldOpen)
}

// TestJSONLDHostileTitle gives an agreement a title and summary that would
// end the script element or open a comment if written as they are, and
// checks that the JSON-LD keeps them as text.
func TestJSONLDHostileTitle(t *testing.T) {
	const title = `</script><script>alert(1)</script> & <!-- "quoted"`
	s := newSite(t, `
-- config.toml --
baseURL = "https://example.org/"
language = "en-GB"
-- content/agreements/x.md --
---
title: '`+title+`'
summary: "</SCRIPT> in capitals"
signed: 2024-01-02
status: expired
parties: [Hungary]
---
Body.
`).Build()
	rel := "agreements/x/index.html"
	s.AssertFileLacks(rel, "<script>alert(1)", "<!--", "</SCRIPT>")
	v := readJSONLD(t, s.out, rel)
	if v["name"] != title || v["description"] != "</SCRIPT> in capitals" || v["legislationLegalForce"] != "https://schema.org/NotInForce" {
		t.Errorf("name %q, description %q, legal force %v", v["name"], v["description"], v["legislationLegalForce"])
	}
	s.AssertFile(rel, `<meta property="og:locale" content="en_GB">`)
}
