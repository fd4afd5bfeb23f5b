package build

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/corpus"
	"github.com/cooperation-kb/kb/generator/internal/export"
)

var (
	benchPages = flag.Int("pages", 1000, "pages of the generated corpus the benchmarks build")
	benchPaced = flag.Bool("paced", false, "BenchmarkSave: let the builder go idle between saves, as the server does between an editor's saves")
)

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
	s := live.models[0].s
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

// BenchmarkLiveMemory is what the development server holds between saves:
// the heap its builder keeps live after the first build of the site
// (live-heap-MiB), models, search index, recorded links and all; and the
// most the process held resident, during that build (peak-rss-MiB).
func BenchmarkLiveMemory(b *testing.B) {
	dir := benchSite(b)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	for b.Loop() {
		live, err := NewLiveBuilder(Options{Root: dir}, b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := live.Build(nil); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		metrics.Read(sample)
		live.Close()
	}
	b.ReportMetric(float64(sample[0].Value.Uint64())/(1<<20), "live-heap-MiB")
	if rss, ok := peakRSS(); ok {
		b.ReportMetric(float64(rss)/(1<<20), "peak-rss-MiB")
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

// BenchmarkSave is the development server's rebuild after an editor saves
// a file, for each kind of save: the time from the saved file to the last
// file written, and, with the saved page open in a browser, to that page
// written (open-p50-ms, open-p95-ms). It reports the median and 95th
// percentile of the iterations.
func BenchmarkSave(b *testing.B) {
	benchSaves(b, benchSite(b))
}

// BenchmarkSaveInTwoLanguages is BenchmarkSave on the site in English and
// Hungarian, every other agreement translated.
func BenchmarkSaveInTwoLanguages(b *testing.B) {
	dir := benchSite(b)
	writeFile(b, filepath.Join(dir, "config.toml"), "[languages.hu]\ntitle = \"Tudásbázis\"\n")
	agreements, _ := filepath.Glob(filepath.Join(dir, "content", "agreements", "*-*.md"))
	for i, p := range agreements {
		if i%2 == 1 {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		_, after, _ := strings.Cut(string(src), "title: \"")
		title, _, _ := strings.Cut(after, "\"")
		_, text, _ := strings.Cut(string(src)[3:], "\n---\n")
		writeFile(b, strings.TrimSuffix(p, ".md")+".hu.md", fmt.Sprintf("---\ntitle: \"Magyarul: %s\"\n---\n%s", title, text))
	}
	benchSaves(b, dir)
}

// Topics and countries of the generated corpus, which every site of a
// thousand pages or more has.
var (
	benchTopics    = []string{"customs-training", "postal-inspection", "drug-smuggling", "digitalization", "trade-facilitation"}
	benchCountries = []string{"Hungary", "Uzbekistan", "Kyrgyzstan", "Kazakhstan", "Azerbaijan"}
)

// addName returns the front matter src with the first of names, from the
// i-th on, that its list field does not name put first in that list.
func addName(b *testing.B, src, field string, names []string, i int, quote bool) string {
	start := strings.Index(src, field+": [")
	line, _, _ := strings.Cut(src[max(start, 0):], "\n")
	for k := range names {
		name := names[(i+k)%len(names)]
		if quote {
			name = fmt.Sprintf("%q", name)
		}
		if start >= 0 && !strings.Contains(line, name) {
			return strings.Replace(src, field+": [", field+": ["+name+", ", 1)
		}
	}
	b.Fatalf("no %s to add to:\n%s", field, src)
	return src
}

// benchSaves runs the saves of BenchmarkSave on the site at dir.
func benchSaves(b *testing.B, dir string) {
	var opened time.Time
	live, err := NewLiveBuilder(Options{Root: dir, BaseURL: "http://127.0.0.1:1313/",
		Open:  func() []string { return []string{benchOpen} },
		Early: func([]string) { opened = time.Now() }}, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	if _, err := live.Build(nil); err != nil {
		b.Fatal(err)
	}
	agreements, _ := filepath.Glob(filepath.Join(dir, "content", "agreements", "*-000*.md"))
	agreements = slices.DeleteFunc(agreements, func(p string) bool { return strings.HasSuffix(p, ".hu.md") })
	var added []string
	i := 0
	// next returns an agreement to edit, a different one each time, and
	// opens its page.
	next := func() string {
		i++
		p := agreements[i%len(agreements)]
		benchOpen = "agreements/" + strings.TrimSuffix(filepath.Base(p), ".md") + "/index.html"
		return p
	}
	// save times edit, the saving of files, and the build that follows;
	// prepare, if set, readies what edit saves, untimed.
	save := func(b *testing.B, prepare func(), edit func() []string) {
		var times, open []time.Duration
		defer reportCPU(b)()
		for b.Loop() {
			if prepare != nil {
				prepare()
			}
			if *benchPaced {
				live.Idle()
			}
			opened = time.Time{}
			start := time.Now()
			changed := edit()
			for j, p := range changed {
				rel, _ := filepath.Rel(dir, p)
				changed[j] = filepath.ToSlash(rel)
			}
			if _, err := live.Build(changed); err != nil {
				b.Fatal(err)
			}
			times = append(times, time.Since(start))
			if !opened.IsZero() {
				open = append(open, opened.Sub(start))
			}
		}
		reportPercentiles(b, "", times)
		reportPercentiles(b, "open-", open)
	}
	b.Run("body", func(b *testing.B) {
		save(b, nil, func() []string {
			p := next()
			rewrite(b, p, func(src string) string { return src + fmt.Sprintf("\nEdit number %d.\n", i) })
			return []string{p}
		})
	})
	b.Run("title", func(b *testing.B) {
		save(b, nil, func() []string {
			p := next()
			rewrite(b, p, func(src string) string {
				return strings.Replace(src, "title: \"", fmt.Sprintf("title: \"Edit %d: ", i), 1)
			})
			return []string{p}
		})
	})
	// A topic or a country the site has, added to a page that does not
	// name it yet.
	b.Run("topic", func(b *testing.B) {
		save(b, nil, func() []string {
			p := next()
			rewrite(b, p, func(src string) string { return addName(b, src, "topics", benchTopics, i, false) })
			return []string{p}
		})
	})
	b.Run("country", func(b *testing.B) {
		save(b, nil, func() []string {
			p := next()
			rewrite(b, p, func(src string) string { return addName(b, src, "countries", benchCountries, i, true) })
			return []string{p}
		})
	})
	// A status that agrees with the dates (an agreement signed, without
	// a date of entry into force, is signed or in force), or one an
	// editor corrects after a warning that it contradicts them.
	b.Run("status", func(b *testing.B) {
		save(b, nil, func() []string {
			p := next()
			rewrite(b, p, func(src string) string {
				if strings.Contains(src, "status: \"in-force\"") {
					return strings.Replace(src, "status: \"in-force\"", "status: \"signed\"", 1)
				}
				_, after, ok := strings.Cut(src, "status: \"")
				if !ok {
					b.Fatalf("no status in:\n%s", src)
				}
				old, _, _ := strings.Cut(after, "\"")
				return strings.Replace(src, "status: \""+old+"\"", "status: \"in-force\"", 1)
			})
			return []string{p}
		})
	})
	// A topic no page named before.
	b.Run("newtopic", func(b *testing.B) {
		save(b, nil, func() []string {
			p := next()
			rewrite(b, p, func(src string) string {
				return strings.Replace(src, "topics: [", fmt.Sprintf("topics: [added-%d, ", i), 1)
			})
			return []string{p}
		})
	})
	// add adds a new agreement, opens it, and returns its file.
	add := func() string {
		p := filepath.Join(dir, "content", "agreements", fmt.Sprintf("bench-new-%d.md", i))
		i++
		added = append(added, p)
		benchOpen = "agreements/bench-new-" + fmt.Sprint(i-1) + "/index.html"
		writeFile(b, p, fmt.Sprintf("---\ntitle: \"A new agreement %d\"\nsigned: 2024-05-01\nparties: [Hungary, Uzbekistan]\ntopics: [customs-training]\n---\n\nA new agreement.\n", i))
		return p
	}
	b.Run("new", func(b *testing.B) {
		save(b, nil, func() []string { return []string{add()} })
	})
	b.Run("delete", func(b *testing.B) {
		prepare := func() {
			if len(added) == 0 {
				rel, _ := filepath.Rel(dir, add())
				if _, err := live.Build([]string{filepath.ToSlash(rel)}); err != nil {
					b.Fatal(err)
				}
			}
		}
		save(b, prepare, func() []string {
			p := added[len(added)-1]
			added = added[:len(added)-1]
			benchOpen = "agreements/index.html"
			if err := os.Remove(p); err != nil {
				b.Fatal(err)
			}
			return []string{p}
		})
	})
	b.Run("template", func(b *testing.B) {
		save(b, nil, func() []string {
			next()
			p := filepath.Join(dir, "templates", "agreement.html")
			rewrite(b, p, func(src string) string {
				return articleTag.ReplaceAllString(src, fmt.Sprintf(`<article class="doc" data-edit="%d">`, i))
			})
			return []string{p}
		})
	})
}

// benchOpen is the page BenchmarkSave has open in a browser.
var benchOpen string

// reportPercentiles reports the median and 95th percentile of times, in
// milliseconds, as <prefix>p50-ms and <prefix>p95-ms.
func reportPercentiles(b *testing.B, prefix string, times []time.Duration) {
	if len(times) == 0 {
		return
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, prefix+"p50-ms")
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, prefix+"p95-ms")
}

func rewrite(b *testing.B, p string, edit func(string) string) {
	src, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	writeFile(b, p, edit(string(src)))
}

func writeFile(b *testing.B, p, text string) {
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
}

// countingWriter counts the bytes written to it.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}
