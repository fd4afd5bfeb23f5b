package build

import (
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// pagedSite has n agreements of Hungary and Uzbekistan, one a day from
// 2001-01-01, and pages of five entries.
func pagedSite(n int) string {
	var b strings.Builder
	b.WriteString("-- config.toml --\npageSize = 5\n-- content/agreements/_index.md --\n---\ntitle: Agreements\n---\nEvery agreement.\n")
	for i := range n {
		fmt.Fprintf(&b, "-- content/agreements/a%02d.md --\n---\ntitle: Agreement %02d\nsigned: 2001-01-%02d\nparties: [Hungary, Uzbekistan]\n---\nText.\n",
			i, i, i%28+1)
	}
	return b.String()
}

var (
	hrefs     = regexp.MustCompile(`href="([^"]+)"`)
	itemLinks = regexp.MustCompile(`<a class="item-title" href="([^"]+)"`)
)

// crawlList follows the links from the first page of the list at url to
// its other pages, and returns the entries each page lists, by page URL.
func crawlList(t *testing.T, out, url string) map[string][]string {
	t.Helper()
	pages := map[string][]string{}
	todo := []string{url}
	for len(todo) > 0 {
		u := todo[0]
		todo = todo[1:]
		if _, done := pages[u]; done {
			continue
		}
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(u), "index.html"))
		if err != nil {
			t.Fatalf("a link leads to %s, which was not written: %v", u, err)
		}
		pages[u] = nil
		for _, m := range itemLinks.FindAllStringSubmatch(string(data), -1) {
			pages[u] = append(pages[u], m[1])
		}
		for _, m := range hrefs.FindAllStringSubmatch(string(data), -1) {
			if strings.HasPrefix(m[1], url+"page/") || m[1] == url {
				todo = append(todo, m[1])
			}
		}
	}
	return pages
}

func TestPagesOfListsReachEveryEntry(t *testing.T) {
	s := newSite(t, pagedSite(23)).Build()
	for _, list := range []string{"/agreements/", "/timeline/", "/countries/hungary/"} {
		pages := crawlList(t, s.out, list)
		var entries []string
		for u, items := range pages {
			if len(items) == 0 || len(items) > 5 {
				t.Errorf("%s lists %d entries, want 1 to 5", u, len(items))
			}
			entries = append(entries, items...)
		}
		slices.Sort(entries)
		if len(pages) != 5 || len(entries) != 23 || len(slices.Compact(entries)) != 23 {
			t.Errorf("%s: %d pages reached listing %d entries, want 5 pages listing each of 23 once", list, len(pages), len(entries))
		}
	}
	s.AssertNoFile("agreements/page/1/index.html", "agreements/page/6/index.html").
		AssertFile("agreements/index.html", "Every agreement.", `<link rel="next" href="/agreements/page/2/">`,
			`<a href="/agreements/" aria-current="page"><span class="vh">Page </span>1</a>`, "1–5 of 23").
		AssertFile("agreements/page/3/index.html", "<title>Agreements (page 3 of 5) · ",
			`<link rel="prev" href="/agreements/page/2/">`, `<link rel="next" href="/agreements/page/4/">`,
			`<a href="/agreements/page/3/" aria-current="page">`, "11–15 of 23").
		AssertFileLacks("agreements/page/3/index.html", "Every agreement.").
		AssertFile("countries/hungary/index.html", "Cooperation partners").
		AssertFileLacks("countries/hungary/page/2/index.html", "Cooperation partners")

	// Fewer entries make fewer pages, and the pages no list has any more
	// go: no link anywhere leads to a page that says nothing.
	var gone []string
	for i := 5; i < 23; i++ {
		gone = append(gone, fmt.Sprintf("content/agreements/a%02d.md", i))
	}
	s.RemoveFiles(gone...).Build().
		AssertNoFile("agreements/page/2/index.html", "countries/hungary/page/2/index.html").
		AssertFileLacks("agreements/index.html", "/agreements/page/", `rel="next"`)
}

func TestFlagsAndWorldMap(t *testing.T) {
	s := newSite(t, `
-- content/agreements/a.md --
---
title: A
signed: 2001-02-03
parties: [Hungary, Singapore]
---
Text.
-- content/agreements/b.md --
---
title: B
signed: 1990-02-03
parties: [Hungary, YUG]
---
Text.
`).Build()
	var flags []string
	entries, err := os.ReadDir(filepath.Join(s.out, "flags"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		flags = append(flags, e.Name())
	}
	// Yugoslavia has no flag: its withdrawn code YU is no flag's.
	if want := []string{"LICENSE.txt", "hu.svg", "sg.svg"}; !slices.Equal(flags, want) {
		t.Errorf("flags/ holds %v, want %v: the flags the pages show and their licence", flags, want)
	}
	s.AssertFile("flags/LICENSE.txt", "MIT").
		AssertFile("agreements/a/index.html", `<img class="flag" src="/flags/hu.svg" alt=""`, `<img class="flag" src="/flags/sg.svg" alt=""`).
		AssertFile("countries/index.html", `<svg xmlns="http://www.w3.org/2000/svg" class="worldmap"`,
			`<a href="/countries/hungary/"><title>Hungary: 2 agreements</title>`,
			`Not on the map, too small for its scale or no longer a country: <a href="/countries/singapore/">Singapore</a> (1), <a href="/countries/yugoslavia/">Yugoslavia</a> (1).`).
		AssertFileLacks("countries/index.html", `<a href="/countries/singapore/"><title>`).
		AssertFile("countries/hungary/index.html", `<image href="/map/world.svg"`)

	world, err := os.ReadFile(filepath.Join(s.out, "map", "world.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(world, new(struct{})); err != nil {
		t.Errorf("map/world.svg is not well-formed: %v", err)
	}
	err = filepath.WalkDir(s.out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, r := range string(data) {
			if r >= 0x1F1E6 && r <= 0x1F1FF {
				t.Errorf("%s holds the regional indicator %U: flags are images", p, r)
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// withBaseURL is the config.toml of a site published at a host, which
// tests of what a build warns about start from: without a host the build
// warns of that too.
const withBaseURL = "-- config.toml --\nbaseURL = \"https://example.org/\"\n"

// noHostWarning is the warning of a build whose base URL is a path.
const noHostWarning = `config.toml: warning: baseURL "/" names no host, so the site has no feeds, no sitemap and no canonical or Open Graph URLs: set it to the address the site is published at, such as "https://example.org/"`

func TestNoBaseURLWritesNothingInvalid(t *testing.T) {
	const content = `
-- content/agreements/a.md --
---
title: A
signed: 2001-02-03
parties: [Hungary]
---
Text.
`
	s := newSite(t, content).Build().
		AssertWarnings(noHostWarning).
		AssertNoFile("sitemap.xml", "feed.xml", "feed.json", "countries/hungary/feed.xml").
		AssertFileLacks("agreements/a/index.html", `rel="canonical"`, `og:url`, `application/atom+xml`, `application/feed+json`)
	if got := s.readOut("robots.txt"); got != "User-agent: *\nAllow: /\n" {
		t.Errorf("robots.txt is %q, want no Sitemap line without a base URL", got)
	}
	s = newSite(t, "-- config.toml --\nbaseURL = \"https://example.org/kb/\"\n"+content).Build().AssertWarnings("").
		AssertFile("robots.txt", "Sitemap: https://example.org/kb/sitemap.xml").
		AssertFile("agreements/a/index.html", `<link rel="canonical" href="https://example.org/kb/agreements/a/">`,
			`<meta property="og:url" content="https://example.org/kb/agreements/a/">`, `href="/kb/feed.xml"`)
	for _, f := range []string{"sitemap.xml", "feed.xml", "feed.json", "countries/hungary/feed.xml"} {
		s.AssertFile(f, "https://example.org/kb/agreements/a/")
	}
}

func TestMetaDescription(t *testing.T) {
	newSite(t, `
-- config.toml --
description = "Customs agreements."
-- content/agreements/summed.md --
---
title: Summed
signed: 2024-01-02
summary: Its own summary.
---
The first sentence. The second.
-- content/agreements/plain.md --
---
title: Plain
signed: 2024-01-02
---
## Background

The parties met in *Bishkek* in 2024. They signed.
-- content/agreements/empty.md --
---
title: Empty
signed: 2024-01-02
---
`).Build().
		AssertFile("agreements/summed/index.html", `<meta name="description" content="Its own summary.">`).
		AssertFile("agreements/plain/index.html", `<meta name="description" content="The parties met in Bishkek in 2024.">`,
			`<meta property="og:description" content="The parties met in Bishkek in 2024.">`).
		AssertFile("agreements/empty/index.html", `<meta name="description" content="Customs agreements.">`)
}

func TestTimelineShowsEveryStep(t *testing.T) {
	s := newSite(t, `
-- config.toml --
pageSize = 3
-- content/agreements/a.md --
---
title: A
signed: 2001-02-03
effective: 2002-03-04
ended: 2010-01-01
parties:
  - Hungary
  - {name: Austria, acceded: 2005-06-07}
  - {name: Slovakia, withdrawn: 2008-09-10}
---
Text.
-- content/interviews/i.md --
---
title: I
date: 2003-04-05
---
Text.
`).Build()
	want := []string{"End", "Withdrawal: Slovakia", "Accession: Austria", "Interview", "Entry into force", "Signature"}
	var got []string
	kind := regexp.MustCompile(`<span class="kind">([^<]+)</span>`)
	for _, page := range []string{"timeline/index.html", "timeline/page/2/index.html"} {
		for _, m := range kind.FindAllStringSubmatch(s.readOut(page), -1) {
			got = append(got, m[1])
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("the timeline lists %q, want %q, newest first over two pages", got, want)
	}
	s.AssertNoFile("timeline/page/3/index.html").
		AssertFile("timeline/index.html", `<a href="/timeline/page/2/#y-2003">2003</a>`, `<a href="#y-2010">2010</a>`)
}

func TestListItemNamesSixParties(t *testing.T) {
	s := newSite(t, withBaseURL+`
-- content/agreements/many.md --
---
title: Many
signed: 2001-02-03
parties: [Austria, Belgium, Croatia, Denmark, Estonia, Finland, Greece, Hungary]
---
Text.
`).Build()
	// Without flags: a flag is a request, and a list names many.
	s.AssertFile("agreements/index.html", `<span class="who">Austria, Belgium, Croatia, Denmark, Estonia, Finland and 2 more</span>`).
		AssertFileLacks("agreements/index.html", "Greece", `class="flag"`)
}

// TestLongListsWithoutFlags checks that lists and tables of more than 24
// countries name them without flags, each flag being an image to fetch,
// and that shorter ones show them.
func TestLongListsWithoutFlags(t *testing.T) {
	parties := "Austria, Belgium, Bulgaria, Croatia, Cyprus, Czechia, Denmark, Estonia, Finland, France, Germany, Greece, " +
		"Hungary, Ireland, Italy, Latvia, Lithuania, Luxembourg, Malta, Netherlands, Poland, Portugal, Romania, Slovakia, Slovenia"
	s := newSite(t, withBaseURL+`
-- content/agreements/many.md --
---
title: Many
signed: 2001-02-03
parties: [`+parties+`]
---
Text.
-- content/agreements/few.md --
---
title: Few
signed: 2002-02-03
parties: [Hungary, Austria]
---
Text.
`).Build()
	// 25 countries in the index, 25 parties and countries on Many's page.
	for _, page := range []string{"countries/index.html", "agreements/many/index.html"} {
		s.AssertFileLacks(page, `class="flag"`)
	}
	// Hungary has 24 partners.
	s.AssertFile("countries/hungary/index.html", `<a href="/countries/slovenia/"><img class="flag" src="/flags/si.svg"`).
		AssertFile("agreements/few/index.html", `<img class="flag" src="/flags/at.svg"`)
}
