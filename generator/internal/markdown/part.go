package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// LongSource is the size in bytes of Markdown above which a body is
// long, as the full text of a treaty is: its chapters are rendered as
// parts, which a browser skips drawing while they are off screen, so that
// a page of a megabyte stays quick on a phone.
const LongSource = 48 << 10

// KindPart is the node kind of Part.
var KindPart = ast.NewNodeKind("Part")

// Part is a chapter of a long body: a heading of level 1 or 2 and what
// follows it up to the next, rendered as <section class="part">.
type Part struct {
	ast.BaseBlock
}

// Kind implements ast.Node.
func (n *Part) Kind() ast.NodeKind { return KindPart }

// Dump implements ast.Node.
func (n *Part) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// splitParts moves the top-level blocks of doc from each heading of level
// 1 or 2 on into a Part; what comes before the first stays as it is. A
// heading without text, which could name no chapter, begins none.
func splitParts(doc ast.Node, src []byte) {
	var part *Part
	for c := doc.FirstChild(); c != nil; {
		next := c.NextSibling()
		if h, ok := c.(*ast.Heading); ok && h.Level <= 2 && hasText(h, src) {
			part = &Part{}
			doc.InsertBefore(doc, c, part)
		}
		if part != nil {
			doc.RemoveChild(doc, c)
			part.AppendChild(part, c)
		}
		c = next
	}
}

func hasText(h *ast.Heading, src []byte) bool {
	var b bytes.Buffer
	writeText(&b, h, src)
	return b.Len() > 0
}

// chapterLines returns the line in the file of the heading of each part of
// doc, whose body starts on line bodyLine.
func chapterLines(doc ast.Node, src []byte, bodyLine int) []int {
	var lines []int
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() != KindPart {
			continue
		}
		line := bodyLine
		if h := c.FirstChild(); h != nil && h.Lines().Len() > 0 {
			line += bytes.Count(src[:h.Lines().At(0).Start], []byte("\n"))
		}
		lines = append(lines, line)
	}
	return lines
}

// partRenderer writes a Part as a section.
type partRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (partRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindPart, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		b, _ := w.(*htmlBuffer)
		if entering {
			if b != nil {
				b.parts = append(b.parts, b.Len())
			}
			_, _ = w.WriteString("<section class=\"part\">\n")
		} else {
			_, _ = w.WriteString("</section>\n")
			if b != nil {
				b.end = b.Len()
			}
		}
		return ast.WalkContinue, nil
	})
}

// chaptered reports whether a long body split into parts is published as
// pages of chapters: it has at least two parts and no footnotes, whose
// list comes once, after the last part, and whose references in any part
// lead to it.
func chaptered(doc ast.Node) bool {
	parts := 0
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == KindPart {
			parts++
		}
	}
	if parts < 2 {
		return false
	}
	footnotes := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == extast.KindFootnoteList {
			footnotes = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return !footnotes
}

// linkAcrossChapters points the links of a body published in chapters
// to a heading of another chapter at that chapter's page. Chapter 0 is
// the body's own page, with whatever comes before the second part;
// chapter k is at ChapterPath of its heading's ID below it, so that a
// link from one chapter to another is relative and holds wherever the
// site is.
func linkAcrossChapters(doc ast.Node) {
	chapterOf := map[string]int{}
	var ids []string // the ID of each chapter's heading
	eachChapter(doc, func(c ast.Node, chapter int) {
		heading := func(n ast.Node) {
			if h, ok := n.(*ast.Heading); ok {
				id, _ := h.AttributeString("id")
				b, _ := id.([]byte)
				chapterOf[string(b)] = chapter
				if len(ids) == chapter {
					ids = append(ids, string(b))
				}
			}
		}
		if c.Kind() != KindPart {
			heading(c)
			return
		}
		for h := c.FirstChild(); h != nil; h = h.NextSibling() {
			heading(h)
		}
	})
	eachChapter(doc, func(c ast.Node, chapter int) {
		_ = ast.Walk(c, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			l, ok := n.(*ast.Link)
			if !entering || !ok || !bytes.HasPrefix(l.Destination, []byte("#")) {
				return ast.WalkContinue, nil
			}
			to, ok := chapterOf[string(l.Destination[1:])]
			if !ok || to == chapter {
				return ast.WalkContinue, nil
			}
			dest := []byte("./")
			if chapter > 0 {
				dest = []byte("../")
			}
			if to > 0 {
				dest = append(dest, ChapterPath(ids[to])...)
			}
			l.Destination = append(dest, l.Destination...)
			return ast.WalkContinue, nil
		})
	})
}

// eachChapter calls f with each top-level node of doc, a part or what
// comes before the first, and the chapter it is published in.
func eachChapter(doc ast.Node, f func(c ast.Node, chapter int)) {
	chapter := -1
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == KindPart {
			chapter++
		}
		f(c, max(0, chapter))
	}
}

// ChapterPath is the path, below its document's, of the page of a chapter
// whose heading has the ID id.
func ChapterPath(id string) string { return id + "/" }
