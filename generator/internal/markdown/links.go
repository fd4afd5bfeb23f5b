package markdown

import (
	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkParser is goldmark's link parser, recording each link and image it
// makes, so that the transformer visits those nodes rather than walking
// the whole tree.
type linkParser struct {
	parser.InlineParser
}

func (p linkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	n := p.InlineParser.Parse(parent, block, pc)
	switch n.(type) {
	case *ast.Link, *ast.Image:
		if st := state(pc); st != nil {
			st.found = append(st.found, n)
		}
	}
	return n
}

func (p linkParser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	p.InlineParser.(parser.CloseBlocker).CloseBlock(parent, block, pc)
}

// inlineParsers are goldmark's defaults with the recording link parser,
// plus wiki links.
func inlineParsers() []util.PrioritizedValue {
	ps := parser.DefaultInlineParsers()
	links := parser.NewLinkParser()
	for i, p := range ps {
		if p.Value == links {
			ps[i].Value = linkParser{links}
		}
	}
	return append(ps, util.Prioritized(wikiParser{}, 199))
}

// linkTransformer resolves every link of a document through the page's
// Resolver and turns wiki links into ordinary links.
type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := state(pc)
	if st == nil {
		return
	}
	src := reader.Source()
	for _, n := range st.found {
		if n.Parent() == nil {
			continue // dropped by a later parser
		}
		switch l := n.(type) {
		case *ast.Link:
			l.Destination = st.resolveDest(l, l.Destination, false, src)
		case *ast.Image:
			l.Destination = st.resolveDest(l, l.Destination, true, src)
		case *WikiLink:
			st.replaceWiki(l, src)
		}
	}
}

func (st *pageState) resolveDest(n ast.Node, dest []byte, image bool, src []byte) []byte {
	res, err := st.resolve(Link{Dest: string(dest), Image: image, Pos: st.pos(src, offsetOf(n))})
	if err != nil {
		st.errs.Add(errorAt(st.pos(src, offsetOf(n)), err))
		return dest
	}
	if res.External && !image {
		n.SetAttributeString("rel", []byte("noopener"))
	}
	return []byte(res.URL)
}

func (st *pageState) replaceWiki(w *WikiLink, src []byte) {
	pos := st.pos(src, w.Offset)
	res, err := st.resolve(Link{Dest: string(w.Target), Wiki: true, Pos: pos})
	if err != nil {
		st.errs.Add(errorAt(pos, err))
	}
	label := w.Label
	if len(label) == 0 {
		label = []byte(res.Label)
	}
	if len(label) == 0 {
		label = w.Target
	}
	link := ast.NewLink()
	link.Destination = []byte(res.URL)
	link.AppendChild(link, ast.NewString(label))
	w.Parent().ReplaceChild(w.Parent(), w, link)
}

// offsetOf is where a link starts in the source; goldmark records it for
// links it parsed, and a node without it is placed at its block.
func offsetOf(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

func errorAt(pos diag.Pos, err error) *diag.Error {
	return &diag.Error{Pos: pos, Msg: err.Error(), Err: err}
}
