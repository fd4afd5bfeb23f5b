package site

import (
	"errors"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/config"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/country"
	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/markdown"
)

// slugForm is what docs/content.md promises of a slug: lower-case letters,
// digits and single hyphens.
var slugForm = regexp.MustCompile(`^([a-z0-9]+(-[a-z0-9]+)*)?$`)

// FuzzNormalize checks that every name becomes a slug of the promised form,
// and that a slug names itself, so a term written by its slug meets the
// term written by its name.
func FuzzNormalize(f *testing.F) {
	f.Fuzz(func(t *testing.T, name string) {
		got := Normalize(name)
		if !slugForm.MatchString(got) {
			t.Errorf("Normalize(%q) = %q, want lower-case letters, digits and single hyphens", name, got)
		}
		// Normalize gives a slug back as it is, which is right only if
		// making it again gives it back too.
		if again := makeSlug(got); again != got {
			t.Errorf("Normalize(%q) = %q, but makeSlug(%q) = %q", name, got, got, again)
		}
		if isSlug(name) != slugForm.MatchString(name) {
			t.Errorf("isSlug(%q) = %v, but the pattern of a slug says %v", name, isSlug(name), !isSlug(name))
		}
	})
}

// repoRoot is the root of the repository's own site, relative to this
// package.
const repoRoot = "../../.."

// FuzzResolve renders a body in place of a page of the sample site, with
// the site's own resolver, and checks every link it resolves: a URL it
// returns is never one a browser would run or embed, and every error is at
// a line and column of the body, for the links and for their anchors.
func FuzzResolve(f *testing.F) {
	fsys := os.DirFS(repoRoot)
	cfg, err := config.Load(fsys)
	if err != nil {
		f.Fatal(err)
	}
	set, err := content.Load(fsys, cfg.MaxFileBytes)
	if err != nil {
		f.Fatal(err)
	}
	var copied []string
	err = fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			copied = append(copied, strings.TrimPrefix(p, "static/"))
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	md := markdown.New(cfg.AllowHTML)
	opts := Options{Now: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}
	f.Fuzz(func(t *testing.T, doc uint8, body string) {
		s, err := New(cfg, set, copied, opts, country.Default())
		if err != nil {
			t.Fatalf("the sample site: %v", err)
		}
		d := s.Docs[int(doc)%len(s.Docs)]
		resolve := s.Resolver(d)
		checked := func(l markdown.Link) (markdown.Resolved, error) {
			res, err := resolve(l)
			if err == nil && unsafeURL(res.URL) {
				t.Errorf("link %+v in %s resolved to %q", l, d.File.Path, res.URL)
			}
			return res, err
		}
		var errs diag.List
		if _, err := md.Render(d.File.Path, []byte(body), d.File.BodyLine, checked, &errs, func([]byte) {}); err != nil {
			t.Fatalf("Render: %v", err)
		}
		if err := s.Link(); err != nil {
			errs.AddErr(diag.Pos{}, err)
		}
		checkInBody(t, errs.Err(), d.File, body)
	})
}

// dangerousSchemes are the URL schemes whose links would run code or
// embed whatever they hold; the test keeps its own list so that it fails
// if the resolver's list loses one.
var dangerousSchemes = []string{"javascript", "vbscript", "data", "file"}

// unsafeURL reports whether a browser would read u as a URL of a blocked
// scheme. Browsers drop spaces and control characters around a URL and
// tabs and newlines within it before they look for the scheme.
func unsafeURL(u string) bool {
	u = strings.Trim(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	u = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u)
	scheme, _, found := strings.Cut(u, ":")
	return found && slices.Contains(dangerousSchemes, strings.ToLower(scheme))
}

// checkInBody fails unless err is nil or a list of errors each at a line
// and column of the body of file, which is body.
func checkInBody(t *testing.T, err error, file *content.File, body string) {
	t.Helper()
	if err == nil {
		return
	}
	var list diag.Errors
	if !errors.As(err, &list) {
		t.Fatalf("error %v is a %T, want a diag.Errors", err, err)
	}
	lines := strings.Split(body, "\n")
	for _, e := range list {
		i := e.Pos.Line - file.BodyLine
		switch {
		case e.Pos.Path != file.Path:
			t.Errorf("error %q is not in %s", e, file.Path)
		case i < 0 || i >= len(lines):
			t.Errorf("error %q is outside the body, lines %d to %d", e, file.BodyLine, file.BodyLine+len(lines)-1)
		case e.Pos.Col < 1 || e.Pos.Col > len(lines[i])+1:
			t.Errorf("error %q is outside its line %q", e, lines[i])
		}
	}
}
