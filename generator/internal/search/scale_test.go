package search_test

import (
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cooperation-kb/kb/generator/internal/corpus"
)

var search10k = flag.Bool("search10k", false, "measure search on the generated site of 10,000 pages in Chromium (download size and query time)")

// downloadBudget is the most a query may download, gzipped, before its
// first result: index.json and the word files of its words.
const downloadBudget = 2_000_000

// maxQueryTime is the longest the 95th percentile of queries may take in
// the browser, index loaded, from the input to the results shown.
const maxQueryTime = 50 * time.Millisecond

// TestSearch10k builds the generated site of 10,000 pages and measures, in
// headless Chromium, what each query downloads and how long it takes. It
// runs only with -search10k, as the build takes tens of seconds; .ci/run
// runs it once.
func TestSearch10k(t *testing.T) {
	if !*search10k {
		t.Skip("run with -args -search10k to measure")
	}
	ctx := startBrowser(t)
	dir := t.TempDir()
	if err := corpus.Site(dir, 10000, 1, repoRoot); err != nil {
		t.Fatal(err)
	}
	site := buildAndServe(t, dir)
	ix := site.index(t)
	p := &searchPage{t: t, ctx: newTab(t, ctx), url: site.URL + "search/"}

	// gz returns the gzipped size of files of the built site, by URL path.
	gz := func(paths []string) int {
		n := 0
		for _, path := range paths {
			data, err := os.ReadFile(filepath.Join(site.dir, filepath.FromSlash(path)))
			if err != nil {
				t.Fatal(err)
			}
			n += gzipSize(t, data)
		}
		return n
	}
	// searchFiles returns the index files among paths, sorted: those
	// needed before the first result, and the text files of snippets.
	searchFiles := func(paths []string) (index, text []string) {
		for _, path := range paths {
			switch {
			case path == "/search/index.json", strings.HasPrefix(path, "/search/words/"):
				index = append(index, path)
			case strings.HasPrefix(path, "/search/text/"):
				text = append(text, path)
			}
		}
		slices.Sort(index)
		slices.Sort(text)
		return slices.Compact(index), slices.Compact(text)
	}

	t.Logf("index.json: %d documents, %d word files, %d bytes gzipped", len(ix.Docs), ix.Buckets, gz([]string{"/search/index.json"}))

	// Download: each query on a fresh page, from the address, as a link
	// to a search would open it; every file is requested from the server.
	queries := []string{"customs", "risk management", "co", "turkiye x-ray", "eszter toth", "2019"}
	for _, q := range queries {
		site.takeRequested()
		p.open("?q=" + url.QueryEscape(q))
		s := p.waitResults(q)
		checkAgainstReference(t, ix, s, q)
		// The snippets of the results shown come from these text files.
		var wantText []string
		for _, path := range resultPaths(s) {
			d := slices.IndexFunc(ix.Docs, func(d doc) bool { return d.Path == path })
			wantText = append(wantText, "/search/text/"+strconv.Itoa(ix.slot[d]/ix.Group)+".json")
		}
		slices.Sort(wantText)
		wantText = slices.Compact(wantText)
		var requested, index, text []string
		p.wait("the snippets' text files to be requested", func(state) bool {
			requested = append(requested, site.takeRequested()...)
			index, text = searchFiles(requested)
			return slices.Equal(text, wantText)
		})
		wantIndex := []string{"/search/index.json"}
		for _, sh := range ix.query(q).shards {
			wantIndex = append(wantIndex, "/search/words/"+strconv.Itoa(sh)+".json")
		}
		slices.Sort(wantIndex)
		if !slices.Equal(index, wantIndex) {
			t.Errorf("query %q loaded %q, want %q", q, index, wantIndex)
		}
		size := gz(index)
		t.Logf("download %-17q %5d results: %2d index files %9d bytes gzipped before the first result, %2d text files %7d bytes for the snippets",
			q, len(ix.query(q).hits), len(index), size, len(text), gz(text))
		if size > downloadBudget {
			t.Errorf("query %q downloads %d bytes gzipped before its first result, more than %d", q, size, downloadBudget)
		}
	}

	// Download while typing: a reader who types each query key by key
	// loads the word files of every prefix on the way.
	for _, q := range queries {
		site.takeRequested()
		p.open("")
		p.do("typing "+q, chromedp.SendKeys(chromedp.ID("search-q"), q))
		p.waitResults(q)
		index, _ := searchFiles(site.takeRequested())
		t.Logf("typed    %-17q %2d index files %9d bytes gzipped", q, len(index), gz(index))
	}

	// Query time, as search.js records it: once every query has run, so
	// that its files are loaded, each is typed again three times, and the
	// best time kept, as the machine may be busy with other work.
	timed := []string{"customs", "risk management", "co", "turkiye x-ray", "eszter toth", "2019",
		"agreement", "memorandum uzbekistan", "border", "training curricula", "smuggling",
		"kazakhstan georgia", "rail freight", "seizure statistics", "protocol", "budapest", "wco",
		"single window", "quarterly", "data exchange"}
	p.open("")
	for _, q := range timed {
		p.typeQuery(q)
	}
	var times, all []time.Duration
	for _, q := range timed {
		var runs []time.Duration
		for range 3 {
			s := p.typeQuery(q)
			ms, err := strconv.ParseFloat(s.Ms, 64)
			if err != nil {
				t.Fatalf("query %q: data-ms %q: %v", q, s.Ms, err)
			}
			runs = append(runs, time.Duration(ms*float64(time.Millisecond)))
		}
		times, all = append(times, slices.Min(runs)), append(all, runs...)
		t.Logf("time     %-22q %5d results %s", q, len(ix.query(q).hits), runs)
	}
	median, p95 := percentiles(all)
	t.Logf("query time over all %d runs: median %s, 95th percentile %s", len(all), median, p95)
	median, p95 = percentiles(times)
	t.Logf("query time over %d queries, each the best of three: median %s, 95th percentile %s", len(times), median, p95)
	if p95 >= maxQueryTime {
		t.Errorf("95th percentile of query time %s, want under %s", p95, maxQueryTime)
	}
}

// percentiles returns the median and the 95th percentile of ds.
func percentiles(ds []time.Duration) (median, p95 time.Duration) {
	s := slices.Sorted(slices.Values(ds))
	return s[len(s)/2], s[(len(s)*95+99)/100-1]
}
