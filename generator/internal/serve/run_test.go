package serve

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/build"
)

// lockedBuffer collects what Run prints from its goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// serveDirs lists the kb-serve-* folders in the temporary folder.
func serveDirs(t *testing.T) map[string]bool {
	t.Helper()
	entries, err := os.ReadDir(os.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dirs := map[string]bool{}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "kb-serve-") {
			dirs[e.Name()] = true
		}
	}
	return dirs
}

// saveFile replaces a file the way most editors save: a temporary file
// renamed over it, so the watcher sees the finished file only.
func saveFile(t *testing.T, name, text string) {
	t.Helper()
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatalf("copy %s: %v", src, err)
	}
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return res.StatusCode, string(body)
}

// TestRun is the development server's story: serve a site, edit a page and
// see it reload, break it and see the errors, repair it, stop.
func TestRun(t *testing.T) {
	root := t.TempDir()
	copyDir(t, filepath.Join("..", "..", "..", "templates"), filepath.Join(root, "templates"))
	copyDir(t, filepath.Join("..", "..", "..", "static"), filepath.Join(root, "static"))
	files := map[string]string{
		"config.toml":       "title = \"Test site\"\nbaseURL = \"https://example.org/\"\n",
		"content/_index.md": "---\ntitle: \"Home of the test site\"\n---\n\nWelcome to the test site.\n",
		"content/notes.md":  "---\ntitle: \"Notes\"\n---\n\nThe first version of the notes.\n",
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	notes := filepath.Join(root, "content", "notes.md")

	before := serveDirs(t)
	ready := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	returned := make(chan error, 1)
	go func() {
		returned <- Run(ctx, Options{Root: root, Addr: "127.0.0.1:0", Ready: func(url string) { ready <- url }}, &stdout, &stderr)
	}()

	var url string
	select {
	case url = <-ready:
	case err := <-returned:
		t.Fatalf("Run returned before it was ready: %v\nstderr:\n%s", err, stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("Run was not ready within 30s\nstderr:\n%s", stderr.String())
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.HasSuffix(url, "/") {
		t.Errorf("Ready url = %q, want http://127.0.0.1:port/", url)
	}
	base := strings.TrimSuffix(url, "/")

	var ours string
	for d := range serveDirs(t) {
		if !before[d] {
			if ours != "" {
				t.Fatalf("more than one new kb-serve-* folder: %s and %s", ours, d)
			}
			ours = d
		}
	}
	if ours == "" {
		t.Fatal("Run made no kb-serve-* folder in the temporary folder")
	}

	status, body := httpGet(t, url)
	if status != http.StatusOK || !strings.Contains(body, "Welcome to the test site.") || !strings.Contains(body, liveScript) {
		t.Fatalf("GET /: status %d, want 200, the home page's text and the live script:\n%s\nstderr:\n%s", status, body, stderr.String())
	}
	// The stylesheet keeps its name, not a fingerprint that every edit of
	// it would change in every page, so that an edit swaps it in place.
	if !strings.Contains(body, `<link rel="stylesheet" href="/css/style.css">`) {
		t.Errorf("GET /: the page does not link /css/style.css:\n%s", body)
	}
	status, body = httpGet(t, base+"/notes/")
	if status != http.StatusOK || !strings.Contains(body, "The first version of the notes.") {
		t.Fatalf("GET /notes/: status %d:\n%s", status, body)
	}

	e := openEvents(t, http.DefaultClient, base)
	if ev := e.next(); ev.name != "ok" {
		t.Fatalf("first event %q %q, want ok", ev.name, ev.data)
	}

	// An edit reloads the page, which shows the edit.
	saveFile(t, notes, "---\ntitle: \"Notes\"\n---\n\nThe second version of the notes.\n")
	e.waitFor("reload")
	status, body = httpGet(t, base+"/notes/")
	if status != http.StatusOK || !strings.Contains(body, "The second version of the notes.") {
		t.Errorf("GET /notes/ after the edit: status %d, want the new text:\n%s", status, body)
	}

	// Broken front matter: the errors, naming the file; the last good
	// page is still served.
	saveFile(t, notes, "---\ntitle: [\"Notes\"\ndate: not a date\n---\n\nBroken.\n")
	ev := e.waitFor("errors")
	if !strings.Contains(ev.data, `"path":"content/notes.md"`) {
		t.Errorf("errors event does not name content/notes.md: %s", ev.data)
	}
	if status, body = httpGet(t, base+"/notes/"); status != http.StatusOK || !strings.Contains(body, "The second version of the notes.") {
		t.Errorf("GET /notes/ while broken: status %d, want the last good page:\n%s", status, body)
	}
	// A page opened now gets the errors at once.
	late := openEvents(t, http.DefaultClient, base)
	if ev := late.next(); ev.name != "errors" {
		t.Errorf("first event of a page opened while broken: %q, want errors", ev.name)
	}

	// The repair reloads.
	saveFile(t, notes, "---\ntitle: \"Notes\"\n---\n\nThe third version of the notes.\n")
	e.waitFor("reload")
	if status, body = httpGet(t, base+"/notes/"); status != http.StatusOK || !strings.Contains(body, "The third version of the notes.") {
		t.Errorf("GET /notes/ after the repair: status %d, want the new text:\n%s", status, body)
	}

	// Stop, with the event streams still open.
	cancel()
	select {
	case err := <-returned:
		if err != nil {
			t.Errorf("Run returned %v after cancel, want nil", err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("Run did not return within 3s of cancel")
	}
	if _, err := os.Stat(filepath.Join(os.TempDir(), ours)); !os.IsNotExist(err) {
		t.Errorf("Run's temporary folder %s is still there (stat: %v)", ours, err)
	}
	if _, err := os.Stat(filepath.Join(root, "public")); !os.IsNotExist(err) {
		t.Errorf("Run made the site's own public/ folder (stat: %v)", err)
	}
	if !strings.Contains(stdout.String(), "serving "+url) {
		t.Errorf("stdout does not announce %s:\n%s", url, stdout.String())
	}
	if !strings.Contains(stderr.String(), "content/notes.md") {
		t.Errorf("stderr does not report the broken file:\n%s", stderr.String())
	}
}

// Run fails at once, and leaves no temporary folder, when it cannot
// listen.
func TestRunBadAddress(t *testing.T) {
	before := serveDirs(t)
	err := Run(context.Background(), Options{Root: t.TempDir(), Addr: "127.0.0.1:-1"}, io.Discard, io.Discard)
	if err == nil {
		t.Fatal("Run on a bad address: no error")
	}
	for d := range serveDirs(t) {
		if !before[d] {
			t.Errorf("Run left %s behind", d)
		}
	}
}

func TestDisplayAddr(t *testing.T) {
	tests := []struct{ got, asked, want string }{
		{"127.0.0.1:1313", "127.0.0.1:1313", "127.0.0.1:1313"},
		{"127.0.0.1:40000", "127.0.0.1:0", "127.0.0.1:40000"},
		{"[::]:1313", ":1313", "localhost:1313"},
		{"[::]:8080", "", "localhost:8080"},
		{"127.0.0.1:5000", "localhost:5000", "localhost:5000"},
	}
	for _, tt := range tests {
		if got := displayAddr(tt.got, tt.asked); got != tt.want {
			t.Errorf("displayAddr(%q, %q) = %q, want %q", tt.got, tt.asked, got, tt.want)
		}
	}
}

func TestReportSaysWhatChanged(t *testing.T) {
	sum := &build.Summary{Rendered: 2, Changed: []string{"agreements/a/index.html", "feed.xml", "search/words/0.json"}, Duration: 41 * time.Millisecond}
	for _, tt := range []struct {
		changed []string
		want    string
	}{
		{nil, " rendered 2 pages, 3 files changed, in 41ms\n"},
		{[]string{"content/agreements/a.md"}, " content/agreements/a.md: rendered 2 pages, 3 files changed, in 41ms\n"},
		{[]string{"content/a.md", "content/b.md", "content/c.md", "content/d.md"}, " content/a.md, content/b.md and 2 more: rendered 2 pages, 3 files changed, in 41ms\n"},
	} {
		var out, errOut bytes.Buffer
		report(&out, &errOut, tt.changed, sum, nil)
		if got := out.String(); len(got) < 8 || got[8:] != tt.want || errOut.Len() != 0 {
			t.Errorf("report(%q) printed %q, want the time and %q", tt.changed, got, tt.want)
		}
	}
}
