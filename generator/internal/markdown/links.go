package markdown

import (
	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// linkTransformer resolves every link of a document through the page's
// Resolver and turns wiki links into ordinary links.
type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(resolverKey).(*pageState)
	if st == nil {
		return
	}
	src := reader.Source()
	var wikis []*WikiLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			l.Destination = st.resolveDest(l, l.Destination, false, src)
		case *ast.Image:
			l.Destination = st.resolveDest(l, l.Destination, true, src)
		case *WikiLink:
			wikis = append(wikis, l)
		}
		return ast.WalkContinue, nil
	})
	for _, w := range wikis {
		st.replaceWiki(w, src)
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

// offsetOf finds where an inline node starts in the source: goldmark keeps
// segments only for text, so it is the first text inside the node, or the
// start of the block holding it.
func offsetOf(n ast.Node) int {
	found := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			found = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if found > 0 {
		return found - 1 // the "[" or "![" before the text
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
