package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/config"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// links writes a pager's numbered links as "1 … 4 5 [6] 7 8 … 12".
func links(p *Pager) string {
	var b []string
	for _, l := range p.Links {
		switch {
		case l.Gap:
			b = append(b, "…")
		case l.Current:
			b = append(b, fmt.Sprintf("[%d]", l.Number))
		default:
			b = append(b, fmt.Sprint(l.Number))
		}
	}
	return strings.Join(b, " ")
}

func TestPaginate(t *testing.T) {
	cfg := config.Default()
	if err := cfg.SetBaseURL("https://example.org/kb/"); err != nil {
		t.Fatal(err)
	}
	s := &site.Site{Config: cfg}
	list := &site.Doc{Title: "Agreements", Path: "agreements/", URL: "/kb/agreements/", ID: 7}
	docs, pagers := paginate(s, list, 23, 2, english)
	if len(docs) != 12 || docs[0] != list {
		t.Fatalf("%d pages, the first %+v; want 12, the first the list itself", len(docs), docs[0])
	}
	d := docs[5]
	if d.Path != "agreements/page/6/" || d.URL != "/kb/agreements/page/6/" || d.Permalink != "https://example.org/kb/agreements/page/6/" ||
		d.Title != "Agreements (page 6 of 12)" || d.ID != 7 || d.File != nil {
		t.Errorf("page 6 is %+v", d)
	}
	tests := []struct {
		n          int
		links      string
		prev, next string
		from, to   int
	}{
		{1, "[1] 2 3 … 12", "", "/kb/agreements/page/2/", 1, 2},
		{2, "1 [2] 3 4 … 12", "/kb/agreements/", "/kb/agreements/page/3/", 3, 4},
		{4, "1 2 3 [4] 5 6 … 12", "/kb/agreements/page/3/", "/kb/agreements/page/5/", 7, 8},
		{6, "1 … 4 5 [6] 7 8 … 12", "/kb/agreements/page/5/", "/kb/agreements/page/7/", 11, 12},
		{12, "1 … 10 11 [12]", "/kb/agreements/page/11/", "", 23, 23},
	}
	for _, tt := range tests {
		p := pagers[tt.n-1]
		if got := links(p); got != tt.links || p.Prev != tt.prev || p.Next != tt.next || p.From != tt.from || p.To != tt.to ||
			p.Items != 23 || p.Total != 12 || p.IsFirst() != (tt.n == 1) {
			t.Errorf("page %d: links %q, prev %q, next %q, entries %d–%d of %d; want %q, %q, %q, %d–%d of 23",
				tt.n, got, p.Prev, p.Next, p.From, p.To, p.Items, tt.links, tt.prev, tt.next, tt.from, tt.to)
		}
		if p.To-p.From+1 != min(2, 23-p.From+1) {
			t.Errorf("page %d holds entries %d–%d", tt.n, p.From, p.To)
		}
	}
	for _, n := range []int{0, 1} {
		docs, pagers := paginate(s, list, n, 2, english)
		if len(docs) != 1 || docs[0] != list || pagers[0].Total != 1 || links(pagers[0]) != "[1]" {
			t.Errorf("%d entries: %d pages, links %q; want the list alone", n, len(docs), links(pagers[0]))
		}
	}
}
