package build

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/corpus"
)

// TestIncrementalBuildsMatchFullBuilds edits a copy of the sample site at
// random, the way editors do (bodies, every kind of front-matter field,
// files added, removed and renamed), and after every edit compares what
// the development server's builder wrote with a fresh full build of the
// same files: the same errors, or the same files byte for byte.
func TestIncrementalBuildsMatchFullBuilds(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			// Even seeds edit the site in English alone, odd ones in two
			// languages.
			s := monolingualSample(t)
			if seed%2 == 1 {
				s = sampleSite(t)
			}
			s = s.WithOptions(Options{BaseURL: "http://127.0.0.1:1313/"}).Running().Build()
			n := checkRandomEdits(t, s, rand.New(rand.NewPCG(seed, 1)), 40)
			if n.bodies == 0 || n.partial == 0 {
				t.Errorf("of 40 builds, %d rendered bodies alone and %d some pages after a change to front matter; want some of each", n.bodies, n.partial)
			}
		})
	}
}

// TestIncrementalBuildsOfListsMatchFullBuilds does the same on a generated
// site of a hundred pages whose lists are split into pages of three
// entries, so that edits move entries from one page of a list to another,
// and checks that builds after changes to front matter write only some
// pages.
func TestIncrementalBuildsOfListsMatchFullBuilds(t *testing.T) {
	for seed := range uint64(2) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			s := newSite(t, "-- config.toml --\nbaseURL = \"http://127.0.0.1:1313/\"\npageSize = 3\n")
			if err := corpus.Write(s.root, 100, seed+1); err != nil {
				t.Fatal(err)
			}
			s.Running().Build()
			n := checkRandomEdits(t, s, rand.New(rand.NewPCG(seed, 2)), 40)
			if n.partial == 0 || n.retagged == 0 {
				t.Errorf("of 40 builds, %d rendered only some pages after a change to front matter and %d gave pages their terms in the kept model; want some of each", n.partial, n.retagged)
			}
		})
	}
}

// TestIncrementalBuildsOfALargeSiteMatchFullBuilds does the same with the
// development server's builder of a large site, which drops the sources
// it parsed and keeps rendered bodies in its spill, in one language and in
// two.
func TestIncrementalBuildsOfALargeSiteMatchFullBuilds(t *testing.T) {
	asLargeSite(t)
	for seed := range uint64(2) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			s := monolingualSample(t)
			if seed == 1 {
				s = sampleSite(t)
			}
			s = s.WithOptions(Options{BaseURL: "http://127.0.0.1:1313/"}).Running().Build()
			assertLargeLive(t, s.live)
			if n := checkRandomEdits(t, s, rand.New(rand.NewPCG(seed, 3)), 30); n.bodies == 0 {
				t.Error("no build rendered bodies alone")
			}
			assertLargeLive(t, s.live)
		})
	}
}

// TestSpillOfALargeSiteIsCompacted changes the path of the base URL of a
// large site twice while the development server runs, which renders every
// body again into the builder's spill, and checks that the next build
// moves the bodies kept into a new spill, closes the old one, and writes
// every page from the bodies where they went; and that closing the
// builder closes its spill.
func TestSpillOfALargeSiteIsCompacted(t *testing.T) {
	asLargeSite(t)
	defer func(n int64) { spillSlack = n }(spillSlack)
	spillSlack = 0
	const base = `baseURL = "https://kb.example.org/"`
	s := monolingualSample(t).Running().Build()
	first := s.live.spill
	s.ReplaceInFile("config.toml", base, `baseURL = "https://kb.example.org/kb/"`).Build().AssertSameAsFresh()
	s.ReplaceInFile("config.toml", `baseURL = "https://kb.example.org/kb/"`, base).Build().AssertSameAsFresh()
	if s.live.spill != first {
		t.Fatal("the spill was compacted while it held no more than twice its bodies")
	}
	s.ReplaceInFile("config.toml", `title = "Cooperation Knowledge Base"`, `title = "Cooperation Knowledge Base, renamed"`).Build().
		AssertFile("index.html", "Cooperation Knowledge Base, renamed").
		AssertSameAsFresh()
	if s.live.spill == first {
		t.Fatal("the spill was not compacted, holding three times its bodies")
	}
	if _, err := first.f.Stat(); err == nil {
		t.Error("the spill before was left open")
	}
	kept := int64(0)
	for _, e := range s.live.bodies {
		kept += e.stored.(*spilled).n
	}
	if s.live.spill.end != kept {
		t.Errorf("the new spill holds %d bytes, want the %d of the bodies kept", s.live.spill.end, kept)
	}
	assertLargeLive(t, s.live)
	last := s.live.spill
	s.live.Close()
	if _, err := last.f.Stat(); err == nil {
		t.Error("the builder's spill is open after Close")
	}
}

// asLargeSite makes every site the test builds a large one, and puts back
// the collector's settings when the test ends, whatever a large build set.
func asLargeSite(t *testing.T) {
	t.Helper()
	n := largeSite
	largeSite = 1
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() {
		largeSite = n
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
}

// assertLargeLive checks that the live builder b of a large site keeps no
// source and every rendered body in its spill.
func assertLargeLive(t *testing.T, b *Builder) {
	t.Helper()
	if b.spill == nil {
		t.Fatal("the builder of a large site has no spill")
	}
	for path, f := range b.files {
		if f.Body != nil {
			t.Errorf("%s: the builder of a large site kept its source", path)
		}
	}
	for key, e := range b.bodies {
		if e.stored == nil || e.html != "" {
			t.Errorf("%s: the builder of a large site kept its rendered body in memory", key)
		}
	}
}

func sameFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if string(b[k]) != string(v) {
			return false
		}
	}
	return true
}

// TestLargeSiteBuildIsTheSame builds the sample site as a large site is
// built, with sources read again and rendered bodies kept in a file, and
// with every page but the shortest streamed to its file as a large site's
// long lists are, and checks that the output is the same as that of an
// ordinary build and that nothing is left beside it.
func TestLargeSiteBuildIsTheSame(t *testing.T) {
	s := sampleSite(t).Build()
	want := snapshot(t, s.out)

	defer func(n int64) { largeSite = n }(largeSite)
	largeSite = 1
	defer func(n int) { keptBuffer = n }(keptBuffer)
	keptBuffer = 512
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	percent, limit := debug.SetGCPercent(150), debug.SetMemoryLimit(3<<30)
	defer debug.SetGCPercent(percent)
	defer debug.SetMemoryLimit(limit)
	out := filepath.Join(t.TempDir(), "large")
	s.WithOptions(Options{Out: out}).Build()
	if s.sum.Mode != Large {
		t.Errorf("the build ran as %v, want large", s.sum.Mode)
	}
	assertSameFiles(t, snapshot(t, out), want)
	// The memory settings of a large build end with it.
	if p, l := debug.SetGCPercent(percent), debug.SetMemoryLimit(limit); p != 150 || l != 3<<30 {
		t.Errorf("after a large build GOGC is %d and the memory limit %d, want 150 and %d as before it", p, l, 3<<30)
	}
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".kb-bodies") {
			t.Errorf("%s left beside the output", e.Name())
		}
	}
}

// TestBuilderBuildsAgain builds twice with one Builder that, as a one-time
// build does, lets go of what it loaded once the model is made, and checks
// that the second build, after a body edit, is the same as a fresh build.
func TestBuilderBuildsAgain(t *testing.T) {
	s := sampleSite(t)
	b, err := NewBuilder(s.opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	rel := "content/agreements/hungary-kyrgyzstan-customs-training.md"
	s.AppendFiles("\nA sentence added by an editor.\n", rel)
	if _, err := b.Build([]string{rel}); err != nil {
		t.Fatal(err)
	}
	s.AssertSameAsFresh().
		AssertFile("agreements/hungary-kyrgyzstan-customs-training/index.html", "A sentence added by an editor.", "Kyrgyzstan")
}

// rebuildSite is a small site for the rebuild scenarios: two agreements
// and an interview that discusses the first.
const rebuildSite = `
-- content/agreements/a.md --
---
title: "A"
signed: 2024-01-01
countries: [Hungary]
---
Body of A.
-- content/agreements/b.md --
---
title: "B"
signed: 2024-02-01
countries: [Hungary]
---
Body of B.
-- content/interviews/i.md --
---
title: "I"
date: 2025-01-01
agreements: [a]
---
Talk.
`

// rebuildPages is how many pages a whole build of rebuildSite renders:
// home, 404, the seven fixed sections, three pages and Hungary.
const rebuildPages = 13

// listPages is how many pages of rebuildSite show the site's lists: the
// home page, the index of each kind of term and search, which may show
// any agreement, and the lists of agreements and the timeline, which
// show them all. A change to an agreement's front matter renders them
// again, the list of interviews and 404 not.
const listPages = 7

// TestRebuild edits rebuildSite as an editor does while the development
// server runs, one named scenario at a time, and checks what each build
// wrote and how many pages it rendered again.
func TestRebuild(t *testing.T) { rebuildScenarios(t) }

// TestRebuildOfALargeSite runs the scenarios of TestRebuild with the
// development server's builder of a large site, which keeps rendered
// bodies out of memory: a page whose body alone changed, as a link's
// label does, is written again all the same.
func TestRebuildOfALargeSite(t *testing.T) {
	asLargeSite(t)
	rebuildScenarios(t)
}

func rebuildScenarios(t *testing.T) {
	const a = "content/agreements/a.md"
	running := func(t *testing.T) *testSite {
		t.Helper()
		return newSite(t, minimalTemplates+rebuildSite).Running().Build().AssertRendered(rebuildPages)
	}
	t.Run("edit a body", func(t *testing.T) {
		running(t).ReplaceInFile(a, "Body of A.", "Body of A, reworded.").Build().
			AssertRendered(1).
			AssertFile("agreements/a/index.html", "<p>Body of A, reworded.</p>").
			AssertSameAsFresh()
	})
	t.Run("edit a body so that backlinks change", func(t *testing.T) {
		s := running(t).ReplaceInFile(a, "Body of A.", "Body of A, after [[b]].").Build().
			AssertRendered(2).
			AssertFile("agreements/b/index.html", "backlink=A|/agreements/a/").
			AssertSameAsFresh()
		s.ReplaceInFile(a, "after [[b]]", "alone").Build().
			AssertRendered(2).
			AssertFileLacks("agreements/b/index.html", "backlink=").
			AssertSameAsFresh()
	})
	t.Run("edit a body and add an image in the same save", func(t *testing.T) {
		// A file beside a bundle's index.md is copied and is a path links
		// may lead to: the model is made again.
		s := running(t).EditFiles("content/agreements/c/index.md", "---\ntitle: \"C\"\nsigned: 2024-03-01\n---\nText of C.\n").Build()
		s.EditFiles("content/agreements/c/map.txt", "A map.\n").
			ReplaceInFile("content/agreements/c/index.md", "Text of C.", "Text of C, with [a map](map.txt).").Build().
			AssertFile("agreements/c/index.html", `<a href="/agreements/c/map.txt">a map</a>`).
			AssertFile("agreements/c/map.txt", "A map.").
			AssertSameAsFresh()
		assertKeptModel(t, s, false)
	})
	t.Run("edit a body so that a link breaks, then fix it", func(t *testing.T) {
		// The failed build wrote nothing; the fix renders A and B, which
		// A now links to.
		running(t).ReplaceInFile(a, "Body of A.", "Body of A, after [[c]].").
			BuildFails(`content/agreements/a.md:6:18: wiki link [[c]]: no page with slug "c", which does not exist`).
			ReplaceInFile(a, "[[c]]", "[[b]]").Build().
			AssertRendered(2).
			AssertFile("agreements/a/index.html", `<a href="/agreements/b/">B</a>`).
			AssertFile("agreements/b/index.html", "backlink=A|/agreements/a/").
			AssertSameAsFresh()
	})
	t.Run("edit front matter", func(t *testing.T) {
		// A, the lists, I that discusses A, B that A is related to, and
		// Hungary, which lists A.
		s := running(t).ReplaceInFile(a, `title: "A"`, `title: "A, retitled"`).Build().
			AssertRendered(listPages+4).
			AssertFile("interviews/i/index.html", "discusses=A, retitled|/agreements/a/").
			AssertFile("agreements/index.html", "item=A, retitled|/agreements/a/").
			AssertSameAsFresh()
		assertKeptModel(t, s, true)
	})
	t.Run("retitle a page that bodies link to", func(t *testing.T) {
		// B's body and Hungary's name A by its title: both bodies are
		// rendered again with the model kept.
		s := running(t).ReplaceInFile("content/agreements/b.md", "Body of B.", "Body of B, after [[a]].").
			EditFiles("content/countries/hungary.md", "---\ntitle: Hungary\n---\nSee [A's page](/agreements/a/) and [[a]].\n").Build()
		s.ReplaceInFile(a, `title: "A"`, `title: "A, retitled"`).Build().
			AssertFile("agreements/b/index.html", `<a href="/agreements/a/">A, retitled</a>`).
			AssertFile("countries/hungary/index.html", `<a href="/agreements/a/">A&rsquo;s page</a> and <a href="/agreements/a/">A, retitled</a>`).
			AssertSameAsFresh()
		assertKeptModel(t, s, true)
		s.ReplaceInFile(a, "Body of A.", "Body of A, with [[b]].").ReplaceInFile(a, `title: "A, retitled"`, `title: "A, again"`).Build().
			AssertFile("agreements/a/index.html", `<a href="/agreements/b/">B</a>`, "title=A, again").
			AssertFile("agreements/b/index.html", `<a href="/agreements/a/">A, again</a>`, "backlink=A, again|/agreements/a/").
			AssertSameAsFresh()
		assertKeptModel(t, s, true)
	})
	t.Run("link a page, then retitle the linking page twice", func(t *testing.T) {
		// C, which shares nothing with A, gains a backlink in a build of
		// bodies alone, which signs nothing: the signer of each
		// retitling after it must not keep what it knew of C from
		// before, or C keeps the first new title.
		const c = "agreements/c/index.html"
		s := running(t).EditFiles("content/agreements/c.md", "---\ntitle: \"C\"\nsigned: 2023-01-01\ncountries: [Kyrgyzstan]\n---\nBody of C.\n").Build()
		s.ReplaceInFile(a, "Body of A.", "Body of A, after [[c]].").Build().
			AssertFile(c, "backlink=A|/agreements/a/")
		s.ReplaceInFile(a, `title: "A"`, `title: "A, retitled"`).Build().
			AssertFile(c, "backlink=A, retitled|/agreements/a/").
			AssertSameAsFresh()
		s.ReplaceInFile(a, `title: "A, retitled"`, `title: "A, again"`).Build().
			AssertFile(c, "backlink=A, again|/agreements/a/").
			AssertSameAsFresh()
		assertKeptModel(t, s, true)
	})
	t.Run("edit front matter so that lines move", func(t *testing.T) {
		// Where each field is written changed, but no warning of the
		// model is about the file (TestWarningsMoveWithTheirFields): the
		// model is kept.
		s := running(t).ReplaceInFile(a, `title: "A"`, "title: \"A, retitled\"\nsummary: \"Now with a summary.\"").Build().
			AssertFile("agreements/index.html", "item=A, retitled|/agreements/a/").
			AssertSameAsFresh()
		assertKeptModel(t, s, true)
	})
	t.Run("add a file", func(t *testing.T) {
		// C, the lists, Kyrgyzstan and A, which C links to.
		running(t).EditFiles("content/agreements/c.md", "---\ntitle: \"C\"\nsigned: 2024-03-01\ncountries: [Kyrgyzstan]\n---\nSee [[a]].\n").Build().
			AssertRendered(listPages+3).
			AssertFile("agreements/c/index.html", "title=C").
			AssertFile("countries/kyrgyzstan/index.html", "page=C|/agreements/c/").
			AssertFile("agreements/a/index.html", "backlink=C|/agreements/c/").
			AssertSameAsFresh()
	})
	t.Run("remove a file", func(t *testing.T) {
		// The lists, Hungary and A, which B was related to.
		running(t).RemoveFiles("content/agreements/b.md").Build().
			AssertRendered(listPages+2).
			AssertNoFile("agreements/b/index.html", "agreements/b").
			AssertFileLacks("countries/hungary/index.html", "page=B").
			AssertSameAsFresh()
	})
	t.Run("rename a file", func(t *testing.T) {
		// B at its new path, the lists, Hungary and A.
		running(t).RenameFile("content/agreements/b.md", "content/agreements/b2.md").Build().
			AssertRendered(listPages+3).
			AssertNoFile("agreements/b/index.html").
			AssertFile("agreements/b2/index.html", "title=B|url=/agreements/b2/").
			AssertFile("countries/hungary/index.html", "page=B|/agreements/b2/").
			AssertSameAsFresh()
	})
	t.Run("edit a template", func(t *testing.T) {
		// The model is the one of the build before: the build signs the
		// pages and renders them all.
		s := running(t).ReplaceInFile("templates/agreement.html", `{{template "page" .}}`, `edited|{{template "page" .}}`).Build()
		if phase := s.sum.Phases[1].Name; phase != "sign" {
			t.Errorf("after a template changed, the build's second step was %s, want sign", phase)
		}
		s.AssertRendered(rebuildPages).
			AssertFile("agreements/a/index.html", "edited|<p>Body of A.</p>").
			AssertFileLacks("interviews/i/index.html", "edited|").
			AssertSameAsFresh()
	})
	t.Run("edit a static file", func(t *testing.T) {
		// A file added is a path links may lead to: the site is built
		// again. A file edited is copied again, and no page changes; a
		// stylesheet changes every page, which links it by a name made of
		// its content.
		s := running(t).EditFiles("static/notes.txt", "One.\n").Build().
			AssertRendered(rebuildPages)
		s.EditFiles("static/notes.txt", "Two.\n").Build().
			AssertRendered(0).
			AssertFile("notes.txt", "Two.").
			AssertSameAsFresh()
		if !slices.Equal(s.sum.Changed, []string{"notes.txt"}) {
			t.Errorf("a build after a static file changed wrote %q, want that file alone", s.sum.Changed)
		}
		s.EditFiles("static/kb.css", "body{color:red}\n").Build().
			EditFiles("static/kb.css", "body{color:blue}\n").Build().
			AssertRendered(rebuildPages).
			AssertSameAsFresh()
	})
	t.Run("edit config.toml", func(t *testing.T) {
		running(t).EditFiles("config.toml", "baseURL = \"https://example.org/kb/\"\n").Build().
			AssertRendered(rebuildPages).
			AssertFile("interviews/i/index.html", "url=/kb/interviews/i/", "discusses=A|/kb/agreements/a/").
			AssertSameAsFresh()
	})
	t.Run("an error, then a fix", func(t *testing.T) {
		// The front matter is as it was: only the body of A changed.
		s := running(t)
		s.ReplaceInFile(a, "countries: [Hungary]", "countries: [Hungry]").
			BuildFails(`content/agreements/a.md:4:13: unknown country "Hungry" (did you mean "Hungary"?)`).
			AssertFile("agreements/a/index.html", "country=Hungary|/countries/hungary/").
			ReplaceInFile(a, "Hungry", "Hungary").ReplaceInFile(a, "Body of A.", "Body of A, fixed.").Build().
			AssertRendered(1).
			AssertFile("agreements/a/index.html", "<p>Body of A, fixed.</p>").
			AssertSameAsFresh()
	})
}

// assertKeptModel checks whether the last build of s kept the model of
// the build before, as after an edit of a title, rather than made it
// again.
func assertKeptModel(t *testing.T, s *testSite, kept bool) {
	t.Helper()
	made := slices.ContainsFunc(s.sum.Phases, func(p Phase) bool { return p.Name == "site.New" })
	if made == kept {
		t.Errorf("the build's steps were %v: kept the model %v, want %v", s.sum.Phases, !made, kept)
	}
}

// TestRenderedPages checks Summary.Rendered and Summary.Mode: a full build
// renders every HTML page, an edit of one body that changes no link
// renders that body's page alone, and a check renders none.
func TestRenderedPages(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"content", "templates", "static"} {
		copyDir(t, filepath.Join(repoRoot, d), filepath.Join(dir, d))
	}
	dropTranslations(t, dir)
	live := filepath.Join(t.TempDir(), "live")
	b, err := NewLiveBuilder(Options{Root: dir, Now: now}, live)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := b.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for name := range snapshot(t, live) {
		if strings.HasSuffix(name, ".html") {
			pages++
		}
	}
	if sum.Mode != Incremental || sum.Rendered != pages {
		t.Errorf("full build: mode %v, %d pages rendered; want incremental, the %d HTML pages written", sum.Mode, sum.Rendered, pages)
	}
	rel := "content/agreements/hungary-kyrgyzstan-customs-training.md"
	src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{rel: string(src) + "\nA sentence added by an editor.\n"})
	if sum, err = b.Build([]string{rel}); err != nil {
		t.Fatal(err)
	}
	if sum.Rendered != 1 {
		t.Errorf("an edit of one body rendered %d pages, want 1", sum.Rendered)
	}
	sum, err = Build(Options{Root: dir, Now: now, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Mode != Once || sum.Rendered != 0 {
		t.Errorf("check: mode %v, %d pages rendered; want once, none", sum.Mode, sum.Rendered)
	}
}

// TestTranslationsAreReplayed edits the front matter of an agreement of
// the two-language sample again and again while the development server
// runs, and checks that the body of a translation that did not change is
// replayed, not rendered again, in every build: a translation made again
// from the same files would be a new file, whose body every build renders.
func TestTranslationsAreReplayed(t *testing.T) {
	s := sampleSite(t).WithOptions(Options{BaseURL: "http://127.0.0.1:1313/"}).Running().Build()
	const key = "hu/content/agreements/hungary-kyrgyzstan-customs-training.hu.md"
	first := s.live.bodies[key]
	if first == nil {
		t.Fatalf("no body kept for %s", key)
	}
	for _, topic := range []string{"customs-modernisation", "digital-trade", "eastern-opening"} {
		s.ReplaceInFile("content/agreements/hungary-uzbekistan-customs-cooperation.md", "  - \"customs-training\"\n", "  - \"customs-training\"\n  - \""+topic+"\"\n").
			Build().AssertSameAsFresh()
		if s.live.bodies[key] != first {
			t.Fatalf("after topic %s was added elsewhere, the body of %s was rendered again", topic, key)
		}
	}
}

// TestSearchAfterABodyAndANewModel edits a body, which the search index
// takes in place, then, in one save, puts the body back as it was and
// takes a country from the site, which makes the model again: the index
// reads the body again, as it differs from the one the index holds, and
// drops the country from its text file.
func TestSearchAfterABodyAndANewModel(t *testing.T) {
	s := newSite(t, bilingual).Running().Build()
	// The text file of the agreement, which the hash of its path picks.
	texts, _ := filepath.Glob(filepath.Join(s.out, "search", "text", "*.json"))
	file := ""
	for _, f := range texts {
		if data, err := os.ReadFile(f); err == nil && strings.Contains(string(data), "Signed in Bishkek.") {
			file = "search/text/" + filepath.Base(f)
		}
	}
	if file == "" {
		t.Fatalf("no text file of %q holds the agreement's text", texts)
	}
	s.ReplaceInFile("content/agreements/training.md", "Signed in Bishkek.", "Signed in Bishkek, on security.").Build().
		AssertFile(file, "on security")
	s.ReplaceInFile("content/agreements/exchange.md", "[Hungary, Uzbekistan]", "[Hungary]").
		ReplaceInFile("content/agreements/training.md", ", on security.", ".").Build().
		AssertFileLacks(file, "on security").
		AssertSameAsFresh()
}

// TestSectionTitleInTheThemesWords renames a section in the theme's words
// while the development server runs: the model titles sections from them,
// so the build that follows equals a fresh one.
func TestSectionTitleInTheThemesWords(t *testing.T) {
	monolingualSample(t).Running().Build().
		ReplaceInFile("templates/i18n/en.toml", `topics = "Topics"`, `topics = "Themes"`).Build().
		AssertFile("topics/index.html", "<h1>Themes</h1>").
		AssertSameAsFresh()
}

// TestThemeEditTheNextDay edits a template the day after the server made
// its model, on the day an agreement enters into force: the build makes
// the model again, as what is in force depends on the day.
func TestThemeEditTheNextDay(t *testing.T) {
	s := newSite(t, `
-- config.toml --
baseURL = "https://example.org/"
-- content/agreements/a.md --
---
title: "A"
signed: 2025-05-01
effective: 2025-06-02
parties: [Hungary, Uzbekistan]
---
Text.
`).Running().Build()
	tomorrow := now.AddDate(0, 0, 1)
	s.opts.Now, s.live.opts.Now = tomorrow, tomorrow
	s.ReplaceInFile("templates/agreement.html", `<article class="doc">`, `<article class="doc" data-edited>`).Build().
		AssertSameAsFresh()
	assertKeptModel(t, s, false)
}

// TestOnceBuildPutsBackTheCollector checks that a build of a site that is
// not large collects more often than the process does while it runs, and
// leaves the collector's settings as it found them.
func TestOnceBuildPutsBackTheCollector(t *testing.T) {
	t.Setenv("GOGC", "")
	percent := debug.SetGCPercent(150)
	defer debug.SetGCPercent(percent)
	// The collector's setting, read while the build runs.
	seen := map[uint64]bool{}
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		sample := []metrics.Sample{{Name: "/gc/gogc:percent"}}
		for {
			metrics.Read(sample)
			seen[sample[0].Value.Uint64()] = true
			select {
			case <-stop:
				return
			default:
				time.Sleep(100 * time.Microsecond)
			}
		}
	}()
	s := monolingualSample(t).Build()
	close(stop)
	<-stopped
	if s.sum.Mode != Once {
		t.Fatalf("the build ran as %v, want once", s.sum.Mode)
	}
	if !seen[onceGC] {
		t.Errorf("GOGC during the build took the values %v, never %d", slices.Sorted(maps.Keys(seen)), onceGC)
	}
	if p := debug.SetGCPercent(150); p != 150 {
		t.Errorf("after a build GOGC is %d, want 150 as before it", p)
	}
}

// TestExportCopiedFromTheExportWritten edits a body so that the data
// export changes but keeps its size (a link moves from one agreement to
// another of a path of the same length, the objects between them move),
// then a title: the objects copied from the export on disk are those of
// the export the body's build wrote.
func TestExportCopiedFromTheExportWritten(t *testing.T) {
	s := newSite(t, `
-- config.toml --
baseURL = "https://example.org/"
-- content/agreements/a.md --
---
title: "A"
signed: 2024-01-01
---
See [the other](b.md).
-- content/agreements/b.md --
---
title: "B"
signed: 2024-02-01
---
Text.
-- content/agreements/c.md --
---
title: "C"
signed: 2024-03-01
---
Text.
-- content/agreements/d.md --
---
title: "D"
signed: 2024-04-01
---
Text.
`).Running().Build()
	before := s.readOut("data/knowledge-base.json")
	s.ReplaceInFile("content/agreements/a.md", "(b.md)", "(d.md)").Build()
	if after := s.readOut("data/knowledge-base.json"); len(after) != len(before) || after == before {
		t.Fatalf("the export went from %d to %d bytes: want another of the same size", len(before), len(after))
	}
	s.ReplaceInFile("content/agreements/a.md", `title: "A"`, `title: "E"`).Build().AssertSameAsFresh()
}
