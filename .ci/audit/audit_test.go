// Package audit checks what readers get from the default theme, on sites
// built and served on loopback. On the repository's own site: axe-core
// finds no violation of WCAG 2.1 A and AA or of its best practices on any
// page, in the light and the dark scheme; the Nu HTML Checker finds no
// error in any HTML file; every internal link leads to a file of the build
// and an element of it; Lighthouse scores at least 95 in performance and
// 100 in accessibility, best practices and SEO on the home, an agreement,
// a country and the search page; and pages print their content and
// nothing else. The TestLarge tests (large_test.go) audit a generated site
// of many pages the same way, and hold its lists to a size budget.
//
// The tools are the npm packages pinned in package-lock.json beside this
// file, run with Debian's chromium and the machine's java:
//
//	npm ci --prefix .ci/audit --ignore-scripts
//	go test -count=1 -v ./.ci/audit
//	go test -count=1 -timeout 30m -v -run '^TestLarge' ./.ci/audit -args -large 1000
//
// A missing tool fails the tests when CI is set and skips them otherwise.
package audit

import (
	"context"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// repoRoot is the repository, seen from this package's folder, where go
// test runs its tests.
const repoRoot = "../.."

// builtSite is a site built by the generator into a temporary folder and
// served on loopback, with its base URL set to the served address so that
// canonical links, the sitemap and every absolute URL are those of the
// audited origin. It is built once, when a test first asks for it.
type builtSite struct {
	// write puts the sources of the site in a folder; nil builds the
	// repository's own site.
	write func(root string) error

	once sync.Once
	err  error
	tmp  string
	srv  *http.Server
	// base is the site's address, ending in "/".
	base string
	// public is the built site.
	public string
	// pages are the paths of every HTML page relative to base, "" for
	// the home page.
	pages []string
}

// sample is the repository's own site, in its languages and in Russian
// too, whose theme words it has but none of whose pages it translates: the
// audit sees every language the theme ships.
var sample = &builtSite{write: func(root string) error {
	for _, dir := range []string{"content", "templates", "static"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join(repoRoot, dir))); err != nil {
			return err
		}
	}
	cfg, err := os.ReadFile(filepath.Join(repoRoot, "config.toml"))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(root, "config.toml"), append(cfg, "\n[languages.ru]\n"...), 0o644)
}}

// searchPage is the search page showing the results of a query that
// matches pages of every audited site.
const searchPage = "search/?q=customs"

// browser is one headless chromium shared by the tests that drive it.
var browser struct {
	once   sync.Once
	err    error
	ctx    context.Context
	cancel context.CancelFunc
}

func TestMain(m *testing.M) {
	code := m.Run()
	if browser.cancel != nil {
		browser.cancel()
	}
	for _, s := range []*builtSite{sample, large} {
		if s.srv != nil {
			s.srv.Close()
		}
		if s.tmp != "" {
			os.RemoveAll(s.tmp)
		}
	}
	os.Exit(code)
}

// need reports a missing tool: in CI it is a broken CI script and fails
// the test; on a developer's machine the audit is optional and skips.
func need(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// tool returns the absolute path of a file of an npm package installed in
// node_modules beside this file.
func tool(t *testing.T, rel string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("node_modules", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		need(t, "%s not found: run npm ci --prefix .ci/audit --ignore-scripts (%v)", rel, err)
	}
	return p
}

// chromiumPath finds Debian's chromium, which the browser tests and
// Lighthouse drive.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	need(t, "chromium not found (looked for /usr/bin/chromium, chromium, chromium-browser, google-chrome)")
	return ""
}

// get builds and serves the site the first time it is asked for.
func (s *builtSite) get(t *testing.T) *builtSite {
	t.Helper()
	s.once.Do(func() { s.err = s.buildAndServe() })
	if s.err != nil {
		t.Fatal(s.err)
	}
	return s
}

func (s *builtSite) buildAndServe() error {
	tmp, err := os.MkdirTemp("", "kb-audit-")
	if err != nil {
		return err
	}
	s.tmp = tmp
	root := "."
	if s.write != nil {
		root = filepath.Join(tmp, "site")
		if err := s.write(root); err != nil {
			return fmt.Errorf("writing the site: %w", err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	s.base = "http://" + ln.Addr().String() + "/"
	s.public = filepath.Join(tmp, "public")
	cmd := exec.Command("go", "run", "./generator", "-quiet", "-root", root, "-out", s.public, "-baseurl", s.base)
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		ln.Close()
		return fmt.Errorf("building the site: %v\n%s", err, out)
	}
	err = filepath.WalkDir(s.public, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		rel, err := filepath.Rel(s.public, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == "index.html" {
			rel = ""
		} else if dir, ok := strings.CutSuffix(rel, "/index.html"); ok {
			rel = dir + "/"
		}
		s.pages = append(s.pages, rel)
		return nil
	})
	if err != nil {
		ln.Close()
		return err
	}
	slices.Sort(s.pages)
	s.srv = &http.Server{Handler: gzipped(http.FileServer(http.Dir(s.public))), ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return nil
}

// file is the built file that a page's path, query left out, is served
// from.
func (s *builtSite) file(page string) string {
	page, _, _ = strings.Cut(page, "?")
	return filepath.Join(s.public, filepath.FromSlash(fileOf(page)))
}

// tab opens a new tab of the shared browser, with a desktop viewport, and
// closes it when the test ends.
func tab(t *testing.T) context.Context {
	t.Helper()
	exe := chromiumPath(t)
	browser.once.Do(func() {
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
			chromedp.ExecPath(exe),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.WindowSize(1280, 800),
		)
		ctx, cancel := chromedp.NewContext(alloc)
		browser.ctx = ctx
		browser.cancel = func() { cancel(); cancelAlloc() }
		// The first action starts the browser.
		browser.err = chromedp.Do(ctx)
	})
	if browser.err != nil {
		t.Fatalf("starting %s: %v", exe, browser.err)
	}
	ctx, cancel := chromedp.NewContext(browser.ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return ctx
}

// ready is what a page must show before it is audited, when its script
// changes it after loading: the results of a search.
var ready = map[string]string{
	searchPage: `document.querySelectorAll("#search-results .snippet").length > 0 &&
		[...document.querySelectorAll("#search-results .snippet")].every((p) => p.textContent !== "")`,
}

// open loads a page of the site in the tab and waits until it is loaded,
// and ready if it has to be. An evaluation can meet the document that is
// going away, so each is tried again until the page answers.
func open(ctx context.Context, base, path string) error {
	url := base + path
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(c, chromedp.Navigate(url)); err != nil {
		return fmt.Errorf("loading /%s: %w", path, err)
	}
	expr := "true"
	if r, ok := ready[path]; ok {
		expr = r
	}
	check := fmt.Sprintf(`location.href === %q && document.readyState === "complete" && (%s)`, url, expr)
	var last error
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		ok, err := chromedp.Run(c, chromedp.Evaluate[bool](check))
		if err == nil && ok {
			return nil
		}
		last = err
	}
	return fmt.Errorf("waiting for /%s to be ready (%s): last error %v", path, expr, last)
}
