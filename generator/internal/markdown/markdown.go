// Package markdown turns the body of a content file into HTML with the one
// goldmark configuration the site uses, resolving every link on the way.
//
// Links are resolved by an AST transformer that calls the site's Resolver
// for every link, image and [[wiki link]], with the position of the link in
// the file, so that a broken link is reported where it was written.
package markdown

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/gosimple/unidecode"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// Link is a link, image or wiki link as written in a body.
type Link struct {
	Dest  string // the destination as written; for a wiki link its target
	Wiki  bool
	Image bool
	Pos   diag.Pos
}

// Resolved is what a link becomes.
type Resolved struct {
	URL      string // the destination to write in the HTML
	Label    string // text for a wiki link without its own
	External bool   // leaves the site: gets rel="noopener"
}

// A Resolver resolves the links of one page. It returns an error, which
// becomes a diagnostic at the link, when the link is broken.
type Resolver func(Link) (Resolved, error)

// Heading is a section heading of a rendered body.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Renderer converts Markdown bodies. One Renderer is shared by all the
// goroutines of a build.
type Renderer struct {
	md goldmark.Markdown
}

// New returns a Renderer. With allowHTML, raw HTML in Markdown is kept;
// otherwise it is left out of the page.
func New(allowHTML bool) *Renderer {
	rendererOpts := []goldmark.Option{goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(partRenderer{}, 500)))}
	if allowHTML {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	md := goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.Typographer,
			extension.DefinitionList,
			highlighting.NewHighlighting(
				highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
			),
		),
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(parser.DefaultBlockParsers()...),
			parser.WithInlineParsers(inlineParsers()...),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(linkTransformer{}, 100)),
		)),
	)...)
	return &Renderer{md: md}
}

var resolverKey = parser.NewContextKey()

// pageState is what the link transformer needs to know about the page.
type pageState struct {
	path     string
	bodyLine int
	resolve  Resolver
	errs     *diag.List
	lines    []int      // offsets where the body's lines start
	found    []ast.Node // links, images and wiki links, in source order
}

func state(pc parser.Context) *pageState {
	st, _ := pc.Get(resolverKey).(*pageState)
	return st
}

func (s *pageState) pos(src []byte, off int) diag.Pos {
	if s.lines == nil {
		s.lines = append(s.lines, 0)
		for i, b := range src {
			if b == '\n' {
				s.lines = append(s.lines, i+1)
			}
		}
	}
	i, found := slices.BinarySearch(s.lines, off)
	if !found {
		i--
	}
	return diag.Pos{Path: s.path, Line: s.bodyLine + i, Col: off - s.lines[i] + 1}
}

var bufPool = sync.Pool{New: func() any { return new(htmlBuffer) }}

// htmlBuffer is a bytes.Buffer that goldmark writes into as it is: in
// front of a writer without Flush, it puts a new 4 KB bufio.Writer for
// every body it renders.
type htmlBuffer struct {
	bytes.Buffer
	parts []int // where each part starts
	end   int   // where the last part ends
}

func (b *htmlBuffer) Flush() error  { return nil }
func (b *htmlBuffer) Buffered() int { return 0 }

var _ util.BufWriter = (*htmlBuffer)(nil)

// Outline is what the rest of a site shows of a body besides its HTML.
type Outline struct {
	Headings []Heading
	// Lead is the opening sentence of the body's first paragraph, as
	// text, for a page's description when it has no summary.
	Lead string
	// Long is set for a body of more than LongSource bytes, rendered in
	// parts.
	Long bool
	// Chapters is set for a long body published as pages of chapters:
	// where each part starts in the HTML, then where the last ends. The
	// page of the body shows what comes before the second part; each of
	// the others has a page of its own, at ChapterPath of its heading.
	Chapters []int
	// ChapterLines are the lines of the headings of the parts, in the
	// file, for messages about a chapter's page.
	ChapterLines []int
}

// Render converts body, which starts on line bodyLine of the file at path,
// resolving its links with resolve, and returns its outline. Broken links
// are added to errs. It passes the HTML to use, which must copy what it
// keeps: the bytes are reused once use returns. A large site's bodies go
// straight to a file, and a string of each, garbage at once, was a
// twentieth of what such a build allocated.
func (r *Renderer) Render(path string, body []byte, bodyLine int, resolve Resolver, errs *diag.List, use func(html []byte)) (Outline, error) {
	pc := parser.NewContext(parser.WithIDs(headingIDs{parser.NewContext().IDs()}))
	pc.Set(resolverKey, &pageState{path: path, bodyLine: bodyLine, resolve: resolve, errs: errs})
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	outline := Outline{Headings: headings(doc, body), Lead: lead(doc, body), Long: len(body) > LongSource}
	chapters := false
	if outline.Long {
		splitParts(doc, body)
		if chapters = chaptered(doc); chapters {
			linkAcrossChapters(doc)
			outline.ChapterLines = chapterLines(doc, body, bodyLine)
		}
	}
	buf := bufPool.Get().(*htmlBuffer)
	defer bufPool.Put(buf)
	buf.Reset()
	buf.parts, buf.end = buf.parts[:0], 0
	if err := r.md.Renderer().Render(buf, body, doc); err != nil {
		return Outline{}, err
	}
	if chapters {
		outline.Chapters = append(append(make([]int, 0, len(buf.parts)+1), buf.parts...), buf.end)
	}
	use(buf.Bytes())
	return outline, nil
}

// headingIDs are goldmark's IDs of headings, which keep the letters and
// digits of ASCII, made from the heading's text transliterated to ASCII
// first as the site's slugs are: "Capítulo 9: Inversión" gives
// capitulo-9-inversion, and a heading in Cyrillic an ID readers can read,
// where goldmark drops every letter outside ASCII. A heading in ASCII
// gets the ID it always had.
type headingIDs struct{ parser.IDs }

// Generate implements parser.IDs.
func (ids headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	for _, b := range value {
		if b >= utf8.RuneSelf {
			value = []byte(unidecode.Unidecode(string(value)))
			break
		}
	}
	return ids.IDs.Generate(value, kind)
}

// leadMax is the most bytes of a lead: search engines show about this
// much of a description.
const leadMax = 160

// lead returns the first sentence of the first paragraph of doc, cut at a
// word before leadMax bytes if it is longer.
func lead(doc ast.Node, src []byte) string {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*ast.Paragraph); !ok {
			continue
		}
		var b bytes.Buffer
		writeText(&b, c, src)
		text := strings.Join(strings.Fields(b.String()), " ")
		for i := 0; i+1 < len(text); i++ {
			if (text[i] == '.' || text[i] == '!' || text[i] == '?') && text[i+1] == ' ' {
				text = text[:i+1]
				break
			}
		}
		if len(text) <= leadMax {
			return text
		}
		cut := strings.LastIndexByte(text[:leadMax], ' ')
		if cut <= 0 {
			cut = leadMax
			for !utf8.RuneStart(text[cut]) {
				cut--
			}
		}
		return strings.TrimRight(text[:cut], " ,;:") + "…"
	}
	return ""
}

// headings lists the headings of doc. Their IDs and texts share one
// string, so that a page's headings, kept by the site model until the
// page is written, are two objects rather than two per heading.
func headings(doc ast.Node, src []byte) []Heading {
	var out []Heading
	var buf bytes.Buffer
	var ends []int // the end in buf of each heading's ID, then of its text
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		h, ok := c.(*ast.Heading)
		if !ok {
			continue
		}
		id, _ := h.AttributeString("id")
		idBytes, _ := id.([]byte)
		buf.Write(idBytes)
		ends = append(ends, buf.Len())
		writeText(&buf, h, src)
		ends = append(ends, buf.Len())
		out = append(out, Heading{Level: h.Level})
	}
	all, start := buf.String(), 0
	for i := range out {
		out[i].ID, out[i].Text = all[start:ends[2*i]], all[ends[2*i]:ends[2*i+1]]
		start = ends[2*i+1]
	}
	return out
}

// writeText writes the text of n, without markup, to b.
func writeText(b *bytes.Buffer, n ast.Node, src []byte) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *WikiLink:
			b.Write(t.Label)
		}
		return ast.WalkContinue, nil
	})
}
