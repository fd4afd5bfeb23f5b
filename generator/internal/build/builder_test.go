package build

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
)

// TestIncrementalBuildsMatchFullBuilds edits a copy of the sample site at
// random, the way editors do, and after every edit compares what the
// development server's builder wrote with a fresh full build of the same
// files: the same errors, or the same files byte for byte.
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
			r := rand.New(rand.NewPCG(seed, 1))
			lastGood := snapshot(t, s.out)
			var undo func() string
			fast := 0
			for step := range 40 {
				var what string
				if undo != nil {
					// Editors fix what they broke.
					what = undo()
					undo = nil
				} else {
					what, undo = randomEdit(t, r, s)
				}
				liveErr := s.build()
				if liveErr == nil && s.sum.Phases[1].Name == "relink" {
					fast++
				}
				want, fullErr := s.fresh()
				switch {
				case (liveErr == nil) != (fullErr == nil):
					t.Fatalf("step %d (%s): incremental error %v, full build error %v", step, what, liveErr, fullErr)
				case fullErr != nil:
					if liveErr.Error() != fullErr.Error() {
						t.Fatalf("step %d (%s): errors differ:\nincremental:\n%v\nfull:\n%v", step, what, liveErr, fullErr)
					}
					// A failed build leaves the served site as it was.
					assertSameFiles(t, snapshot(t, s.out), lastGood)
				default:
					got := snapshot(t, s.out)
					if !sameFiles(got, want) {
						t.Errorf("step %d (%s): the incremental build differs from a full build", step, what)
						assertSameFiles(t, got, want)
						t.FailNow()
					}
					lastGood = got
				}
			}
			if fast == 0 && seed%2 == 0 {
				t.Error("no edit took the fast path for body changes")
			}
		})
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

var titleLine = regexp.MustCompile(`(?m)^title: .*$`)

// randomEdit changes the site as an editor might and returns what it
// did. An edit that breaks the site also returns the edit that repairs it.
func randomEdit(t *testing.T, r *rand.Rand, s *testSite) (string, func() string) {
	t.Helper()
	var pages []string
	for _, sec := range []string{"agreements", "interviews", "topics", "countries"} {
		matches, _ := filepath.Glob(filepath.Join(s.root, "content", sec, "*.md"))
		for _, m := range matches {
			if filepath.Base(m) != "_index.md" {
				rel, _ := filepath.Rel(s.root, m)
				pages = append(pages, filepath.ToSlash(rel))
			}
		}
	}
	slices.Sort(pages)
	rel := pages[r.IntN(len(pages))]
	text := s.read(rel)
	restore := func() string {
		s.EditFiles(rel, text)
		return "repair " + rel
	}
	switch r.IntN(9) {
	case 0, 1:
		s.EditFiles(rel, text+fmt.Sprintf("\nA sentence added by an editor, number %d.\n", r.IntN(1000)))
		return "edit the body of " + rel, nil
	case 2:
		other := strings.TrimSuffix(path.Base(pages[r.IntN(len(pages))]), ".md")
		s.EditFiles(rel, text+"\nSee also [["+other+"]].\n")
		return "link " + rel + " to " + other, nil
	case 3:
		s.EditFiles(rel, text+"\nA [broken link](/agreements/does-not-exist/).\n")
		return "add a broken link to " + rel, restore
	case 4:
		s.EditFiles(rel, titleLine.ReplaceAllString(text, fmt.Sprintf("title: \"Retitled %d\"", r.IntN(1000))))
		return "retitle " + rel, nil
	case 5:
		s.EditFiles(rel, strings.Replace(text, "---\n", "---\ntitle: [broken\n", 1))
		return "break the front matter of " + rel, restore
	case 6:
		if !strings.Contains(rel, "agreements/") {
			s.EditFiles(rel, text+"\nAnother paragraph.\n")
			return "edit the body of " + rel, nil
		}
		s.RemoveFiles(rel)
		return "delete " + rel, restore
	case 7:
		to := strings.TrimSuffix(rel, ".md") + "-renamed.md"
		s.RenameFile(rel, to)
		return "rename " + rel, func() string {
			s.RenameFile(to, rel)
			return "rename back " + rel
		}
	default:
		name := fmt.Sprintf("content/agreements/new-%d.md", r.IntN(1000))
		s.EditFiles(name, "---\ntitle: \"A new agreement\"\nsigned: 2024-05-01\nparties: [Hungary, Uzbekistan]\ntopics: [customs-training]\n---\n\nIt links to [[hungary-uzbekistan-customs-cooperation]].\n")
		return "add " + name, nil
	}
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

// TestRebuild edits rebuildSite as an editor does while the development
// server runs, one named scenario at a time, and checks what each build
// wrote and how many pages it rendered again.
func TestRebuild(t *testing.T) {
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
	t.Run("edit a body so that a link breaks, then fix it", func(t *testing.T) {
		running(t).ReplaceInFile(a, "Body of A.", "Body of A, after [[c]].").
			BuildFails(`content/agreements/a.md:6:18: wiki link [[c]]: no page with slug "c", which does not exist`).
			ReplaceInFile(a, "[[c]]", "[[b]]").Build().
			AssertRendered(rebuildPages).
			AssertFile("agreements/a/index.html", `<a href="/agreements/b/">B</a>`).
			AssertFile("agreements/b/index.html", "backlink=A|/agreements/a/").
			AssertSameAsFresh()
	})
	t.Run("edit front matter", func(t *testing.T) {
		running(t).ReplaceInFile(a, `title: "A"`, `title: "A, retitled"`).Build().
			AssertRendered(rebuildPages).
			AssertFile("interviews/i/index.html", "discusses=A, retitled|/agreements/a/").
			AssertFile("agreements/index.html", "item=A, retitled|/agreements/a/").
			AssertSameAsFresh()
	})
	t.Run("add a file", func(t *testing.T) {
		running(t).EditFiles("content/agreements/c.md", "---\ntitle: \"C\"\nsigned: 2024-03-01\ncountries: [Kyrgyzstan]\n---\nSee [[a]].\n").Build().
			AssertRendered(rebuildPages+2).
			AssertFile("agreements/c/index.html", "title=C").
			AssertFile("countries/kyrgyzstan/index.html", "page=C|/agreements/c/").
			AssertFile("agreements/a/index.html", "backlink=C|/agreements/c/").
			AssertSameAsFresh()
	})
	t.Run("remove a file", func(t *testing.T) {
		running(t).RemoveFiles("content/agreements/b.md").Build().
			AssertRendered(rebuildPages-1).
			AssertNoFile("agreements/b/index.html", "agreements/b").
			AssertFileLacks("countries/hungary/index.html", "page=B").
			AssertSameAsFresh()
	})
	t.Run("rename a file", func(t *testing.T) {
		running(t).RenameFile("content/agreements/b.md", "content/agreements/b2.md").Build().
			AssertRendered(rebuildPages).
			AssertNoFile("agreements/b/index.html").
			AssertFile("agreements/b2/index.html", "title=B|url=/agreements/b2/").
			AssertFile("countries/hungary/index.html", "page=B|/agreements/b2/").
			AssertSameAsFresh()
	})
	t.Run("edit a template", func(t *testing.T) {
		running(t).ReplaceInFile("templates/agreement.html", `{{template "page" .}}`, `edited|{{template "page" .}}`).Build().
			AssertRendered(rebuildPages).
			AssertFile("agreements/a/index.html", "edited|<p>Body of A.</p>").
			AssertFileLacks("interviews/i/index.html", "edited|").
			AssertSameAsFresh()
	})
	t.Run("edit config.toml", func(t *testing.T) {
		running(t).EditFiles("config.toml", "baseURL = \"https://example.org/kb/\"\n").Build().
			AssertRendered(rebuildPages).
			AssertFile("interviews/i/index.html", "url=/kb/interviews/i/", "discusses=A|/kb/agreements/a/").
			AssertSameAsFresh()
	})
	t.Run("an error, then a fix", func(t *testing.T) {
		s := running(t)
		s.ReplaceInFile(a, "countries: [Hungary]", "countries: [Hungry]").
			BuildFails(`content/agreements/a.md:4:13: unknown country "Hungry" (did you mean "Hungary"?)`).
			AssertFile("agreements/a/index.html", "country=Hungary|/countries/hungary/").
			ReplaceInFile(a, "Hungry", "Hungary").ReplaceInFile(a, "Body of A.", "Body of A, fixed.").Build().
			AssertRendered(rebuildPages).
			AssertFile("agreements/a/index.html", "<p>Body of A, fixed.</p>").
			AssertSameAsFresh()
	})
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
