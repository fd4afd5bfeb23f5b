package render

import "github.com/cooperation-kb/kb/generator/internal/site"

// Signature hashes, with g, what the page of d shows of the model: its
// own document whole, the cards of the documents its lists and links
// show, its place in a list split into pages, its navigation, and what
// every page shows of the site. With the same templates and
// configuration, two models give a page the same signature only if it
// renders the same.
//
// A list page that is not split into pages (the home page, the index of
// a kind of term, search) may show any list of the site, as the home page
// shows the latest agreements, and so hashes them all.
func (d *Data) Signature(g *site.Signer) uint64 {
	h := g.NewHash()
	h.String(d.Kind)
	h.Uint64(g.Site())
	// Exactly one of them is set; the document, the same as its own,
	// but on a list's later pages and on pages of no document.
	own := false
	if d.Page != nil {
		h.Page(d.Page)
		own = d.Doc == &d.Page.Doc
	} else {
		h.Bool(false)
	}
	if d.Term != nil {
		h.Term(d.Term)
		own = own || d.Doc == &d.Term.Doc
	} else {
		h.Bool(false)
	}
	if d.Section != nil {
		h.Section(d.Section)
		own = own || d.Doc == &d.Section.Doc
		if d.Pager == nil {
			h.Uint64(g.Lists())
		}
	} else {
		h.Bool(false)
	}
	if !own {
		h.Doc(d.Doc)
	}
	h.Int(d.chapter)
	h.Int(len(d.Terms))
	for _, t := range d.Terms {
		h.Term(t)
	}
	h.Int(len(d.Years))
	for _, y := range d.Years {
		h.String(y.Year)
		h.String(y.Title)
		h.Pages(y.Pages)
		h.Int(len(y.Months))
		for _, m := range y.Months {
			h.String(m.Month)
			h.String(m.Title)
			h.String(m.ID)
			h.Int(len(m.Events))
			for _, e := range m.Events {
				h.Date(e.Date)
				h.String(e.Kind)
				h.PageCard(e.Page)
				h.TermCard(e.Party)
			}
		}
	}
	d.Pager.sign(h)
	h.Int(len(d.YearLinks))
	for _, l := range d.YearLinks {
		h.String(l.Year)
		h.String(l.Title)
		h.String(l.URL)
	}
	h.Int(len(d.Nav))
	for _, n := range d.Nav {
		h.String(n.Title)
		h.String(n.URL)
		h.String(n.Current)
	}
	h.String(d.NavKey)
	return h.Sum64()
}

func (p *Pager) sign(h *site.Hash) {
	if p == nil {
		h.Bool(false)
		return
	}
	for _, n := range []int{p.Number, p.Total, p.From, p.To, p.Items} {
		h.Int(n)
	}
	h.Pages(p.Pages)
	// Of the entries in force, a page shows those among its own.
	for _, pg := range p.Pages {
		h.Bool(p.inForce[pg])
	}
	h.String(p.Prev)
	h.String(p.Next)
	h.Int(len(p.Links))
	for _, l := range p.Links {
		h.Int(l.Number)
		h.String(l.URL)
		h.Bool(l.Current)
		h.Bool(l.Gap)
	}
	h.DocCard(p.first)
}
