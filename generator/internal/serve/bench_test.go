package serve

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/corpus"
)

var benchPages = flag.Int("pages", 1000, "pages of the generated corpus the benchmarks serve")

// BenchmarkSaveToReload measures what an editor waits for: from saving an
// article to the reload event reaching the browser, through the watcher,
// the rebuild and the event stream. It reports the median and the 95th
// percentile.
func BenchmarkSaveToReload(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Site(dir, *benchPages, 1, "../../.."); err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Root: dir, Addr: "127.0.0.1:0", Ready: func(u string) { ready <- u }}, io.Discard, io.Discard)
	}()
	b.Cleanup(func() {
		cancel()
		<-done
	})
	var url string
	select {
	case url = <-ready:
	case err := <-done:
		b.Fatal(err)
	}
	res, err := http.Get(url + "_kb/events")
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	events := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				events <- name
			}
		}
		close(events)
	}()
	if ev := <-events; ev != "ok" {
		b.Fatalf("first event %q", ev)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "content", "agreements", "*.md"))
	slices.Sort(matches)
	var times []time.Duration
	i := 0
	for b.Loop() {
		p := matches[1+i%(len(matches)-1)]
		i++
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := os.WriteFile(p, fmt.Appendf(src, "\nSaved %d times.\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		select {
		case ev := <-events:
			if ev != "reload" {
				b.Fatalf("event %q after a save, want reload", ev)
			}
		case <-time.After(30 * time.Second):
			b.Fatal("no reload within 30 s of a save")
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
}
