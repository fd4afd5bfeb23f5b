package render

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/site"
	"github.com/cooperation-kb/kb/generator/internal/site/sitetest"
)

// ldSite has a page of every kind that JSON-LD describes, with every
// field that it shows.
const ldSite = `
-- config.toml --
title = "KB"
description = "Agreements and interviews."
baseURL = "https://example.org/kb/"
language = "en-GB"
-- content/_index.md --
---
title: "Home"
summary: "Cooperation, cross-linked."
---
-- content/organisations/ots.md --
---
title: "Organization of Turkic States"
aliases: ["OTS"]
---
-- content/organisations/ntca.md --
---
title: "Hungarian National Tax and Customs Administration"
---
-- content/topics/eastern-opening.md --
---
title: "Eastern Opening policy"
---
-- content/agreements/observer.md --
---
title: "Hungary's observer status"
signed: "2018"
effective: "2018"
parties: [Hungary, OTS]
countries: [Hungary]
topics: [eastern-opening]
organisations: [ots]
status: in-force
summary: "Hungary joined the OTS as an observer."
source: "https://example.com/treaty"
---
-- content/agreements/training.md --
---
title: "Customs training"
signed: 2024-11-06
place: "Bishkek, Kyrgyzstan"
parties: [Hungary, Kyrgyzstan]
status: signed
---
-- content/agreements/old.md --
---
title: "An old protocol"
signed: 2001-01-02
parties: [Hungary]
status: expired
---
-- content/interviews/talk.md --
---
title: "Zsuzsa Kecskes on customs cooperation"
date: 2025-02-24
interviewee: "Zsuzsa Kecskes"
role: "Deputy Head"
organisation: "Hungarian National Tax and Customs Administration"
outlet: "Trend"
source: "https://example.com/interview"
countries: [Kyrgyzstan]
organisations: [ntca]
topics: [eastern-opening]
agreements: [observer, training]
---
`

// siteOf makes the model of a site written as a txtar archive.
func siteOf(t *testing.T, archive string) *site.Site { return sitetest.New(t, archive) }

// ldOf returns the JSON-LD of the document at the site path p, parsed
// back, or nil if its kind of page has none.
func ldOf(t *testing.T, s *site.Site, kind, p string) map[string]any {
	t.Helper()
	d := &Data{Site: s, Kind: kind}
	switch {
	case p == "":
		d.Doc, d.Section = &s.Home.Doc, s.Home
	case kind == "country" || kind == "term":
		for _, ts := range [][]*site.Term{s.Countries, s.Topics, s.Organisations} {
			for _, term := range ts {
				if term.Path == p {
					d.Doc, d.Term = &term.Doc, term
				}
			}
		}
	default:
		for _, page := range s.Pages {
			if page.Path == p {
				d.Doc, d.Page = &page.Doc, page
			}
		}
	}
	if d.Doc == nil {
		t.Fatalf("no document at %s", p)
	}
	js, err := jsonLD(d, english)
	if err != nil {
		t.Fatal(err)
	}
	if js == "" {
		return nil
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		t.Fatalf("%s: JSON-LD does not parse: %v\n%s", p, err, js)
	}
	if v["@context"] != "https://schema.org" {
		t.Errorf("%s: @context %v", p, v["@context"])
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

// TestJSONLD checks the schema.org description of each kind of page:
// types, fields and the nodes linked from them.
func TestJSONLD(t *testing.T) {
	s := siteOf(t, ldSite)
	const base = "https://example.org/kb/"

	a := ldOf(t, s, "agreement", "agreements/observer/")
	for k, want := range map[string]any{
		"@type": "Legislation", "name": "Hungary's observer status",
		"url": base + "agreements/observer/", "legislationType": "International agreement",
		"legislationDate": "2018", "legislationLegalForce": "https://schema.org/InForce", "temporalCoverage": "2018/..",
		"description": "Hungary joined the OTS as an observer.",
	} {
		if a[k] != want {
			t.Errorf("observer: %s = %v, want %v", k, a[k], want)
		}
	}
	parties := nodes(t, a, "legislationPassedBy")
	if len(parties) != 2 || !hasNode(parties, []string{"Country", "GovernmentOrganization"}, "Hungary", base+"countries/hungary/") ||
		!hasNode(parties, "Organization", "Organization of Turkic States", base+"organisations/ots/") {
		t.Errorf("observer: legislationPassedBy %v, want Hungary and the OTS", parties)
	}
	// It is about its topics and not again about its parties.
	if about := nodes(t, a, "about"); len(about) != 1 || !hasNode(about, "Thing", "Eastern Opening policy", base+"topics/eastern-opening/") {
		t.Errorf("observer: about %v, want its topic alone", about)
	}
	if src, _ := a["subjectOf"].(map[string]any); src["@type"] != "CreativeWork" || src["url"] != "https://example.com/treaty" {
		t.Errorf("observer: subjectOf %v", a["subjectOf"])
	}
	if site, _ := a["isPartOf"].(map[string]any); site["@type"] != "WebSite" || site["url"] != base || site["name"] != "KB" {
		t.Errorf("observer: isPartOf %v", a["isPartOf"])
	}

	k := ldOf(t, s, "agreement", "agreements/training/")
	if place, _ := k["locationCreated"].(map[string]any); place["@type"] != "Place" || place["name"] != "Bishkek, Kyrgyzstan" {
		t.Errorf("training: locationCreated %v", k["locationCreated"])
	}
	if k["legislationDate"] != "2024-11-06" {
		t.Errorf("training: legislationDate %v", k["legislationDate"])
	}
	// A signed agreement's legal force is not known; one without an
	// effective date covers no period.
	if _, ok := k["legislationLegalForce"]; ok {
		t.Errorf("training: a merely signed agreement has legislationLegalForce %v", k["legislationLegalForce"])
	}
	if _, ok := k["temporalCoverage"]; ok {
		t.Errorf("training: temporalCoverage %v without an effective date", k["temporalCoverage"])
	}
	if old := ldOf(t, s, "agreement", "agreements/old/"); old["legislationLegalForce"] != "https://schema.org/NotInForce" {
		t.Errorf("old: an expired agreement has legislationLegalForce %v", old["legislationLegalForce"])
	}

	i := ldOf(t, s, "interview", "interviews/talk/")
	if i["@type"] != "Article" || i["datePublished"] != "2025-02-24" || i["url"] != base+"interviews/talk/" ||
		i["headline"] != "Zsuzsa Kecskes on customs cooperation" {
		t.Errorf("talk: @type %v, datePublished %v, url %v, headline %v", i["@type"], i["datePublished"], i["url"], i["headline"])
	}
	if site, _ := i["isPartOf"].(map[string]any); site["@type"] != "WebSite" || site["url"] != base {
		t.Errorf("talk: isPartOf %v", i["isPartOf"])
	}
	about := nodes(t, i, "about")
	person := about[0]
	works, _ := person["worksFor"].(map[string]any)
	if person["@type"] != "Person" || person["name"] != "Zsuzsa Kecskes" || person["jobTitle"] != "Deputy Head" ||
		works["@type"] != "Organization" || works["name"] != "Hungarian National Tax and Customs Administration" {
		t.Errorf("talk: the interviewee is %v", person)
	}
	if !hasNode(about, "Country", "Kyrgyzstan", base+"countries/kyrgyzstan/") ||
		!hasNode(about, "Organization", "Hungarian National Tax and Customs Administration", base+"organisations/ntca/") ||
		!hasNode(about, "Thing", "Eastern Opening policy", base+"topics/eastern-opening/") {
		t.Errorf("talk: about %v lacks a country, organisation or topic", about)
	}
	mentions := nodes(t, i, "mentions")
	if len(mentions) != 2 || !hasNode(mentions, "Legislation", "Customs training", base+"agreements/training/") ||
		!hasNode(mentions, "Legislation", "Hungary's observer status", base+"agreements/observer/") {
		t.Errorf("talk: mentions %v, want the 2 agreements discussed", mentions)
	}
	if src, _ := i["isBasedOn"].(map[string]any); src["url"] != "https://example.com/interview" || src["publisher"].(map[string]any)["name"] != "Trend" {
		t.Errorf("talk: isBasedOn %v, want the interview published by Trend", i["isBasedOn"])
	}

	if c := ldOf(t, s, "country", "countries/hungary/"); c["@type"] != "Country" || c["name"] != "Hungary" || c["url"] != base+"countries/hungary/" {
		t.Errorf("countries/hungary/: %v", c)
	}
	if o := ldOf(t, s, "term", "organisations/ots/"); o["@type"] != "Organization" || o["name"] != "Organization of Turkic States" {
		t.Errorf("organisations/ots/: %v", o)
	}
	if topic := ldOf(t, s, "term", "topics/eastern-opening/"); topic != nil {
		t.Errorf("a topic's page has JSON-LD: %v", topic)
	}
	if h := ldOf(t, s, "home", ""); h["@type"] != "WebSite" || h["url"] != base || h["inLanguage"] != "en-GB" || h["description"] != "Cooperation, cross-linked." {
		t.Errorf("home: %v", h)
	}
}

// TestJSONLDEscapesMarkup: a title that would end the script element or
// open a comment is written with \u escapes, and parses back as it was.
func TestJSONLDEscapesMarkup(t *testing.T) {
	const title = `</script><script>alert(1)</script> & <!-- "quoted"`
	s := siteOf(t, "-- content/agreements/x.md --\n---\ntitle: '"+title+"'\nsummary: \"</SCRIPT> in capitals\"\nsigned: 2024-01-02\n---\n")
	p := s.Pages[0]
	js, err := jsonLD(&Data{Site: s, Kind: "agreement", Doc: &p.Doc, Page: p}, english)
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{"<", ">", "&"} {
		if strings.Contains(string(js), raw) {
			t.Errorf("the JSON-LD holds %q as it is: %s", raw, js)
		}
	}
	if v := ldOf(t, s, "agreement", "agreements/x/"); v["name"] != title || v["description"] != "</SCRIPT> in capitals" {
		t.Errorf("name %q, description %q", v["name"], v["description"])
	}
}

// TestJSONLDProtocols checks that a protocol is part of the website and of
// its base agreement, and that the base agreement has it as a part.
func TestJSONLDProtocols(t *testing.T) {
	s := siteOf(t, `
-- content/agreements/base.md --
---
title: Base
signed: 2020-01-02
---
-- content/agreements/protocol.md --
---
title: Protocol
signed: 2021-01-02
part-of: base
---
`)
	base := s.Config.Permalink("")
	p := ldOf(t, s, "agreement", "agreements/protocol/")
	parts, _ := p["isPartOf"].([]any)
	if len(parts) != 2 {
		t.Fatalf("protocol: isPartOf %v, want the website and the base agreement", p["isPartOf"])
	}
	site, _ := parts[0].(map[string]any)
	agreement, _ := parts[1].(map[string]any)
	if site["@type"] != "WebSite" || agreement["@type"] != "Legislation" || agreement["url"] != base+"agreements/base/" {
		t.Errorf("protocol: isPartOf %v", parts)
	}
	b := ldOf(t, s, "agreement", "agreements/base/")
	if !hasNode(nodes(t, b, "hasPart"), "Legislation", "Protocol", base+"agreements/protocol/") {
		t.Errorf("base: hasPart %v, want the protocol", b["hasPart"])
	}
	if _, ok := b["isPartOf"].(map[string]any); !ok {
		t.Errorf("base: isPartOf %v, want the website alone", b["isPartOf"])
	}
}
