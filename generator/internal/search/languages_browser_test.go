package search_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserLanguages reads the sample site in three languages in
// headless Chromium: it switches from an English agreement to its
// Hungarian translation, from there to Russian, where the agreement is
// not translated and the switcher leads to the Russian home page, and
// searches the Russian site in Cyrillic.
func TestBrowserLanguages(t *testing.T) {
	ctx := startBrowser(t)
	root := t.TempDir()
	for _, dir := range []string{"content", "templates", "static"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join(repoRoot, dir))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(repoRoot, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = append(cfg, "\n[languages.ru]\n"...)
	if err := os.WriteFile(filepath.Join(root, "config.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	site := buildAndServe(t, root)
	p := &searchPage{t: t, ctx: newTab(t, ctx), url: site.URL + "ru/search/"}

	// page waits for the tab to show the page at path, and reads it.
	page := func(what, path string) (lang, gotPath, h1 string) {
		t.Helper()
		p.poll(what, `location.pathname + " " + document.readyState`, func(v string) bool { return v == path+" complete" })
		var v []string
		data, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`JSON.stringify([document.documentElement.lang, location.pathname, document.querySelector("h1")?.textContent ?? ""])`))
		if err == nil {
			err = json.Unmarshal([]byte(data), &v)
		}
		if err != nil || len(v) != 3 {
			t.Fatalf("reading %s: %v", what, err)
		}
		return v[0], v[1], strings.TrimSpace(v[2])
	}
	p.do("opening an English agreement", chromedp.Navigate(site.URL+"agreements/hungary-kyrgyzstan-customs-training/"))
	if lang, path, _ := page("the English agreement", "/agreements/hungary-kyrgyzstan-customs-training/"); lang != "en" || path != "/agreements/hungary-kyrgyzstan-customs-training/" {
		t.Fatalf("the English agreement is %s at %s", lang, path)
	}
	p.do("choosing magyar", chromedp.Click(`nav.langs a[lang="hu"]`))
	lang, path, h1 := page("the Hungarian agreement", "/hu/agreements/hungary-kyrgyzstan-customs-training/")
	if lang != "hu" || path != "/hu/agreements/hungary-kyrgyzstan-customs-training/" || !strings.HasPrefix(h1, "Magyar–kirgiz megállapodás") {
		t.Errorf("after choosing magyar: lang %q, path %q, heading %q; want the Hungarian translation", lang, path, h1)
	}
	p.do("choosing русский", chromedp.Click(`nav.langs a[lang="ru"]`))
	if lang, path, _ := page("the Russian home page", "/ru/"); lang != "ru" || path != "/ru/" {
		t.Errorf("after choosing русский on a page not translated into Russian: lang %q, path %q; want the Russian home page /ru/", lang, path)
	}

	p.open("")
	q := "венгр"
	p.do("typing "+q, chromedp.SendKeys(chromedp.ID("search-q"), q))
	s := p.wait("results for "+q, func(s state) bool { return s.Query == q && len(s.Results) > 0 })
	if got := s.Results[0]; got.Title != "Венгрия" || got.Href != "/ru/countries/hungary/" {
		t.Errorf("the first result of %q is %q at %s; want Венгрия at /ru/countries/hungary/ (all: %+v)", q, got.Title, got.Href, s.Results)
	}
	if !strings.Contains(s.Results[0].TitleHTML, "<mark>Венгр") {
		t.Errorf("the title of the first result is %q; want the word that matched marked", s.Results[0].TitleHTML)
	}
	// The count is said in the plural form Russian gives it, which the
	// search worker picks by the language's rules.
	forms := map[string]bool{}
	for _, q := range []string{"венгрия", "узбекистан", "operationalisation", "customs"} {
		p.do("clearing the search box", chromedp.Focus(chromedp.ID("search-q")), chromedp.KeyEvent(kb.Escape))
		p.do("typing "+q, chromedp.SendKeys(chromedp.ID("search-q"), q))
		s := p.wait("the count of results for "+q, func(s state) bool { return strings.Contains(s.Status, "«"+q+"»") })
		var n int
		_, after, _ := strings.Cut(s.Status, "»")
		if _, err := fmt.Sscanf(strings.TrimPrefix(strings.TrimPrefix(after, " найдено"), " найден"), "%d", &n); err != nil {
			t.Fatalf("query %q: no count in the status %q", q, s.Status)
		}
		form, want := russianCount(n)
		forms[form] = true
		if !strings.HasSuffix(s.Status, want) {
			t.Errorf("query %q: status %q, want it to end %q", q, s.Status, want)
		}
	}
	if len(forms) < 2 {
		t.Errorf("the queries gave counts of the plural forms %v only; want several", forms)
	}
}

// russianCount is how the Russian status ends for n results, and the
// name of its plural form.
func russianCount(n int) (form, end string) {
	switch {
	case n%10 == 1 && n%100 != 11:
		return "one", fmt.Sprintf("найден %d результат.", n)
	case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
		return "few", fmt.Sprintf("найдено %d результата.", n)
	}
	return "many", fmt.Sprintf("найдено %d результатов.", n)
}
