package site

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/config"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/country"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Digitalisation", "digitalisation"},
		{"digitalisation", "digitalisation"},
		{"Digitalisation ", "digitalisation"},
		{"  Digitalisation\t", "digitalisation"},
		{"Türkiye", "turkiye"},
		{"Renewable Energy", "renewable-energy"},
		{"customs_training", "customs-training"},
		{"_AI__in_-_risk_", "ai-in-risk"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRelatedBounded builds a site where every agreement shares one
// country, the case where comparing every pair would be quadratic, and
// checks the related lists Link computes.
func TestRelatedBounded(t *testing.T) {
	const n = 2000
	cfg := config.Default()
	var files [][2]string
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		files = append(files, [2]string{fmt.Sprintf("content/agreements/a%04d.md", i),
			fmt.Sprintf("---\ntitle: Agreement %d\nsigned: %s\ncountries: [Hungary]\ntopics: [Topic %d]\n---\nBody.\n",
				i, start.AddDate(0, 0, i).Format("2006-01-02"), i%7)})
	}
	s := linkedSite(t, cfg, files)
	if len(s.Agreements) != n {
		t.Fatalf("%d agreements, want %d", len(s.Agreements), n)
	}
	limit := cfg.Related.Count
	if limit <= 0 {
		t.Fatalf("config.Default().Related.Count = %d, want > 0", limit)
	}
	for _, p := range s.Agreements {
		if len(p.Related) == 0 || len(p.Related) > limit {
			t.Fatalf("%s: %d related pages, want 1..%d", p.Path, len(p.Related), limit)
		}
		for i, r := range p.Related {
			if r.Page == p {
				t.Fatalf("%s: related to itself", p.Path)
			}
			if i > 0 && r.Score > p.Related[i-1].Score {
				t.Fatalf("%s: related not sorted by score: %v after %v", p.Path, r.Score, p.Related[i-1].Score)
			}
			if want := sharedScore(cfg.Related, p, r.Page); r.Score != want {
				t.Fatalf("%s: score of %s = %v, want %v", p.Path, r.Page.Path, r.Score, want)
			}
		}
		// Pages sharing the country and the topic exist near every page, so
		// the best are those, with both weights.
		if want := cfg.Related.Countries + cfg.Related.Topics; p.Related[0].Score != want {
			t.Fatalf("%s: best related score %v, want %v", p.Path, p.Related[0].Score, want)
		}
	}
	if hu := s.Countries; len(hu) != 1 || len(hu[0].Pages) != n {
		t.Errorf("countries = %d, want one with %d pages", len(hu), n)
	}
}

// TestRelatedDefinition compares the related pages of a site dense with
// ties (few dates, few terms, weights whose sums depend on their order)
// with the definition, computed the plain way: every date neighbour of a
// page in each of its terms' lists is a candidate, scored by the terms it
// shares, and the candidates sorted.
func TestRelatedDefinition(t *testing.T) {
	cfg := config.Default()
	cfg.Related = config.Related{Count: 5, Countries: 0.1, Topics: 0.7, Organisations: 1.3}
	r := rand.New(rand.NewPCG(1, 2))
	countries := []string{"Hungary", "Kyrgyzstan", "Germany", "France", "Japan", "Kenya"}
	pick := func(from []string) string {
		var names []string
		for _, i := range r.Perm(len(from))[:r.IntN(3)] {
			names = append(names, from[i])
		}
		return "[" + strings.Join(names, ", ") + "]"
	}
	var files [][2]string
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 600 {
		section, field := "agreements", "signed"
		if i%3 == 0 {
			section, field = "interviews", "date"
		}
		files = append(files, [2]string{fmt.Sprintf("content/%s/p%03d.md", section, i),
			fmt.Sprintf("---\ntitle: Page %d\n%s: %s\ncountries: %s\ntopics: %s\norganisations: %s\n---\nBody.\n",
				i, field, start.AddDate(0, 0, r.IntN(40)).Format("2006-01-02"), pick(countries),
				pick([]string{"Training", "Trade", "Customs", "Transit"}), pick([]string{"WCO", "UNDP", "OSCE"}))})
	}
	s := linkedSite(t, cfg, files)
	pages := slices.Concat(s.Agreements, s.Interviews)
	slices.SortFunc(pages, byDate)
	distance := func(p, q *Page) time.Duration { return p.Date.Time.Sub(q.Date.Time).Abs() }
	some := 0
	for i, p := range pages {
		var cands []*Page
		for _, terms := range [][]*Term{p.Countries, p.Topics, p.Organisations} {
			for _, term := range terms {
				var list []*Page // the term's pages in date order, p among them
				for _, q := range pages {
					if slices.Contains(q.Countries, term) || slices.Contains(q.Topics, term) || slices.Contains(q.Organisations, term) {
						list = append(list, q)
					}
				}
				at := slices.Index(list, p)
				for _, q := range list[max(0, at-window):min(len(list), at+window+1)] {
					if q != p && !slices.Contains(cands, q) {
						cands = append(cands, q)
					}
				}
			}
		}
		slices.SortFunc(cands, func(a, b *Page) int {
			return cmp.Or(cmp.Compare(sharedScore(cfg.Related, p, b), sharedScore(cfg.Related, p, a)),
				cmp.Compare(distance(p, a), distance(p, b)), b.Date.Time.Compare(a.Date.Time), strings.Compare(a.Path, b.Path))
		})
		var want []Scored
		for _, q := range cands[:min(len(cands), cfg.Related.Count)] {
			want = append(want, Scored{q, sharedScore(cfg.Related, p, q)})
		}
		if !slices.Equal(p.Related, want) {
			t.Fatalf("page %d, %s: related\n%v\nwant\n%v", i, p.Path, p.Related, want)
		}
		if len(want) == cfg.Related.Count {
			some++
		}
	}
	if some < len(pages)/2 {
		t.Errorf("only %d of %d pages have %d related pages: the site tests too little", some, len(pages), cfg.Related.Count)
	}
}

// linkedSite makes and links the site of files, each a path and its
// source.
func linkedSite(t *testing.T, cfg *config.Config, files [][2]string) *Site {
	t.Helper()
	set := &content.Set{}
	for _, file := range files {
		f, err := content.Parse(file[0], []byte(file[1]))
		if err != nil {
			t.Fatalf("content.Parse: %v", err)
		}
		set.Files = append(set.Files, f)
	}
	s, err := New(cfg, set, nil, Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}, country.Default())
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if err := s.Link(); err != nil {
		t.Fatalf("Link: %v", err)
	}
	return s
}

// sharedScore is the related score of q for p: the weight of each term
// they share.
func sharedScore(w config.Related, p, q *Page) float64 {
	shared := func(a, b []*Term) float64 {
		n := 0
		for _, t := range a {
			if slices.Contains(b, t) {
				n++
			}
		}
		return float64(n)
	}
	return w.Countries*shared(p.Countries, q.Countries) + w.Topics*shared(p.Topics, q.Topics) +
		w.Organisations*shared(p.Organisations, q.Organisations)
}

// TestDocIDs checks that the home page, sections, terms and pages are
// numbered without gaps or repeats, as tables indexed by ID need.
func TestDocIDs(t *testing.T) {
	set := &content.Set{}
	for i, src := range []string{
		"---\ntitle: A\nsigned: 2020-01-02\ncountries: [Hungary, Kyrgyzstan]\ntopics: [Training]\n---\n",
		"---\ntitle: B\ndate: 2021-03-04\ncountries: [Hungary]\norganisations: [WCO]\n---\n",
	} {
		f, err := content.Parse(fmt.Sprintf("content/%s/p%d.md", []string{"agreements", "interviews"}[i], i), []byte(src))
		if err != nil {
			t.Fatalf("content.Parse: %v", err)
		}
		set.Files = append(set.Files, f)
	}
	s, err := New(config.Default(), set, nil, Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}, country.Default())
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	docs := []*Doc{&s.Home.Doc}
	for _, sec := range s.Sections {
		docs = append(docs, &sec.Doc)
	}
	for _, ts := range [][]*Term{s.Countries, s.Topics, s.Organisations, s.People} {
		for _, tm := range ts {
			docs = append(docs, &tm.Doc)
		}
	}
	for _, p := range s.Pages {
		docs = append(docs, &p.Doc)
	}
	if want := 1 + 7 + 2 + 1 + 1 + 2; len(docs) != want || s.NumDocs() != want {
		t.Fatalf("%d documents, NumDocs %d, want %d", len(docs), s.NumDocs(), want)
	}
	seen := make([]bool, s.NumDocs())
	for _, d := range docs {
		if d.ID < 0 || d.ID >= len(seen) || seen[d.ID] {
			t.Fatalf("/%s: ID %d repeated or out of range", d.Path, d.ID)
		}
		seen[d.ID] = true
	}
}
