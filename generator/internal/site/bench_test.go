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

var benchPages = flag.Int("pages", 10000, "pages of the generated corpus the benchmarks link")

// BenchmarkRelated picks the related pages of every page of a generated
// site, the part of linking that grows with the pages times their terms.
func BenchmarkRelated(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, *benchPages, 1); err != nil {
		b.Fatal(err)
	}
	set, err := content.Load(os.DirFS(dir), 10<<20)
	if err != nil {
		b.Fatal(err)
	}
	s, err := New(config.Default(), set, nil, Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}, country.Default())
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Link(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s.related()
	}
}
