package markdown

import (
	"github.com/yuin/goldmark/ast"
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
// 1 or 2 on into a Part; what comes before the first stays as it is.
func splitParts(doc ast.Node) {
	var part *Part
	for c := doc.FirstChild(); c != nil; {
		next := c.NextSibling()
		if h, ok := c.(*ast.Heading); ok && h.Level <= 2 {
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

// partRenderer writes a Part as a section.
type partRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (partRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindPart, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<section class=\"part\">\n")
		} else {
			_, _ = w.WriteString("</section>\n")
		}
		return ast.WalkContinue, nil
	})
}
