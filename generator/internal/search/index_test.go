package search_test

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/cooperation-kb/kb/generator/internal/build"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/corpus"
	"github.com/cooperation-kb/kb/generator/internal/search"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// repoRoot is the root of the repository's own site, relative to this
// package.
const repoRoot = "../../.."

// smallSite has a few pages whose words sit in known fields, so that the
// tests know each word's score.
const smallSite = `
-- config.toml --
title = "KB"
-- content/about.md --
---
title: "About"
---
Seminar seminar seminar seminar seminar seminar seminar seminar seminar seminar seminar seminar.
-- content/agreements/turkiye-training.md --
---
title: "Customs training with Türkiye"
signed: 2023-05-01
countries: [Hungary, Türkiye]
topics: [customs-training]
summary: "A programme of courses."
---
The parties agree on courses for inspectors.
-- content/agreements/border-protocol.md --
---
title: "Border protocol"
signed: 2024-02-01
countries: [Hungary, Serbia]
---
The protocol covers joint patrols: patrols by day, patrols by night. Officers from both sides attend training in Szeged.
-- content/agreements/framework.md --
---
title: "Framework agreement on customs cooperation"
signed: 2020-01-01
place: "Budapest"
countries: [Hungary]
---
A general agreement about customs matters.
-- content/interviews/toth.md --
---
title: "Conversation on risk"
date: 2025-01-10
interviewee: "Eszter Tóth"
outlet: "Danube Dispatch"
countries: [Hungary]
---
We have signed many agreements and protocols, she said.
`

// siteOf builds, without writing it, the site of a txtar archive with the
// repository's templates.
func siteOf(t testing.TB, archive string) *site.Site {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.CopyFS(filepath.Join(dir, "templates"), os.DirFS(filepath.Join(repoRoot, "templates"))); err != nil {
		t.Fatal(err)
	}
	return checkSite(t, dir)
}

// checkSite builds the site at dir without writing it and returns its
// model.
func checkSite(t testing.TB, dir string) *site.Site {
	t.Helper()
	sum, err := build.Build(build.Options{Root: dir, Check: true, Now: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("build:\n%v", err)
	}
	return sum.Site
}

func mustReadIndex(t testing.TB, files map[string][]byte) *index {
	t.Helper()
	ix, err := readIndex(files)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// checkShape checks everything search-worker.js relies on in the files of the
// index of s.
func checkShape(t *testing.T, s *site.Site, files map[string][]byte) *index {
	t.Helper()
	ix := mustReadIndex(t, files)
	kindNames := []string{"Agreement", "Interview", "Page", "Country", "Topic", "Organisation"}
	if ix.Version != search.Version || ix.Group != search.Group || !slices.Equal(ix.Kinds, kindNames) {
		t.Errorf("index.json: v %d, group %d, kinds %q; want %d, %d, %q", ix.Version, ix.Group, ix.Kinds, search.Version, search.Group, kindNames)
	}

	// Documents: pages, then countries, topics and organisations, each in
	// the site's order, with their kinds.
	var want []string
	kinds := map[string]string{}
	for _, p := range s.Pages {
		want = append(want, p.Path)
		kinds[p.Path] = cmp.Or(map[content.Kind]string{content.Agreement: "Agreement", content.Interview: "Interview"}[p.Kind], "Page")
	}
	for k, ts := range [][]*site.Term{s.Countries, s.Topics, s.Organisations} {
		for _, term := range ts {
			want = append(want, term.Path)
			kinds[term.Path] = []string{"Country", "Topic", "Organisation"}[k]
		}
	}
	if got := ix.paths(allDocs(ix)); !slices.Equal(got, want) {
		t.Fatalf("docs in index.json:\n%q\nwant:\n%q", got, want)
	}
	for i, d := range ix.Docs {
		if d.Kind < 0 || d.Kind >= len(ix.Kinds) || ix.Kinds[d.Kind] != kinds[d.Path] {
			t.Errorf("doc %d %s: kind %d, want %s", i, d.Path, d.Kind, kinds[d.Path])
		}
		if (d.ISO == "") != (d.Date == "") {
			t.Errorf("doc %d %s: ISO date %q, date shown %q", i, d.Path, d.ISO, d.Date)
		}
		for _, c := range d.Countries {
			if c < 0 || c >= len(ix.Countries) {
				t.Errorf("doc %d %s: country %d of %d", i, d.Path, c, len(ix.Countries))
			}
		}
		for _, c := range d.Topics {
			if c < 0 || c >= len(ix.Topics) {
				t.Errorf("doc %d %s: topic %d of %d", i, d.Path, c, len(ix.Topics))
			}
		}
	}
	if len(ix.Countries) != len(s.Countries) || len(ix.Topics) != len(s.Topics) {
		t.Errorf("index.json offers %d countries and %d topics, the site has %d and %d", len(ix.Countries), len(ix.Topics), len(s.Countries), len(s.Topics))
	}

	// Text files: one per group of numbers of documents, a summary and a
	// text at the number of each document, null at a number none has.
	if ix.Group != 32 {
		t.Errorf("text files of %d numbers, want 32", ix.Group)
	}
	groups := 0
	if len(ix.slot) > 0 {
		groups = slices.Max(ix.slot)/ix.Group + 1
	}
	for g := range groups {
		name := "search/text/" + strconv.Itoa(g) + ".json"
		var texts []*[2]string
		if err := json.Unmarshal(files[name], &texts); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(texts) > ix.Group {
			t.Errorf("%s has %d texts, more than %d", name, len(texts), ix.Group)
		}
		for k, tx := range texts {
			_, has := ix.at[g*ix.Group+k]
			if has != (tx != nil) {
				t.Errorf("%s: text %d is %v, but a document numbered %d is %v", name, k, tx, g*ix.Group+k, has)
			}
			if tx != nil && len(tx[1]) > search.Excerpt+len(" …") {
				t.Errorf("%s: a text of %d bytes, longer than an excerpt", name, len(tx[1]))
			}
		}
	}
	for d, n := range ix.slot {
		if _, err := ix.text(files, d); err != nil {
			t.Errorf("doc %d, numbered %d: %v", d, n, err)
		}
	}

	// Word files: one per bucket, the words of each sorted and all in
	// the bucket search-worker.js looks them up in; postings in increasing order
	// of document, scores from 1 to 255.
	for name := range files {
		if !strings.HasPrefix(name, "search/words/") && !strings.HasPrefix(name, "search/text/") && name != "search/index.json" {
			t.Errorf("unexpected file %s", name)
		}
		if n, ok := strings.CutPrefix(name, "search/text/"); ok {
			if g, err := strconv.Atoi(strings.TrimSuffix(n, ".json")); err != nil || g >= groups {
				t.Errorf("unexpected text file %s", name)
			}
		}
		if n, ok := strings.CutPrefix(name, "search/words/"); ok {
			if i, err := strconv.Atoi(strings.TrimSuffix(n, ".json")); err != nil || i >= ix.Buckets {
				t.Errorf("unexpected word file %s", name)
			}
		}
	}
	if ix.Buckets < 1 || ix.Buckets != (len(ix.Docs)+63)/64 {
		t.Fatalf("%d buckets for %d documents, want one per 64", ix.Buckets, len(ix.Docs))
	}
	for i, wf := range ix.words {
		name := "search/words/" + strconv.Itoa(i) + ".json"
		if !slices.IsSorted(wf.keys) {
			t.Errorf("%s: words not sorted", name)
		}
		for _, w := range wf.keys {
			if b := ix.shardsFor(w); b[0] != i {
				t.Errorf("%s holds %q, which search-worker.js looks for in bucket %d", name, w, b[0])
			}
			if ws := queryWords(w); len(ws) != 1 || ws[0] != w {
				t.Errorf("%s: %q is not one word, folded, as search-worker.js reads a query", name, w)
			}
			ps := wf.postings[w]
			if len(ps) == 0 || len(ps)%2 != 0 {
				t.Errorf("%s: %q has postings %v, want pairs", name, w, ps)
				continue
			}
			for j, d := 0, 0; j < len(ps); j += 2 {
				if (j == 0 && ps[j] < 0) || (j > 0 && ps[j] <= 0) {
					t.Errorf("%s: %q: document delta %d at %d", name, w, ps[j], j)
				}
				d += ps[j]
				if _, ok := ix.at[d]; !ok {
					t.Errorf("%s: %q: no document is numbered %d", name, w, d)
				}
				if sc := ps[j+1]; sc < 1 || sc > 255 {
					t.Errorf("%s: %q: score %d", name, w, sc)
				}
			}
		}
	}
	return ix
}

func allDocs(ix *index) []int {
	out := make([]int, len(ix.Docs))
	for i := range out {
		out[i] = i
	}
	return out
}

func TestIndexShape(t *testing.T) {
	s := siteOf(t, smallSite)
	files := writeIndex(t, s)
	ix := checkShape(t, s, files)
	if ix.Buckets != 1 {
		t.Errorf("a small site has %d word files, want 1", ix.Buckets)
	}
	turkiye := slices.IndexFunc(ix.Docs, func(d doc) bool { return d.Path == "agreements/turkiye-training/" })
	if got, want := ix.Docs[max(turkiye, 0)], (doc{Path: "agreements/turkiye-training/", Title: "Customs training with Türkiye",
		Kind: 0, ISO: "2023-05-01", Date: "1 May 2023", Countries: []int{0, 2}, Topics: []int{0}}); !equalDoc(got, want) {
		t.Errorf("docs[%d] = %+v, want %+v", turkiye, got, want)
	}
	if got, want := ix.Countries, [][2]string{{"Hungary", "countries/hungary/"}, {"Serbia", "countries/serbia/"}, {"Türkiye", "countries/turkiye/"}}; !slices.Equal(got, want) {
		t.Errorf("countries = %q, want %q", got, want)
	}
	got, err := ix.text(files, turkiye)
	if err != nil {
		t.Fatal(err)
	}
	if want := [2]string{"A programme of courses.", "The parties agree on courses for inspectors."}; got != want {
		t.Errorf("text of docs[%d] = %q, want %q", turkiye, got, want)
	}
}

func equalDoc(a, b doc) bool {
	return a.Path == b.Path && a.Title == b.Title && a.Kind == b.Kind && a.ISO == b.ISO && a.Date == b.Date &&
		slices.Equal(a.Countries, b.Countries) && slices.Equal(a.Topics, b.Topics)
}

// TestScores checks the weight of each field: title 10, names of people
// and places 6, countries and topics 5, summary 3, body 1 to 4 by how
// often the word appears, the best field plus the body.
func TestScores(t *testing.T) {
	ix := mustReadIndex(t, writeIndex(t, siteOf(t, smallSite)))
	doc := map[string]int{}
	for i, d := range ix.Docs {
		doc[d.Path] = i
	}
	tests := []struct {
		path, word string
		want       int
	}{
		{"agreements/border-protocol/", "training", 1},   // body, once
		{"agreements/border-protocol/", "patrols", 2},    // body, three times
		{"about/", "seminar", 4},                         // body, twelve times, capped
		{"agreements/border-protocol/", "protocol", 11},  // title and body
		{"agreements/turkiye-training/", "turkiye", 10},  // title and country
		{"agreements/turkiye-training/", "courses", 4},   // summary and body
		{"agreements/turkiye-training/", "programme", 3}, // summary
		{"agreements/framework/", "hungary", 5},          // country
		{"interviews/toth/", "toth", 6},                  // interviewee
		{"interviews/toth/", "danube", 6},                // outlet
		{"agreements/framework/", "budapest", 6},         // place
		{"interviews/toth/", "agreements", 1},            // body
		{"countries/turkiye/", "turkiye", 10},            // a country's title
	}
	for _, tt := range tests {
		d, ok := doc[tt.path]
		if !ok {
			t.Fatalf("no document %s in %q", tt.path, ix.paths(allDocs(ix)))
		}
		got := 0
		ps := ix.words[0].postings[tt.word]
		for j, n := 0, 0; j < len(ps); j += 2 {
			if n += ps[j]; ix.at[n] == d {
				got = ps[j+1]
			}
		}
		if got != tt.want {
			t.Errorf("score of %q in %s = %d, want %d", tt.word, tt.path, got, tt.want)
		}
	}
	for _, w := range []string{"the", "on", "a", "s"} {
		if _, ok := ix.words[0].postings[w]; ok {
			t.Errorf("%q is indexed", w)
		}
	}
}

func TestRanking(t *testing.T) {
	ix := mustReadIndex(t, writeIndex(t, siteOf(t, smallSite)))
	tests := []struct {
		name, q string
		want    []string
	}{
		{"a title match outranks a body match, even a newer one", "training",
			[]string{"agreements/turkiye-training/", "topics/customs-training/", "agreements/border-protocol/"}},
		{"folded: Turkiye finds Türkiye, and a page before a country of the same score", "Turkiye",
			[]string{"agreements/turkiye-training/", "countries/turkiye/"}},
		{"the query is folded too", "TÜRKİYE",
			[]string{"agreements/turkiye-training/", "countries/turkiye/"}},
		{"a plural finds the singular, and the plural at the same weight", "agreements",
			[]string{"agreements/framework/", "interviews/toth/"}},
		{"a prefix finds longer words at half weight", "proto",
			[]string{"agreements/border-protocol/", "interviews/toth/"}},
		{"two words need both", "customs training",
			[]string{"agreements/turkiye-training/", "topics/customs-training/"}},
		{"a person by a name without accents", "toth",
			[]string{"interviews/toth/"}},
		{"a person by both names", "eszter tóth",
			[]string{"interviews/toth/"}},
		{"stopwords and one-letter words are not needed", "the border protocol a",
			[]string{"agreements/border-protocol/"}},
		{"no match", "customs xylophone", nil},
		{"only stopwords", "the of", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ix.query(tt.q)
			if got := ix.paths(r.hits); !slices.Equal(got, tt.want) {
				t.Errorf("query %q found\n%q\nwant\n%q", tt.q, got, tt.want)
				for _, d := range r.hits {
					t.Logf("%5.1f %s %s", r.scores[d], ix.Docs[d].ISO, ix.Docs[d].Path)
				}
			}
		})
	}
}

// TestShardsStaySmall checks, on a generated site of 2,000 pages, that the
// words are split into files small enough that a query downloads little
// more than it needs, and that every query finds what the whole index
// would.
func TestShardsStaySmall(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Site(dir, 2000, 1, repoRoot); err != nil {
		t.Fatal(err)
	}
	s := checkSite(t, dir)
	files := writeIndex(t, s)
	ix := checkShape(t, s, files)
	if ix.Buckets < 2 {
		t.Fatalf("%d word files for 2,000 pages: the index is not split", ix.Buckets)
	}
	const maxFile = 200_000
	for i := range ix.Buckets {
		name := "search/words/" + strconv.Itoa(i) + ".json"
		if n := len(files[name]); n > maxFile {
			t.Errorf("%s is %d bytes, more than %d", name, n, maxFile)
		}
	}

	// The whole index in one file, to compare each query's answer with.
	var whole wordFile
	whole.postings = map[string][]int{}
	for _, wf := range ix.words {
		whole.keys = append(whole.keys, wf.keys...)
		for w, ps := range wf.postings {
			whole.postings[w] = ps
		}
	}
	one := *ix
	slices.Sort(whole.keys)
	one.Buckets, one.words = 1, []wordFile{whole}

	// What a query downloads before its first result: index.json and the
	// word files of its words, gzipped as a server would send them.
	const budget = 400_000 // a fifth of the 2 MB allowed at 10,000 pages
	indexSize := gzipSize(t, files["search/index.json"])
	for _, q := range []string{"customs", "risk management", "co", "turkiye x-ray", "eszter toth", "2019"} {
		r := ix.query(q)
		if want := one.query(q); !slices.Equal(r.hits, want.hits) {
			t.Errorf("query %q: %d results from the word files it loads, %d from the whole index", q, len(r.hits), len(want.hits))
		}
		if len(r.hits) == 0 {
			t.Errorf("query %q found nothing", q)
		}
		size := indexSize
		for _, sh := range r.shards {
			size += gzipSize(t, files["search/words/"+strconv.Itoa(sh)+".json"])
		}
		t.Logf("%-15q %5d results, %2d word files, %7d bytes gzipped with index.json", q, len(r.hits), len(r.shards), size)
		if size > budget {
			t.Errorf("query %q downloads %d bytes gzipped, more than %d", q, size, budget)
		}
	}
	firstTitle := ix.Docs[ix.query("turkiye").hits[0]].Title
	if !strings.Contains(firstTitle, "Türkiye") {
		t.Errorf("the first result for turkiye is %q, which does not name Türkiye", firstTitle)
	}
}

func gzipSize(t testing.TB, data []byte) int {
	t.Helper()
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Len()
}

// TestChaptersFoundOnTheirPages checks a long text published as pages of
// chapters: a word of a chapter finds that chapter's page, with a snippet
// of its text, and what the document is about (its title, its countries)
// finds the document's page alone.
func TestChaptersFoundOnTheirPages(t *testing.T) {
	var body strings.Builder
	for i, subject := range []string{"Definitions", "Investment", "Telecommunications"} {
		fmt.Fprintf(&body, "## Chapter %d: %s\n\n", i+1, subject)
		for range 300 {
			fmt.Fprintf(&body, "The parties shall apply the %s provisions of chapter %d. ", strings.ToLower(subject), i+1)
		}
		body.WriteString("\n\n")
	}
	files := writeIndex(t, siteOf(t, `
-- config.toml --
title = "KB"
-- content/agreements/pacific.md --
---
title: "Pacific partnership"
signed: 2016-02-04
countries: [Australia, Chile]
---
`+body.String()))
	ix := mustReadIndex(t, files)
	for _, tt := range []struct{ q, want string }{
		{"investment", "agreements/pacific/chapter-2-investment/"},
		{"telecommunications provisions", "agreements/pacific/chapter-3-telecommunications/"},
		{"definitions", "agreements/pacific/"},
		{"pacific", "agreements/pacific/"},
		{"australia", "countries/australia/ agreements/pacific/"},
	} {
		if got := strings.Join(ix.paths(ix.query(tt.q).hits), " "); got != tt.want {
			t.Errorf("query %q found %q, want %q", tt.q, got, tt.want)
		}
	}
	d := slices.IndexFunc(ix.Docs, func(d doc) bool { return d.Path == "agreements/pacific/chapter-2-investment/" })
	if d < 0 {
		t.Fatal("no document of chapter 2")
	}
	text, err := ix.text(files, d)
	if err != nil {
		t.Fatal(err)
	}
	if ix.Docs[d].Title != "Chapter 2: Investment — Pacific partnership" || !strings.HasPrefix(text[1], "Chapter 2: Investment The parties shall apply the investment provisions") {
		t.Errorf("chapter 2 is titled %q with the text %.80q", ix.Docs[d].Title, text[1])
	}
}
