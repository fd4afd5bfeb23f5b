package markdown

import (
	"errors"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// FuzzRender renders a body as the site does, without raw HTML, and checks
// that what comes out is only the markup goldmark makes: every "<" starts
// one of its elements or the comment that stands for omitted HTML, no
// element carries an attribute it does not write (no "on..." handlers),
// and no href or src is a URL a browser would run. Every link resolves to
// its own destination, so that nothing but the renderer stands between a
// body and the page; wiki links fail, so that their errors are checked to
// lie within the body. The same body with raw HTML allowed must render
// too.
func FuzzRender(f *testing.F) {
	safe, unsafe := New(false), New(true)
	const bodyLine = 4
	resolve := func(l Link) (Resolved, error) {
		if l.Wiki {
			return Resolved{}, errors.New("no page " + l.Dest)
		}
		return Resolved{URL: l.Dest}, nil
	}
	f.Fuzz(func(t *testing.T, body string) {
		var errs diag.List
		var html string
		_, err := safe.Render("content/a.md", []byte(body), bodyLine, resolve, &errs, func(b []byte) { html = string(b) })
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		checkMarkup(t, html)
		checkErrorsInBody(t, errs.Err(), body, bodyLine)
		if _, err := unsafe.Render("content/a.md", []byte(body), bodyLine, resolve, &diag.List{}, func([]byte) {}); err != nil {
			t.Fatalf("Render with raw HTML: %v", err)
		}
	})
}

// goldmarkElements are the elements the site's goldmark configuration
// writes, and goldmarkAttributes the attributes it gives them.
var (
	goldmarkElements = []string{"a", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
		"h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "input", "li", "ol", "p", "pre", "span", "strong",
		"sup", "table", "tbody", "td", "th", "thead", "tr", "ul"}
	goldmarkAttributes = []string{"alt", "checked", "class", "disabled", "href", "id", "rel", "role",
		"src", "start", "style", "tabindex", "title", "type"}
)

var (
	tagPattern  = regexp.MustCompile(`^<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s="<>/]+(?:="[^"]*")?)*)\s*/?>`)
	attrPattern = regexp.MustCompile(`([^\s="<>/]+)(?:="([^"]*)")?`)
)

const omitted = "<!-- raw HTML omitted -->"

// checkMarkup fails the test unless every tag of out is one goldmark
// writes and no link in it has a scheme a browser would run.
func checkMarkup(t *testing.T, out string) {
	t.Helper()
	for rest := out; ; {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			return
		}
		rest = rest[i:]
		if strings.HasPrefix(rest, omitted) {
			rest = rest[len(omitted):]
			continue
		}
		m := tagPattern.FindStringSubmatch(rest)
		if m == nil {
			t.Fatalf("markup goldmark does not write at %q in:\n%s", cut(rest), out)
		}
		rest = rest[len(m[0]):]
		if !slices.Contains(goldmarkElements, strings.ToLower(m[2])) {
			t.Errorf("element %q in:\n%s", m[0], out)
		}
		for _, a := range attrPattern.FindAllStringSubmatch(m[3], -1) {
			name, value := strings.ToLower(a[1]), html.UnescapeString(a[2])
			if !slices.Contains(goldmarkAttributes, name) {
				t.Errorf("attribute %q of %q in:\n%s", name, m[0], out)
			}
			if (name == "href" || name == "src") && runnable(value) {
				t.Errorf("%s=%q in:\n%s", name, value, out)
			}
		}
	}
}

func cut(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}

// runnable reports whether a browser would run u, or embed it as anything
// but an image. Browsers drop spaces and control characters around a URL
// and tabs and newlines within it before they look for the scheme.
func runnable(u string) bool {
	u = strings.Trim(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	u = strings.ToLower(strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u))
	scheme, rest, found := strings.Cut(u, ":")
	switch {
	case !found:
		return false
	case scheme == "data":
		for _, image := range []string{"image/png;", "image/gif;", "image/jpeg;", "image/webp;"} {
			if strings.HasPrefix(rest, image) {
				return false
			}
		}
		return true
	}
	return scheme == "javascript" || scheme == "vbscript" || scheme == "file"
}

// checkErrorsInBody fails unless every error of err is at a line and
// column of body, which starts on line bodyLine of content/a.md.
func checkErrorsInBody(t *testing.T, err error, body string, bodyLine int) {
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
		i := e.Pos.Line - bodyLine
		switch {
		case e.Pos.Path != "content/a.md":
			t.Errorf("error %q is not in content/a.md", e)
		case i < 0 || i >= len(lines):
			t.Errorf("error %q is outside the body, lines %d to %d", e, bodyLine, bodyLine+len(lines)-1)
		case e.Pos.Col < 1 || e.Pos.Col > len(lines[i])+1:
			t.Errorf("error %q is outside its line %q", e, lines[i])
		}
	}
}
