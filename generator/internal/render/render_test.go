package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/i18n"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// english is the default theme's words in English.
var english, _ = i18n.Load(os.DirFS("../../.."), "en", "en")

// templates returns a complete template set where kind's file is src.
func templates(kind, src string) fstest.MapFS {
	fsys := fstest.MapFS{
		"templates/base.html":          {Data: []byte(`<main>{{block "main" .}}{{end}}</main>`)},
		"templates/partials/item.html": {Data: []byte(`{{define "item"}}<li>{{.Title}}</li>{{end}}`)},
	}
	for _, k := range kinds {
		fsys["templates/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Doc.Title}}{{end}}`)}
	}
	fsys["templates/"+kind+".html"] = &fstest.MapFile{Data: []byte(src)}
	// The default theme's tables, which the words of the templates need.
	tables, _ := fs.Glob(os.DirFS("../../.."), "templates/i18n/*.toml")
	for _, name := range tables {
		data, err := fs.ReadFile(os.DirFS("../../.."), name)
		if err != nil {
			panic(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

func TestLoadReportsSyntaxErrorAtFileAndLine(t *testing.T) {
	_, err := Load(templates("agreement", "{{define \"main\"}}\n<h1>{{.Doc.Title}</h1>\n{{end}}"), "en", "en")
	want := "templates/agreement.html:2: bad character U+007D '}'"
	if err == nil || err.Error() != want {
		t.Fatalf("Load error:\n%v\nwant:\n%s", err, want)
	}
}

// TestLoadReportsEverySyntaxError: a syntax error in a partial does not
// hide those in the files of the page kinds.
func TestLoadReportsEverySyntaxError(t *testing.T) {
	fsys := templates("agreement", "{{define \"main\"}}\n<h1>{{.Doc.Title}</h1>\n{{end}}")
	fsys["templates/interview.html"].Data = []byte("{{define \"main\"}}\n{{if .Page}}\n{{end}}")
	fsys["templates/partials/item.html"].Data = []byte("{{define \"item\"}}{{range}}{{end}}{{end}}")
	_, err := Load(fsys, "en", "en")
	want := "templates/agreement.html:2: bad character U+007D '}'\n" +
		"templates/interview.html:3: unexpected EOF\n" +
		"templates/partials/item.html:1: missing value for range"
	if err == nil || err.Error() != want {
		t.Fatalf("Load error:\n%v\nwant:\n%s", err, want)
	}
}

// TestLoadReportsCallOfMissingTemplate: a call of a template that no file
// defines is found when the templates are loaded, not page by page.
func TestLoadReportsCallOfMissingTemplate(t *testing.T) {
	fsys := templates("agreement", "{{define \"main\"}}\n{{if .Page}}{{template \"itme\" .Page}}{{end}}{{end}}")
	fsys["templates/country.html"].Data = []byte("{{define \"main\"}}{{range .Site.Countries}}{{template \"flag-emoji\" .}}{{end}}{{end}}")
	fsys["templates/partials/list.html"] = &fstest.MapFile{Data: []byte("{{define \"list\"}}{{with .}}{{else}}{{template \"nothing\"}}{{end}}{{end}}")}
	_, err := Load(fsys, "en", "en")
	want := `templates/agreement.html:2:24: no such template "itme" (did you mean "item"?)` + "\n" +
		`templates/country.html:1:54: no such template "flag-emoji"` + "\n" +
		`templates/partials/list.html:1:47: no such template "nothing"`
	if err == nil || err.Error() != want {
		t.Fatalf("Load error:\n%v\nwant:\n%s", err, want)
	}
}

// TestLoadReportsUnsafeTemplate: a template html/template cannot make safe
// is reported once, when the templates are loaded.
func TestLoadReportsUnsafeTemplate(t *testing.T) {
	_, err := Load(templates("agreement", "{{define \"main\"}}\n<a href=\"{{if .Doc}}/a/{{else}}/b?q={{end}}{{.Doc.Title}}\">x</a>\n{{end}}"), "en", "en")
	want := "templates/agreement.html:2:46: {{.Doc.Title}} appears in an ambiguous context within a URL"
	if err == nil || err.Error() != want {
		t.Fatalf("Load error:\n%v\nwant:\n%s", err, want)
	}
}

func TestLoadReportsMissingTemplate(t *testing.T) {
	fsys := templates("home", `{{define "main"}}{{end}}`)
	delete(fsys, "templates/country.html")
	_, err := Load(fsys, "en", "en")
	want := "templates/country.html: missing template (every site needs templates/country.html)"
	if err == nil || err.Error() != want {
		t.Fatalf("Load error:\n%v\nwant:\n%s", err, want)
	}
}

func TestExecuteErrorNamesTemplateLineAndPage(t *testing.T) {
	tm, err := Load(templates("agreement", "{{define \"main\"}}\n{{.Page.Nope}}{{end}}"), "en", "en")
	if err != nil {
		t.Fatal(err)
	}
	p := &site.Page{Kind: content.Agreement}
	p.Title, p.File = "X", &content.File{Path: "content/agreements/x.md"}
	var buf bytes.Buffer
	err = tm.Execute(&buf, Job{Kind: "agreement", Data: &Data{Doc: &p.Doc, Page: p}})
	if err == nil {
		t.Fatal("no error for a missing field")
	}
	for _, want := range []string{"templates/agreement.html:2:", "rendering content/agreements/x.md:", "Nope"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}

func TestCachedRendersOncePerDocument(t *testing.T) {
	tm, err := Load(templates("home", `{{define "main"}}{{cached "item" .Page}}{{cached "item" .Page}}{{end}}`), "en", "en")
	if err != nil {
		t.Fatal(err)
	}
	tm.ResetCache(2)
	render := func(p *site.Page) string {
		t.Helper()
		var buf bytes.Buffer
		if err := tm.Execute(&buf, Job{Kind: "home", Data: &Data{Doc: &p.Doc, Page: p}}); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	a, b := &site.Page{}, &site.Page{}
	a.Title, b.Title, b.ID = "<b>A</b>", "B", 1
	want := "<main><li>&lt;b&gt;A&lt;/b&gt;</li><li>&lt;b&gt;A&lt;/b&gt;</li></main>"
	if got := render(a); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	a.Title = "changed"
	if got := render(a); got != want {
		t.Errorf("the fragment was rendered again: %s", got)
	}
	if got, want := render(b), "<main><li>B</li><li>B</li></main>"; got != want {
		t.Errorf("another document: got %s\nwant %s", got, want)
	}
	tm.ResetCache(2)
	if got, want := render(a), "<main><li>changed</li><li>changed</li></main>"; got != want {
		t.Errorf("after ResetCache: got %s\nwant %s", got, want)
	}
}

// TestCachedCarriesFragmentsOver: after ResetCache and Carry with keys, a
// document whose key was a document's in the build before reuses its
// fragments, and one whose key changed renders them again; a build
// without keys carries nothing to the next.
func TestCachedCarriesFragmentsOver(t *testing.T) {
	tm, err := Load(templates("home", `{{define "main"}}{{cached "item" .Page}}{{end}}`), "en", "en")
	if err != nil {
		t.Fatal(err)
	}
	render := func(p *site.Page) string {
		t.Helper()
		var buf bytes.Buffer
		if err := tm.Execute(&buf, Job{Kind: "home", Data: &Data{Doc: &p.Doc, Page: p}}); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	a := &site.Page{}
	a.Title = "A"
	tm.ResetCache(1)
	tm.Carry([]uint64{7})
	render(a)
	// The same document, now numbered 1, of the same key.
	a.Title, a.ID = "A, retitled", 1
	tm.ResetCache(2)
	tm.Carry([]uint64{3, 7})
	if got := render(a); got != "<main><li>A</li></main>" {
		t.Errorf("a document of the same key: %s, want the fragment of the build before", got)
	}
	tm.ResetCache(2)
	tm.Carry([]uint64{3, 8})
	if got := render(a); got != "<main><li>A, retitled</li></main>" {
		t.Errorf("a document whose key changed: %s, want its fragment rendered again", got)
	}
	tm.ResetCache(2)
	a.Title = "A, once more"
	tm.ResetCache(2)
	tm.Carry([]uint64{3, 8})
	if got := render(a); got != "<main><li>A, once more</li></main>" {
		t.Errorf("after a build without keys: %s, want the fragment rendered again", got)
	}
	// A fragment rendered before Carry, as those of a page written first
	// are, is carried over too.
	tm.ResetCache(1)
	a.ID, a.Title = 0, "B"
	render(a)
	tm.Carry([]uint64{9})
	a.Title = "B, retitled"
	tm.ResetCache(1)
	tm.Carry([]uint64{9})
	if got := render(a); got != "<main><li>B</li></main>" {
		t.Errorf("a fragment rendered before Carry: %s, want it carried over", got)
	}
}

func TestCachedRefusesOtherData(t *testing.T) {
	tm, err := Load(templates("home", `{{define "main"}}{{cached "item" .Kind}}{{end}}`), "en", "en")
	if err != nil {
		t.Fatal(err)
	}
	tm.ResetCache(1)
	var buf bytes.Buffer
	err = tm.Execute(&buf, Job{Kind: "home", Data: &Data{Doc: &site.Doc{}, Kind: "home"}})
	if err == nil || !strings.Contains(err.Error(), "expected a page or a term, got string") {
		t.Errorf("got error %v, want one saying cached takes a page or a term", err)
	}
}

func TestCachedEachJoinsFragments(t *testing.T) {
	tm, err := Load(templates("home", `{{define "main"}}<ul>{{cachedEach "item" .Page.Backlinks "\n "}}</ul>|{{cachedEach "item" .Page.Related "+"}}|{{cachedEach "item" .Page.Countries "-"}}|{{cachedEach "item" .Page.Agreements "-"}}{{end}}`), "en", "en")
	if err != nil {
		t.Fatal(err)
	}
	tm.ResetCache(4)
	a, b := &site.Page{}, &site.Page{}
	a.Title, a.ID, b.Title, b.ID = "A & co", 1, "B", 2
	p := &site.Page{
		Backlinks: []*site.Page{a, b},
		Related:   []site.Scored{{Page: b, Score: 2}, {Page: a, Score: 1}},
		Countries: []*site.Term{{Doc: site.Doc{Title: "Türkiye", ID: 3}}},
	}
	var buf bytes.Buffer
	if err := tm.Execute(&buf, Job{Kind: "home", Data: &Data{Doc: &p.Doc, Page: p}}); err != nil {
		t.Fatal(err)
	}
	want := "<main><ul>\n <li>A &amp; co</li>\n <li>B</li></ul>|+<li>B</li>+<li>A &amp; co</li>|-<li>Türkiye</li>|</main>"
	if got := buf.String(); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}

	tm, err = Load(templates("home", `{{define "main"}}{{cachedEach "item" .Kind ""}}{{end}}`), "en", "en")
	if err != nil {
		t.Fatal(err)
	}
	err = tm.Execute(&buf, Job{Kind: "home", Data: &Data{Doc: &site.Doc{}, Kind: "home"}})
	if err == nil || !strings.Contains(err.Error(), `expected a list of pages or terms to render with "item", got string`) {
		t.Errorf("got error %v, want one saying cachedEach takes a list of pages or terms", err)
	}
}

// TestCachedChunks: a list printed in pieces is the list cachedEach
// prints, and every piece but one of a single long item fits in a chunk.
func TestCachedChunks(t *testing.T) {
	tm, err := Load(templates("home", `{{define "main"}}{{cachedEach "item" .Page.Backlinks "\n "}}|{{range cachedChunks "item" .Page.Backlinks "\n "}}{{.}}#{{end}}|{{range cachedChunks "item" .Page.Related "\n "}}{{.}}{{else}}none{{end}}{{end}}`), "en", "en")
	if err != nil {
		t.Fatal(err)
	}
	p := &site.Page{}
	for i := range 3000 {
		b := &site.Page{}
		b.ID, b.Title = i, fmt.Sprintf("Page %d & co", i)
		if i == 1000 {
			b.Title = strings.Repeat("long ", chunkSize/4)
		}
		p.Backlinks = append(p.Backlinks, b)
	}
	tm.ResetCache(len(p.Backlinks))
	var buf bytes.Buffer
	if err := tm.Execute(&buf, Job{Kind: "home", Data: &Data{Doc: &p.Doc, Page: p}}); err != nil {
		t.Fatal(err)
	}
	out := strings.TrimSuffix(strings.TrimPrefix(buf.String(), "<main>"), "</main>")
	parts := strings.Split(out, "|")
	whole, pieces, empty := parts[0], parts[1], parts[2]
	if got := strings.ReplaceAll(pieces, "#", ""); got != whole {
		t.Errorf("the pieces joined differ from the whole list:\n%.200q\n%.200q", got, whole)
	}
	chunks := strings.Split(strings.TrimSuffix(pieces, "#"), "#")
	long := 0
	for _, c := range chunks {
		if len(c) > chunkSize {
			long++
			if strings.Count(c, "<li>") != 1 {
				t.Errorf("a piece of %d bytes holds %d items, want the one long item alone", len(c), strings.Count(c, "<li>"))
			}
		}
	}
	if long != 1 || len(chunks) < len(whole)/chunkSize {
		t.Errorf("%d pieces for %d bytes, %d longer than %d; want one long piece and the rest full", len(chunks), len(whole), long, chunkSize)
	}
	if empty != "none" {
		t.Errorf("an empty list printed %q, want the range's else", empty)
	}
}
