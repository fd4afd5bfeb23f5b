package build

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/corpus"
)

func chapterSite(t *testing.T, body string) *testSite {
	t.Helper()
	return newSite(t, `
-- config.toml --
title = "KB"
baseURL = "https://kb.example/"
-- content/agreements/treaty.md --
---
title: "The Treaty"
signed: 2020-01-01
countries: [Hungary]
---
`+body+`
-- content/agreements/note.md --
---
title: "A note"
signed: 2021-01-01
---
On [the fourth chapter's article](treaty.md#article-41).
`)
}

// TestLongDocumentInChapters checks a long body published as pages of
// chapters: the document's page shows what comes before the second
// chapter and the contents, holding the IDs of the other chapters'
// headings; each other chapter has a page, and links between chapters
// lead to them; edits of the body, in the server, give what a fresh build
// gives, pages of chapters added and removed.
func TestLongDocumentInChapters(t *testing.T) { chapterScenarios(t) }

// TestLongDocumentInChaptersOfALargeSite runs the same with the bodies in
// a spill, as a large site keeps them.
func TestLongDocumentInChaptersOfALargeSite(t *testing.T) {
	asLargeSite(t)
	chapterScenarios(t)
}

func chapterScenarios(t *testing.T) {
	s := chapterSite(t, corpus.LongText(5)).Running().Build()
	s.AssertFile("agreements/treaty/index.html",
		"Text of chapter 1,",
		`<li data-chapter="/agreements/treaty/chapter-4/"><a href="/agreements/treaty/chapter-4/">Chapter 4</a><span id="chapter-4"></span><span id="article-41"></span></li>`,
		`<a rel="next" href="/agreements/treaty/chapter-2/"><span>Next:</span> Chapter 2</a>`,
		"js/chapters.",
	).AssertFileLacks("agreements/treaty/index.html", "Text of chapter 2,", `class="prose long"`)
	s.AssertFile("agreements/treaty/chapter-3/index.html",
		"<title>Chapter 3 — The Treaty · ",
		`<h1><a href="/agreements/treaty/">The Treaty</a></h1>`,
		"Part 3 of 5",
		`<section class="part">`+"\n"+`<h2 id="chapter-3">Chapter 3</h2>`,
		`<a href="../chapter-4/#article-41">article 4.1</a>`,
		`<a rel="prev" href="/agreements/treaty/chapter-2/">`,
		`<a rel="next" href="/agreements/treaty/chapter-4/">`,
		`<li><a href="#article-31">Article 3.1</a></li>`,
	).AssertFileLacks("agreements/treaty/chapter-3/index.html", "Text of chapter 2,", "Text of chapter 4,", "application/ld+json")
	s.AssertFile("agreements/note/index.html", `<a href="/agreements/treaty/#article-41">`)
	// A feed's entry, read elsewhere, links between chapters from the
	// document's page.
	s.AssertFile("feed.xml", "/agreements/treaty/chapter-4/#article-41").AssertFileLacks("feed.xml", "href=&#34;./", "href=&#34;../")
	// Search finds each chapter on its page.
	s.AssertFile("search/index.json", `["agreements/treaty/","The Treaty",0,`, `["agreements/treaty/chapter-3/","Chapter 3 — The Treaty",0,`)
	s.AssertSameAsFresh()

	t.Run("a body edited, its chapters the same", func(t *testing.T) {
		s.ReplaceInFile("content/agreements/treaty.md", "Text of chapter 3,", "Wording of chapter 3,").Build().
			AssertFile("agreements/treaty/chapter-3/index.html", "Wording of chapter 3,").
			AssertSameAsFresh()
		assertKeptModel(t, s, true)
	})
	t.Run("a chapter's heading reworded, its ID the same", func(t *testing.T) {
		s.ReplaceInFile("content/agreements/treaty.md", "## Chapter 2\n", "## Chapter 2:\n").Build().
			AssertFile("agreements/treaty/chapter-2/index.html", "<title>Chapter 2: — The Treaty · ").
			AssertFile("search/index.json", `["agreements/treaty/chapter-2/","Chapter 2: — The Treaty",0,`).
			AssertSameAsFresh()
	})
	t.Run("a chapter added", func(t *testing.T) {
		s.AppendFiles("## Chapter 6\n\nThe last words.\n", "content/agreements/treaty.md").Build().
			AssertFile("agreements/treaty/chapter-6/index.html", "The last words.").
			AssertFile("agreements/treaty/chapter-5/index.html", `<a rel="next" href="/agreements/treaty/chapter-6/">`).
			AssertSameAsFresh()
	})
	t.Run("a chapter made a section", func(t *testing.T) {
		s.ReplaceInFile("content/agreements/treaty.md", "## Chapter 5\n", "### Chapter 5\n").Build().
			AssertNoFile("agreements/treaty/chapter-5/index.html").
			AssertFile("agreements/treaty/chapter-4/index.html", `<li><a href="#chapter-5">Chapter 5</a></li>`).
			AssertSameAsFresh()
	})
	t.Run("the title edited", func(t *testing.T) {
		s.ReplaceInFile("content/agreements/treaty.md", `"The Treaty"`, `"The Old Treaty"`).Build().
			AssertFile("agreements/treaty/chapter-2/index.html", "<title>Chapter 2: — The Old Treaty · ").
			AssertSameAsFresh()
		assertKeptModel(t, s, true)
	})
	t.Run("the body made short", func(t *testing.T) {
		s.EditFiles("content/agreements/treaty.md", "---\ntitle: \"The Treaty\"\nsigned: 2020-01-01\n---\n## Chapter 1\n\n## Chapter 4\n\n### Article 4.1\n").Build().
			AssertNoFile("agreements/treaty/chapter-2/index.html", "agreements/treaty/chapter-4/index.html").
			AssertFile("agreements/note/index.html", `<a href="/agreements/treaty/#article-41">`).
			AssertSameAsFresh()
	})
}

// TestChaptersInAThemeWithoutTheirTemplate checks that a theme written
// before chapters, whose template of an agreement shows .Doc.Content,
// shows each chapter's text on its page.
func TestChaptersInAThemeWithoutTheirTemplate(t *testing.T) {
	s := newSite(t, minimalTemplates+`
-- content/agreements/treaty.md --
---
title: "The Treaty"
signed: 2020-01-01
---
`+corpus.LongText(5)).Build()
	s.AssertFile("agreements/treaty/chapter-3/index.html", "kind=agreement|title=Chapter 3 — The Treaty|", `<h2 id="chapter-3">Chapter 3</h2>`, "Text of chapter 3,").
		AssertFileLacks("agreements/treaty/chapter-3/index.html", "Text of chapter 2,", "Text of chapter 4,")
}

// TestChapterWhereAFileIs checks that a chapter whose page would be
// published where a file of its bundle is fails the build at its
// heading, in the server too, after a save of front matter and body that
// keeps the model or one of the file beside it, and that a heading
// without text begins no chapter.
func TestChapterWhereAFileIs(t *testing.T) {
	text := strings.Replace(corpus.LongText(4), "## Chapter 3\n", "## \n\nUntitled.\n\n## Chapter 3\n", 1)
	src := "---\ntitle: \"The Treaty\"\nsigned: 2020-01-01\n---\n" + text
	line := slices.Index(strings.Split(src, "\n"), "## Chapter 2") + 1
	want := fmt.Sprintf(`content/agreements/treaty/index.md:%d:1: chapter "Chapter 2" publishes to /agreements/treaty/chapter-2/, as agreements/treaty/chapter-2 does: give the heading another title`, line)
	s := newSite(t, "-- config.toml --\ntitle = \"KB\"\n").
		EditFiles("content/agreements/treaty/index.md", strings.Replace(src, "## Chapter 2\n", "## Second\n", 1),
			"content/agreements/treaty/chapter-2", "A file of the bundle.").Running().Build()
	s.AssertFile("agreements/treaty/second/index.html", "Untitled.").AssertNoFile("agreements/treaty/heading/index.html").AssertSameAsFresh()

	// The title and a heading in one save: the model is kept.
	s.EditFiles("content/agreements/treaty/index.md", strings.Replace(src, "The Treaty", "The Old Treaty", 1)).
		BuildFails(want)
	s.EditFiles("content/agreements/treaty/index.md", src).BuildFails(want)
	s.RemoveFiles("content/agreements/treaty/chapter-2").Build().AssertFile("agreements/treaty/chapter-2/index.html", "Untitled.").AssertSameAsFresh()
	s.EditFiles("content/agreements/treaty/chapter-2", "A file of the bundle.").BuildFails(want)
	s.running = false
	s.BuildFails(want)
}
