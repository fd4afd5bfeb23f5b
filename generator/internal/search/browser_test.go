package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/cooperation-kb/kb/generator/internal/build"
	"github.com/cooperation-kb/kb/generator/internal/corpus"
)

// browserPath finds a Chromium or Chrome binary, or returns "".
func browserPath() string {
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// startBrowser starts headless Chromium for the test, which fails in CI
// and skips elsewhere when there is none.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := browserPath()
	if exe == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium not found: .ci/run must install it")
		}
		t.Skip("chromium not found (looked for /usr/bin/chromium, chromium, chromium-browser, google-chrome); install it to run this test")
	}
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "chromium")),
		chromedp.WindowSize(1280, 800),
	)
	t.Cleanup(allocCancel)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	// The first action starts the browser, so that a browser that cannot
	// start fails here, with its name.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}

// newTab opens a tab of the browser of ctx, closed at the end of the test.
func newTab(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return tab
}

// served is a built site served over HTTP on loopback, with the paths of
// the files requested from it.
type served struct {
	URL string // ends in "/"
	dir string

	mu        sync.Mutex
	requested []string
}

// buildAndServe builds the site at root into a new folder and serves it.
// Responses are not to be cached, so that every file a page needs is
// requested from the server.
func buildAndServe(t *testing.T, root string) *served {
	t.Helper()
	s := &served{dir: filepath.Join(t.TempDir(), "public")}
	start := time.Now()
	if _, err := build.Build(build.Options{Root: root, Out: s.dir}); err != nil {
		t.Fatalf("building %s:\n%v", root, err)
	}
	t.Logf("built %s in %s", root, time.Since(start).Round(time.Millisecond))
	files := http.FileServer(http.Dir(s.dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requested = append(s.requested, r.URL.Path)
		s.mu.Unlock()
		w.Header().Set("Cache-Control", "no-store")
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	s.URL = srv.URL + "/"
	return s
}

// takeRequested returns the paths requested since the last call.
func (s *served) takeRequested() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.requested
	s.requested = nil
	return r
}

// index reads the search index of the built site.
func (s *served) index(t testing.TB) *index {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(filepath.Join(s.dir, "search"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".json") {
			return err
		}
		rel, err := filepath.Rel(s.dir, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return mustReadIndex(t, files)
}

// state is what the search page shows.
type state struct {
	Status     string // the live region's text
	StatusRole string
	Query      string // the input's value
	Focus      string // "input", the href of a focused link, or a tag name
	URL        string // path and query
	Ms         string // the results list's data-ms
	Hidden     bool   // whether the form is hidden
	Results    []resultView
}

type resultView struct {
	Kind, Title, TitleHTML, Href, Snippet string
}

const readState = `JSON.stringify((() => {
  const input = document.getElementById("search-q");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const a = document.activeElement;
  return {
    Status: status.textContent,
    StatusRole: status.getAttribute("role"),
    Query: input.value,
    Focus: a === input ? "input" : a.getAttribute("href") ?? a.tagName,
    URL: location.pathname + location.search,
    Ms: list.dataset.ms ?? "",
    Hidden: input.form.hidden,
    Results: [...list.children].map((li) => ({
      Kind: li.querySelector(".kind").textContent,
      Title: li.querySelector(".item-title").textContent,
      TitleHTML: li.querySelector(".item-title").innerHTML,
      Href: li.querySelector(".item-title").getAttribute("href"),
      Snippet: li.querySelector(".snippet").innerHTML,
    })),
  };
})())`

// searchPage drives the search page in one tab.
type searchPage struct {
	t   *testing.T
	ctx context.Context
	url string // the search page's URL
}

func (p *searchPage) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	c, cancel := context.WithTimeout(p.ctx, 10*time.Second)
	defer cancel()
	if err := chromedp.Do(c, actions...); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

// open loads the search page with the query string query ("" for none)
// and waits for its script to show the form.
func (p *searchPage) open(query string) {
	p.t.Helper()
	p.do("opening the search page", chromedp.Navigate(p.url+query))
	p.wait("the script to show the form", func(s state) bool { return !s.Hidden })
}

// state reads what the page shows.
func (p *searchPage) state() (state, error) {
	c, cancel := context.WithTimeout(p.ctx, 2*time.Second)
	defer cancel()
	var s state
	data, err := chromedp.Run(c, chromedp.Evaluate[string](readState))
	if err == nil {
		err = json.Unmarshal([]byte(data), &s)
	}
	return s, err
}

// wait polls the page until ok accepts what it shows, for up to 10s.
func (p *searchPage) wait(what string, ok func(state) bool) state {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s, err := p.state()
		if err == nil && ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("after 10s, still waiting for %s\nlast state: %+v\nlast error: %v", what, s, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// typeQuery types q into the search box with key events, after clearing
// it with Escape, and waits for the results.
func (p *searchPage) typeQuery(q string) state {
	p.t.Helper()
	p.do("clearing the search box", chromedp.Focus(chromedp.ID("search-q")), chromedp.KeyEvent(kb.Escape))
	p.do("typing "+q, chromedp.SendKeys(chromedp.ID("search-q"), q))
	return p.waitResults(q)
}

// waitResults waits until the live region reports the results of q.
func (p *searchPage) waitResults(q string) state {
	p.t.Helper()
	return p.wait("the results of "+fmt.Sprintf("%q", q), func(s state) bool {
		return s.Query == q && strings.HasSuffix(s.Status, " for “"+q+"”.")
	})
}

// poll evaluates expr, a JavaScript expression giving a string, until ok
// accepts its value, for up to 10s.
func (p *searchPage) poll(what, expr string, ok func(string) bool) {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, cancel := context.WithTimeout(p.ctx, 2*time.Second)
		v, err := chromedp.Run(c, chromedp.Evaluate[string](expr))
		cancel()
		if err == nil && ok(v) {
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("after 10s, still waiting for %s\nlast value: %q\nlast error: %v", what, v, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// key presses a key in the focused element.
func (p *searchPage) key(name, key string) {
	p.t.Helper()
	p.do("pressing "+name, chromedp.KeyEvent(key))
}

// resultPaths returns the site paths of the results shown.
func resultPaths(s state) []string {
	out := make([]string, len(s.Results))
	for i, r := range s.Results {
		out[i] = strings.TrimPrefix(r.Href, "/")
	}
	return out
}

// checkAgainstReference checks that the page shows the first results of
// the query as the Go reference in query_test.go ranks them, and says how
// many it found.
func checkAgainstReference(t *testing.T, ix *index, s state, q string) {
	t.Helper()
	r := ix.query(q)
	want := ix.paths(r.hits[:min(20, len(r.hits))])
	if got := resultPaths(s); !slices.Equal(got, want) {
		t.Errorf("query %q: the page shows\n%q\nthe reference ranks\n%q", q, got, want)
	}
	if want := statusOf(len(r.hits), q); s.Status != want {
		t.Errorf("query %q: status %q, want %q", q, s.Status, want)
	}
}

// statusOf is what the live region says of n results for q.
func statusOf(n int, q string) string {
	switch n {
	case 0:
		return "No results for “" + q + "”."
	case 1:
		return "1 result for “" + q + "”."
	}
	return fmt.Sprintf("%d results for “%s”.", n, q)
}

// TestBrowserSearch types queries into the search page of the sample site
// in headless Chromium and checks what it shows.
func TestBrowserSearch(t *testing.T) {
	ctx := startBrowser(t)
	site := buildAndServe(t, repoRoot)
	ix := site.index(t)
	p := &searchPage{t: t, ctx: newTab(t, ctx), url: site.URL + "search/"}
	start := time.Now()

	p.open("")
	if s, _ := p.state(); s.Focus != "input" || s.StatusRole != "status" {
		t.Errorf("on load, focus is on %q and the status has role %q; want the input focused and role status", s.Focus, s.StatusRole)
	}
	if text, err := chromedp.Run(p.ctx, chromedp.Text(chromedp.CSS("main"))); err != nil || strings.Contains(text, "needs JavaScript") {
		t.Errorf("with JavaScript, the page shows (err %v):\n%s", err, text)
	}

	// The first result of each query, and every result in the reference's
	// order.
	for _, tt := range []struct{ q, kind, title string }{
		{"kyrgyz training", "Agreement", "Hungary–Kyrgyzstan agreement on customs training and professional development"},
		{"kecskes", "Interview", "Zsuzsa Kecskes on Hungary's customs cooperation with Kyrgyzstan, Uzbekistan and the OTS (Trend, 2025)"},
		{"uzbekistan exchange", "Agreement", "Hungary–Uzbekistan customs exchange programme (2025)"},
		{"OTS Budapest", "Agreement", "Informal meeting of OTS Heads of Customs in Budapest (2025)"},
		{"drug", "Topic", "Drug smuggling"},
		{"Kyrgyz trainings", "Agreement", "Hungary–Kyrgyzstan agreement on customs training and professional development"},
	} {
		s := p.typeQuery(tt.q)
		if len(s.Results) == 0 {
			t.Errorf("query %q: no results; status %q", tt.q, s.Status)
			continue
		}
		if got := s.Results[0]; got.Kind != tt.kind || got.Title != tt.title {
			t.Errorf("query %q: first result %s %q, want %s %q", tt.q, got.Kind, got.Title, tt.kind, tt.title)
		}
		checkAgainstReference(t, ix, s, tt.q)
		if want := "/search/?q=" + url.QueryEscape(tt.q); s.URL != want {
			t.Errorf("query %q: the address is %q, want %q", tt.q, s.URL, want)
		}
	}

	// Matched words are marked in the title and in the snippet, which
	// comes after the results.
	p.typeQuery("kyrgyz training")
	s := p.wait("the first result's snippet", func(s state) bool { return len(s.Results) > 0 && s.Results[0].Snippet != "" })
	first := s.Results[0]
	if want := "Hungary–<mark>Kyrgyzstan</mark> agreement on customs <mark>training</mark> and professional development"; first.TitleHTML != want {
		t.Errorf("title shown as %q, want %q", first.TitleHTML, want)
	}
	for _, want := range []string{"<mark>training</mark>", "<mark>Kyrgyz</mark> customs service"} {
		if !strings.Contains(first.Snippet, want) {
			t.Errorf("snippet %q does not contain %q", first.Snippet, want)
		}
	}

	// Nothing found, and too little typed.
	if s := p.typeQuery("xylophone"); s.Status != statusOf(0, "xylophone") || len(s.Results) != 0 {
		t.Errorf("query xylophone: status %q with %d results", s.Status, len(s.Results))
	}
	p.do("typing one letter", chromedp.KeyEvent(kb.Escape), chromedp.SendKeys(chromedp.ID("search-q"), "k"))
	p.wait("the hint for one letter", func(s state) bool {
		return s.Status == "Type at least two letters of a word." && len(s.Results) == 0
	})

	// Filters: only interviews, then only what concerns Kyrgyzstan.
	all := p.typeQuery("customs")
	setFilter := func(name, value string) {
		t.Helper()
		p.do("choosing "+name+" "+value, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(
			`{ const f = document.querySelector("#search select[name=%s]"); f.value = %q; f.dispatchEvent(new Event("change")); }`, name, value)))
	}
	setFilter("kind", "1")
	s = p.wait("only interviews", func(s state) bool { return s.Status == statusOf(1, "customs") })
	if len(s.Results) != 1 || s.Results[0].Kind != "Interview" || s.URL != "/search/?q=customs&kind=1" {
		t.Errorf("with kind Interview: %d results, first %+v, address %q; want the one interview and ?q=customs&kind=1", len(s.Results), s.Results, s.URL)
	}
	setFilter("kind", "")
	// shownWith sets filter to the term at path, checks that every result
	// shown has that term among those terms gives, and clears the filter.
	shownWith := func(filter, path string, terms func(doc) []int, list [][2]string) {
		t.Helper()
		setFilter(filter, path)
		s := p.wait("only "+path, func(s state) bool {
			return strings.HasSuffix(s.Status, "for “customs”.") && len(s.Results) < len(all.Results)
		})
		n := slices.IndexFunc(list, func(c [2]string) bool { return c[1] == path })
		for _, r := range resultPaths(s) {
			d := slices.IndexFunc(ix.Docs, func(d doc) bool { return d.Path == r })
			if d < 0 || !slices.Contains(terms(ix.Docs[d]), n) {
				t.Errorf("with %s %s, %s is shown", filter, path, r)
			}
		}
		if len(s.Results) < 2 {
			t.Errorf("with %s %s, %d results for customs, want at least 2", filter, path, len(s.Results))
		}
		setFilter(filter, "")
		p.wait("all results again", func(s state) bool { return s.Status == all.Status })
	}
	shownWith("country", "countries/kyrgyzstan/", func(d doc) []int { return d.Countries }, ix.Countries)
	shownWith("topic", "topics/drug-smuggling/", func(d doc) []int { return d.Topics }, ix.Topics)

	// The keyboard: arrows move between the box and the results, Escape
	// clears, Enter follows the focused result.
	s = p.typeQuery("customs")
	links := resultPaths(s)
	focused := func(want string) {
		t.Helper()
		p.wait("focus on "+want, func(s state) bool { return strings.TrimPrefix(s.Focus, "/") == want })
	}
	p.key("ArrowDown", kb.ArrowDown)
	focused(links[0])
	p.key("ArrowDown", kb.ArrowDown)
	focused(links[1])
	p.key("ArrowUp", kb.ArrowUp)
	focused(links[0])
	p.key("ArrowUp", kb.ArrowUp)
	focused("input")
	p.key("ArrowDown", kb.ArrowDown)
	p.key("ArrowDown", kb.ArrowDown)
	focused(links[1])
	p.key("Escape", kb.Escape)
	s = p.wait("Escape to clear the search", func(s state) bool { return s.Query == "" && len(s.Results) == 0 })
	if s.Focus != "input" || s.Status != "" || s.URL != "/search/" {
		t.Errorf("after Escape: focus %q, status %q, address %q; want the input focused, no status, /search/", s.Focus, s.Status, s.URL)
	}
	s = p.typeQuery("kecskes")
	p.key("ArrowDown", kb.ArrowDown)
	focused(resultPaths(s)[0])
	p.key("Enter", kb.Enter)
	want := site.URL + resultPaths(s)[0]
	p.poll("Enter to open "+want, "location.href", func(v string) bool { return v == want })

	// A query in the address is run on load.
	p.open("?q=" + url.QueryEscape("uzbekistan exchange") + "&kind=0")
	s = p.waitResults("uzbekistan exchange")
	if len(s.Results) == 0 || s.Results[0].Title != "Hungary–Uzbekistan customs exchange programme (2025)" {
		t.Errorf("?q=uzbekistan+exchange&kind=0 shows %+v", s.Results)
	}
	for _, r := range s.Results {
		if r.Kind != "Agreement" {
			t.Errorf("?q=uzbekistan+exchange&kind=0 shows a result of kind %s", r.Kind)
		}
	}
	if v, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`document.querySelector("#search select[name=kind]").value`)); err != nil || v != "0" {
		t.Errorf("the kind filter is %q (err %v) after ?kind=0, want \"0\"", v, err)
	}

	// Without JavaScript, the page says so and links to the index pages.
	nojs := &searchPage{t: t, ctx: newTab(t, ctx), url: p.url}
	if _, err := chromedp.Call(nojs.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("turning JavaScript off: %v", err)
	}
	nojs.do("opening the search page without JavaScript", chromedp.Navigate(nojs.url))
	text, err := chromedp.Run(nojs.ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil {
		t.Fatalf("reading the page without JavaScript: %v", err)
	}
	if !strings.Contains(text, "needs JavaScript") {
		t.Errorf("without JavaScript the page does not say it needs it:\n%s", text)
	}
	hrefs, err := chromedp.Run(nojs.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("main a")].filter((a) => a.offsetParent).map((a) => a.getAttribute("href"))`))
	if err != nil {
		t.Fatalf("reading the links without JavaScript: %v", err)
	}
	for _, want := range []string{"/agreements/", "/interviews/", "/timeline/", "/countries/", "/topics/", "/organisations/"} {
		if !slices.Contains(hrefs, want) {
			t.Errorf("without JavaScript the page shows no link to %s; its links: %q", want, hrefs)
		}
	}
	if strings.Contains(text, "Filters") || strings.Contains(text, "All kinds") {
		t.Errorf("without JavaScript the page shows the search form:\n%s", text)
	}
	t.Logf("browser steps took %s", time.Since(start).Round(time.Millisecond))
}

// TestBrowserSearchUnavailable checks that a reader is told when search
// cannot work: the index or the worker that reads it missing from the
// server.
func TestBrowserSearchUnavailable(t *testing.T) {
	ctx := startBrowser(t)
	site := buildAndServe(t, repoRoot)
	worker, err := filepath.Glob(filepath.Join(site.dir, "js", "search-worker.*.js"))
	if err != nil || len(worker) != 1 {
		t.Fatalf("the search worker in %s: %q, %v", site.dir, worker, err)
	}
	for _, missing := range []string{filepath.Join(site.dir, "search", "index.json"), worker[0]} {
		if err := os.Remove(missing); err != nil {
			t.Fatal(err)
		}
		p := &searchPage{t: t, ctx: newTab(t, ctx), url: site.URL + "search/"}
		p.open("?q=customs")
		s := p.wait("the status to say search is not available", func(s state) bool {
			return strings.HasPrefix(s.Status, "Search is not available: ")
		})
		if len(s.Results) != 0 {
			t.Errorf("without %s, %d results shown", filepath.Base(missing), len(s.Results))
		}
	}
}

// TestBrowserSearchCorpus searches a generated site of 300 pages, whose
// names have accents, in headless Chromium.
func TestBrowserSearchCorpus(t *testing.T) {
	ctx := startBrowser(t)
	dir := t.TempDir()
	if err := corpus.Site(dir, 300, 1, repoRoot); err != nil {
		t.Fatal(err)
	}
	site := buildAndServe(t, dir)
	ix := site.index(t)
	p := &searchPage{t: t, ctx: newTab(t, ctx), url: site.URL + "search/"}
	p.open("")

	// Turkiye finds Türkiye, marked as it is written: first the pages
	// that name it in their title, then those about it.
	s := p.typeQuery("Turkiye")
	checkAgainstReference(t, ix, s, "Turkiye")
	if len(s.Results) != 20 {
		t.Fatalf("Turkiye: %d results shown, want a first page of 20", len(s.Results))
	}
	titled := 0
	for i, r := range s.Results {
		switch {
		case strings.Contains(r.TitleHTML, "<mark>Türkiye</mark>") && titled == i:
			titled++
		case strings.Contains(r.Title, "Türkiye"):
			t.Errorf("Turkiye: result %d %q shown as %q, want Türkiye marked, and before every result without it", i, r.Title, r.TitleHTML)
		}
	}
	if titled < 5 {
		t.Errorf("Turkiye: %d results name Türkiye in their title, want at least 5 first", titled)
	}

	hits := ix.query("Turkiye").hits
	want := ix.paths(hits[:min(80, len(hits))])
	// A result has a snippet unless its document has no text.
	hasText := map[string]bool{}
	for _, d := range hits[:len(want)] {
		name := "search/text/" + strconv.Itoa(ix.slot[d]/ix.Group) + ".json"
		data, err := os.ReadFile(filepath.Join(site.dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		text, err := ix.text(map[string][]byte{name: data}, d)
		if err != nil {
			t.Fatal(err)
		}
		hasText[ix.Docs[d].Path] = text != [2]string{}
	}
	snipped := func(s state) bool {
		for _, r := range s.Results {
			if hasText[strings.TrimPrefix(r.Href, "/")] && r.Snippet == "" {
				return false
			}
		}
		return true
	}
	// The next page of results, with the focus on its first. The click
	// waits for the snippets, as a reader would: each arriving moves the
	// button down, and a click aimed at where it was would miss it.
	p.wait("the first page's snippets", snipped)
	p.do("showing more results", chromedp.Click(chromedp.ID("search-more")))
	s = p.wait("a second page of results", func(s state) bool { return len(s.Results) > 20 })
	if s.Focus != s.Results[20].Href {
		t.Errorf("after showing more, focus is on %q, want the 21st result %q", s.Focus, s.Results[20].Href)
	}
	// Two clicks quicker than the answers show two more pages, each
	// result once, in the reference's order, each with its snippet.
	p.do("clicking more twice", chromedp.Evaluate[chromedp.Void](`{ const b = document.getElementById("search-more"); b.click(); b.click(); }`))
	s = p.wait("four pages of results, with their snippets", func(s state) bool {
		return len(s.Results) >= len(want) && snipped(s)
	})
	if got := resultPaths(s); !slices.Equal(got, want) {
		t.Errorf("after two quick clicks on more, the page shows\n%q\nthe reference ranks\n%q", got, want)
	}

	// A person by a name typed without its accent.
	var interviews []string
	for _, d := range ix.Docs {
		if strings.HasPrefix(d.Title, "Eszter Tóth on ") {
			interviews = append(interviews, d.Path)
		}
	}
	if len(interviews) == 0 {
		t.Fatal("the corpus has no interview with Eszter Tóth")
	}
	s = p.typeQuery("toth")
	checkAgainstReference(t, ix, s, "toth")
	for _, r := range s.Results[:min(20, len(interviews))] {
		if r.Kind != "Interview" || !strings.HasPrefix(r.TitleHTML, "Eszter <mark>Tóth</mark> on ") {
			t.Errorf("toth: result %s %q, want one of Eszter Tóth's interviews with Tóth marked", r.Kind, r.TitleHTML)
		}
	}
}
