package site

import (
	"fmt"
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
	set := &content.Set{}
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		src := fmt.Sprintf("---\ntitle: Agreement %d\nsigned: %s\ncountries: [Hungary]\ntopics: [Topic %d]\n---\nBody.\n",
			i, start.AddDate(0, 0, i).Format("2006-01-02"), i%7)
		f, err := content.Parse(fmt.Sprintf("content/agreements/a%04d.md", i), []byte(src))
		if err != nil {
			t.Fatalf("content.Parse: %v", err)
		}
		set.Files = append(set.Files, f)
	}
	s, err := New(cfg, set, nil, Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}, country.Default())
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if len(s.Agreements) != n {
		t.Fatalf("%d agreements, want %d", len(s.Agreements), n)
	}
	if err := s.Link(); err != nil {
		t.Fatalf("Link: %v", err)
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
			if want := s.score(p, r.Page); r.Score != want {
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
	for _, ts := range [][]*Term{s.Countries, s.Topics, s.Organisations} {
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
