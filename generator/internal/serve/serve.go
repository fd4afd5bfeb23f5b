// Package serve is the development server: an http.Handler over the
// folder a build writes, with live reload and an error overlay.
//
// Pages it serves get a small script, added on the way out and never
// written to the folder, that listens to /_kb/events (Server-Sent Events)
// and says which page it is on. After a successful build the server sends
// "reload", or "css" when only stylesheets changed; after a failed one it
// sends "errors" with the list, which the script shows over the page until
// a build succeeds again. A build writes the pages open in a browser
// first (Open), and their browsers reload as soon as those are written
// (Early), before the build ends.
//
// Every page is served with the generation of the site it belongs to,
// which each successful build that changed it increments; a page reloads
// when it learns of a generation newer than its own. A page written early
// belongs to the next generation already.
package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/cms"
	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/output"
)

//go:embed live.js
var liveJS []byte

// Prefix is where the server's own URLs live; no site path starts with it.
const Prefix = "/_kb/"

// Server serves a built site from dir, and the sources of the site at root
// for the overlay's links.
type Server struct {
	dir  string
	root string
	// read reads a file of dir by its slash path.
	read func(rel string) ([]byte, error)

	mu         sync.Mutex
	state      event                 // the last event, sent to every new client
	clients    map[chan event]string // one per open page: the page's output path
	generation int                   // counts the builds that changed the site
	// early are the pages a running build wrote first, which belong to
	// the generation after this one.
	early map[string]bool
}

type event struct {
	name string // "ok", "reload", "css" or "errors"
	data string
}

// New returns a server of the site built into dir from the sources at
// root.
func New(dir, root string) *Server {
	s := &Server{dir: dir, root: root, clients: map[chan event]string{}}
	s.read = func(rel string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel))) }
	s.state = s.okEvent("ok", nil)
	return s
}

// ReadWith makes the server read the files of its folder with read, which
// takes their slash paths: that of the builder writing the folder, which
// gives a file whole while it writes it.
func (s *Server) ReadWith(read func(rel string) ([]byte, error)) { s.read = read }

// okEvent is an event after a successful build. It carries the build's
// generation, which pages are served with too: a page that connects after
// a build it missed sees that it is older, and reloads.
func (s *Server) okEvent(name string, changed []string) event {
	data, _ := json.Marshal(struct {
		Generation int      `json:"generation"`
		Changed    []string `json:"changed"`
	}{s.generation, changed})
	return event{name: name, data: string(data)}
}

// Open returns the output paths of the pages open in a browser, for a
// build to write first.
func (s *Server) Open() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var open []string
	for _, p := range s.clients {
		if p != "" && !slices.Contains(open, p) {
			open = append(open, p)
		}
	}
	slices.Sort(open)
	return open
}

// Early tells the open pages at the output paths changed, which a running
// build wrote before any other file, to reload: they are as the build
// will leave them.
func (s *Server) Early(changed []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.early = map[string]bool{}
	for _, p := range changed {
		s.early[p] = true
	}
	data, _ := json.Marshal(struct {
		Generation int      `json:"generation"`
		Changed    []string `json:"changed"`
	}{s.generation + 1, changed})
	ev := event{name: "reload", data: string(data)}
	for c, page := range s.clients {
		if s.early[page] {
			send(c, ev)
		}
	}
}

// Built tells the open pages about a successful build that changed the
// output paths changed, those it told Early of included.
func (s *Server) Built(changed []string) {
	name := "reload"
	if len(changed) > 0 && allCSS(changed) {
		name = "css"
	}
	s.mu.Lock()
	wasBroken := s.state.name == "errors"
	if len(changed) > 0 {
		s.generation++
	}
	s.early = nil
	s.state = s.okEvent("ok", nil)
	ev := s.okEvent(name, changed)
	s.mu.Unlock()
	if len(changed) == 0 && !wasBroken {
		return
	}
	s.broadcast(ev)
}

func allCSS(paths []string) bool {
	for _, p := range paths {
		if !strings.HasSuffix(p, ".css") {
			return false
		}
	}
	return true
}

// Failed tells the open pages that a build failed with err.
func (s *Server) Failed(err error) {
	type item struct {
		Pos  string `json:"pos"`
		Path string `json:"path"`
		Line int    `json:"line"`
		Msg  string `json:"msg"`
	}
	var items []item
	var list diag.Errors
	if errors.As(err, &list) {
		for _, e := range list {
			items = append(items, item{Pos: e.Pos.String(), Path: e.Pos.Path, Line: e.Pos.Line, Msg: e.Msg})
		}
	} else {
		items = append(items, item{Msg: err.Error()})
	}
	data, _ := json.Marshal(items)
	ev := event{name: "errors", data: string(data)}
	s.mu.Lock()
	s.state, s.early = ev, nil
	s.mu.Unlock()
	s.broadcast(ev)
}

func (s *Server) broadcast(ev event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		send(c, ev)
	}
}

// send sends ev to a client's page; one that does not keep up misses an
// event, not the server.
func send(c chan event, ev event) {
	select {
	case c <- ev:
	default:
	}
}

// ServeHTTP serves the site, the live-reload script, the event stream and
// the sources.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	switch {
	case p == Prefix+"events":
		s.events(w, r)
	case p == Prefix+"live.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(liveJS)
	case strings.HasPrefix(p, Prefix+"source/"):
		s.source(w, strings.TrimPrefix(p, Prefix+"source/"))
	default:
		s.file(w, r, p)
	}
}

// clean checks a URL path and returns the slash path it names below the
// served folder, or false for anything that could leave it.
func clean(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\x00\\") || len(p) > 1024 {
		return "", false
	}
	for _, part := range strings.Split(p, "/") {
		if part == ".." || part == "." {
			return "", false
		}
	}
	return strings.TrimPrefix(path.Clean(p), "/"), true
}

func (s *Server) file(w http.ResponseWriter, r *http.Request, urlPath string) {
	rel, ok := clean(urlPath)
	if !ok {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	name := rel
	st, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(name)))
	if err == nil && st.IsDir() {
		if !strings.HasSuffix(urlPath, "/") {
			// The cleaned path: "//x" would send the browser to host x.
			http.Redirect(w, r, "/"+rel+"/", http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		st, err = os.Stat(filepath.Join(s.dir, filepath.FromSlash(name)))
	}
	status := http.StatusOK
	if err != nil || !st.Mode().IsRegular() || output.Spare(path.Base(name)) {
		status, name = http.StatusNotFound, "404.html"
	}
	data, err := s.read(name)
	if err != nil {
		// Nothing built yet, or the file just removed: a page that can at
		// least show the errors.
		status = http.StatusNotFound
		data, name = []byte("<!doctype html><title>Not built</title><body><p>The site has not been built yet.</p></body>"), "404.html"
	}
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasSuffix(name, ".html") {
		// The CMS is not reloaded: a reload would lose what an editor
		// is typing when another file is saved, and the error overlay
		// would hide the form that can fix the error.
		if rel != cms.Dir && !strings.HasPrefix(rel, cms.Dir+"/") {
			s.mu.Lock()
			gen := s.generation
			if s.early[name] {
				gen++
			}
			s.mu.Unlock()
			data = inject(data, gen)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	} else if ct := contentType(name); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// inject adds the live-reload script to a page, before </body> if it has
// one, with the generation of the build the page comes from.
func inject(page []byte, generation int) []byte {
	script := fmt.Sprintf(`<script src="%slive.js" data-generation="%d"></script>`, Prefix, generation)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:i]...)
	out = append(out, script...)
	return append(out, page[i:]...)
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".json":
		return "application/json"
	case ".xml":
		return "application/xml"
	case ".yml":
		return "text/yaml; charset=utf-8"
	}
	return ""
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan event, 8)
	s.mu.Lock()
	s.clients[c] = pageOf(r.URL.Query().Get("page"))
	first := s.state
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	send := func(ev event) bool {
		_, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
		flusher.Flush()
		return err == nil
	}
	if !send(first) {
		return
	}
	keepAlive := time.NewTicker(30 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-c:
			if !send(ev) {
				return
			}
		case <-keepAlive.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}

// pageOf returns the output path of the page at the URL path p, as a
// page's live-reload script gives it, or "" for anything else.
func pageOf(p string) string {
	rel, ok := clean(p)
	if !ok || !strings.HasSuffix(p, "/") && !strings.HasSuffix(p, ".html") {
		return ""
	}
	if strings.HasSuffix(p, "/") {
		rel = path.Join(rel, "index.html")
	}
	return rel
}

// source shows a source file of the site with numbered lines, for the
// links of the error overlay. Only the site's own sources are shown.
func (s *Server) source(w http.ResponseWriter, rel string) {
	rel, ok := clean("/" + rel)
	top, _, _ := strings.Cut(rel, "/")
	if !ok || !(top == "content" || top == "templates" || top == "static" || rel == "config.toml") {
		http.Error(w, "not a source of the site", http.StatusNotFound)
		return
	}
	data, err := fs.ReadFile(os.DirFS(s.root), rel)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>%s</title>", html.EscapeString(rel))
	b.WriteString(`<style>body{font:14px/1.5 ui-monospace,monospace;margin:1rem}ol{padding-left:4em}li:target{background:#fde68a}pre{margin:0;white-space:pre-wrap}</style>`)
	fmt.Fprintf(&b, "<h1>%s</h1><ol>", html.EscapeString(rel))
	for i, line := range strings.Split(string(data), "\n") {
		fmt.Fprintf(&b, "<li id=\"L%d\"><pre>%s</pre></li>", i+1, html.EscapeString(line))
	}
	b.WriteString("</ol></html>")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(b.String()))
}
