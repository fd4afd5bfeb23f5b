package audit

import (
	"cmp"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The TestLarge tests audit a site written by the corpus generator, of as
// many pages as -large says: axe-core on a page of each kind, the Nu HTML
// Checker and the link check on every page, the size budget on every list,
// and Lighthouse on the pages readers land on. CI audits 1,000 pages; the
// figures in the documentation come from 10,000:
//
//	go test -count=1 -timeout 60m -v -run '^TestLarge' ./.ci/audit -args -large 10000
var largeSize = flag.Int("large", 0, "audit a generated site of this many `pages` in the TestLarge tests, which skip without it")

// large is the generated site.
var large = &builtSite{write: writeLarge}

// smallPageSize is the pageSize of a generated site of fewer than 10,000
// pages, small enough that a site of 1,000 has several pages in every
// list; a site of 10,000 has the default, as a real one would.
const smallPageSize = 20

// listBudget is the most HTML, in bytes, that a list, index or term page
// may have: 150 kB.
const listBudget = 150_000

// writeLarge writes the generated site with the corpus generator, which
// .ci/audit, outside generator/, runs as a command.
func writeLarge(root string) error {
	// The real agreements of the ToTA subset join the generated ones:
	// treaties of up to a megabyte of text, former countries and odd dates.
	for _, args := range [][]string{
		{"run", "./generator/internal/corpus/gencorpus", "-pages", fmt.Sprint(*largeSize), "-out", root},
		{"run", "./generator/internal/corpus/tota/cmd/totaconvert", "-src", "generator/internal/corpus/tota/testdata/tota-subset.tar.gz", "-out", root},
	} {
		cmd := exec.Command("go", args...)
		cmd.Dir = repoRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	cfg := `title = "Cooperation Knowledge Base"
description = "Customs and trade cooperation agreements, and the interviews in which officials talk about them."
`
	if *largeSize < 10000 {
		cfg += fmt.Sprintf("pageSize = %d\n", smallPageSize)
	}
	return os.WriteFile(filepath.Join(root, "config.toml"), []byte(cfg), 0o644)
}

// largeSite builds and serves the generated site, or skips the test when
// -large is not given.
func largeSite(t *testing.T) *builtSite {
	t.Helper()
	if *largeSize == 0 {
		t.Skip("no generated site to audit: run with -args -large 1000")
	}
	return large.get(t)
}

// namedPage is a page of the site that stands for its kind.
type namedPage struct {
	kind, path string
	// scored is whether Lighthouse scores it.
	scored bool
}

// pageKinds picks a page of each kind from a built site: the lists and
// their second pages, and of the many pages of a kind the largest, where
// the budgets are tightest.
func pageKinds(s *builtSite) ([]namedPage, error) {
	country, err := largest(s, "countries", true)
	if err != nil {
		return nil, err
	}
	kinds := []namedPage{
		{"home", "", true},
		{"agreements", "agreements/", true},
		{"agreements, page 2", "agreements/page/2/", true},
		{"interviews", "interviews/", true},
		{"timeline", "timeline/", true},
		{"timeline, page 2", "timeline/page/2/", false},
		{"countries", "countries/", true},
		{"largest country", country, true},
		{"largest country, page 2", country + "page/2/", false},
	}
	for _, k := range []struct {
		kind, section string
		scored        bool
	}{
		{"largest topic", "topics", true},
		{"largest organisation", "organisations", false},
		{"largest agreement", "agreements", true},
		{"largest agreement of the generated ones", "agreements", true},
		{"largest interview", "interviews", true},
	} {
		path, err := largest(s, k.section, k.kind == "largest agreement")
		if err != nil {
			return nil, err
		}
		kinds = append(kinds, namedPage{k.kind, path, k.scored})
	}
	chapter, err := largestChapter(s)
	if err != nil {
		return nil, err
	}
	kinds = append(kinds, namedPage{"largest chapter of a long agreement", chapter, true},
		namedPage{"search", searchPage, true}, namedPage{"not found", "404.html", false})
	for _, k := range kinds {
		if page, _, _ := strings.Cut(k.path, "?"); !slices.Contains(s.pages, page) {
			return nil, fmt.Errorf("the site has no page /%s (%s)", page, k.kind)
		}
	}
	return kinds, nil
}

// largest is the page of a section, such as countries/hungary/, with the
// most HTML; with long false, of the pages of short texts, which hold no
// part of a long document (class "prose long").
func largest(s *builtSite, section string, long bool) (string, error) {
	return largestOf(s, "/"+section+"/", func(p string) (bool, error) {
		rest, ok := strings.CutPrefix(p, section+"/")
		if !ok || strings.Count(rest, "/") != 1 || strings.HasPrefix(rest, "page/") {
			return false, nil
		}
		if long {
			return true, nil
		}
		html, err := os.ReadFile(s.file(p))
		return !strings.Contains(string(html), `class="prose long"`), err
	})
}

// largestChapter is the page of a chapter of a long agreement, such as
// agreements/x/chapter-2/, with the most HTML.
func largestChapter(s *builtSite) (string, error) {
	return largestOf(s, "the pages of chapters in /agreements/", func(p string) (bool, error) {
		rest, ok := strings.CutPrefix(p, "agreements/")
		return ok && strings.Count(rest, "/") == 2 && !strings.HasPrefix(rest, "page/"), nil
	})
}

// largestOf is the page with the most HTML of those that pick takes, of
// which what says where they are.
func largestOf(s *builtSite, what string, pick func(page string) (bool, error)) (string, error) {
	best, size := "", int64(-1)
	for _, p := range s.pages {
		ok, err := pick(p)
		if err != nil {
			return "", err
		}
		if !ok {
			continue
		}
		fi, err := os.Stat(s.file(p))
		if err != nil {
			return "", err
		}
		if fi.Size() > size {
			best, size = p, fi.Size()
		}
	}
	if best == "" {
		return "", fmt.Errorf("the site has no page in %s", what)
	}
	return best, nil
}

// largeKinds builds the generated site and picks its pages of each kind.
func largeKinds(t *testing.T) (*builtSite, []namedPage) {
	t.Helper()
	s := largeSite(t)
	kinds, err := pageKinds(s)
	if err != nil {
		t.Fatal(err)
	}
	return s, kinds
}

// isList is whether a page is a list, an index or a term page: the home
// page and every page of /agreements/, /interviews/, /timeline/,
// /countries/, /topics/ and /organisations/ but the agreements and
// interviews themselves.
func isList(page string) bool {
	section, rest, _ := strings.Cut(page, "/")
	switch section {
	case "":
		return true
	case "timeline", "countries", "topics", "organisations":
		return true
	case "agreements", "interviews":
		return rest == "" || strings.HasPrefix(rest, "page/")
	}
	return false
}

func TestLargeAxe(t *testing.T) {
	s, kinds := largeKinds(t)
	var pages []string
	for _, k := range kinds {
		pages = append(pages, k.path)
	}
	auditAxe(t, s, pages)
}

func TestLargeHTMLValid(t *testing.T) {
	checkHTML(t, largeSite(t))
}

func TestLargeLinks(t *testing.T) {
	checkLinks(t, largeSite(t))
}

// TestLargeBudget holds every list, index and term page to listBudget,
// and logs the largest and the size of each kind's page.
func TestLargeBudget(t *testing.T) {
	s, kinds := largeKinds(t)
	type sized struct {
		page string
		size int64
	}
	var lists []sized
	for _, p := range s.pages {
		if !isList(p) {
			continue
		}
		fi, err := os.Stat(s.file(p))
		if err != nil {
			t.Fatal(err)
		}
		lists = append(lists, sized{p, fi.Size()})
	}
	slices.SortFunc(lists, func(a, b sized) int { return cmp.Compare(b.size, a.size) })
	var over []string
	for _, l := range lists {
		if l.size > listBudget {
			over = append(over, fmt.Sprintf("/%s %d bytes", l.page, l.size))
		}
	}
	if len(over) > 0 {
		t.Errorf("%d of %d list, index and term pages have more than %d bytes of HTML:\n\t%s", len(over), len(lists), listBudget, strings.Join(over, "\n\t"))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "the largest of %d list, index and term pages:\n", len(lists))
	for _, l := range lists[:min(10, len(lists))] {
		fmt.Fprintf(&b, "\t%9d  /%s\n", l.size, l.page)
	}
	b.WriteString("a page of each kind:\n")
	for _, k := range kinds {
		fi, err := os.Stat(s.file(k.path))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "\t%9d  %-24s /%s\n", fi.Size(), k.kind, k.path)
	}
	t.Log(b.String())
}

// TestLargeLighthouse scores the pages readers land on and logs the
// figures of the documentation: each page's HTML and its scores.
func TestLargeLighthouse(t *testing.T) {
	s, kinds := largeKinds(t)
	var scored []namedPage
	var pages []string
	for _, k := range kinds {
		if k.scored {
			scored = append(scored, k)
			pages = append(pages, k.path)
		}
	}
	scores := auditLighthouse(t, s, pages)
	var b strings.Builder
	fmt.Fprintf(&b, "a site of %d pages, scored by Lighthouse (mobile): the median run, of three to five; load is the machine's load average\n", *largeSize)
	width := len("page")
	for _, p := range pages {
		width = max(width, len(p)+1)
	}
	row := "| %-23s | %-*s | %10s | %4s | %4s | %4s | %4s | %-10s | %-5s |\n"
	fmt.Fprintf(&b, row, "kind", width, "page", "HTML bytes", "perf", "a11y", "bp", "seo", "perf runs", "load")
	for i, sc := range scores {
		fi, err := os.Stat(s.file(sc.path))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, row, scored[i].kind, width, "/"+sc.path, fmt.Sprint(fi.Size()),
			sc.scores[0], sc.scores[1], sc.scores[2], sc.scores[3], strings.Join(sc.perf, " "), sc.load)
	}
	t.Log(b.String())
}
