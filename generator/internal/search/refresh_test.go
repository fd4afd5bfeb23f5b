package search_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/corpus"
	"github.com/cooperation-kb/kb/generator/internal/search"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// TestRefresh indexes smallSite, then edits it (a title, a body, a page
// added, one removed, one renamed) and checks that the index refreshed
// from the model of the edited site, reading again the documents whose
// title or body changed, writes the files an index made afresh writes,
// and names every one of them.
func TestRefresh(t *testing.T) {
	for _, tt := range []struct{ name, old, new string }{
		{"retitle", `title: "Border protocol"`, `title: "Border protocol, retitled"`},
		{"edit a body", "joint patrols", "joint patrols and joint training"},
		{"add a page", "-- content/interviews/toth.md --", "-- content/agreements/a-first.md --\n---\ntitle: \"A first\"\nsigned: 2019-01-01\n---\nNew words: zeppelin.\n-- content/interviews/toth.md --"},
		{"remove a page", "-- content/about.md --", "-- content/removed.txt --"},
		{"rename a page", "-- content/agreements/framework.md --", "-- content/agreements/zz-framework.md --"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(smallSite, tt.old) {
				t.Fatalf("smallSite lacks %q", tt.old)
			}
			checkRefresh(t, siteOf(t, smallSite), siteOf(t, strings.Replace(smallSite, tt.old, tt.new, 1)))
		})
	}
}

// TestRefreshFromNoDocuments refreshes the index of a site without
// documents, as a language's edition before its first page, to a site of
// one page whose number is past the first text file: the refreshed index
// has the empty first text file that a fresh one has.
func TestRefreshFromNoDocuments(t *testing.T) {
	name := ""
	for i := 0; name == ""; i++ {
		// The page's number is the hash of its path, in a space of 64.
		if h := fnv(fmt.Sprintf("page-%d/", i)); (h^h>>16)%64 >= search.Group {
			name = fmt.Sprintf("page-%d", i)
		}
	}
	checkRefresh(t, siteOf(t, "-- config.toml --\ntitle = \"KB\"\n"),
		siteOf(t, "-- config.toml --\ntitle = \"KB\"\n-- content/"+name+".md --\n---\ntitle: \"A page\"\n---\nText.\n"))
}

// checkRefresh indexes before, refreshes the index to after and checks
// that it names and holds the files of a fresh index of after.
func checkRefresh(t *testing.T, before, after *site.Site) {
	t.Helper()
	x, err := search.New(before, english)
	if err != nil {
		t.Fatal(err)
	}
	got := files{}
	if err := x.WriteAll(got.write); err != nil {
		t.Fatal(err)
	}
	names, err := x.Refresh(after, english, changedFrom(before), got.write)
	if err != nil {
		t.Fatal(err)
	}
	for name := range got.m {
		if !slices.Contains(names, name) {
			delete(got.m, name)
		}
	}
	want := files{}
	if err := search.Write(after, english, want.write); err != nil {
		t.Fatal(err)
	}
	for _, name := range slices.Sorted(maps.Keys(want.m)) {
		if string(got.m[name]) != string(want.m[name]) {
			t.Errorf("%s:\n%s\nwant:\n%s", name, got.m[name], want.m[name])
		}
	}
	if len(got.m) != len(want.m) {
		t.Errorf("the refreshed index names %d files, a fresh one has %d", len(got.m), len(want.m))
	}
}

// changedFrom reports whether a document shows another title or body than
// the document of its path in before.
func changedFrom(before *site.Site) func(*site.Doc) bool {
	docs := map[string]*site.Doc{}
	for _, p := range before.Pages {
		docs[p.Path] = &p.Doc
	}
	for _, ts := range [][]*site.Term{before.Countries, before.Topics, before.Organisations} {
		for _, t := range ts {
			docs[t.Path] = &t.Doc
		}
	}
	return func(d *site.Doc) bool {
		old := docs[d.Path]
		if old == nil || old.Title != d.Title {
			return true
		}
		a, _ := old.Content()
		b, _ := d.Content()
		return a != b
	}
}

// files collects the files an index writes.
type files struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (f *files) write(path string, data []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.m == nil {
		f.m = map[string][]byte{}
	}
	f.m[path] = data
	return nil
}

// TestRefreshWritesWhatChanged adds an agreement to a generated site of
// 2,000 pages and checks that Refresh writes the files that differ
// between the fresh indexes of the site before and after, and no other,
// and that those are few: the text file of the new document's number and
// perhaps the next, not every text file after it.
func TestRefreshWritesWhatChanged(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Site(dir, 2000, 1, repoRoot); err != nil {
		t.Fatal(err)
	}
	before := checkSite(t, dir)
	added := "---\ntitle: \"A new agreement\"\nsigned: 2024-05-01\nparties: [Hungary, Uzbekistan]\ntopics: [customs-training]\n---\n\nA new agreement on zeppelins.\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "agreements", "agreement-new.md"), []byte(added), 0o644); err != nil {
		t.Fatal(err)
	}
	after := checkSite(t, dir)
	old, fresh := files{}, files{}
	if err := search.Write(before, english, old.write); err != nil {
		t.Fatal(err)
	}
	if err := search.Write(after, english, fresh.write); err != nil {
		t.Fatal(err)
	}
	x, err := search.New(before, english)
	if err != nil {
		t.Fatal(err)
	}
	written := files{}
	if _, err := x.Refresh(after, english, changedFrom(before), written.write); err != nil {
		t.Fatal(err)
	}
	var differ, texts []string
	for _, name := range slices.Sorted(maps.Keys(fresh.m)) {
		if string(old.m[name]) != string(fresh.m[name]) {
			differ = append(differ, name)
			if strings.HasPrefix(name, "search/text/") {
				texts = append(texts, name)
			}
		}
	}
	if got := slices.Sorted(maps.Keys(written.m)); !slices.Equal(got, differ) {
		t.Errorf("Refresh wrote %d files:\n%q\nthe fresh indexes differ in %d:\n%q", len(got), got, len(differ), differ)
	}
	if len(texts) == 0 || len(texts) > 2 {
		t.Errorf("the agreement added changed %d text files, want 1 or 2: %q", len(texts), texts)
	}
	t.Logf("%d of %d files changed, %d text files", len(differ), len(fresh.m), len(texts))
}
