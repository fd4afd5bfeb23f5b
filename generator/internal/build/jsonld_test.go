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

// nodes returns the objects of the list at key.
func nodes(t *testing.T, v map[string]any, key string) []map[string]any {
	t.Helper()
	list, ok := v[key].([]any)
	if !ok {
		t.Fatalf("%s is %T, want a list", key, v[key])
	}
	out := make([]map[string]any, len(list))
	for i, n := range list {
		out[i] = n.(map[string]any)
	}
	return out
}

// hasNode reports whether list holds a node of type typ named name, linked
// to url if url is not "".
func hasNode(list []map[string]any, typ any, name, url string) bool {
	want, _ := json.Marshal(typ)
	for _, n := range list {
		got, _ := json.Marshal(n["@type"])
		if string(got) == string(want) && n["name"] == name && (url == "" || n["url"] == url) {
			return true
		}
	}
	return false
}

// TestJSONLD parses the schema.org JSON-LD of the sample site's pages back
// and checks their types and fields, with the Open Graph tags beside them.
func TestJSONLD(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Root: repoRoot, Out: out, Now: now}); err != nil {
		t.Fatal(err)
	}
	const base = "https://kb.example.org/"

	rel := "agreements/hungary-ots-observer-status/index.html"
	a := readJSONLD(t, out, rel)
	for k, want := range map[string]any{
		"@type": "Legislation", "name": "Hungary's observer status in the Organization of Turkic States",
		"url": base + "agreements/hungary-ots-observer-status/", "legislationType": "International agreement",
		"legislationDate": "2018", "legislationLegalForce": "https://schema.org/InForce", "temporalCoverage": "2018/..",
	} {
		if a[k] != want {
			t.Errorf("%s: %s = %v, want %v", rel, k, a[k], want)
		}
	}
	if d, _ := a["description"].(string); !strings.HasPrefix(d, "Hungary joined") {
		t.Errorf("%s: description %q, want the summary", rel, d)
	}
	parties := nodes(t, a, "legislationPassedBy")
	if len(parties) != 2 || !hasNode(parties, []string{"Country", "GovernmentOrganization"}, "Hungary", base+"countries/hungary/") ||
		!hasNode(parties, "Organization", "Organization of Turkic States", base+"organisations/ots/") {
		t.Errorf("%s: legislationPassedBy %v, want Hungary and the OTS", rel, parties)
	}
	if about := nodes(t, a, "about"); !hasNode(about, "Thing", "Eastern Opening policy", base+"topics/eastern-opening/") {
		t.Errorf("%s: about %v lacks its topic", rel, about)
	}
	assertFileContent(t, out, rel, `<meta property="og:type" content="article">`,
		`<meta property="article:published_time" content="2018">`,
		`<meta property="og:url" content="`+base+`agreements/hungary-ots-observer-status/">`)

	rel = "agreements/hungary-kyrgyzstan-customs-training/index.html"
	k := readJSONLD(t, out, rel)
	if place, _ := k["locationCreated"].(map[string]any); place["@type"] != "Place" || place["name"] != "Bishkek, Kyrgyzstan" {
		t.Errorf("%s: locationCreated %v", rel, k["locationCreated"])
	}
	// A signed agreement's legal force is not known; one without an
	// effective date covers no period.
	if _, ok := k["legislationLegalForce"]; ok {
		t.Errorf("%s: a merely signed agreement has legislationLegalForce %v", rel, k["legislationLegalForce"])
	}
	if _, ok := k["temporalCoverage"]; ok {
		t.Errorf("%s: temporalCoverage %v without an effective date", rel, k["temporalCoverage"])
	}

	rel = "interviews/kecskes-trend-2025-hungary-customs-cooperation/index.html"
	i := readJSONLD(t, out, rel)
	if i["@type"] != "Article" || i["datePublished"] != "2025-02-24" || i["url"] != base+"interviews/kecskes-trend-2025-hungary-customs-cooperation/" ||
		!strings.HasPrefix(i["headline"].(string), "Zsuzsa Kecskes on") {
		t.Errorf("%s: @type %v, datePublished %v, url %v, headline %v", rel, i["@type"], i["datePublished"], i["url"], i["headline"])
	}
	if site, _ := i["isPartOf"].(map[string]any); site["@type"] != "WebSite" || site["url"] != base {
		t.Errorf("%s: isPartOf %v", rel, i["isPartOf"])
	}
	about := nodes(t, i, "about")
	person := about[0]
	works, _ := person["worksFor"].(map[string]any)
	if person["@type"] != "Person" || person["name"] != "Zsuzsa Kecskes" || person["jobTitle"] != "Deputy Head of the International Relations Department" ||
		works["@type"] != "Organization" || works["name"] != "Hungarian National Tax and Customs Administration" {
		t.Errorf("%s: the interviewee is %v", rel, person)
	}
	if !hasNode(about, "Country", "Kyrgyzstan", base+"countries/kyrgyzstan/") ||
		!hasNode(about, "Organization", "World Customs Organization", base+"organisations/wco/") ||
		!hasNode(about, "Thing", "Digital trade", base+"topics/digital-trade/") {
		t.Errorf("%s: about %v lacks a country, organisation or topic", rel, about)
	}
	mentions := nodes(t, i, "mentions")
	if len(mentions) != 5 || !hasNode(mentions, "Legislation", "Hungary–Uzbekistan customs cooperation agreement", base+"agreements/hungary-uzbekistan-customs-cooperation/") {
		t.Errorf("%s: mentions %v, want the 5 agreements discussed", rel, mentions)
	}
	if src, _ := i["isBasedOn"].(map[string]any); src["publisher"].(map[string]any)["name"] != "Trend" {
		t.Errorf("%s: isBasedOn %v, want the interview published by Trend", rel, i["isBasedOn"])
	}

	if c := readJSONLD(t, out, "countries/hungary/index.html"); c["@type"] != "Country" || c["name"] != "Hungary" {
		t.Errorf("countries/hungary/: %v", c)
	}
	if h := readJSONLD(t, out, "index.html"); h["@type"] != "WebSite" || h["url"] != base || h["inLanguage"] != "en" {
		t.Errorf("home: %v", h)
	}
	assertFileContent(t, out, "index.html", `<meta property="og:type" content="website">`, `<meta property="og:locale" content="en">`)
	assertFileNotContent(t, out, "index.html", "article:published_time")
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
