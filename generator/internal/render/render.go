// Package render turns the site model into HTML with the html/template
// files of templates/, parsed once per build.
//
// templates/base.html holds the layout and the templates it calls;
// templates/partials/*.html hold templates shared by several kinds; each
// page kind has its own file, which defines "main" (and may define
// "head"). Every template receives a *Data.
package render

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/cooperation-kb/kb/generator/internal/compact"
	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/i18n"
	"github.com/cooperation-kb/kb/generator/internal/suggest"
)

// Dir is the folder of the templates, relative to the site root.
const Dir = "templates"

// The page kinds, each rendered with the template file of the same name.
var kinds = []string{
	"home", "agreement", "interview", "page", "section", "agreements", "interviews",
	"countries", "country", "terms", "term", "person", "search", "timeline", "404", "chapter",
}

// optional are the kinds a theme may leave out: a theme written before
// they existed still builds, without those pages.
var optional = map[string]bool{"search": true, "timeline": true, "person": true, "chapter": true}

// Templates are the parsed templates of a site in one language, one set
// per page kind.
type Templates struct {
	words  *i18n.Words // the theme's words in the language
	byKind map[string]*template.Template
	shared *template.Template // base.html and the partials
	cache  sync.Map           // template name -> []fragment, by site.Doc.ID
	keyed  sync.Map           // template name and key -> *fragment, for cachedBy
	docs   int                // the length of each []fragment
	kept   compact.Arena      // the HTML of the fragments
	assets map[string]string  // file of static/ -> URL, for the asset function
	// keys hash, by site.Doc.ID, everything the fragments of each
	// document may show; carried are the fragments of the build before by
	// template name and key, which a document of the same key reuses.
	keys    []uint64
	carried map[string]map[uint64]template.HTML
	ended   *ended // the fragments of the build before, until Carry
}

// Load parses the templates in fsys (the site root) for pages in lang,
// whose words come from the string tables of lang, then of defaultLang,
// then of English (see package i18n). Errors name the file and line:
// every syntax error of a template or table, every call of a template
// that no file defines, every {{t "key"}} of a string no table defines,
// and markup html/template cannot make safe.
func Load(fsys fs.FS, lang, defaultLang string) (*Templates, error) {
	var errs diag.List
	words, err := i18n.Load(fsys, lang, defaultLang)
	if err != nil {
		errs.AddErr(diag.Pos{Path: i18n.Dir}, err)
	}
	t := &Templates{words: words, byKind: map[string]*template.Template{}}
	newSet := func(name string) *template.Template {
		return template.New(name).Funcs(funcs).Funcs(t.wordFuncs()).Funcs(template.FuncMap{"cached": t.cached, "cachedEach": t.cachedEach, "cachedChunks": t.cachedChunks, "cachedBy": t.cachedBy, "asset": t.asset})
	}
	base := newSet("base.html")
	files := []string{path.Join(Dir, "base.html")}
	partials, _ := fs.Glob(fsys, path.Join(Dir, "partials", "*.html"))
	files = append(files, partials...)
	for _, f := range files {
		if err := parseFile(fsys, base, f); err != nil {
			errs.Add(err)
		}
	}
	shared := errs.Len() == 0
	for _, k := range kinds {
		file := path.Join(Dir, k+".html")
		if _, err := fs.Stat(fsys, file); optional[k] && errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if !shared {
			// Without the shared templates, a kind's file can still be
			// checked for syntax errors on its own.
			if err := parseFile(fsys, newSet(k+".html"), file); err != nil {
				errs.Add(err)
			}
			continue
		}
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if err := parseFile(fsys, clone, file); err != nil {
			errs.Add(err)
			continue
		}
		if !checkCalls(clone, words, &errs) {
			continue
		}
		// html/template makes a set safe when it first executes it, and
		// fails every execution after if it cannot. Doing it now reports
		// that once, rather than for every page; the execution itself,
		// without data, has nothing to report.
		var unsafe *template.Error
		if err := clone.ExecuteTemplate(io.Discard, "base.html", nil); errors.As(err, &unsafe) {
			errs.Add(templateError(unsafe, ""))
			continue
		}
		t.foldWords(clone)
		t.byKind[k] = clone
	}
	t.shared = base
	return t, errs.Err()
}

// SetAssets gives the URL that pages link each file of static/ by, named
// as "css/style.css", before the templates render a page.
func (t *Templates) SetAssets(urls map[string]string) { t.assets = urls }

// asset is the template function that returns the URL of a file of
// static/: {{asset "css/style.css"}} is "/css/style.3f9a1c2b.css" in a
// build for publishing, where the stylesheet's name carries a hash of its
// content.
func (t *Templates) asset(name string) (string, error) {
	if u, ok := t.assets[name]; ok {
		return u, nil
	}
	msg := "no file static/" + name
	if s := suggest.Closest(name, slices.Sorted(maps.Keys(t.assets))); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return "", errors.New(msg)
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

// checkCalls reports every {{template "name"}} in set that calls a
// template no file defines, and every {{t "key"}} of a string no table
// defines, which html/template would only find when it renders a page,
// one page at a time. It reports whether there was none.
func checkCalls(set *template.Template, words *i18n.Words, errs *diag.List) bool {
	ok := true
	var defined []string
	for _, d := range set.Templates() {
		if d.Tree != nil && !strings.HasSuffix(d.Name(), ".html") {
			defined = append(defined, d.Name())
		}
	}
	slices.Sort(defined)
	keys := words.Keys()
	for _, d := range set.Templates() {
		if d.Tree == nil {
			continue
		}
		report := func(n parse.Node, msg string, name string, names []string) {
			ok = false
			if s := suggest.Closest(name, names); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			loc, _ := d.Tree.ErrorContext(n)
			pos := diag.Pos{Path: Dir}
			if m := location.FindStringSubmatch(loc); m != nil {
				pos = position(m[1], m[2], m[3])
			}
			errs.Add(&diag.Error{Pos: pos, Msg: msg})
		}
		walk(d.Tree.Root, func(n parse.Node) {
			switch n := n.(type) {
			case *parse.TemplateNode:
				if c := set.Lookup(n.Name); c == nil || c.Tree == nil {
					report(n, fmt.Sprintf("no such template %q", n.Name), n.Name, defined)
				}
			case *parse.CommandNode:
				for i, key := range stringKeys(n) {
					switch {
					case !words.Has(key.Text):
						report(key, fmt.Sprintf("no string %q in %s", key.Text, i18n.Dir), key.Text, keys)
					case i == 0 && len(n.Args) == 2 && isCall(n, "t") && words.IsPlural(key.Text):
						report(key, fmt.Sprintf("string %q has plural forms and needs a count", key.Text), "", nil)
					}
				}
			}
		})
	}
	return ok
}

// stringKeys returns the keys that a call of t or tjson names as literal
// strings: t's first argument, every argument of tjson.
func stringKeys(n *parse.CommandNode) []*parse.StringNode {
	var args []parse.Node
	switch {
	case isCall(n, "t") && len(n.Args) > 1:
		args = n.Args[1:2]
	case isCall(n, "tjson"):
		args = n.Args[1:]
	}
	var keys []*parse.StringNode
	for _, a := range args {
		if s, ok := a.(*parse.StringNode); ok {
			keys = append(keys, s)
		}
	}
	return keys
}

// isCall reports whether n calls the function name.
func isCall(n *parse.CommandNode, name string) bool {
	id, ok := n.Args[0].(*parse.IdentifierNode)
	return ok && id.Ident == name
}

// walk calls f for every node in the tree below n.
func walk(n parse.Node, f func(parse.Node)) {
	f(n)
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				walk(c, f)
			}
		}
	case *parse.ActionNode:
		walk(n.Pipe, f)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				walk(c, f)
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walk(a, f)
		}
	case *parse.IfNode:
		walkBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, f)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		walk(n.Pipe, f)
	}
}

func walkBranch(n *parse.BranchNode, f func(parse.Node)) {
	walk(n.Pipe, f)
	walk(n.List, f)
	walk(n.ElseList, f)
}

var (
	templatePos = regexp.MustCompile(`^(?:html/template:|template: )([^:]+):(\d+)(?::(\d+))?: (.*)$`)
	location    = regexp.MustCompile(`^([^:]+):(\d+):(\d+)$`)
)

// templateError turns an html/template error into a diagnostic at the
// template's file and line; page, if given, names the page being rendered.
func templateError(err error, page string) *diag.Error {
	msg := err.Error()
	pos := diag.Pos{Path: Dir}
	if m := templatePos.FindStringSubmatch(msg); m != nil {
		pos, msg = position(m[1], m[2], m[3]), m[4]
	}
	if page != "" {
		msg = "rendering " + page + ": " + msg
	}
	return &diag.Error{Pos: pos, Msg: msg, Err: err}
}

// position places a template's name, line and column, as html/template
// writes them, in the site. html/template counts columns from 0.
func position(name, line, col string) diag.Pos {
	l, _ := strconv.Atoi(line)
	pos := diag.Pos{Path: path.Join(Dir, name), Line: l}
	if c, err := strconv.Atoi(col); err == nil {
		pos.Col = c + 1
	}
	return pos
}

// Job is one HTML file to write: its path in the output and its data.
type Job struct {
	Out  string // such as "agreements/x/index.html"
	Kind string
	Data *Data
}

// Execute renders one job into w.
func (t *Templates) Execute(w io.Writer, j Job) error {
	if err := t.byKind[j.Kind].ExecuteTemplate(w, "base.html", j.Data); err != nil {
		page := "/" + j.Data.Doc.Path
		if j.Data.Doc.File != nil {
			page = j.Data.Doc.File.Path
		}
		return templateError(err, page)
	}
	return nil
}
