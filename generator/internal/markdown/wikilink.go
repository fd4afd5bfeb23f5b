package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// WikiLink is a [[target]] or [[target|text]] link. The link transformer
// replaces it with an ordinary link once the target is resolved.
type WikiLink struct {
	ast.BaseInline
	Target []byte // the page slug or path, with an optional #fragment
	Label  []byte // the text after "|", or nil
	Offset int    // where "[[" starts in the source
}

// KindWikiLink is the node kind of WikiLink.
var KindWikiLink = ast.NewNodeKind("WikiLink")

// Kind implements ast.Node.
func (n *WikiLink) Kind() ast.NodeKind { return KindWikiLink }

// Dump implements ast.Node.
func (n *WikiLink) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Target": string(n.Target), "Label": string(n.Label)}, nil)
}

type wikiParser struct{}

func (wikiParser) Trigger() []byte { return []byte{'['} }

func (wikiParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[[")) {
		return nil
	}
	end := bytes.Index(line, []byte("]]"))
	if end < 0 {
		return nil
	}
	inner := line[2:end]
	if len(bytes.TrimSpace(inner)) == 0 || bytes.ContainsAny(inner, "[]") {
		return nil
	}
	n := &WikiLink{Offset: seg.Start}
	target, label, hasLabel := bytes.Cut(inner, []byte("|"))
	n.Target = bytes.TrimSpace(target)
	if hasLabel {
		n.Label = bytes.TrimSpace(label)
	}
	block.Advance(end + 2)
	if st := state(pc); st != nil {
		st.found = append(st.found, n)
	}
	return n
}
