package build

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// now is the moment every test build happens at, so that what is "in the
// future" does not depend on the day the tests run.
var now = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// repoRoot is the root of the repository's own site, relative to this
// package.
const repoRoot = "../../.."

// minimalTemplates print exactly the data the tests assert, one fact a
// line, so that the tests do not depend on the theme's markup. A site that
// includes them gets them instead of the repository's templates/.
const minimalTemplates = `
-- templates/base.html --
<nav><a href="{{.Site.Config.RelURL ""}}">home</a> <a href="{{.Site.Config.RelURL "agreements/"}}">agreements</a></nav>
kind={{.Kind}}|title={{.Doc.Title}}|url={{.Doc.URL}}
{{block "main" .}}{{end}}
-- templates/partials/page.html --
{{define "page"}}{{.Doc.Content}}
{{range .Page.Countries}}country={{.Title}}|{{.URL}}
{{end}}{{range .Page.Topics}}topic={{.Title}}|{{.URL}}
{{end}}{{range .Page.Agreements}}discusses={{.Title}}|{{.URL}}
{{end}}{{range .Page.Backlinks}}backlink={{.Title}}|{{.URL}}
{{end}}{{range .Page.Related}}related={{.Page.Title}}
{{end}}{{end}}
-- templates/partials/term.html --
{{define "term"}}{{.Doc.Content}}
{{range .Term.Pages}}page={{.Title}}|{{.URL}}
{{end}}{{range .Term.Partners}}partner={{.Term.Title}}:{{.N}}
{{end}}{{end}}
-- templates/partials/list.html --
{{define "list"}}{{.Doc.Content}}
{{range .Years}}year={{.Year}}
{{range .Pages}}item={{.Title}}|{{.URL}}
{{end}}{{end}}{{range .Terms}}term={{.Title}}|{{.URL}}
{{end}}{{end}}
-- templates/agreement.html --
{{define "main"}}{{template "page" .}}{{end}}
-- templates/interview.html --
{{define "main"}}{{template "page" .}}{{end}}
-- templates/page.html --
{{define "main"}}{{template "page" .}}{{end}}
-- templates/country.html --
{{define "main"}}{{template "term" .}}{{end}}
-- templates/term.html --
{{define "main"}}{{template "term" .}}{{end}}
-- templates/home.html --
{{define "main"}}{{template "list" .}}{{range .Site.Agreements}}agreement={{.Title}}|{{.URL}}
{{end}}{{end}}
-- templates/section.html --
{{define "main"}}{{template "list" .}}{{end}}
-- templates/agreements.html --
{{define "main"}}{{template "list" .}}{{end}}
-- templates/interviews.html --
{{define "main"}}{{template "list" .}}{{end}}
-- templates/countries.html --
{{define "main"}}{{template "list" .}}{{end}}
-- templates/terms.html --
{{define "main"}}{{template "list" .}}{{end}}
-- templates/search.html --
{{define "main"}}search{{end}}
-- templates/timeline.html --
{{define "main"}}{{range .Years}}year={{.Year}}
{{range .Months}}month={{.Month}}|{{.ID}}
{{range .Pages}}item={{.Title}}|{{.URL}}
{{end}}{{end}}{{end}}{{end}}
-- templates/404.html --
{{define "main"}}not found{{end}}
`

// newSite writes the files of a txtar archive into a new folder and
// returns it. Unless the archive has its own templates/base.html, the
// repository's templates/ and static/ are copied in too.
func newSite(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	files := parseTxtar(archive)
	if _, ok := files["templates/base.html"]; !ok {
		copyDir(t, filepath.Join(repoRoot, "templates"), filepath.Join(dir, "templates"))
		copyDir(t, filepath.Join(repoRoot, "static"), filepath.Join(dir, "static"))
	}
	writeFiles(t, dir, files)
	return dir
}

// parseTxtar returns the files of a txtar archive by name.
func parseTxtar(archive string) map[string]string {
	files := map[string]string{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		files[f.Name] = string(f.Data)
	}
	return files
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
}

// build builds the site in dir at the fixed time now.
func build(t *testing.T, dir string, opts Options) (*Summary, error) {
	t.Helper()
	opts.Root = dir
	if opts.Now.IsZero() {
		opts.Now = now
	}
	return Build(opts)
}

// mustBuild builds the site in dir and fails the test on any error.
func mustBuild(t *testing.T, dir string, opts Options) *Summary {
	t.Helper()
	sum, err := build(t, dir, opts)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return sum
}

// assertFileContent checks that the file at rel in dir holds every one of
// the strings.
func assertFileContent(t *testing.T, dir, rel string, want ...string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Errorf("%s: %v", rel, err)
		return
	}
	for _, w := range want {
		if !strings.Contains(string(data), w) {
			t.Errorf("%s does not contain %q; it is:\n%s", rel, w, data)
		}
	}
}

// assertFileNotContent checks that the file at rel in dir holds none of
// the strings.
func assertFileNotContent(t *testing.T, dir, rel string, unwanted ...string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Errorf("%s: %v", rel, err)
		return
	}
	for _, w := range unwanted {
		if strings.Contains(string(data), w) {
			t.Errorf("%s contains %q; it is:\n%s", rel, w, data)
		}
	}
}

func assertExists(t *testing.T, dir, rel string, exists bool) {
	t.Helper()
	_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
	if exists && err != nil {
		t.Errorf("%s: %v", rel, err)
	}
	if !exists && err == nil {
		t.Errorf("%s exists, want it absent", rel)
	}
}

// snapshot reads every file under dir, by slash-separated relative path.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// assertSameFiles reports every file that differs between two snapshots.
func assertSameFiles(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(want)) {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s is missing", name)
		case !bytes.Equal(g, want[name]):
			t.Errorf("%s differs:\n%s\nwant:\n%s", name, g, want[name])
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is extra", name)
		}
	}
}
