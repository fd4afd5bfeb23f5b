package build

import (
	"path"
	"strings"
	"testing"
)

// TestNavigation builds a site with the repository's templates: its main
// navigation links to About only once the site has content/about.md, to
// Search only while the theme has a search page, and marks the entry of
// the page being read; no page links to a page that was not written.
func TestNavigation(t *testing.T) {
	s := newSite(t, `
-- content/agreements/a.md --
---
title: "A"
signed: 2024-01-01
countries: [Hungary]
---
Body.
`).Build().
		AssertFile("index.html", `<li><a href="/search/">Search</a></li>`).
		AssertFileLacks("index.html", "/about/", ">About<").
		AssertFileLacks("404.html", "/about/", ">About<")
	assertLinksWritten(t, s.out)

	s.EditFiles("content/about.md", "---\ntitle: \"About this site\"\n---\nText.\n").Build().
		AssertFile("index.html", `<li><a href="/organisations/">Organisations</a></li>
        <li><a href="/about/">About</a></li>
        <li><a href="/search/">Search</a></li>`).
		AssertFile("about/index.html", `<li><a href="/about/" aria-current="page">About</a></li>`).
		AssertFile("agreements/index.html", `<li><a href="/agreements/" aria-current="page">Agreements</a></li>`).
		AssertFile("agreements/a/index.html", `<li><a href="/agreements/" aria-current="true">Agreements</a></li>`).
		AssertFile("countries/hungary/index.html", `<li><a href="/countries/" aria-current="true">Countries</a></li>`).
		AssertFile("404.html", `<li><a href="/organisations/">Organisations</a></li>
    <li><a href="/about/">About</a></li>
  </ul>`)
	assertLinksWritten(t, s.out)
	for _, page := range []string{"index.html", "agreements/a/index.html", "countries/hungary/index.html"} {
		s.AssertFileLacks(page, `<a href="/about/" aria-current`)
	}

	s.RemoveFiles("templates/search.html").Build().
		AssertNoFile("search/index.html").
		AssertFileLacks("index.html", ">Search<")
	assertLinksWritten(t, s.out)
}

// assertLinksWritten checks that every root-relative href and src of
// every HTML file under dir names a file there, or a folder with an
// index.html.
func assertLinksWritten(t *testing.T, dir string) {
	t.Helper()
	files := snapshot(t, dir)
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range rootHref.FindAllString(string(data), -1) {
			target := strings.TrimPrefix(m[strings.Index(m, `"`)+1:len(m)-1], "/")
			target, _, _ = strings.Cut(target, "#")
			if strings.HasSuffix(target, "/") || target == "" {
				target = path.Join(target, "index.html")
			}
			if files[target] == nil {
				t.Errorf("%s links to %s, which was not written", name, m)
			}
		}
	}
}
