// Package render turns the site model into HTML with the html/template
// files of templates/, parsed once per build.
//
// templates/base.html holds the layout and the templates it calls;
// templates/partials/*.html hold templates shared by several kinds; each
// page kind has its own file, which defines "main" (and may define
// "head"). Every template receives a *Data.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// Dir is the folder of the templates, relative to the site root.
const Dir = "templates"

// The page kinds, each rendered with the template file of the same name.
var kinds = []string{
	"home", "agreement", "interview", "page", "section", "agreements", "interviews",
	"countries", "country", "terms", "term", "404",
}

// Templates are the parsed templates of a site, one set per page kind.
type Templates struct {
	byKind map[string]*template.Template
	shared *template.Template // base.html and the partials
	cache  sync.Map           // template name -> []fragment, by site.Doc.ID
	docs   int                // the length of each []fragment
}

// fragment is a template rendered once for one document.
type fragment struct {
	once sync.Once
	html template.HTML
	err  error
}

// Load parses the templates in fsys (the site root). Errors name the
// template file and line.
func Load(fsys fs.FS) (*Templates, error) {
	var errs diag.List
	t := &Templates{byKind: map[string]*template.Template{}}
	base := template.New("base.html").Funcs(funcs).Funcs(template.FuncMap{"cached": t.cached})
	files := []string{path.Join(Dir, "base.html")}
	partials, _ := fs.Glob(fsys, path.Join(Dir, "partials", "*.html"))
	files = append(files, partials...)
	for _, f := range files {
		if err := parseFile(fsys, base, f); err != nil {
			errs.Add(err)
		}
	}
	if errs.Len() > 0 {
		return nil, errs.Err()
	}
	for _, k := range kinds {
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if err := parseFile(fsys, clone, path.Join(Dir, k+".html")); err != nil {
			errs.Add(err)
			continue
		}
		t.byKind[k] = clone
	}
	t.shared = base
	return t, errs.Err()
}

func parseFile(fsys fs.FS, t *template.Template, file string) *diag.Error {
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return diag.Errorf(diag.Pos{Path: file}, "missing template (every site needs %s/%s)", Dir, path.Base(file))
		}
		return diag.Errorf(diag.Pos{Path: file}, "cannot read: %v", err)
	}
	name := strings.TrimPrefix(file, Dir+"/")
	tt := t
	if t.Name() != name {
		tt = t.New(name)
	}
	if _, err := tt.Parse(string(src)); err != nil {
		return templateError(err, "")
	}
	return nil
}

var templatePos = regexp.MustCompile(`^(?:html/)?template: ([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// templateError turns an html/template error into a diagnostic at the
// template's file and line; page, if given, names the page being rendered.
func templateError(err error, page string) *diag.Error {
	msg := err.Error()
	m := templatePos.FindStringSubmatch(msg)
	if m == nil {
		if page != "" {
			msg = "rendering " + page + ": " + msg
		}
		return &diag.Error{Pos: diag.Pos{Path: Dir}, Msg: msg, Err: err}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	msg = m[4]
	if page != "" {
		msg = "rendering " + page + ": " + msg
	}
	return &diag.Error{Pos: diag.Pos{Path: path.Join(Dir, m[1]), Line: line, Col: col}, Msg: msg, Err: err}
}

// ResetCache forgets the fragments rendered by cached, before a build
// with a new site model of docs documents (site.Site.NumDocs).
func (t *Templates) ResetCache(docs int) {
	t.cache.Clear()
	t.docs = docs
}

// cached renders the template name with data, a page or a term, once per
// build and reuses the HTML: a page appears in the lists of each of its
// terms, in related lists and in backlinks, and rendering its list item
// each time was most of the cost of a build. Fragments are kept in a slice
// by document rather than in a map, which on a large site cost more to
// look up than the fragment cost to render.
func (t *Templates) cached(name string, data any) (template.HTML, error) {
	var id int
	switch d := data.(type) {
	case *site.Page:
		id = d.ID
	case *site.Term:
		id = d.ID
	default:
		return "", fmt.Errorf("cached %q: expected a page or a term, got %T", name, data)
	}
	table, ok := t.cache.Load(name)
	if !ok {
		table, _ = t.cache.LoadOrStore(name, make([]fragment, t.docs))
	}
	f := &table.([]fragment)[id]
	f.once.Do(func() {
		b := fragmentBufs.Get().(*bytes.Buffer)
		defer fragmentBufs.Put(b)
		b.Reset()
		if f.err = t.shared.ExecuteTemplate(b, name, data); f.err == nil {
			f.html = template.HTML(b.String())
		}
	})
	return f.html, f.err
}

// fragmentBufs hold fragments being rendered, so that each kept fragment
// is one allocation of its own size.
var fragmentBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Job is one HTML file to write: its path in the output and its data.
type Job struct {
	Out  string // such as "agreements/x/index.html"
	Kind string
	Data *Data
}

// Execute renders one job into buf, which is reset first: the build keeps
// one buffer per worker.
func (t *Templates) Execute(buf *bytes.Buffer, j Job) error {
	buf.Reset()
	if err := t.byKind[j.Kind].ExecuteTemplate(buf, "base.html", j.Data); err != nil {
		page := "/" + j.Data.Doc.Path
		if j.Data.Doc.File != nil {
			page = j.Data.Doc.File.Path
		}
		return templateError(err, page)
	}
	return nil
}
