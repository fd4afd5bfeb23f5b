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

	"github.com/cooperation-kb/kb/generator/internal/output"
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
{{range .Events}}item={{.Page.Title}}|{{.Page.URL}}
{{end}}{{end}}{{end}}{{end}}
-- templates/404.html --
{{define "main"}}not found{{end}}
`

// A testSite is a site written into a test's folder, built and edited as
// Hugo's integration tests do: a test shows the site it is about, builds
// it, asserts what was written, edits files and builds again.
//
//	newSite(t, minimalTemplates+archive).Running().Build().
//		EditFiles("content/agreements/a.md", "...").Build().
//		AssertRendered(2).AssertFile("agreements/a/index.html", "...")
//
// By default every build is a fresh build into root/public, as
// `go run ./generator` does. A running site builds with one live builder
// into a folder of its own, as the development server does, told which
// files changed since its last build.
type testSite struct {
	t       *testing.T
	root    string // the site root
	out     string // the output folder
	opts    Options
	running bool
	live    *Builder // of a running site, once it built
	changed []string // paths edited since the last build
	sum     *Summary // of the last build that succeeded
	err     error    // of the last build
}

// newSite writes the files of a txtar archive into a new folder. Unless
// the archive has its own templates/base.html, the repository's
// templates/ and static/ are copied in too.
func newSite(t *testing.T, archive string) *testSite {
	t.Helper()
	dir := t.TempDir()
	files := parseTxtar(archive)
	if _, ok := files["templates/base.html"]; !ok {
		copyDir(t, filepath.Join(repoRoot, "templates"), filepath.Join(dir, "templates"))
		copyDir(t, filepath.Join(repoRoot, "static"), filepath.Join(dir, "static"))
	} else {
		// A theme of the test's own borrows the default theme's words.
		copyDir(t, filepath.Join(repoRoot, "templates", "i18n"), filepath.Join(dir, "templates", "i18n"))
	}
	writeFiles(t, dir, files)
	return &testSite{t: t, root: dir, out: filepath.Join(dir, "public"), opts: Options{Root: dir, Now: now}}
}

// sampleSite is a copy of the repository's own site.
func sampleSite(t *testing.T) *testSite {
	t.Helper()
	s := newSite(t, "")
	copyDir(t, filepath.Join(repoRoot, "content"), filepath.Join(s.root, "content"))
	cfg, err := os.ReadFile(filepath.Join(repoRoot, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, s.root, map[string]string{"config.toml": string(cfg)})
	return s
}

// monolingualSample is the repository's site in English alone: its
// translations and languages left out.
func monolingualSample(t *testing.T) *testSite {
	t.Helper()
	s := sampleSite(t)
	dropTranslations(t, s.root)
	cfg, err := os.ReadFile(filepath.Join(s.root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	before, _, _ := strings.Cut(string(cfg), "[languages.")
	writeFiles(t, s.root, map[string]string{"config.toml": before})
	return s
}

// dropTranslations removes the files of content/ whose names end in a
// language code.
func dropTranslations(t *testing.T, root string) {
	t.Helper()
	err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".hu.md") {
			err = os.Remove(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// WithOptions builds with opts, at the fixed time now unless they say
// another; opts.Out, if set, is the output folder.
func (s *testSite) WithOptions(opts Options) *testSite {
	opts.Root = s.root
	if opts.Now.IsZero() {
		opts.Now = now
	}
	s.opts = opts
	if opts.Out != "" {
		s.out = opts.Out
	}
	return s
}

// Running makes every build go through one live builder, as the
// development server's do, into a folder of its own.
func (s *testSite) Running() *testSite {
	s.running = true
	s.out = filepath.Join(s.t.TempDir(), "live")
	return s
}

// Build builds the site and fails the test on any error.
func (s *testSite) Build() *testSite {
	s.t.Helper()
	if err := s.build(); err != nil {
		s.t.Fatalf("build failed:\n%v", err)
	}
	return s
}

// BuildFails builds the site and checks that the build fails with exactly
// want, one error a line, and leaves the output as it was.
func (s *testSite) BuildFails(want string) *testSite {
	s.t.Helper()
	before := snapshot(s.t, s.out)
	err := s.build()
	switch {
	case err == nil:
		s.t.Fatalf("build succeeded, want:\n%s", want)
	case err.Error() != want:
		s.t.Errorf("errors:\n%v\nwant:\n%s", err, want)
	}
	if after := snapshot(s.t, s.out); (before == nil) != (after == nil) || !sameFiles(after, before) {
		s.t.Error("the failed build changed the output")
		assertSameFiles(s.t, after, before)
	}
	return s
}

// build builds the site once: afresh, or for a running site with its live
// builder, told what changed since the last build.
func (s *testSite) build() error {
	s.t.Helper()
	changed := s.changed
	s.changed = nil
	var sum *Summary
	switch {
	case !s.running:
		sum, s.err = Build(s.opts)
	case s.live == nil:
		b, err := NewLiveBuilder(s.opts, s.out)
		if err != nil {
			s.t.Fatal(err)
		}
		s.live = b
		sum, s.err = b.Build(nil)
	default:
		sum, s.err = s.live.Build(changed)
	}
	if s.err == nil {
		s.sum = sum
	}
	return s.err
}

// EditFiles writes files, given as pairs of a slash path relative to the
// root and the file's new content.
func (s *testSite) EditFiles(nameContent ...string) *testSite {
	s.t.Helper()
	if len(nameContent)%2 != 0 {
		s.t.Fatal("EditFiles takes pairs of a name and a content")
	}
	files := map[string]string{}
	for i := 0; i < len(nameContent); i += 2 {
		files[nameContent[i]] = nameContent[i+1]
		s.changed = append(s.changed, nameContent[i])
	}
	writeFiles(s.t, s.root, files)
	return s
}

// AppendFiles adds text at the end of each file named.
func (s *testSite) AppendFiles(text string, names ...string) *testSite {
	s.t.Helper()
	for _, name := range names {
		s.EditFiles(name, s.read(name)+text)
	}
	return s
}

// ReplaceInFile replaces every old in the file at name with new.
func (s *testSite) ReplaceInFile(name, old, new string) *testSite {
	s.t.Helper()
	src := s.read(name)
	if !strings.Contains(src, old) {
		s.t.Fatalf("%s does not hold %q", name, old)
	}
	return s.EditFiles(name, strings.ReplaceAll(src, old, new))
}

// RemoveFiles removes files, by slash path relative to the root.
func (s *testSite) RemoveFiles(names ...string) *testSite {
	s.t.Helper()
	for _, name := range names {
		if err := os.Remove(filepath.Join(s.root, filepath.FromSlash(name))); err != nil {
			s.t.Fatal(err)
		}
		s.changed = append(s.changed, name)
	}
	return s
}

// RenameFile moves the file at from to to.
func (s *testSite) RenameFile(from, to string) *testSite {
	s.t.Helper()
	p := filepath.Join(s.root, filepath.FromSlash(to))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(s.root, filepath.FromSlash(from)), p); err != nil {
		s.t.Fatal(err)
	}
	s.changed = append(s.changed, from, to)
	return s
}

func (s *testSite) read(name string) string {
	s.t.Helper()
	data, err := os.ReadFile(filepath.Join(s.root, filepath.FromSlash(name)))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(data)
}

// AssertWarnings checks that the last build warned exactly want, one
// warning a line.
func (s *testSite) AssertWarnings(want string) *testSite {
	s.t.Helper()
	if got := s.sum.Warnings.Error(); got != want {
		s.t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
	return s
}

// AssertFile checks that the output file at rel exists and holds every
// one of the strings.
func (s *testSite) AssertFile(rel string, want ...string) *testSite {
	s.t.Helper()
	assertFileContent(s.t, s.out, rel, want...)
	return s
}

// AssertFileLacks checks that the output file at rel exists and holds
// none of the strings.
func (s *testSite) AssertFileLacks(rel string, unwanted ...string) *testSite {
	s.t.Helper()
	assertFileNotContent(s.t, s.out, rel, unwanted...)
	return s
}

// AssertNoFile checks that the output has nothing at any of rels.
func (s *testSite) AssertNoFile(rels ...string) *testSite {
	s.t.Helper()
	for _, rel := range rels {
		assertExists(s.t, s.out, rel, false)
	}
	return s
}

// AssertRendered checks how many HTML pages the last build rendered.
func (s *testSite) AssertRendered(n int) *testSite {
	s.t.Helper()
	if s.sum == nil || s.err != nil {
		s.t.Fatalf("the last build failed: %v", s.err)
	}
	if s.sum.Rendered != n {
		s.t.Errorf("the build rendered %d pages, want %d", s.sum.Rendered, n)
	}
	return s
}

// AssertSameAsFresh checks that the output is, byte for byte, what a
// fresh build of the site's files writes, and that the last build warned
// as the fresh one does.
func (s *testSite) AssertSameAsFresh() *testSite {
	s.t.Helper()
	want, warnings, err := s.fresh()
	if err != nil {
		s.t.Fatalf("a fresh build fails:\n%v", err)
	}
	assertSameFiles(s.t, snapshot(s.t, s.out), want)
	s.assertWarnings(warnings)
	s.assertModelWarnings()
	s.assertSignedAfresh()
	return s
}

// assertSignedAfresh checks that the signer of each model a running site
// kept, if the last build signed it, hashes every document's own page and
// every page's card as a signer that reuses no hash of the build before
// does (site.Resigner).
func (s *testSite) assertSignedAfresh() {
	s.t.Helper()
	if s.live == nil {
		return
	}
	for _, k := range s.live.models {
		sg := s.live.signed[k.s.Lang]
		if sg == nil || len(k.touched) > 0 {
			continue
		}
		fresh := k.s.Signer(sg.signer)
		got, want := sg.signer.Wholes(), fresh.Wholes()
		for id := range want {
			if got[id] != want[id] {
				s.t.Errorf("%s: the signer kept a hash of the document %d that no longer shows it", k.s.Lang, id)
			}
		}
		for _, p := range k.s.Pages {
			if sg.signer.Card(p) != fresh.Card(p) {
				s.t.Errorf("%s: the signer kept a card of %s that no longer shows it", k.s.Lang, p.Path)
			}
		}
	}
}

// assertModelWarnings checks, for a running site in several languages,
// that the model of each language warns as a fresh model of it does: the
// summary merges the warnings of every language, which would hide a
// warning missing from one model but not from another.
func (s *testSite) assertModelWarnings() {
	s.t.Helper()
	if s.live == nil || s.err != nil || len(s.live.models) < 2 {
		return
	}
	b, err := NewLiveBuilder(s.opts, filepath.Join(s.t.TempDir(), "fresh-live"))
	if err != nil {
		s.t.Fatal(err)
	}
	defer b.Close()
	if _, err := b.Build(nil); err != nil {
		s.t.Fatalf("a fresh build fails:\n%v", err)
	}
	for i, k := range s.live.models {
		if got, want := k.s.Warnings.Error(), b.models[i].s.Warnings.Error(); got != want {
			s.t.Errorf("the model in %q warns:\n%s\nwant, as a fresh model does:\n%s", k.s.Lang, got, want)
		}
	}
}

// assertWarnings checks that the last build of the site, if Build built
// it, warned as want says.
func (s *testSite) assertWarnings(want string) {
	s.t.Helper()
	if s.sum == nil {
		return
	}
	if got := s.sum.Warnings.Error(); got != want {
		s.t.Errorf("warnings:\n%s\nwant, as a fresh build gives:\n%s", got, want)
	}
}

// fresh builds the site's files afresh into a new folder and returns what
// it wrote and its warnings.
func (s *testSite) fresh() (map[string][]byte, string, error) {
	s.t.Helper()
	opts := s.opts
	opts.Out = filepath.Join(s.t.TempDir(), "fresh")
	sum, err := Build(opts)
	if err != nil {
		return nil, "", err
	}
	return snapshot(s.t, opts.Out), sum.Warnings.Error(), nil
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

// snapshot reads every file under dir, by slash-separated relative path;
// it is nil if there is no dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		// The spare of a streamed file is the live folder's, not the site's.
		if err != nil || d.IsDir() || output.Spare(d.Name()) {
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

// readOut returns the output file at rel.
func (s *testSite) readOut(rel string) string {
	s.t.Helper()
	data, err := os.ReadFile(filepath.Join(s.out, filepath.FromSlash(rel)))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(data)
}
