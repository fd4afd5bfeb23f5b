package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/diag"
)

const (
	page404  = "<!doctype html><html><body><h1>Nothing here</h1></body></html>\n"
	pageX    = "<!doctype html><html><body><p>the x page</p></body></html>\n"
	secret   = "TOP-SECRET-BESIDE-THE-OUTPUT"
	sourceMD = "---\ntitle: X\n---\n<script>alert(\"x\")</script> & more\nlast line\n"
)

// fixture is a built folder, the sources of its site, and a secret file
// beside the built folder that must never be served.
type fixture struct {
	dir, root string
	srv       *Server
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	parent := t.TempDir()
	f := &fixture{dir: filepath.Join(parent, "out"), root: filepath.Join(parent, "site")}
	files := map[string]string{
		f.dir + "/x/index.html":        pageX,
		f.dir + "/404.html":            page404,
		f.dir + "/css/style.css":       "body{color:red}\n",
		f.dir + "/feed.xml":            "<rss></rss>\n",
		f.dir + "/plain/index.html":    "no body element here",
		parent + "/secret":             secret,
		parent + "/out-secret":         secret,
		f.root + "/content/x.md":       sourceMD,
		f.root + "/config.toml":        "title = \"T\"\n",
		f.root + "/public/x":           secret,
		f.root + "/templates/base.tpl": "{{.}}",
		f.dir + "/a/b/index.html":      pageX,
		f.dir + "/data/.spare-x.json":  secret,
	}
	for name, text := range files {
		p := filepath.FromSlash(name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f.srv = New(f.dir, f.root)
	return f
}

// get serves one request and returns the response.
func (f *fixture) do(req *http.Request) (*http.Response, string) {
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func (f *fixture) get(target string) (*http.Response, string) {
	return f.do(httptest.NewRequest(http.MethodGet, target, nil))
}

// liveScript is the start of the tag that loads the live-reload script;
// the tag may carry attributes after src.
const liveScript = `<script src="/_kb/live.js"`

var scriptTag = regexp.MustCompile(`<script src="/_kb/live\.js"[^>]*></script>`)

// withoutScript returns body with one live-reload tag taken out, and
// whether the tag was right before </body> (or at the end of a page
// without one).
func withoutScript(body string) (string, bool) {
	loc := scriptTag.FindStringIndex(body)
	if loc == nil {
		return body, false
	}
	rest := body[loc[1]:]
	placed := strings.HasPrefix(rest, "</body>") || !strings.Contains(body, "</body>") && rest == ""
	return body[:loc[0]] + rest, placed
}

func TestServesPageWithScript(t *testing.T) {
	f := newFixture(t)
	res, body := f.get("/x/")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /x/: status %d, want 200", res.StatusCode)
	}
	if page, placed := withoutScript(body); page != pageX || !placed {
		t.Errorf("GET /x/ body:\n%s\nwant the page with %s...></script> right before </body>", body, liveScript)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type = %q, want text/html", ct)
	}
	if cl := res.Header.Get("Content-Length"); cl != "" && cl != itoa(len(body)) {
		t.Errorf("Content-Length = %s, body has %d bytes", cl, len(body))
	}
	data, err := os.ReadFile(filepath.Join(f.dir, "x", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != pageX {
		t.Errorf("the file on disk was changed:\n%s", data)
	}

	// The page itself by its file name, and a page without </body>.
	if res, body := f.get("/x/index.html"); res.StatusCode != http.StatusOK {
		t.Errorf("GET /x/index.html: status %d body %q", res.StatusCode, body)
	} else if page, placed := withoutScript(body); page != pageX || !placed {
		t.Errorf("GET /x/index.html: body %q, want the page with the script", body)
	}
	if res, body := f.get("/plain/"); res.StatusCode != http.StatusOK {
		t.Errorf("GET /plain/: status %d", res.StatusCode)
	} else if page, placed := withoutScript(body); page != "no body element here" || !placed {
		t.Errorf("GET /plain/: body %q, want the script added at the end", body)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestServesOtherFilesAsTheyAre(t *testing.T) {
	f := newFixture(t)
	res, body := f.get("/css/style.css")
	if res.StatusCode != http.StatusOK || body != "body{color:red}\n" {
		t.Errorf("GET /css/style.css: status %d body %q", res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("Content-Type of a stylesheet = %q", ct)
	}
	res, body = f.get("/feed.xml")
	if res.StatusCode != http.StatusOK || strings.Contains(body, liveScript) {
		t.Errorf("GET /feed.xml: status %d body %q, want it unchanged", res.StatusCode, body)
	}
}

func TestHead(t *testing.T) {
	f := newFixture(t)
	res, body := f.do(httptest.NewRequest(http.MethodHead, "/x/", nil))
	if res.StatusCode != http.StatusOK || body != "" {
		t.Errorf("HEAD /x/: status %d body %q, want 200 and no body", res.StatusCode, body)
	}
}

func TestRedirectsFolderToSlash(t *testing.T) {
	f := newFixture(t)
	for target, want := range map[string]string{"/x": "/x/", "/a/b": "/a/b/"} {
		res, _ := f.get(target)
		if res.StatusCode != http.StatusMovedPermanently && res.StatusCode != http.StatusFound {
			t.Errorf("GET %s: status %d, want a redirect", target, res.StatusCode)
		}
		if loc := res.Header.Get("Location"); loc != want {
			t.Errorf("GET %s: Location %q, want %q", target, loc, want)
		}
	}
}

// A path starting with two slashes names the same folder, but the
// redirect must not send the browser to another host: "//x/" in a
// Location header is a URL of the host x.
func TestRedirectOfDoubleSlashPathStaysOnTheSite(t *testing.T) {
	f := newFixture(t)
	req := httptest.NewRequest(http.MethodGet, "/x", nil)
	req.URL.Path = "//x"
	res, _ := f.do(req)
	if loc := res.Header.Get("Location"); strings.HasPrefix(loc, "//") {
		t.Errorf("GET //x: Location %q points to another host", loc)
	}

	// The same over a real connection: the request line "GET //x" is
	// what a link to http://localhost:port//x sends.
	ts := httptest.NewServer(f.srv)
	defer ts.Close()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, "GET //x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	res, err = http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if loc := res.Header.Get("Location"); strings.HasPrefix(loc, "//") {
		t.Errorf("GET //x over HTTP: Location %q points to another host", loc)
	}
}

func TestMissingPage(t *testing.T) {
	f := newFixture(t)
	// The spare of a streamed file is the live folder's, not the site's.
	for _, target := range []string{"/nothing/", "/nothing", "/x/missing.html", "/_kb/unknown", "/data/.spare-x.json"} {
		res, body := f.get(target)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", target, res.StatusCode)
		}
		if page, placed := withoutScript(body); page != page404 || !placed {
			t.Errorf("GET %s: body %q, want the 404 page with the script before </body>", target, body)
		}
	}
}

func TestNotBuiltYet(t *testing.T) {
	srv := New(filepath.Join(t.TempDir(), "none"), t.TempDir())
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), liveScript) {
		t.Errorf("GET / before a build: status %d body %q, want 404 with the script", rec.Code, rec.Body.String())
	}
}

// checkRefused fails unless the response is 400 or 404 and does not hold
// the secret.
func checkRefused(t *testing.T, what string, res *http.Response, body string) {
	t.Helper()
	if res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusNotFound {
		t.Errorf("%s: status %d, want 400 or 404", what, res.StatusCode)
	}
	if strings.Contains(body, secret) {
		t.Errorf("%s: served a file outside the folder", what)
	}
}

func TestPathTraversal(t *testing.T) {
	f := newFixture(t)
	long := "/" + strings.Repeat("a/", 1000)
	targets := []string{
		"/../secret",
		"/%2e%2e/secret",
		"/%2E%2E/secret",
		"/..%2fsecret",
		"/..%2Fsecret",
		"/a/../../secret",
		"/x/../../secret",
		"/./../secret",
		"/..%5csecret",
		"/%00",
		"/x/%00/../../secret",
		"/x%00.html",
		long,
		"/" + strings.Repeat("x", 2000),
		"/../out-secret",
	}
	for _, target := range targets {
		res, body := f.get(target)
		name := target
		if len(name) > 40 {
			name = name[:40] + "..."
		}
		checkRefused(t, "GET "+name, res, body)
	}

	// Paths set directly, as a client that does not normalise could send
	// them, bypassing the request parser.
	paths := []struct{ path, raw string }{
		{"/../secret", ""},
		{"/../secret", "/..%2fsecret"},
		{"/../../secret", "/%2e%2e/%2e%2e/secret"},
		{"../secret", ""},
		{"secret", ""},
		{"", ""},
		{"/a/../../secret", ""},
		{"/..\\secret", ""},
		{"/x/..\\..\\secret", ""},
		{"/x\x00", ""},
		{"/" + strings.Repeat("y", 2000), ""},
		{"/.", ""},
		{"/..", ""},
		{"/x/../../out-secret", ""},
	}
	for _, p := range paths {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL.Path, req.URL.RawPath = p.path, p.raw
		res, body := f.do(req)
		name := p.path
		if len(name) > 40 {
			name = name[:40] + "..."
		}
		checkRefused(t, "path "+strings.ReplaceAll(name, "\x00", `\x00`), res, body)
	}
}

// Path traversal through a real server and client, whose URL handling is
// different from httptest.NewRequest's.
func TestPathTraversalOverHTTP(t *testing.T) {
	f := newFixture(t)
	ts := httptest.NewServer(f.srv)
	defer ts.Close()
	for _, target := range []string{"/../secret", "/%2e%2e/secret", "/..%2fsecret", "/a/../../secret", "/%00", "/_kb/source/..%2f..%2fsecret"} {
		req, err := http.NewRequest(http.MethodGet, ts.URL, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.URL.Opaque = target // sent as it is, not cleaned by the client
		res, err := ts.Client().Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", target, err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		checkRefused(t, "GET "+target, res, string(body))
	}
}

// rawRequest sends one request exactly as written, over a connection of
// its own, and returns the response with its body.
func rawRequest(t *testing.T, addr, method, target string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, method+" "+target+" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%s %s: %v", method, cut(target), err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func cut(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// Requests written byte for byte on a connection, as no client that
// cleans paths would send them: every one is refused with a 4xx, and none
// is answered with a file outside the built folder.
func TestRawRequestsRefused(t *testing.T) {
	f := newFixture(t)
	ts := httptest.NewServer(f.srv)
	defer ts.Close()
	addr := ts.Listener.Addr().String()
	if res, body := rawRequest(t, addr, http.MethodGet, "/x/"); res.StatusCode != http.StatusOK || !strings.Contains(body, "the x page") {
		t.Fatalf("GET /x/: status %d, body %q; want the page", res.StatusCode, body)
	}
	for _, target := range []string{
		"/../secret",
		"/../../../../etc/passwd",
		"../secret",
		"/x/../../secret",
		"/%2e%2e/secret",
		"/%2E%2E/%2e%2e/etc/passwd",
		"/.%2e/secret",
		"/%2e./secret",
		"/..%2fsecret",
		"/..%2F..%2Fetc%2Fpasswd",
		"/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
		"/%252e%252e/secret",
		"/%252e%252e%252fsecret",
		"/%c0%ae%c0%ae/secret",
		"/..\\secret",
		"/..%5csecret",
		"/x/..%5c..%5csecret",
		"/%00",
		"/x/%00/../../secret",
		"/..%00/secret",
		"/" + strings.Repeat("a", 10000),
		"/" + strings.Repeat("../", 3000) + "secret",
		"http://localhost/../secret",
		"//../secret",
		"/_kb/source/..%2f..%2fsecret",
		"/_kb/source/%2e%2e/%2e%2e/etc/passwd",
		"/_kb/source/content/..\\..\\secret",
	} {
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			res, body := rawRequest(t, addr, method, target)
			what := method + " " + cut(target)
			if res.StatusCode < 400 || res.StatusCode > 499 {
				t.Errorf("%s: status %d, want 4xx", what, res.StatusCode)
			}
			if strings.Contains(body, secret) || strings.Contains(body, "root:") {
				t.Errorf("%s: served a file outside the folder", what)
			}
		}
	}
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "TRACE", "CONNECT", "OPTIONS", "PROPFIND", "BREW", "get"} {
		for _, target := range []string{"/x/", "/../secret", "/_kb/source/content/x.md"} {
			res, body := rawRequest(t, addr, method, target)
			if res.StatusCode != http.StatusMethodNotAllowed && res.StatusCode != http.StatusBadRequest {
				t.Errorf("%s %s: status %d, want 405 or 400", method, target, res.StatusCode)
			}
			if strings.Contains(body, "the x page") || strings.Contains(body, secret) {
				t.Errorf("%s %s: answered with a file", method, target)
			}
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	f := newFixture(t)
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
		for _, target := range []string{"/x/", "/_kb/events", "/_kb/source/content/x.md"} {
			res, _ := f.do(httptest.NewRequest(m, target, strings.NewReader("x")))
			if res.StatusCode != http.StatusMethodNotAllowed {
				t.Errorf("%s %s: status %d, want 405", m, target, res.StatusCode)
			}
			if allow := res.Header.Get("Allow"); !strings.Contains(allow, "GET") {
				t.Errorf("%s %s: Allow = %q, want it to list GET", m, target, allow)
			}
		}
	}
}

func TestLiveScript(t *testing.T) {
	f := newFixture(t)
	res, body := f.get("/_kb/live.js")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /_kb/live.js: status %d", res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); !strings.Contains(ct, "javascript") {
		t.Errorf("Content-Type = %q, want JavaScript", ct)
	}
	for _, want := range []string{`new EventSource("/_kb/events?page="`, `"errors"`, `"reload"`, `"css"`} {
		if !strings.Contains(body, want) {
			t.Errorf("live.js lacks %s", want)
		}
	}
}

func TestSource(t *testing.T) {
	f := newFixture(t)
	res, body := f.get("/_kb/source/content/x.md")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET source: status %d body %q", res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type = %q", ct)
	}
	for _, want := range []string{
		`id="L1"`, `id="L4"`, `id="L5"`,
		`<li id="L4"><pre>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more</pre></li>`,
		"content/x.md",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("source page lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script>alert") {
		t.Errorf("source page has the file's HTML unescaped:\n%s", body)
	}
	if strings.Contains(body, liveScript) {
		t.Errorf("source page has the live script; it is not a page of the site")
	}

	if res, _ := f.get("/_kb/source/config.toml"); res.StatusCode != http.StatusOK {
		t.Errorf("GET source of config.toml: status %d, want 200", res.StatusCode)
	}
	if res, _ := f.get("/_kb/source/templates/base.tpl"); res.StatusCode != http.StatusOK {
		t.Errorf("GET source of a template: status %d, want 200", res.StatusCode)
	}
}

func TestSourceRefused(t *testing.T) {
	f := newFixture(t)
	for _, target := range []string{
		"/_kb/source/../../etc/passwd",
		"/_kb/source/../secret",
		"/_kb/source/%2e%2e/secret",
		"/_kb/source/content/../../secret",
		"/_kb/source/content/..%2f..%2fsecret",
		"/_kb/source/public/x",
		"/_kb/source/secret",
		"/_kb/source/",
		"/_kb/source/content",
		"/_kb/source/content/missing.md",
		"/_kb/source//etc/passwd",
		"/_kb/source/content%00/x.md",
	} {
		res, body := f.get(target)
		checkRefused(t, "GET "+target, res, body)
		if strings.Contains(body, "root:") {
			t.Errorf("GET %s: served /etc/passwd", target)
		}
	}
	for _, p := range []string{"/_kb/source/../../etc/passwd", "/_kb/source/content/..\\..\\secret", "/_kb/source/../out/x/index.html"} {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL.Path = p
		res, body := f.do(req)
		checkRefused(t, "path "+p, res, body)
		if strings.Contains(body, "root:") || strings.Contains(body, "the x page") {
			t.Errorf("path %s: served a file that is not a source", p)
		}
	}
}

// events reads a Server-Sent Events stream of the server under test.
type events struct {
	t      *testing.T
	c      chan sse
	cancel context.CancelFunc
}

type sse struct{ name, data string }

// openEvents opens /_kb/events at base and reads it in the background
// until the test ends.
func openEvents(t *testing.T, client *http.Client, base string) *events {
	t.Helper()
	return openEventsOn(t, client, base, "")
}

// openEventsOn opens /_kb/events at base as the live-reload script of the
// page at the URL path page does.
func openEventsOn(t *testing.T, client *http.Client, base, page string) *events {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/_kb/events?page="+url.QueryEscape(page), nil)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	res, err := client.Do(req)
	if err != nil {
		cancel()
		t.Fatalf("GET /_kb/events: %v", err)
	}
	if res.StatusCode != http.StatusOK {
		cancel()
		t.Fatalf("GET /_kb/events: status %d", res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("events Content-Type = %q", ct)
	}
	e := &events{t: t, c: make(chan sse, 100), cancel: cancel}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(e.c)
		r := bufio.NewReader(res.Body)
		var ev sse
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSuffix(line, "\n")
			switch {
			case line == "":
				if ev.name != "" {
					e.c <- ev
				}
				ev = sse{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		res.Body.Close()
		<-done
	})
	return e
}

// next returns the next event, waiting up to 5 s.
func (e *events) next() sse {
	e.t.Helper()
	select {
	case ev, ok := <-e.c:
		if !ok {
			e.t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(5 * time.Second):
		e.t.Fatal("no event within 5s")
	}
	return sse{}
}

// waitFor skips events until one named name arrives, within 5 s, and
// returns it.
func (e *events) waitFor(name string) sse {
	e.t.Helper()
	deadline := time.After(5 * time.Second)
	var skipped []string
	for {
		select {
		case ev, ok := <-e.c:
			if !ok {
				e.t.Fatalf("the event stream ended while waiting for %q (skipped %q)", name, skipped)
			}
			if ev.name == name {
				return ev
			}
			skipped = append(skipped, ev.name+" "+ev.data)
		case <-deadline:
			e.t.Fatalf("no %q event within 5s (skipped %q)", name, skipped)
		}
	}
}

type overlayItem struct {
	Pos  string `json:"pos"`
	Path string `json:"path"`
	Line int    `json:"line"`
	Msg  string `json:"msg"`
}

func TestEvents(t *testing.T) {
	f := newFixture(t)
	ts := httptest.NewServer(f.srv)
	t.Cleanup(ts.Close) // after the event streams' cleanups, which end them
	e := openEvents(t, ts.Client(), ts.URL)

	if ev := e.next(); ev.name != "ok" {
		t.Fatalf("first event = %q %q, want ok", ev.name, ev.data)
	}

	f.srv.Failed(diag.Errors{
		{Pos: diag.Pos{Path: "content/x.md", Line: 3, Col: 7}, Msg: `unknown country "Hungry" (did you mean "Hungary"?)`},
		{Pos: diag.Pos{Path: "templates/base.html"}, Msg: "template: no end"},
	})
	ev := e.next()
	if ev.name != "errors" {
		t.Fatalf("after Failed: event %q, want errors", ev.name)
	}
	var items []overlayItem
	if err := json.Unmarshal([]byte(ev.data), &items); err != nil {
		t.Fatalf("errors data %q is not JSON: %v", ev.data, err)
	}
	want := []overlayItem{
		{Pos: "content/x.md:3:7", Path: "content/x.md", Line: 3, Msg: `unknown country "Hungry" (did you mean "Hungary"?)`},
		{Pos: "templates/base.html", Path: "templates/base.html", Line: 0, Msg: "template: no end"},
	}
	if len(items) != len(want) {
		t.Fatalf("errors data = %+v, want %+v", items, want)
	}
	for i := range want {
		if items[i] != want[i] {
			t.Errorf("error %d = %+v, want %+v", i, items[i], want[i])
		}
	}

	// A client connecting while the site is broken gets the errors first.
	late := openEvents(t, ts.Client(), ts.URL)
	if ev := late.next(); ev.name != "errors" || !strings.Contains(ev.data, "content/x.md") {
		t.Errorf("first event of a client of a broken site = %q %q, want errors", ev.name, ev.data)
	}

	f.srv.Built([]string{"css/style.css"})
	for _, s := range []*events{e, late} {
		if ev := s.next(); ev.name != "css" || !strings.Contains(ev.data, "css/style.css") {
			t.Errorf("after Built(css): event %q %q, want css", ev.name, ev.data)
		}
	}

	f.srv.Built([]string{"a/index.html"})
	if ev := e.next(); ev.name != "reload" || !strings.Contains(ev.data, "a/index.html") {
		t.Errorf("after Built(page): event %q %q, want reload", ev.name, ev.data)
	}

	// A build that changed nothing tells nobody; the next event is the
	// reload of the build after it.
	f.srv.Built(nil)
	f.srv.Built([]string{"css/style.css", "b/index.html"})
	if ev := e.next(); ev.name != "reload" || !strings.Contains(ev.data, "b/index.html") {
		t.Errorf("after Built(nil), Built(page and css): event %q %q, want reload of b/index.html", ev.name, ev.data)
	}

	// A client connecting to a repaired site gets ok first.
	fresh := openEvents(t, ts.Client(), ts.URL)
	if ev := fresh.next(); ev.name != "ok" {
		t.Errorf("first event of a client of a good site = %q, want ok", ev.name)
	}
}

// After a failed build, a build that changed no output file still tells
// the pages to reload, so that the overlay goes away.
func TestEventsRepairWithoutChanges(t *testing.T) {
	f := newFixture(t)
	ts := httptest.NewServer(f.srv)
	t.Cleanup(ts.Close) // after the event streams' cleanups, which end them
	e := openEvents(t, ts.Client(), ts.URL)
	e.next()

	f.srv.Failed(errors.New("config.toml: cannot read"))
	ev := e.next()
	var items []overlayItem
	if err := json.Unmarshal([]byte(ev.data), &items); ev.name != "errors" || err != nil || len(items) != 1 || items[0].Msg != "config.toml: cannot read" || items[0].Path != "" {
		t.Errorf("after Failed(plain error): %q %q, want errors with one message and no path", ev.name, ev.data)
	}
	f.srv.Built(nil)
	if ev := e.next(); ev.name != "reload" {
		t.Errorf("after a repair with no changed files: event %q, want reload", ev.name)
	}
}

// TestEventsEarly follows a build that writes an open page first: the
// server names the open pages, the browser of the page written first
// reloads before the build ends and gets the page of the next generation,
// and the others reload when the build ends.
func TestEventsEarly(t *testing.T) {
	f := newFixture(t)
	ts := httptest.NewServer(f.srv)
	t.Cleanup(ts.Close) // after the event streams' cleanups, which end them
	onX, onAB := openEventsOn(t, ts.Client(), ts.URL, "/x/"), openEventsOn(t, ts.Client(), ts.URL, "/a/b/")
	onX.next()
	onAB.next()
	if got, want := f.srv.Open(), []string{"a/b/index.html", "x/index.html"}; !slices.Equal(got, want) {
		t.Errorf("Open() = %q, want %q", got, want)
	}
	generation := func(page string) string {
		t.Helper()
		_, body := f.get(page)
		i := strings.Index(body, "data-generation=")
		if i < 0 {
			t.Fatalf("%s has no generation:\n%s", page, body)
		}
		return body[i : i+len(`data-generation="0"`)]
	}

	f.srv.Early([]string{"x/index.html"})
	if ev := onX.next(); ev.name != "reload" || !strings.Contains(ev.data, `"generation":1`) {
		t.Errorf("after Early(x): event on x %q %q, want reload to generation 1", ev.name, ev.data)
	}
	if got := generation("/x/"); got != `data-generation="1"` {
		t.Errorf("x, written early, is served with %s, want generation 1", got)
	}
	if got := generation("/a/b/"); got != `data-generation="0"` {
		t.Errorf("a/b, not written yet, is served with %s, want generation 0", got)
	}
	// A page that connects while the build runs is not told to reload.
	if ev := openEventsOn(t, ts.Client(), ts.URL, "/a/b/").next(); ev.name != "ok" || !strings.Contains(ev.data, `"generation":0`) {
		t.Errorf("while the build runs, a new client gets %q %q, want ok at generation 0", ev.name, ev.data)
	}

	f.srv.Built([]string{"a/b/index.html", "x/index.html"})
	for _, e := range []*events{onX, onAB} {
		if ev := e.next(); ev.name != "reload" || !strings.Contains(ev.data, `"generation":1`) {
			t.Errorf("after Built: event %q %q, want reload to generation 1", ev.name, ev.data)
		}
	}
	if got := generation("/a/b/"); got != `data-generation="1"` {
		t.Errorf("after the build, a/b is served with %s, want generation 1", got)
	}
}

// A client that goes away is forgotten.
func TestEventsClientLeaves(t *testing.T) {
	f := newFixture(t)
	ts := httptest.NewServer(f.srv)
	t.Cleanup(ts.Close) // after the event streams' cleanups, which end them
	e := openEvents(t, ts.Client(), ts.URL)
	e.next()
	if n := clients(f.srv); n != 1 {
		t.Fatalf("%d clients, want 1", n)
	}
	e.cancel()
	deadline := time.Now().Add(5 * time.Second)
	for clients(f.srv) != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("a client that left is still registered after 5s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	f.srv.Built([]string{"a/index.html"}) // must not block or panic
}

func clients(s *Server) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.clients)
}
