package build

import (
	"fmt"
	"math/rand/v2"
	"os"
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
			dir := t.TempDir()
			for _, d := range []string{"content", "templates", "static"} {
				copyDir(t, filepath.Join(repoRoot, d), filepath.Join(dir, d))
			}
			cfg, err := os.ReadFile(filepath.Join(repoRoot, "config.toml"))
			if err != nil {
				t.Fatal(err)
			}
			writeFiles(t, dir, map[string]string{"config.toml": string(cfg)})
			opts := Options{Root: dir, Now: now, BaseURL: "http://127.0.0.1:1313/"}
			live := filepath.Join(t.TempDir(), "live")
			b, err := NewLiveBuilder(opts, live)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := b.Build(nil); err != nil {
				t.Fatal(err)
			}
			r := rand.New(rand.NewPCG(seed, 1))
			lastGood := snapshot(t, live)
			var undo func() (string, []string)
			fast := 0
			for step := range 40 {
				var what string
				var changed []string
				if undo != nil {
					// Editors fix what they broke.
					what, changed = undo()
					undo = nil
				} else {
					what, changed, undo = randomEdit(t, r, dir)
				}
				sum, liveErr := b.Build(changed)
				if liveErr == nil && sum.Phases[1].Name == "relink" {
					fast++
				}
				full := filepath.Join(t.TempDir(), "full")
				fullOpts := opts
				fullOpts.Out = full
				_, fullErr := Build(fullOpts)
				switch {
				case (liveErr == nil) != (fullErr == nil):
					t.Fatalf("step %d (%s): incremental error %v, full build error %v", step, what, liveErr, fullErr)
				case fullErr != nil:
					if liveErr.Error() != fullErr.Error() {
						t.Fatalf("step %d (%s): errors differ:\nincremental:\n%v\nfull:\n%v", step, what, liveErr, fullErr)
					}
					// A failed build leaves the served site as it was.
					assertSameFiles(t, snapshot(t, live), lastGood)
				default:
					got := snapshot(t, live)
					want := snapshot(t, full)
					if !sameFiles(got, want) {
						t.Errorf("step %d (%s): the incremental build differs from a full build", step, what)
						assertSameFiles(t, got, want)
						t.FailNow()
					}
					lastGood = got
				}
			}
			if fast == 0 {
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

// randomEdit changes the site at dir as an editor might and returns what
// it did and the changed paths, relative to dir. An edit that breaks the
// site also returns the edit that repairs it.
func randomEdit(t *testing.T, r *rand.Rand, dir string) (string, []string, func() (string, []string)) {
	t.Helper()
	var pages []string
	for _, sec := range []string{"agreements", "interviews", "topics", "countries"} {
		matches, _ := filepath.Glob(filepath.Join(dir, "content", sec, "*.md"))
		for _, m := range matches {
			if filepath.Base(m) != "_index.md" {
				pages = append(pages, m)
			}
		}
	}
	slices.Sort(pages)
	p := pages[r.IntN(len(pages))]
	rel, _ := filepath.Rel(dir, p)
	rel = filepath.ToSlash(rel)
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	write := func(s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	restore := func() (string, []string) {
		write(text)
		return "repair " + rel, []string{rel}
	}
	switch r.IntN(9) {
	case 0, 1:
		write(text + fmt.Sprintf("\nA sentence added by an editor, number %d.\n", r.IntN(1000)))
		return "edit the body of " + rel, []string{rel}, nil
	case 2:
		other := strings.TrimSuffix(filepath.Base(pages[r.IntN(len(pages))]), ".md")
		write(text + "\nSee also [[" + other + "]].\n")
		return "link " + rel + " to " + other, []string{rel}, nil
	case 3:
		write(text + "\nA [broken link](/agreements/does-not-exist/).\n")
		return "add a broken link to " + rel, []string{rel}, restore
	case 4:
		write(titleLine.ReplaceAllString(text, fmt.Sprintf("title: \"Retitled %d\"", r.IntN(1000))))
		return "retitle " + rel, []string{rel}, nil
	case 5:
		write(strings.Replace(text, "---\n", "---\ntitle: [broken\n", 1))
		return "break the front matter of " + rel, []string{rel}, restore
	case 6:
		if !strings.Contains(rel, "agreements/") {
			write(text + "\nAnother paragraph.\n")
			return "edit the body of " + rel, []string{rel}, nil
		}
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		return "delete " + rel, []string{rel}, restore
	case 7:
		to := strings.TrimSuffix(p, ".md") + "-renamed.md"
		if err := os.Rename(p, to); err != nil {
			t.Fatal(err)
		}
		toRel, _ := filepath.Rel(dir, to)
		return "rename " + rel, []string{rel, filepath.ToSlash(toRel)}, func() (string, []string) {
			if err := os.Rename(to, p); err != nil {
				t.Fatal(err)
			}
			return "rename back " + rel, []string{rel, filepath.ToSlash(toRel)}
		}
	default:
		name := fmt.Sprintf("content/agreements/new-%d.md", r.IntN(1000))
		writeFiles(t, dir, map[string]string{name: "---\ntitle: \"A new agreement\"\nsigned: 2024-05-01\nparties: [Hungary, Uzbekistan]\ntopics: [customs-training]\n---\n\nIt links to [[hungary-uzbekistan-customs-cooperation]].\n"})
		return "add " + name, []string{name}, nil
	}
}

// TestLargeSiteBuildIsTheSame builds the sample site as a large site is
// built, with sources read again and rendered bodies kept in a file, and
// with every page but the shortest streamed to its file as a large site's
// long lists are, and checks that the output is the same as that of an
// ordinary build and that nothing is left beside it.
func TestLargeSiteBuildIsTheSame(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"content", "templates", "static"} {
		copyDir(t, filepath.Join(repoRoot, d), filepath.Join(dir, d))
	}
	mustBuild(t, dir, Options{})
	want := snapshot(t, filepath.Join(dir, "public"))

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
	sum, err := Build(Options{Root: dir, Out: out, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Mode != Large {
		t.Errorf("the build ran as %v, want large", sum.Mode)
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
	dir := t.TempDir()
	for _, d := range []string{"content", "templates", "static"} {
		copyDir(t, filepath.Join(repoRoot, d), filepath.Join(dir, d))
	}
	b, err := NewBuilder(Options{Root: dir, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	rel := "content/agreements/hungary-kyrgyzstan-customs-training.md"
	p := filepath.Join(dir, filepath.FromSlash(rel))
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{rel: string(src) + "\nA sentence added by an editor.\n"})
	if _, err := b.Build([]string{rel}); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	if _, err := Build(Options{Root: dir, Out: fresh, Now: now}); err != nil {
		t.Fatal(err)
	}
	assertSameFiles(t, snapshot(t, filepath.Join(dir, "public")), snapshot(t, fresh))
	assertFileContent(t, fresh, "agreements/hungary-kyrgyzstan-customs-training/index.html", "A sentence added by an editor.", "Kyrgyzstan")
}

// TestRenderedPages checks Summary.Rendered and Summary.Mode: a full build
// renders every HTML page, an edit of one body that changes no link
// renders that body's page alone, and a check renders none.
func TestRenderedPages(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"content", "templates", "static"} {
		copyDir(t, filepath.Join(repoRoot, d), filepath.Join(dir, d))
	}
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
