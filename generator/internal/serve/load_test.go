package serve_test

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/build"
	"github.com/cooperation-kb/kb/generator/internal/serve"
)

var loadTime = flag.Duration("load", 30*time.Second, "how long TestServeUnderLoad keeps the server under load")

// copySampleSite copies the repository's site into a new folder, which the
// test is free to edit, and returns it.
func copySampleSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	repo := filepath.Join("..", "..", "..")
	for _, dir := range []string{"content", "templates", "static"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join(repo, dir))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(repo, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "config.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// The article the load test edits, the page it becomes, and the pages wrk
// asks for.
const (
	loadArticle = "content/agreements/hungary-uzbekistan-customs-cooperation.md"
	loadPage    = "agreements/hungary-uzbekistan-customs-cooperation/"
)

var loadPages = []string{
	loadPage, "", "agreements/", "countries/hungary/", "topics/customs-training/",
	"interviews/kecskes-trend-2025-hungary-customs-cooperation/", "css/style.css",
}

// wrkScript spreads wrk's requests over the pages, and prints what the test
// reads from wrk as one line.
func wrkScript() string {
	var quoted []string
	for _, p := range loadPages {
		quoted = append(quoted, strconv.Quote("/"+p))
	}
	return `local paths = {` + strings.Join(quoted, ", ") + `}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[i % #paths + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("kb-load requests=%d duration_us=%d connect=%d read=%d write=%d timeout=%d status=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
`
}

// The two versions of the article differ at their end, so that a page
// built from a half-read file has neither marker, and in length.
var loadMarkers = [2]string{
	"Load test, version one.",
	"Load test, version two, which is longer than version one, so that the two pages differ in length too.",
}

// generation is the attribute of the live-reload script that changes with
// every build, the only part of a page that may.
var generation = regexp.MustCompile(`data-generation="\d+"`)

// TestServeUnderLoad holds the development server under 50 concurrent
// clients (wrk, on loopback) while the article is saved every 100 ms, in
// place and through a renamed temporary file by turns. Every request must
// succeed; every fetch of the article, by a client of its own, must be the
// whole page of one version or the other; and the server's memory must not
// grow. It logs the figures docs/performance.md reports.
func TestServeUnderLoad(t *testing.T) {
	wrk, err := exec.LookPath("wrk")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("wrk not found: .ci/run must install it")
		}
		t.Skip("wrk not found; install it (Debian package wrk) to run this test")
	}
	if testing.Short() {
		t.Skip("keeps the server under load for 30 s")
	}
	root := copySampleSite(t)
	article := filepath.Join(root, filepath.FromSlash(loadArticle))
	orig, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	var versions [2][]byte
	for i, m := range loadMarkers {
		versions[i] = fmt.Appendf(slices.Clip(orig), "\n%s\n", m)
	}
	script := filepath.Join(t.TempDir(), "load.lua")
	if err := os.WriteFile(script, []byte(wrkScript()), 0o644); err != nil {
		t.Fatal(err)
	}

	var rebuilds, reloads, failures atomic.Int64
	var buildErrs syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve.Run(ctx, serve.Options{Root: root, Addr: "127.0.0.1:0",
			Ready: func(url string) { ready <- url },
			Rebuilt: func(sum *build.Summary, err error) {
				rebuilds.Add(1)
				switch {
				case err != nil:
					failures.Add(1)
					fmt.Fprintf(&buildErrs, "%v\n", err)
				case len(sum.Changed) > 0:
					reloads.Add(1)
				}
			}}, io.Discard, io.Discard)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve.Run: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("serve.Run did not return within 10 s of the context being cancelled")
		}
	})
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		t.Fatalf("serve.Run: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("the server was not ready within 60 s")
	}
	page := base + loadPage

	// The whole page of each version, as the server serves it at rest.
	var want [2]string
	for i, v := range versions {
		if err := save(article, v, true); err != nil {
			t.Fatal(err)
		}
		want[i] = waitForPage(t, page, loadMarkers[i])
	}

	var saves, seen [2]atomic.Int64 // by version
	var fetched, wrong atomic.Int64
	var memory []memorySample
	loadCtx, stopLoad := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-loadCtx.Done():
				return
			case <-tick.C:
			}
			renamed := i%4 >= 2 // two saves in place, then two renamed
			if err := save(article, versions[i%2], renamed); err != nil {
				t.Errorf("save %d: %v", i, err)
				return
			}
			saves[i%2].Add(1)
		}
	})
	wg.Go(func() {
		for loadCtx.Err() == nil {
			fetched.Add(1)
			v, problem := fetchWhole(page, want)
			if problem == "" {
				seen[v].Add(1)
				continue
			}
			if wrong.Add(1) <= 5 {
				t.Errorf("GET %s: %s", page, problem)
			}
		}
	})
	wg.Go(func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			memory = append(memory, sampleMemory())
			select {
			case <-loadCtx.Done():
				return
			case <-tick.C:
			}
		}
	})
	cmd := exec.Command(wrk, "-t2", "-c50", "-d"+loadTime.String(), "--latency", "--timeout", "10s", "-s", script, base)
	out, err := cmd.CombinedOutput()
	stopLoad()
	wg.Wait()
	t.Logf("wrk:\n%s", out)
	if err != nil {
		t.Fatalf("wrk: %v", err)
	}
	figures, err := parseWrk(string(out))
	if err != nil {
		t.Fatal(err)
	}

	// Once the saves stop, the last one is what the page shows.
	last := 1
	if saves[0].Load() > saves[1].Load() {
		last = 0
	}
	waitForPage(t, page, loadMarkers[last])

	nSaves := saves[0].Load() + saves[1].Load()
	t.Logf("%.0f requests/s, latency p50 %s, p99 %s; %d requests, %d failed (connect %d, read %d, write %d, timeout %d, status %d)",
		float64(figures["requests"])/(float64(figures["duration_us"])/1e6), micros(figures["p50_us"]), micros(figures["p99_us"]),
		figures["requests"], figures["connect"]+figures["read"]+figures["write"]+figures["timeout"]+figures["status"],
		figures["connect"], figures["read"], figures["write"], figures["timeout"], figures["status"])
	t.Logf("%d saves, %d rebuilds: %d reloads, %d failed; the checking client fetched the article %d times: %d version one, %d version two, %d wrong",
		nSaves, rebuilds.Load(), reloads.Load(), failures.Load(), fetched.Load(), seen[0].Load(), seen[1].Load(), wrong.Load())
	if failures.Load() > 0 {
		// A save in place empties the file before it writes it; a build
		// that runs in between fails, and the server keeps the last good
		// page, which the checking client verifies.
		t.Logf("failed builds:\n%s", buildErrs.String())
	}
	first, end := memory[0], memory[len(memory)-1]
	t.Logf("memory: heap %s at the start, %s at the end; RSS %s at the start, %s at the end (%d samples)",
		mib(first.heap), mib(end.heap), mib(first.rss), mib(end.rss), len(memory))

	if figures["requests"] == 0 {
		t.Error("wrk made no requests")
	}
	for _, k := range []string{"connect", "read", "write", "timeout", "status"} {
		if figures[k] != 0 {
			t.Errorf("%d requests failed with %s errors", figures[k], k)
		}
	}
	if seen[0].Load() == 0 || seen[1].Load() == 0 {
		t.Errorf("the checking client saw version one %d times and version two %d times, want both", seen[0].Load(), seen[1].Load())
	}
	if nSaves < 10 || reloads.Load() < 10 {
		t.Errorf("%d saves led to %d reloads, want at least 10 of each", nSaves, reloads.Load())
	}
	checkFlat(t, memory)
}

// save writes data to name in place, as some editors do, or through a
// temporary file renamed over it, as most do.
func save(name string, data []byte, renamed bool) error {
	if !renamed {
		return os.WriteFile(name, data, 0o644)
	}
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// waitForPage fetches url until it holds marker, for up to 30 s, and
// returns the page with its build's generation taken out.
func waitForPage(t *testing.T, url, marker string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get(url)
		if err == nil {
			body, err := io.ReadAll(res.Body)
			res.Body.Close()
			if err == nil && res.StatusCode == http.StatusOK && strings.Contains(string(body), marker) {
				return generation.ReplaceAllString(string(body), "")
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s: no page with %q within 30 s", url, marker)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// fetchWhole fetches url and returns which of the pages in want it is, or
// what is wrong with it.
func fetchWhole(url string, want [2]string) (int, string) {
	res, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	switch {
	case err != nil:
		return 0, fmt.Sprintf("reading the body: %v", err)
	case res.StatusCode != http.StatusOK:
		return 0, fmt.Sprintf("status %d", res.StatusCode)
	case res.Header.Get("Content-Length") != strconv.Itoa(len(body)):
		return 0, fmt.Sprintf("Content-Length %q for a body of %d bytes", res.Header.Get("Content-Length"), len(body))
	}
	got := generation.ReplaceAllString(string(body), "")
	for i, w := range want {
		if got == w {
			return i, ""
		}
	}
	return 0, fmt.Sprintf("a page of %d bytes that is neither version (%d and %d bytes); it ends %q",
		len(got), len(want[0]), len(want[1]), got[max(len(got)-80, 0):])
}

var wrkFigures = regexp.MustCompile(`kb-load((?: \w+=\d+)+)`)

// parseWrk reads the figures the script's done function prints.
func parseWrk(out string) (map[string]int64, error) {
	m := wrkFigures.FindStringSubmatch(out)
	if m == nil {
		return nil, fmt.Errorf("no figures in wrk's output:\n%s", out)
	}
	figures := map[string]int64{}
	for _, f := range strings.Fields(m[1]) {
		k, v, _ := strings.Cut(f, "=")
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("wrk figure %q: %v", f, err)
		}
		figures[k] = n
	}
	return figures, nil
}

type memorySample struct{ heap, rss uint64 }

// sampleMemory reads the live heap, after a collection, and the resident
// set of this process, which runs the server.
func sampleMemory() memorySample {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s := memorySample{heap: ms.HeapAlloc}
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return s
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if kb, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			n, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(kb, "kB")), 10, 64)
			s.rss = n << 10
		}
	}
	return s
}

// checkFlat fails if the memory of the last third of the samples rose
// above that of the first third by more than the noise of requests and
// builds in flight: a leak of a hundred bytes a request, or of a page a
// save, would. It compares medians, which a sample taken during a
// rebuild does not move.
func checkFlat(t *testing.T, samples []memorySample) {
	t.Helper()
	third := len(samples) / 3
	if third < 3 {
		t.Errorf("%d memory samples, too few to tell", len(samples))
		return
	}
	median := func(s []memorySample, f func(memorySample) uint64) uint64 {
		v := make([]uint64, len(s))
		for i, x := range s {
			v[i] = f(x)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	for _, k := range []struct {
		name  string
		f     func(memorySample) uint64
		slack uint64
	}{
		{"heap", func(s memorySample) uint64 { return s.heap }, 8 << 20},
		{"RSS", func(s memorySample) uint64 { return s.rss }, 16 << 20},
	} {
		early, late := median(samples[:third], k.f), median(samples[len(samples)-third:], k.f)
		if late > early+max(early/2, k.slack) {
			t.Errorf("%s grew under load: median %s in the first third of the run, %s in the last", k.name, mib(early), mib(late))
		}
	}
}

func mib(n uint64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

func micros(us int64) string { return (time.Duration(us) * time.Microsecond).String() }
