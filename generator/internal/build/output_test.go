package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	s := newSite(t, minimalTemplates+smallSite).Build().
		EditFiles("content/agreements/kyrgyz-training.md", "---\ntitle: \"Changed\"\n---\n").
		BuildFails(`content/agreements/kyrgyz-training.md:2:1: missing field "signed": an agreement needs the date it was signed unless its status is "planned"` + "\n" +
			`content/interviews/talk.md:8:5: link to missing heading #training-plan on /agreements/kyrgyz-training/`)
	assertNoTemporaryFolders(t, s.root)
}

func assertNoTemporaryFolders(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		// The stage and the lock file stay beside the output by design.
		if strings.HasPrefix(e.Name(), ".public") && e.Name() != ".public.stage" && e.Name() != ".public.lock" {
			t.Errorf("temporary folder %s left beside public/", e.Name())
		}
	}
}

func TestBuildRemovesStaleFiles(t *testing.T) {
	s := newSite(t, minimalTemplates+smallSite).Build().
		AssertFile("agreements/turkish-protocol/index.html").
		AssertFile("countries/turkiye/index.html", "Turkish protocol")

	// Delete the only agreement naming Türkiye; the interview still names it.
	s.RemoveFiles("content/agreements/turkish-protocol.md")
	// And leave files no build made, deep in folders of their own and
	// beside pages.
	writeFiles(t, s.out, map[string]string{"old/deep/er/file.txt": "stray", "old/deep/file.txt": "stray", "agreements/stray.txt": "stray"})
	// The second build after it writes into the folder that the first
	// build wrote, which still holds the agreement.
	for range 2 {
		s.Build().
			AssertNoFile("agreements/turkish-protocol/index.html", "agreements/turkish-protocol", "agreements/stray.txt", "old").
			AssertFile("agreements/index.html").
			AssertFileLacks("countries/turkiye/index.html", "Turkish protocol")
		assertNoTemporaryFolders(t, s.root)
	}
	assertExists(t, s.root, ".public.stage/agreements/turkish-protocol", false)
}

func TestBuildIsDeterministic(t *testing.T) {
	s := newSite(t, minimalTemplates+smallSite).Build()
	first := snapshot(t, s.out)
	s.Build()
	assertSameFiles(t, snapshot(t, s.out), first)

	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	s.Build()
	assertSameFiles(t, snapshot(t, s.out), first)
}

const draftsSite = `
-- content/agreements/a.md --
---
title: "A"
signed: 2024-01-01
---
-- content/agreements/draft.md --
---
title: "Draft"
signed: 2024-01-01
draft: true
---
-- content/interviews/future.md --
---
title: "Future"
date: 2025-07-01
---
`

func TestDraftsAndFuture(t *testing.T) {
	for _, tc := range []struct {
		name          string
		opts          Options
		draft, future bool
	}{
		{"default", Options{}, false, false},
		{"drafts", Options{Drafts: true}, true, false},
		{"future", Options{Future: true}, false, true},
		{"both", Options{Drafts: true, Future: true}, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSite(t, minimalTemplates+draftsSite).WithOptions(tc.opts).Build().
				AssertFile("agreements/a/index.html")
			assertExists(t, s.out, "agreements/draft/index.html", tc.draft)
			assertExists(t, s.out, "interviews/future/index.html", tc.future)
			if want := 1 + b2i(tc.draft); s.sum.Agreements != want {
				t.Errorf("%d agreements, want %d", s.sum.Agreements, want)
			}
		})
	}
	// The future is relative to Options.Now.
	newSite(t, minimalTemplates+draftsSite).WithOptions(Options{Now: now.AddDate(1, 0, 0)}).Build().
		AssertFile("interviews/future/index.html")
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestOutputFolderRefused(t *testing.T) {
	s := newSite(t, minimalTemplates+draftsSite)
	dir := s.root
	for _, tc := range []struct{ out, want string }{
		{dir, "output folder " + dir + " holds the site root: choose a folder inside it such as public/"},
		{filepath.Dir(dir), "output folder " + filepath.Dir(dir) + " holds the site root: choose a folder inside it such as public/"},
		{filepath.Join(dir, "content"), "output folder " + filepath.Join(dir, "content") + " overlaps content/: choose another, such as public/"},
		{filepath.Join(dir, "content", "public"), "output folder " + filepath.Join(dir, "content", "public") + " overlaps content/: choose another, such as public/"},
		{filepath.Join(dir, "templates"), "output folder " + filepath.Join(dir, "templates") + " overlaps templates/: choose another, such as public/"},
	} {
		s.WithOptions(Options{Out: tc.out}).BuildFails(tc.want)
	}
	assertExists(t, dir, "content/agreements/a.md", true)
	assertExists(t, dir, "content/public", false)
	// Another folder beside the root is fine.
	s.WithOptions(Options{Out: filepath.Join(t.TempDir(), "site")}).Build().
		AssertFile("agreements/a/index.html", "title=A")
}

const unsafeSite = `
-- content/about.md --
---
title: "<script>x</script>"
---
<script>alert(1)</script>

Click [me](javascript:alert(1)), [me too](JavaScript:alert(2)) or
[the source](https://example.org/a).
`

func TestUnsafeContent(t *testing.T) {
	const page = "about/index.html"
	newSite(t, minimalTemplates+unsafeSite).Build().
		AssertFileLacks(page, "<script>", "alert(1)</script>", "javascript:", "JavaScript:").
		AssertFile(page,
			"title=&lt;script&gt;x&lt;/script&gt;",
			`<a href="https://example.org/a" rel="noopener">the source</a>`).
		EditFiles("config.toml", "allowHTML = true\n").Build().
		AssertFile(page, "<script>alert(1)</script>", "title=&lt;script&gt;x&lt;/script&gt;").
		AssertFileLacks(page, "javascript:", "JavaScript:")
}

func TestBundle(t *testing.T) {
	newSite(t, minimalTemplates+`
-- content/agreements/x/index.md --
---
title: "X"
signed: 2024
---
![p](photo.png)
-- content/agreements/x/photo.png --
not really a PNG
`).Build().
		AssertFile("agreements/x/photo.png", "not really a PNG").
		AssertFile("agreements/x/index.html", `<img src="/agreements/x/photo.png" alt="p">`).
		AssertNoFile("agreements/x/index.md")
}

func TestBaseURLWithSubPath(t *testing.T) {
	s := newSite(t, minimalTemplates+smallSite+`
-- static/css/style.css --
body {}
-- content/about.md --
---
title: "About"
---
[Home](/), [agreements](/agreements/), [style](/css/style.css), [the plan](/kb/agreements/kyrgyz-training/#training-plan).
`).EditFiles("config.toml", "title = \"KB\"\nbaseURL = \"https://example.org/kb/\"\n").Build().
		AssertFile("about/index.html",
			`<a href="/kb/">Home</a>`, `<a href="/kb/agreements/">agreements</a>`, `<a href="/kb/css/style.css">style</a>`,
			`<a href="/kb/agreements/kyrgyz-training/#training-plan">the plan</a>`).
		AssertFile("interviews/talk/index.html", `<a href="/kb/agreements/kyrgyz-training/">Kyrgyz training</a>`)
	assertAllHrefsUnder(t, s.out, "/kb/")
}

var rootHref = regexp.MustCompile(`(?:href|src)="/[^"]*"`)

// assertAllHrefsUnder checks that every root-relative href and src of every
// HTML file under dir starts with prefix.
func assertAllHrefsUnder(t *testing.T, dir, prefix string) {
	t.Helper()
	pages := 0
	for name, data := range snapshot(t, dir) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		for _, m := range rootHref.FindAllString(string(data), -1) {
			if !strings.Contains(m, `="`+prefix) {
				t.Errorf("%s: %s is not under %s", name, m, prefix)
			}
		}
	}
	if pages == 0 {
		t.Error("no HTML files")
	}
}

// hostileSite puts markup, template actions and URLs a browser would run
// into every kind of value an editor writes, for the theme to show.
const hostileSite = `
-- content/agreements/x.md --
---
title: '"><img src=x onerror=alert(1)>'
summary: "<script>alert(2)</script>"
place: '{{ template "base.html" . }}'
signed: 2024-01-01
countries: [Hungary]
parties: [Hungary]
---
Links: [a](vbscript:msgbox(1)), [b](data:text/html,<script>alert(3)</script>), [c](https://example.org/).

![i](javascript:alert(4)) ![j](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)
-- content/interviews/y.md --
---
title: "Y"
date: 2025-01-01
interviewee: "<b onmouseover=alert(5)>Z</b>"
countries: [Hungary]
agreements: [x]
---
See [[x]].
`

// runnable matches an href or src whose URL a browser would run or load
// as a document: only http(s), site paths and fragments may be there.
var runnable = regexp.MustCompile(`(?i)(href|src)="\s*(javascript|vbscript|data|file):`)

// TestHostileValuesInTheme builds a hostile site with the default theme
// and checks every page it writes: values are shown as text, never as
// markup or template actions, and no link or image runs anything.
func TestHostileValuesInTheme(t *testing.T) {
	s := newSite(t, hostileSite).Build()
	pages := 0
	err := filepath.WalkDir(s.out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(s.out, p)
		for _, bad := range []string{"<img src=x", "<script>alert", "<b onmouseover", "alert(3)"} {
			if strings.Contains(string(data), bad) {
				t.Errorf("%s holds %q as markup", rel, bad)
			}
		}
		if m := runnable.Find(data); m != nil {
			t.Errorf("%s links to %s", rel, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Fatalf("checked %d pages, want the whole site", pages)
	}
	s.AssertFile("agreements/x/index.html",
		`<h1>&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</h1>`,
		`&lt;script&gt;alert(2)&lt;/script&gt;`,
		`{{ template &#34;base.html&#34; . }}`,
		`<a href="https://example.org/" rel="noopener">c</a>`,
		`<img src="" alt="i">`).
		AssertFile("interviews/y/index.html", `&lt;b onmouseover=alert(5)&gt;Z&lt;/b&gt;`)
}

// TestSourceMustBeHTTP checks that a source field naming a URL a browser
// would run is an error at the field, rather than a link.
func TestSourceMustBeHTTP(t *testing.T) {
	for _, src := range []string{"javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,x", "file:///etc/passwd"} {
		newSite(t, minimalTemplates+"-- content/agreements/x.md --\n---\ntitle: X\nsigned: 2024\nsource: \""+src+"\"\n---\n").
			BuildFails(`content/agreements/x.md:4:1: source: expected an absolute http(s) URL, got "` + src + `"`)
	}
}
