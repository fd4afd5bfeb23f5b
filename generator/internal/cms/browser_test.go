package cms_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cooperation-kb/kb/generator/internal/build"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/serve"
)

// repo is the repository, seen from this package's folder.
const repo = "../../.."

// TestCMSInBrowser does what an editor does on their own machine: serve
// the site, start decap-server in it, open /admin/ in Chromium, fill in
// the form of a new agreement and publish it. The file appears in
// content/agreements/ with what the form said, the site passes check and
// serves the agreement's page. Opened again and saved unchanged, the file
// is the same, byte for byte; and the sample's hand-written files of every
// kind with lists of mappings, saved unchanged through their forms, keep
// their front matter and text.
func TestCMSInBrowser(t *testing.T) {
	exe := need(t, "chromium", chromium())
	node := need(t, "node", lookPath("node"))
	server, err := filepath.Abs(filepath.Join(repo, ".ci", "cms", "node_modules", "decap-server", "dist", "index.js"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(server); err != nil {
		need(t, "decap-server (npm ci --prefix .ci/cms --ignore-scripts)", "")
	}

	port := freePort(t)
	root := sampleSite(t, fmt.Sprintf("\n[cmsBackend]\nlocalURL = \"http://127.0.0.1:%d/api/v1\"\n", port))
	startDecapServer(t, node, server, root, port)
	base, rebuilt := startServe(t, root)
	b := newBrowser(t, exe, base)

	// A new agreement, as an editor fills in its form.
	b.open("collections/agreements/new")
	b.typeInto("title", 0, "Hungary–Uzbekistan customs training programme")
	b.typeInto("signed", 0, "2025-03-14")
	b.choose("status", "signed")
	b.click("Add party")
	b.typeInto("name", 0, "Hungary")
	b.click("Add party")
	b.typeInto("name", 1, "Uzbekistan")
	b.typeInto("signed", 2, "2025-03-20")
	b.choose("countries", "Hungary")
	b.choose("countries", "Uzbekistan")
	b.choose("topics", "Customs training")
	b.choose("organisations", "Organization of Turkic")
	b.typeIntoText("Signed in Tashkent, after the [[hungary-uzbekistan-customs-cooperation|cooperation agreement]].")
	b.screenshot("form")
	b.publish()
	b.screenshot("published")

	const rel = "content/agreements/hungary-uzbekistan-customs-training-programme.md"
	file := filepath.Join(root, filepath.FromSlash(rel))
	created := waitFile(t, file, time.Time{})
	t.Logf("%s as the CMS wrote it:\n%s", rel, created)
	f, err := content.Parse(rel, created)
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	m := f.Meta
	want := []string{"Hungary–Uzbekistan customs training programme", "2025-03-14", "signed",
		"Hungary", "Uzbekistan 2025-03-20", "Hungary Uzbekistan", "customs-training", "ots"}
	got := []string{m.Title, m.Signed.ISO(), m.Status, partyText(m.Parties[0]), partyText(m.Parties[len(m.Parties)-1]),
		itemsText(m.Countries), itemsText(m.Topics), itemsText(m.Organisations)}
	if len(m.Parties) != 2 || !reflect.DeepEqual(got, want) {
		t.Errorf("%s holds %q (%d parties), want %q", rel, got, len(m.Parties), want)
	}
	if !bytes.Contains(f.Body, []byte("[[hungary-uzbekistan-customs-cooperation|")) {
		t.Errorf("the body lost its wiki link:\n%s", f.Body)
	}
	if !bytes.Contains(created, []byte("\n  - Hungary\n  - name: Uzbekistan\n")) {
		t.Errorf("the parties are not a name alone and a mapping:\n%s", created)
	}
	check(t, root)
	page := base + "agreements/hungary-uzbekistan-customs-training-programme/"
	waitPage(t, page, "Hungary–Uzbekistan customs training programme", rebuilt)

	// Saved unchanged, the file the CMS wrote is the same.
	since := modTime(file)
	b.saveUnchanged("collections/agreements/entries/hungary-uzbekistan-customs-training-programme", "place")
	if again := waitFile(t, file, since); !bytes.Equal(again, created) {
		t.Errorf("saved unchanged, %s became:\n%s\nwas:\n%s", rel, again, created)
	}

	// Its Hungarian translation, in the form's second language: a file of
	// its own with the translated fields only, the facts being the
	// original's.
	const relHU = "content/agreements/hungary-uzbekistan-customs-training-programme.hu.md"
	b.open("collections/agreements/entries/hungary-uzbekistan-customs-training-programme")
	b.typeInto("title", 1, "Magyar–üzbég vámügyi képzési program")
	b.typeInto("place", 1, "Taskent")
	b.publish()
	translation := waitFile(t, filepath.Join(root, filepath.FromSlash(relHU)), time.Time{})
	t.Logf("%s as the CMS wrote it:\n%s", relHU, translation)
	if want := "---\ntitle: Magyar–üzbég vámügyi képzési program\nplace: Taskent\n---\n"; string(translation) != want {
		t.Errorf("%s is\n%s\nwant\n%s", relHU, translation, want)
	}
	if again, _ := os.ReadFile(file); !bytes.Equal(again, created) {
		t.Errorf("translating it changed %s:\n%s", rel, again)
	}
	check(t, root)
	waitPage(t, base+"hu/agreements/hungary-uzbekistan-customs-training-programme/", "Magyar–üzbég vámügyi képzési program", rebuilt)

	// Files written by hand keep what they say: parties as names, a year
	// alone, members and roles as mappings, an interview's agreements.
	for _, tc := range []struct {
		entry, field string
		paths        []string // the files the entry is made of
	}{
		{"agreements/entries/hungary-ots-observer-status", "place", []string{"content/agreements/hungary-ots-observer-status.md"}},
		{"agreements/entries/hungary-kyrgyzstan-customs-training", "effective", []string{
			"content/agreements/hungary-kyrgyzstan-customs-training.md",
			"content/agreements/hungary-kyrgyzstan-customs-training.hu.md"}},
		{"organisations/entries/ots", "headquarters", []string{"content/organisations/ots.md"}},
		{"people/entries/zsuzsa-kecskes", "title", []string{"content/people/zsuzsa-kecskes.md"}},
		{"interviews/entries/kecskes-trend-2025-hungary-customs-cooperation", "source", []string{
			"content/interviews/kecskes-trend-2025-hungary-customs-cooperation.md",
			"content/interviews/kecskes-trend-2025-hungary-customs-cooperation.hu.md"}},
	} {
		before := map[string][]byte{}
		var since []time.Time
		for _, p := range tc.paths {
			data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
			if err != nil {
				t.Fatal(err)
			}
			before[p] = data
			since = append(since, modTime(filepath.Join(root, filepath.FromSlash(p))))
		}
		b.saveUnchanged("collections/"+tc.entry, tc.field)
		for i, p := range tc.paths {
			after := waitFile(t, filepath.Join(root, filepath.FromSlash(p)), since[i])
			if diff := sameFile(p, before[p], after); diff != "" {
				t.Errorf("saved unchanged, %s %s\nbefore:\n%s\nafter:\n%s", p, diff, before[p], after)
			}
		}
	}
	check(t, root)
	// Files in the site's own language keep their names without its code.
	filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".en.md") {
			t.Errorf("the CMS wrote %s", p)
		}
		return err
	})
}

// need returns path, or fails the test in CI and skips it elsewhere when
// path is "".
func need(t *testing.T, what, path string) string {
	t.Helper()
	if path != "" {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s not found: .ci/run must install it", what)
	}
	t.Skipf("%s not found; install it to run this test", what)
	return ""
}

func lookPath(name string) string {
	p, _ := exec.LookPath(name)
	return p
}

// chromium finds a Chromium or Chrome binary.
func chromium() string {
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p := lookPath(name); p != "" {
			return p
		}
	}
	return ""
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// sampleSite copies the repository's site into a temporary folder, with
// the CMS turned on and extra appended to its config.toml.
func sampleSite(t *testing.T, extra string) string {
	t.Helper()
	root := t.TempDir()
	for _, dir := range []string{"content", "templates", "static"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join(repo, dir))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(repo, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = append(append([]byte("cms = true\n"), cfg...), extra...)
	if err := os.WriteFile(filepath.Join(root, "config.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// syncBuffer collects the output of a server from its goroutine.
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

// startDecapServer runs decap-server on port, writing in root, until the
// test ends.
func startDecapServer(t *testing.T, node, server, root string, port int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	cmd := exec.CommandContext(ctx, node, server)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port), "BIND_HOST=127.0.0.1", "MODE=fs")
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		cmd.Wait()
		if t.Failed() {
			t.Logf("decap-server's output:\n%s", out.String())
		}
	})
	api := fmt.Sprintf("http://127.0.0.1:%d/api/v1", port)
	for deadline := time.Now().Add(15 * time.Second); ; {
		resp, err := http.Post(api, "application/json", strings.NewReader(`{"action":"info"}`))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("decap-server does not answer at %s after 15s: %v\n%s", api, err, out.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// startServe serves root as serve does until the test ends, and returns
// its address and a channel that receives the error of every rebuild.
func startServe(t *testing.T, root string) (string, <-chan error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	ready := make(chan string, 1)
	done := make(chan error, 1)
	rebuilt := make(chan error, 64)
	go func() {
		done <- serve.Run(ctx, serve.Options{Root: root, Addr: "127.0.0.1:0",
			Ready:   func(url string) { ready <- url },
			Rebuilt: func(_ *build.Summary, err error) { rebuilt <- err }}, &out, &out)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve.Run: %v", err)
		}
		if t.Failed() {
			t.Logf("serve's output:\n%s", out.String())
		}
	})
	select {
	case base := <-ready:
		return base, rebuilt
	case err := <-done:
		t.Fatalf("serve.Run returned before it was ready: %v\n%s", err, out.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("serve.Run not ready after 30s\n%s", out.String())
	}
	return "", nil
}

// check builds root as the check command does, which must find no error.
func check(t *testing.T, root string) {
	t.Helper()
	if _, err := build.Build(build.Options{Root: root, Check: true}); err != nil {
		t.Fatalf("check of the site the CMS edited:\n%v", err)
	}
}

// waitFile returns the content of name once it has been written after
// the time since: a file saved unchanged may be the same as before.
func waitFile(t *testing.T, name string, since time.Time) []byte {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		data, err := os.ReadFile(name)
		st, serr := os.Stat(name)
		// decap-server writes in place: a file shorter than its front
		// matter is being written.
		if err == nil && serr == nil && st.ModTime().After(since) && bytes.Count(data, []byte("---")) >= 2 {
			return data
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s was not written in 20s (%v)", name, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// modTime returns when name was last written, or the zero time.
func modTime(name string) time.Time {
	st, err := os.Stat(name)
	if err != nil {
		return time.Time{}
	}
	return st.ModTime()
}

// waitPage waits until the site serves url with text in it, after the
// rebuild that the saved file started.
func waitPage(t *testing.T, url, text string, rebuilt <-chan error) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var last error
	for {
		select {
		case last = <-rebuilt:
		default:
		}
		resp, err := http.Get(url)
		if err == nil {
			var body bytes.Buffer
			body.ReadFrom(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && strings.Contains(body.String(), text) {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the site does not serve %s with %q 20s after the save; last rebuild: %v", url, text, last)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// sameFile compares two versions of a content file as the generator reads
// them, and says how they differ, or "".
func sameFile(rel string, before, after []byte) string {
	a, err := content.Parse(rel, before)
	if err != nil {
		return fmt.Sprintf("did not parse before: %v", err)
	}
	b, err := content.Parse(rel, after)
	if err != nil {
		return fmt.Sprintf("does not parse after: %v", err)
	}
	ma, mb := a.Meta, b.Meta
	forgetPositions(reflect.ValueOf(&ma).Elem())
	forgetPositions(reflect.ValueOf(&mb).Elem())
	if !reflect.DeepEqual(ma, mb) {
		return fmt.Sprintf("front matter changed:\n%+v\nbecame\n%+v", ma, mb)
	}
	if !bytes.Equal(bytes.TrimSpace(a.Body), bytes.TrimSpace(b.Body)) {
		return "text changed"
	}
	return ""
}

// forgetPositions clears where each value was written, which a file saved
// by the CMS may change, in v and everything it holds.
func forgetPositions(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[diag.Pos]() {
			v.SetZero()
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				forgetPositions(v.Field(i))
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			forgetPositions(v.Index(i))
		}
	case reflect.Map:
		if v.Type().Elem() == reflect.TypeFor[diag.Pos]() {
			v.SetZero()
		}
	}
}

func partyText(p content.Party) string {
	return strings.TrimSpace(p.Text + " " + p.Signed.ISO())
}

func itemsText(items []content.Item) string {
	var s []string
	for _, it := range items {
		s = append(s, it.Text)
	}
	return strings.Join(s, " ")
}

// browser is headless Chromium on the CMS at base+"admin/".
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
	n    int // screenshots taken
}

func newBrowser(t *testing.T, exe, base string) *browser {
	t.Helper()
	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "chromium")),
		chromedp.WindowSize(1280, 1000),
	)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return &browser{t: t, ctx: ctx, base: base}
}

// do runs actions with a limit, failing the test with what on an error.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.screenshot("failed")
		b.t.Fatalf("%s: %v", what, err)
	}
}

// poll evaluates expr, a JavaScript expression, until it is true.
func (b *browser) poll(what, expr string) {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			b.screenshot("failed")
			b.t.Fatalf("after 20s, still waiting for %s (%v)", what, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// open loads the CMS at the route given, signing in to the local backend
// the first time, and waits for the form.
func (b *browser) open(route string) {
	b.t.Helper()
	b.do("loading /admin/", chromedp.Navigate("about:blank"), chromedp.Navigate(b.base+"admin/#/"+route))
	b.poll("the CMS to show its sign-in button or a form",
		`!!document.querySelector('[id^="title-field-"], [id^="name-field-"]') || [...document.querySelectorAll('button')].some(b => b.textContent.trim() === 'Login')`)
	b.do("signing in", chromedp.Evaluate[chromedp.Void](`(() => {
		const login = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Login');
		if (login) login.click();
	})()`))
	b.poll("the form of "+route, `!!document.querySelector('[id^="title-field-"], [id^="name-field-"]')`)
}

// mark gives the i-th input of the field name a data-kb attribute, and
// returns the selector of it.
func (b *browser) mark(name string, i int) string {
	b.t.Helper()
	return b.markFirst(fmt.Sprintf("input %d of %s", i, name),
		fmt.Sprintf(`[...document.querySelectorAll('[id^="%s-field-"]')].filter(e => e.matches('input, textarea'))[%d]`, name, i))
}

// markFirst gives the element that the JavaScript expression elem gives a
// data-kb attribute, once there is one, and returns the selector of it.
func (b *browser) markFirst(what, elem string) string {
	b.t.Helper()
	b.poll(what, fmt.Sprintf(`(() => {
		document.querySelectorAll('[data-kb]').forEach(e => e.removeAttribute('data-kb'));
		const e = %s;
		if (!e) return false;
		e.setAttribute('data-kb', '');
		e.scrollIntoView({block: 'center'});
		return true;
	})()`, elem))
	return "[data-kb]"
}

// typeIntoText types text into the Markdown text of the file, the editor
// of which has no id.
func (b *browser) typeIntoText(text string) {
	b.t.Helper()
	sel := b.markFirst("the editor of the text", `document.querySelector('.cms-editor-raw [contenteditable="true"]')`)
	b.do("typing the text", append([]chromedp.Action[chromedp.Void]{chromedp.Click(sel)}, typing(sel, text)...)...)
}

// typeInto types text into the i-th input of the field name, and waits
// until the form holds it.
func (b *browser) typeInto(name string, i int, text string) {
	b.t.Helper()
	sel := b.mark(name, i)
	b.do("typing into "+name, typing(sel, text)...)
	b.poll(fmt.Sprintf("%s to hold %q", name, text),
		fmt.Sprintf(`document.querySelector('[data-kb]').value.endsWith(%q)`, text))
}

// typing types text into the element sel a key at a time, at a fast
// typist's pace: keys sent all at once reach the title's input faster
// than the form takes them, and some are lost.
func typing(sel, text string) []chromedp.Action[chromedp.Void] {
	var keys []chromedp.Action[chromedp.Void]
	for _, r := range text {
		keys = append(keys, chromedp.SendKeys(sel, string(r)), chromedp.Sleep(10*time.Millisecond))
	}
	return keys
}

// choose types text into the choice of the field name and takes the first
// option it offers.
func (b *browser) choose(name, text string) {
	b.t.Helper()
	sel := b.mark(name, 0)
	b.do("typing into "+name, typing(sel, text)...)
	b.poll("an option for "+text, `!!document.querySelector('[id*="-option-"]')`)
	b.do("choosing "+text, chromedp.SendKeys(sel, "\r"))
}

// click clicks the button whose text is text.
func (b *browser) click(text string) {
	b.t.Helper()
	b.poll("a button "+text, fmt.Sprintf(`(() => {
		const b = [...document.querySelectorAll('button, [role=button]')].find(b => b.textContent.trim() === %q);
		if (b) b.click();
		return !!b;
	})()`, text))
}

// publish publishes the entry open in the form, and waits until it is.
func (b *browser) publish() {
	b.t.Helper()
	b.click("Publish")
	b.poll("Publish now", `(() => {
		const s = [...document.querySelectorAll('span')].find(s => s.textContent === 'Publish now');
		if (s) s.click();
		return !!s;
	})()`)
	b.poll("the entry to be published", `[...document.querySelectorAll('button, [role=button]')].some(b => b.textContent.trim() === 'Published')`)
}

// saveUnchanged opens an entry, types a letter into the empty field given
// and takes it back, which makes it an edit, and publishes it.
func (b *browser) saveUnchanged(route, field string) {
	b.t.Helper()
	b.open(route)
	sel := b.mark(field, 0)
	b.poll(field+" to be empty", `document.querySelector('[data-kb]').value === ""`)
	b.do("typing into "+field, chromedp.SendKeys(sel, "x"))
	b.poll(field+" to hold x", `document.querySelector('[data-kb]').value === "x"`)
	b.do("taking it back", chromedp.SendKeys(sel, "\b"))
	b.poll(field+" to be empty again", `document.querySelector('[data-kb]').value === ""`)
	b.publish()
}

// screenshot saves what the browser shows to a PNG in the temporary
// folder, and logs its name.
func (b *browser) screenshot(name string) {
	b.n++
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	p := filepath.Join(os.TempDir(), fmt.Sprintf("kb-cms-%d-%s.png", b.n, name))
	if err := os.WriteFile(p, png, 0o644); err != nil && !errors.Is(err, os.ErrNotExist) {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	b.t.Logf("screenshot: %s", p)
}
