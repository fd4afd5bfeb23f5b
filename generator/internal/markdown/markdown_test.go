package markdown

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// fakeResolver records every link it is asked about and answers from a
// table keyed by destination; unknown destinations are errors.
type fakeResolver struct {
	calls   []Link
	answers map[string]Resolved
}

func (f *fakeResolver) resolve(l Link) (Resolved, error) {
	f.calls = append(f.calls, l)
	if r, ok := f.answers[l.Dest]; ok {
		return r, nil
	}
	return Resolved{}, errors.New("no page " + l.Dest)
}

func newFake() *fakeResolver {
	return &fakeResolver{answers: map[string]Resolved{
		"slug":                {URL: "/agreements/slug/", Label: "The Slug"},
		"slug#h":              {URL: "/agreements/slug/#h", Label: "The Slug"},
		"bold":                {URL: "/b/", Label: "<b>"},
		"nolabel":             {URL: "/n/"},
		"other.md":            {URL: "/other/"},
		"img.png":             {URL: "/agreements/x/img.png"},
		"https://e.org":       {URL: "https://e.org", External: true},
		"https://i.org/p.png": {URL: "https://i.org/p.png", External: true},
	}}
}

func render(t *testing.T, r *Renderer, body string, bodyLine int) (string, *fakeResolver, *diag.List, []Heading) {
	t.Helper()
	f := newFake()
	var errs diag.List
	var html string
	outline, err := r.Render("content/a.md", []byte(body), bodyLine, f.resolve, &errs, func(b []byte) { html = string(b) })
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return html, f, &errs, outline.Headings
}

func TestLead(t *testing.T) {
	long := strings.Repeat("word ", 40)
	tests := []struct{ body, want string }{
		{"# Title\n\nThe parties signed it in Bishkek. It took effect later.\n", "The parties signed it in Bishkek."},
		{"A [link](/x/) and *emphasis* in\na paragraph over two lines\n", "A link and emphasis in a paragraph over two lines"},
		{"Version 1.2 is current. Really.\n", "Version 1.2 is current."},
		{"- a list first\n\nThen a paragraph!\n", "Then a paragraph!"},
		{long, strings.TrimSpace(long[:160]) + "…"},
		{"## Only a heading\n", ""},
	}
	r := New(false)
	for _, tt := range tests {
		var errs diag.List
		outline, err := r.Render("content/a.md", []byte(tt.body), 1, newFake().resolve, &errs, func([]byte) {})
		if err != nil {
			t.Fatal(err)
		}
		if outline.Lead != tt.want {
			t.Errorf("lead of %q = %q, want %q", tt.body, outline.Lead, tt.want)
		}
	}
}

func TestWikiLinks(t *testing.T) {
	r := New(false)
	tests := []struct {
		name     string
		body     string
		want     string // must appear in the HTML
		notWant  string
		dest     string // the resolver's Dest
		wantErrs string
	}{
		{name: "slug", body: "See [[slug]].", want: `<a href="/agreements/slug/">The Slug</a>`, dest: "slug"},
		{name: "slug with text", body: "See [[slug|Other text]].", want: `<a href="/agreements/slug/">Other text</a>`, dest: "slug"},
		{name: "slug with fragment", body: "See [[slug#h]].", want: `<a href="/agreements/slug/#h">The Slug</a>`, dest: "slug#h"},
		{name: "spaces trimmed", body: "See [[ slug | Text ]].", want: `<a href="/agreements/slug/">Text</a>`, dest: "slug"},
		{name: "label escaped", body: "See [[bold]].", want: `<a href="/b/">&lt;b&gt;</a>`, notWant: "<b>", dest: "bold"},
		{name: "own text escaped", body: "See [[slug|<i>x</i>]].", want: `&lt;i&gt;x&lt;/i&gt;`, notWant: "<i>", dest: "slug"},
		{name: "no label falls back to target", body: "[[nolabel]]", want: `<a href="/n/">nolabel</a>`, dest: "nolabel"},
		{name: "broken wiki link", body: "[[gone]]", want: `gone</a>`, dest: "gone",
			wantErrs: "content/a.md:5:1: no page gone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, f, errs, _ := render(t, r, tt.body, 5)
			if !strings.Contains(html, tt.want) {
				t.Errorf("HTML %q does not contain %q", html, tt.want)
			}
			if tt.notWant != "" && strings.Contains(html, tt.notWant) {
				t.Errorf("HTML %q contains %q", html, tt.notWant)
			}
			if strings.Contains(html, "[[") {
				t.Errorf("HTML %q still contains [[", html)
			}
			if len(f.calls) != 1 || f.calls[0].Dest != tt.dest || !f.calls[0].Wiki || f.calls[0].Image {
				t.Errorf("resolver calls = %+v, want one wiki link to %q", f.calls, tt.dest)
			}
			var got string
			if err := errs.Err(); err != nil {
				got = err.Error()
			}
			if got != tt.wantErrs {
				t.Errorf("errors = %q, want %q", got, tt.wantErrs)
			}
		})
	}
}

func TestLinkPositions(t *testing.T) {
	r := New(false)
	body := "First line.\n\nA [link](other.md) and ![pic](img.png).\n\n  - item [[slug]] here\n\n[bad](nowhere.md)\n"
	html, f, errs, _ := render(t, r, body, 10)
	want := []Link{
		{Dest: "other.md", Pos: diag.Pos{Path: "content/a.md", Line: 12, Col: 3}},
		{Dest: "img.png", Image: true, Pos: diag.Pos{Path: "content/a.md", Line: 12, Col: 24}},
		{Dest: "slug", Wiki: true, Pos: diag.Pos{Path: "content/a.md", Line: 14, Col: 10}},
		{Dest: "nowhere.md", Pos: diag.Pos{Path: "content/a.md", Line: 16, Col: 1}},
	}
	got := slices.Clone(f.calls)
	slices.SortFunc(got, func(a, b Link) int { return strings.Compare(a.Pos.String(), b.Pos.String()) })
	slices.SortFunc(want, func(a, b Link) int { return strings.Compare(a.Pos.String(), b.Pos.String()) })
	if !slices.Equal(got, want) {
		t.Errorf("resolver calls:\n got %+v\nwant %+v", got, want)
	}
	for _, s := range []string{`href="/other/"`, `src="/agreements/x/img.png"`, `href="/agreements/slug/"`, `href="nowhere.md"`} {
		if !strings.Contains(html, s) {
			t.Errorf("HTML %q does not contain %q", html, s)
		}
	}
	wantErrs := "content/a.md:16:1: no page nowhere.md"
	if err := errs.Err(); err == nil || err.Error() != wantErrs {
		t.Errorf("errors = %v, want %q", err, wantErrs)
	}
}

func TestResolverErrorsAtEachLink(t *testing.T) {
	r := New(false)
	body := "[a](x1) [b](x2)\n![c](x3)\n"
	_, _, errs, _ := render(t, r, body, 1)
	want := "content/a.md:1:1: no page x1\ncontent/a.md:1:9: no page x2\ncontent/a.md:2:1: no page x3"
	if err := errs.Err(); err == nil || err.Error() != want {
		t.Errorf("errors =\n%v\nwant\n%s", err, want)
	}
	var es diag.Errors
	if !errors.As(errs.Err(), &es) || len(es) != 3 {
		t.Errorf("errors = %#v, want 3 diag errors", errs.Err())
	}
}

func TestExternal(t *testing.T) {
	r := New(false)
	tests := []struct {
		body    string
		want    string
		notWant string
	}{
		{"[e](https://e.org)", `<a href="https://e.org" rel="noopener">e</a>`, ""},
		{"[o](other.md)", `<a href="/other/">o</a>`, "noopener"},
		{"![i](https://i.org/p.png)", `src="https://i.org/p.png"`, "noopener"},
	}
	for _, tt := range tests {
		html, _, _, _ := render(t, r, tt.body, 1)
		if !strings.Contains(html, tt.want) {
			t.Errorf("%q: HTML %q does not contain %q", tt.body, html, tt.want)
		}
		if tt.notWant != "" && strings.Contains(html, tt.notWant) {
			t.Errorf("%q: HTML %q contains %q", tt.body, html, tt.notWant)
		}
	}
}

func TestRawHTML(t *testing.T) {
	tests := []struct {
		allow   bool
		body    string
		present bool
	}{
		{false, "<div class=\"raw\">x</div>\n", false},
		{true, "<div class=\"raw\">x</div>\n", true},
		{false, "text <span class=\"raw\">x</span> text\n", false},
		{true, "text <span class=\"raw\">x</span> text\n", true},
	}
	for _, tt := range tests {
		html, _, _, _ := render(t, New(tt.allow), tt.body, 1)
		if got := strings.Contains(html, `class="raw"`); got != tt.present {
			t.Errorf("New(%v) on %q: raw HTML kept = %v, want %v (HTML %q)", tt.allow, tt.body, got, tt.present, html)
		}
	}
}

func TestHeadings(t *testing.T) {
	body := "# Title\n\nText.\n\n## Second *part*\n\n### With `code` link\n\n## Title\n"
	_, _, _, headings := render(t, New(false), body, 1)
	want := []Heading{
		{Level: 1, ID: "title", Text: "Title"},
		{Level: 2, ID: "second-part", Text: "Second part"},
		{Level: 3, ID: "with-code-link", Text: "With code link"},
		{Level: 2, ID: "title-1", Text: "Title"},
	}
	if !slices.Equal(headings, want) {
		t.Errorf("Headings =\n%+v\nwant\n%+v", headings, want)
	}
}

func TestNoWikiLink(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"code span", "Use `[[slug]]` here.", "<code>[[slug]]</code>"},
		{"code block", "```\n[[slug]]\n```\n", "[[slug]]"},
		{"empty", "[[ ]]", "[[ ]]"},
		{"unclosed", "[[slug", "[[slug"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, f, errs, _ := render(t, New(false), tt.body, 1)
			if !strings.Contains(html, tt.want) {
				t.Errorf("HTML %q does not contain %q", html, tt.want)
			}
			if len(f.calls) != 0 {
				t.Errorf("resolver called with %+v, want no calls", f.calls)
			}
			if errs.Len() != 0 {
				t.Errorf("errors: %v", errs.Err())
			}
		})
	}
}

func TestHeadingTextOfWikiLink(t *testing.T) {
	_, _, _, headings := render(t, New(false), "## See [[slug|wiki]] and [[slug]]\n", 1)
	if len(headings) != 1 || headings[0].Text != "See wiki and The Slug" || headings[0].Level != 2 {
		t.Errorf("Headings = %+v, want one level-2 heading with text %q", headings, "See wiki and The Slug")
	}
}

func TestLongBodyInParts(t *testing.T) {
	chapter := func(n int) string {
		return fmt.Sprintf("## Chapter %d\n\n### Article %d.1\n\n%s\n\n", n, n, strings.Repeat("The parties shall cooperate. ", 200))
	}
	long := "Preamble of the treaty.\n\n" + chapter(1) + chapter(2) + chapter(3) + chapter(4) + chapter(5) + chapter(6) + chapter(7) + chapter(8) + chapter(9)
	if len(long) <= LongSource {
		t.Fatalf("the long body is %d bytes, not over %d", len(long), LongSource)
	}
	r := New(false)
	for _, tt := range []struct {
		body  string
		long  bool
		parts int
	}{{long, true, 9}, {chapter(1) + chapter(2), false, 0}} {
		var html string
		outline, err := r.Render("content/a.md", []byte(tt.body), 1, newFake().resolve, &diag.List{}, func(b []byte) { html = string(b) })
		if err != nil {
			t.Fatal(err)
		}
		if outline.Long != tt.long || strings.Count(html, "<section class=\"part\">\n<h2 id=\"chapter-") != tt.parts ||
			strings.Count(html, "</section>\n") != tt.parts {
			t.Errorf("a body of %d bytes: long %v with %d parts, want %v with %d", len(tt.body), outline.Long,
				strings.Count(html, "<section"), tt.long, tt.parts)
		}
		if n := len(outline.Headings); n != 2*max(tt.parts, 2) {
			t.Errorf("a body of %d bytes has %d headings", len(tt.body), n)
		}
	}
	var html string
	if _, err := r.Render("content/a.md", []byte(long), 1, newFake().resolve, &diag.List{}, func(b []byte) { html = string(b) }); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(html, "<p>Preamble of the treaty.</p>\n<section class=\"part\">\n<h2 id=\"chapter-1\">Chapter 1</h2>") {
		t.Errorf("a long body starts %q", html[:120])
	}
}

func TestLongBodyInChapters(t *testing.T) {
	text := strings.Repeat("The parties shall cooperate. ", 200)
	body := "Preamble, see [article 3.1](#article-31).\n\n"
	for n := 1; n <= 9; n++ {
		body += fmt.Sprintf("## Chapter %d\n\n### Article %d.1\n\n%s\n\n", n, n, text)
	}
	body += "## Chapter 10\n\nBack to [chapter 1](#chapter-1), [the preamble's article](#article-11), on to " +
		"[article 5.1](#article-51), within [this chapter](#chapter-10) and to [another page](slug#h).\n"
	r := New(false)
	f := newFake()
	for _, id := range []string{"#article-31", "#chapter-1", "#article-11", "#article-51", "#chapter-10"} {
		f.answers[id] = Resolved{URL: id}
	}
	var html string
	outline, err := r.Render("content/a.md", []byte(body), 1, f.resolve, &diag.List{}, func(b []byte) { html = string(b) })
	if err != nil {
		t.Fatal(err)
	}
	if len(outline.Chapters) != 11 || outline.Chapters[10] != len(html) {
		t.Fatalf("Chapters = %v for HTML of %d bytes, want 10 parts and the end", outline.Chapters, len(html))
	}
	for i, at := range outline.Chapters[:10] {
		want := fmt.Sprintf("<section class=\"part\">\n<h2 id=\"chapter-%d\">", i+1)
		if !strings.HasPrefix(html[at:], want) {
			t.Errorf("part %d starts %q, want %q", i, html[at:at+40], want)
		}
	}
	for _, want := range []string{
		`<a href="./chapter-3/#article-31">`, // from the body's own page
		`<a href="../#chapter-1">`,           // back to it
		`<a href="../#article-11">`,
		`<a href="../chapter-5/#article-51">`,
		`<a href="#chapter-10">`, // within the chapter's page
		`<a href="/agreements/slug/#h">`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML has no %s", want)
		}
	}

	lines := strings.Split(body, "\n")
	for i, line := range outline.ChapterLines {
		if want := fmt.Sprintf("## Chapter %d", i+1); line < 1 || line > len(lines) || lines[line-1] != want {
			t.Errorf("chapter %d is said to be on line %d, want the line of %q", i+1, line, want)
		}
	}

	// A heading without text names no chapter: what follows it stays in
	// the chapter before.
	empty := strings.Replace(body, "## Chapter 5\n", "## \n\nText.\n\n## Chapter 5\n", 1)
	outline, err = r.Render("content/a.md", []byte(empty), 1, f.resolve, &diag.List{}, func([]byte) {})
	if err != nil {
		t.Fatal(err)
	}
	if len(outline.Chapters) != 11 || len(outline.ChapterLines) != 10 {
		t.Errorf("with an empty heading: %d parts, %d lines; want 10", len(outline.Chapters)-1, len(outline.ChapterLines))
	}

	outline, err = r.Render("content/a.md", []byte(body+"\nA note.[^1]\n\n[^1]: The note.\n"), 1, f.resolve, &diag.List{}, func([]byte) {})
	if err != nil {
		t.Fatal(err)
	}
	if !outline.Long || outline.Chapters != nil {
		t.Errorf("a long body with footnotes: long %v, chapters %v; want one long page", outline.Long, outline.Chapters)
	}
}

func TestHeadingIDsOutsideASCII(t *testing.T) {
	_, _, _, headings := render(t, New(false), "## CAPÍTULO 9: Inversión\n\n## Előzmények\n\n## Глава 1. Общие положения\n\n## Background\n\n## Background\n\n## 中文\n\n## ∑\n", 1)
	var ids []string
	for _, h := range headings {
		ids = append(ids, h.ID)
	}
	want := []string{"capitulo-9-inversion", "elozmenyek", "glava-1-obshchie-polozheniia", "background", "background-1", "zhong-wen", "heading"}
	if !slices.Equal(ids, want) {
		t.Errorf("IDs %q, want %q", ids, want)
	}
}
