package site

import (
	"flag"
	"os"
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/config"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/corpus"
	"github.com/cooperation-kb/kb/generator/internal/country"
)

var benchPages = flag.Int("pages", 1000, "pages of the generated corpus the benchmarks model (the figures in commit messages: -pages 10000)")

// benchSet loads the content of a generated site.
func benchSet(b *testing.B) *content.Set {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Write(dir, *benchPages, 1); err != nil {
		b.Fatal(err)
	}
	set, err := content.Load(os.DirFS(dir), 10<<20)
	if err != nil {
		b.Fatal(err)
	}
	return set
}

func benchNew(b *testing.B, set *content.Set) *Site {
	s, err := New(config.Default(), set, nil, Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}, country.Default())
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkNew makes the model of a generated site from its loaded
// files: pages, terms and references, on one core.
func BenchmarkNew(b *testing.B) {
	set := benchSet(b)
	for b.Loop() {
		benchNew(b, set)
	}
}

// BenchmarkRelated picks the related pages of every page of a generated
// site, the part of linking that grows with the pages times their terms.
func BenchmarkRelated(b *testing.B) {
	s := benchNew(b, benchSet(b))
	if err := s.Link(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s.related()
	}
}
