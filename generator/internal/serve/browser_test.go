package serve_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/cooperation-kb/kb/generator/internal/corpus"
	"github.com/cooperation-kb/kb/generator/internal/serve"
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

// syncBuffer collects the server's output from its goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// writeAtomic replaces a file as an editor that saves through a temporary
// file does, so the watcher never sees it half written.
func writeAtomic(t *testing.T, name, data string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".tmp")
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}

// recordEventSource is run in every new document before its scripts: it
// keeps the page's EventSource on window, so the test can wait until the
// live-reload script is connected before it changes a file.
const recordEventSource = `(() => {
  const Original = window.EventSource;
  window.EventSource = function (url, opts) {
    const es = new Original(url, opts);
    window.__kbES = es;
    return es;
  };
  window.EventSource.prototype = Original.prototype;
})();`

// serveSite runs the development server on the site at root until the
// test ends, and returns its URL and a function that stops it, which
// returns the server's error.
func serveSite(t *testing.T, root string) (string, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve.Run(ctx, serve.Options{Root: root, Addr: "127.0.0.1:0",
			Ready: func(url string) { ready <- url }}, &out, &out)
	}()
	stopped := false
	stop := func() error {
		cancel()
		if stopped {
			return nil
		}
		select {
		case err := <-done:
			stopped = true
			return err
		case <-time.After(5 * time.Second):
			return errors.New("serve.Run did not return within 5s of the context being cancelled")
		}
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Error(err)
		}
		if t.Failed() {
			t.Logf("server output:\n%s", out.String())
		}
	})
	select {
	case base := <-ready:
		return base, stop
	case err := <-done:
		t.Fatalf("serve.Run returned before it was ready: %v\n%s", err, out.String())
	case <-time.After(15 * time.Second):
		t.Fatalf("serve.Run not ready after 15s\n%s", out.String())
	}
	return "", nil
}

// startBrowser starts headless Chromium for the test, which fails rather
// than skips in CI when there is none, and returns its first tab.
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
	bctx, bcancel := chromedp.NewContext(allocCtx)
	t.Cleanup(bcancel)
	// The first action starts the browser; failing to start is an error even
	// where a browser is optional.
	if err := chromedp.Do(bctx, chromedp.Func(func(context.Context, *chromedp.Target) error { return nil })); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return bctx
}

// A tab is a page of the browser, which records its live-reload script's
// event stream.
type tab struct {
	t   *testing.T
	ctx context.Context
}

// openTab opens url in a tab of the browser at bctx, a new one unless
// first, and waits until its live-reload script is connected.
func openTab(t *testing.T, bctx context.Context, url string, first bool) *tab {
	t.Helper()
	ctx := bctx
	if !first {
		var cancel context.CancelFunc
		ctx, cancel = chromedp.NewContext(bctx)
		t.Cleanup(cancel)
	}
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: recordEventSource})
		return err
	})); err != nil {
		t.Fatalf("preparing a tab: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("navigating to %s: %v", url, err)
	}
	c, cc := context.WithTimeout(ctx, 10*time.Second)
	err := chromedp.Do(c, chromedp.WaitVisible(chromedp.CSS("h1")))
	cc()
	if err != nil {
		t.Fatalf("waiting for the page's h1 at %s: %v", url, err)
	}
	tb := &tab{t: t, ctx: ctx}
	tb.live("after the first load of " + url)
	return tb
}

// eval evaluates expr once, with a short limit so that a page in the
// middle of reloading does not hold up a poll.
func (tb *tab) eval(expr string) (string, error) {
	c, cc := context.WithTimeout(tb.ctx, 2*time.Second)
	defer cc()
	return chromedp.Run(c, chromedp.Evaluate[string](expr))
}

// poll evaluates expr, a JavaScript expression giving a string, until ok
// accepts its value, failing with what after 10s.
func (tb *tab) poll(what, expr string, ok func(string) bool) string {
	tb.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var last string
	var lastErr error
	for {
		v, err := tb.eval(expr)
		if err == nil && ok(v) {
			return v
		}
		last, lastErr = v, err
		if time.Now().After(deadline) {
			tb.t.Fatalf("after 10s, still waiting for %s\nlast value: %q\nlast error: %v", what, last, lastErr)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// live waits until the page's live-reload script is connected, so that
// the next change reaches it.
func (tb *tab) live(when string) {
	tb.t.Helper()
	tb.poll("the live-reload script to connect to /_kb/events "+when,
		`String(!!window.__kbES && window.__kbES.readyState === 1)`,
		func(v string) bool { return v == "true" })
}

// TestBrowserLiveReload drives a real browser against the development
// server: live reload after an edit, the error overlay for a broken file and
// its removal once fixed, and a stylesheet swap without a reload.
func TestBrowserLiveReload(t *testing.T) {
	bctx := startBrowser(t)
	root := copySampleSite(t)
	base, stop := serveSite(t, root)
	start := time.Now()
	const (
		rel    = "content/agreements/hungary-kyrgyzstan-customs-training.md"
		edited = "Edited in the browser test."
	)
	tb := openTab(t, bctx, base+"agreements/hungary-kyrgyzstan-customs-training/", true)
	eval, poll, live := tb.eval, tb.poll, tb.live

	// 1. An edit to the Markdown shows without the test reloading the page.
	name := filepath.Join(root, filepath.FromSlash(rel))
	orig, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	good := strings.TrimRight(string(orig), "\n") + "\n\n" + edited + "\n"
	writeAtomic(t, name, good)
	poll("the page to reload by itself and show "+fmt.Sprintf("%q", edited),
		`document.body.innerText`,
		func(v string) bool { return strings.Contains(v, edited) })
	live("after the reload for the edit")

	// 2. A broken front matter shows the overlay, naming the file.
	lines := strings.Split(good, "\n")
	found := false
	for i, l := range lines {
		if strings.HasPrefix(l, "title:") {
			lines[i], found = "title: [broken", true
			break
		}
	}
	if !found {
		t.Fatalf("%s has no title line to break", rel)
	}
	writeAtomic(t, name, strings.Join(lines, "\n"))
	overlay := poll("#kb-error-overlay to appear and name "+rel+":",
		`(() => { const o = document.getElementById("kb-error-overlay");
			return o ? o.getAttribute("role") + "\n" + o.innerText : ""; })()`,
		func(v string) bool { return strings.Contains(v, rel+":") })
	if !strings.HasPrefix(overlay, "alert\n") {
		t.Errorf("the overlay has no role=alert:\n%s", overlay)
	}
	t.Logf("overlay text:\n%s", strings.TrimPrefix(overlay, "alert\n"))
	if href, err := eval(`document.querySelector("#kb-error-overlay a").getAttribute("href")`); err != nil || !strings.HasPrefix(href, "/_kb/source/"+rel+"#L") {
		t.Errorf("the overlay's link is %q (err %v); want /_kb/source/%s#L<line>", href, err, rel)
	}
	shot, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot of the overlay: %v", err)
	}
	shotPath := filepath.Join(os.TempDir(), "kb-overlay.png")
	if err := os.WriteFile(shotPath, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of the error overlay: %s", shotPath)

	// 3. Fixing it removes the overlay; the edit is still there.
	writeAtomic(t, name, good)
	poll("#kb-error-overlay to go away after the fix, with "+fmt.Sprintf("%q", edited)+" still shown",
		`(document.getElementById("kb-error-overlay") ? "overlay\n" : "") + document.body.innerText`,
		func(v string) bool { return !strings.HasPrefix(v, "overlay\n") && strings.Contains(v, edited) })
	live("after the reload for the fix")

	// 4. A stylesheet-only change swaps the stylesheet without a reload.
	if _, err := eval(`window.__kbNoReload = true; "set"`); err != nil {
		t.Fatalf("setting window.__kbNoReload: %v", err)
	}
	css := filepath.Join(root, "static", "css", "style.css")
	style, err := os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	writeAtomic(t, css, string(style)+"\nbody{outline:3px solid rgb(1, 2, 3)}\n")
	poll("body's outline color to become rgb(1, 2, 3) after the stylesheet changed",
		`getComputedStyle(document.body).outlineColor`,
		func(v string) bool { return v == "rgb(1, 2, 3)" })
	if v, err := eval(`String(window.__kbNoReload)`); err != nil || v != "true" {
		t.Errorf("window.__kbNoReload = %q (err %v) after a stylesheet-only change; want \"true\": the page reloaded instead of swapping the stylesheet", v, err)
	}
	t.Logf("browser steps took %s", time.Since(start).Round(time.Millisecond))

	// 5. Cancelling the context stops the server, with the page still open
	// on its event stream.
	if err := stop(); err != nil {
		t.Fatalf("serve.Run: %v", err)
	}
}

// TestBrowserFrontMatterEdit retitles an agreement in its front matter
// with its page open in one tab and the list of agreements in another,
// then adds a topic to it with the topic's page open in a third: each
// shows the change without the test reloading it. (That the open page is
// written and reloaded first is TestOpenPagesFirst's and
// TestEventsEarly's to check.)
func TestBrowserFrontMatterEdit(t *testing.T) {
	bctx := startBrowser(t)
	root := copySampleSite(t)
	base, _ := serveSite(t, root)
	onPage := openTab(t, bctx, base+"agreements/hungary-kyrgyzstan-customs-training/", true)
	onList := openTab(t, bctx, base+"agreements/", false)

	name := filepath.Join(root, "content", "agreements", "hungary-kyrgyzstan-customs-training.md")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	const retitled = "Retitled in the browser test"
	if !strings.Contains(string(src), "\ntitle: \"") {
		t.Fatalf("%s has no title line", name)
	}
	saved := time.Now()
	writeAtomic(t, name, strings.Replace(string(src), "\ntitle: \"", "\ntitle: \""+retitled+": ", 1))
	onPage.poll("the open page's h1 to show the new title", `document.querySelector("h1").innerText`,
		func(v string) bool { return strings.HasPrefix(v, retitled) })
	t.Logf("the open page showed the new title %s after the save", time.Since(saved).Round(time.Millisecond))
	onList.poll("the list of agreements to show the new title", `document.querySelector("main").innerText`,
		func(v string) bool { return strings.Contains(v, retitled) })
	t.Logf("the list showed it %s after the save", time.Since(saved).Round(time.Millisecond))

	// Opened once the retitled pages are written, which reload those open.
	onTopic := openTab(t, bctx, base+"topics/digitalisation/", false)
	onTopic.poll("the page of the topic, before the agreement names it, not to list it", `document.querySelector("main").innerText`,
		func(v string) bool { return v != "" && !strings.Contains(v, retitled) })
	src, err = os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "\ntopics:\n") {
		t.Fatalf("%s has no list of topics", name)
	}
	saved = time.Now()
	writeAtomic(t, name, strings.Replace(string(src), "\ntopics:\n", "\ntopics:\n  - \"digitalisation\"\n", 1))
	onPage.poll("the open page to name the topic added", `[...document.querySelectorAll("main a")].map(a => a.getAttribute("href")).join(" ")`,
		func(v string) bool { return strings.Contains(v, "/topics/digitalisation/") })
	t.Logf("the open page named the topic %s after the save", time.Since(saved).Round(time.Millisecond))
	onTopic.poll("the page of the topic to list the agreement", `document.querySelector("main").innerText`,
		func(v string) bool { return strings.Contains(v, retitled) })
	t.Logf("the topic's page listed it %s after the save", time.Since(saved).Round(time.Millisecond))
}

// TestBrowserChapters opens a link to a heading of a long text published
// as pages of chapters, which leads to the document's page: the browser
// goes on to the heading on its chapter's page, and a link between
// chapters leads to the other chapter's heading.
func TestBrowserChapters(t *testing.T) {
	bctx := startBrowser(t)
	root := copySampleSite(t)
	writeAtomic(t, filepath.Join(root, "content", "agreements", "long-treaty.md"),
		"---\ntitle: \"A long treaty\"\nsigned: 2020-01-01\n---\n"+corpus.LongText(5))
	base, _ := serveSite(t, root)
	tb := openTab(t, bctx, base+"agreements/long-treaty/#article-41", true)
	where := `location.pathname + location.hash + " " + (document.getElementById("article-41") || {}).tagName + " " +
		Math.round(document.getElementById("article-41")?.getBoundingClientRect().top ?? -1)`
	// In view: the window is 800 pixels high.
	inView := func(v string) bool {
		f := strings.Fields(v)
		top, err := strconv.Atoi(f[len(f)-1])
		return strings.HasPrefix(v, "/agreements/long-treaty/chapter-4/#article-41 H3 ") && err == nil && top >= 0 && top < 700
	}
	tb.poll("the browser to go on to the heading on its chapter's page", where, inView)
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(base+"agreements/long-treaty/chapter-3/")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Click(`a[href="../chapter-4/#article-41"]`)); err != nil {
		t.Fatal(err)
	}
	tb.poll("the link from chapter 3 to lead to the heading of chapter 4", where, inView)
}
