package build

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/corpus"
	"github.com/cooperation-kb/kb/generator/internal/export"
)

var benchPages = flag.Int("pages", 1000, "pages of the generated corpus the benchmarks build")

func benchSite(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Site(dir, *benchPages, 1, repoRoot); err != nil {
		b.Fatal(err)
	}
	return dir
}

// benchLive builds a generated site with the development server's
// builder, and returns the site's folder and the builder.
func benchLive(b *testing.B) (string, *Builder) {
	b.Helper()
	dir := benchSite(b)
	live, err := NewLiveBuilder(Options{Root: dir}, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	if _, err := live.Build(nil); err != nil {
		b.Fatal(err)
	}
	return dir, live
}

// reportCPU, deferred at the start of a benchmark, reports the CPU time
// of an iteration, user and system on all cores, as cpu-sec/op: on a
// machine shared with other work it varies less than the wall time.
func reportCPU(b *testing.B) func() {
	start, ok := cpuTime()
	return func() {
		if end, ok2 := cpuTime(); ok && ok2 && b.N > 0 {
			b.ReportMetric((end-start).Seconds()/float64(b.N), "cpu-sec/op")
		}
	}
}

// BenchmarkRenderPages renders every HTML page of a built site with the
// templates, into memory: the template work of a build without its
// Markdown, feeds and writes.
func BenchmarkRenderPages(b *testing.B) {
	_, live := benchLive(b)
	s := live.last
	jobs := live.tmpls.Jobs(s)
	var buf bytes.Buffer
	defer reportCPU(b)()
	for b.Loop() {
		live.tmpls.ResetCache(s.NumDocs())
		for _, j := range jobs {
			buf.Reset()
			if err := live.tmpls.Execute(&buf, j); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLoad reads and parses every content file.
func BenchmarkLoad(b *testing.B) {
	dir := benchSite(b)
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := content.Load(os.DirFS(dir), 10<<20); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck is a build without writing: load, model, bodies, links.
func BenchmarkCheck(b *testing.B) {
	dir := benchSite(b)
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := Build(Options{Root: dir, Check: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild is the whole build into an output folder, rebuilt with
// the same content as editors and CI do.
func BenchmarkBuild(b *testing.B) {
	dir := benchSite(b)
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := Build(Options{Root: dir}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExport writes the data export of a checked site, which a full
// build does once: the figure to set against BenchmarkBuild.
func BenchmarkExport(b *testing.B) {
	dir := benchSite(b)
	sum, err := Build(Options{Root: dir, Check: true})
	if err != nil {
		b.Fatal(err)
	}
	var n countingWriter
	for b.Loop() {
		n.n = 0
		if err := export.Write(&n, sum.Site); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n.n)/(1<<20), "MiB")
}

// BenchmarkEditRebuild is the development server's rebuild after an editor
// saves one article: the time from the saved file to the written pages.
// It reports the median and 95th percentile of the iterations.
func BenchmarkEditRebuild(b *testing.B) {
	dir, live := benchLive(b)
	matches, _ := filepath.Glob(filepath.Join(dir, "content", "agreements", "*-000*.md"))
	var times []time.Duration
	i := 0
	for b.Loop() {
		p := matches[i%len(matches)]
		i++
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := os.WriteFile(p, fmt.Appendf(src, "\nEdit number %d.\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		if _, err := live.Build([]string{filepath.ToSlash(rel)}); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
}

// countingWriter counts the bytes written to it.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}
