package corpus

import (
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

var scaling = flag.String("scaling", "", "measure full builds of generated sites of these sizes (e.g. 1000,10000,100000) and write the chart to testdata/scaling.svg")

// TestScaling measures how the cost of a full build grows with the size of
// the site. Every size is generated and built twice, so that the disk
// cache is warm and the output and the folder beside it each hold a build,
// as they do when editors rebuild. Then come five rounds; in each, every
// size is built as many times as it takes to make as many pages as the
// largest size has (a hundred builds of 1,000 pages, ten of 10,000, one of
// 100,000), half of them before the larger sizes and half after, and its
// time is the mean of those builds. Each build is a process of its own, so
// that its peak memory can be read; the best round of each size is kept,
// and the log gives every round's times and ratios.
//
// The speed of a shared machine changes from minute to minute: builds of
// every size that take about as long as each other sample it alike, where
// the best of a few single builds would set the fastest few seconds of a
// small site against the whole minute of the largest; and the smaller
// sizes built on both sides of the larger ones see the machine as it was
// around them, on average, where built only before they saw the minute
// before. Five rounds, as with three the slow spells of this machine moved
// the ratio of the two largest sizes from 9.9 to 11.8 between runs of the
// same code. The median of the rounds' ratios is a second reading, which a
// slow spell moves less than it moves the best round of one size and not
// the other.
//
// Each build starts once what the builds before it wrote is on disk: the
// gigabytes that the first builds of the largest site write took the
// kernel minutes to write back, on the cores of the builds timed meanwhile
// (a 10,000-page build took 9.4 s instead of 5.0 s after one of them).
// And each starts with the files it reads in the page cache, read just
// before, untimed, as they are when an editor builds again: the memory
// manager of the machine this was measured on pages out files untouched
// for a minute, which the largest site's are between its builds, and its
// builds read 289 and 576 MB from the disk in the first two rounds of a
// run without it, those of 10,000 pages 2 MB. The log gives what each
// size's builds still read from the disk.
//
// It runs only when asked for with -scaling, as it takes minutes.
func TestScaling(t *testing.T) {
	if *scaling == "" {
		t.Skip("run with -scaling 1000,10000,100000 to measure")
	}
	bin := filepath.Join(t.TempDir(), "gen")
	if out, err := exec.Command("go", "build", "-o", bin, "../..").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var sizes []int
	var dirs []string
	for _, s := range strings.Split(*scaling, ",") {
		var n int
		if _, err := fmt.Sscan(s, &n); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := Site(dir, n, 1, "../../.."); err != nil {
			t.Fatal(err)
		}
		sizes, dirs = append(sizes, n), append(dirs, dir)
	}
	// run builds the site in dir and returns how long it took, its peak
	// memory in KiB and how many bytes it read from the disk rather than
	// from the page cache.
	run := func(dir string) (time.Duration, int64, int64) {
		if err := warm(dir); err != nil {
			t.Fatal(err)
		}
		syscall.Sync()
		cmd := exec.Command(bin, "-root", dir, "-quiet")
		cmd.Stderr = os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			t.Fatal(err)
		}
		use := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		return time.Since(start), use.Maxrss, use.Inblock * 512
	}
	points := make([]point, len(sizes))
	for i, dir := range dirs {
		run(dir)
		run(dir)
		points[i].pages = sizes[i]
	}
	fastest := make([]time.Duration, len(sizes)) // the fastest single build of each size
	ratios := make([][]float64, len(sizes))      // of each size to the one before, by round
	builds := make([]int, len(sizes))
	for i, n := range sizes {
		builds[i] = max(1, sizes[len(sizes)-1]/n)
	}
	for r := range 5 {
		totals := make([]time.Duration, len(sizes))
		peaks, read := make([]int64, len(sizes)), make([]int64, len(sizes))
		for _, s := range schedule(builds) {
			i := s.size
			for range s.builds {
				d, rss, in := run(dirs[i])
				totals[i], peaks[i], read[i] = totals[i]+d, max(peaks[i], rss), read[i]+in
				if fastest[i] == 0 || d < fastest[i] {
					fastest[i] = d
				}
			}
		}
		means := make([]time.Duration, len(sizes))
		line := fmt.Sprintf("round %d:", r+1)
		for i := range sizes {
			means[i] = totals[i] / time.Duration(builds[i])
			if points[i].wall == 0 || means[i] < points[i].wall {
				points[i].wall, points[i].rss = means[i], peaks[i]
			}
			line += fmt.Sprintf(" %d pages %.2f s", sizes[i], means[i].Seconds())
			if i > 0 {
				ratios[i] = append(ratios[i], means[i].Seconds()/means[i-1].Seconds())
				line += fmt.Sprintf(" (%.1f×)", ratios[i][r])
			}
			line += fmt.Sprintf(" [%d MB from disk]", read[i]/int64(builds[i])>>20)
		}
		t.Log(line)
	}
	for i, p := range points {
		line := fmt.Sprintf("%7d pages: %6.2f s, %5d MiB peak, %6.1f µs/page; fastest single build %6.2f s", p.pages, p.wall.Seconds(), p.rss/1024, float64(p.wall.Microseconds())/float64(p.pages), fastest[i].Seconds())
		if i > 0 {
			line += fmt.Sprintf("; %.1f× the best round of %d pages, median of the rounds' ratios %.1f×", p.wall.Seconds()/points[i-1].wall.Seconds(), sizes[i-1], median(ratios[i]))
		}
		t.Log(line)
	}
	if err := os.WriteFile("testdata/scaling.svg", []byte(chart(points)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// warm reads the files of the site in dir that a build of it reads, so
// that the build finds them in the page cache: its sources, templates and
// static files, and the stage it compares its pages with. The output it
// does not read.
func warm(dir string) error {
	out := filepath.Join(dir, "public")
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case p == out:
			return fs.SkipDir
		case !d.Type().IsRegular():
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(io.Discard, f)
		return err
	})
}

// chart draws the measured points as an SVG line chart, with a dashed line
// for growth in proportion to the pages from the point before the last:
// where the last point stands above it, the cost grew faster than the
// site.
func chart(points []point) string {
	var b strings.Builder
	w, h, pad := 480.0, 260.0, 48.0
	last, ref := points[len(points)-1], points[max(len(points)-2, 0)]
	maxPages := float64(last.pages)
	proportional := ref.wall.Seconds() * maxPages / float64(ref.pages)
	maxWall := max(last.wall.Seconds(), proportional)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" role="img" aria-labelledby="t d">`, w, h)
	fmt.Fprintf(&b, `<title id="t">Full build time by number of pages</title><desc id="d">Measured on %d cores: %s The dashed line is growth in proportion to the pages from %d pages.</desc>`, runtime.NumCPU(), describe(points), ref.pages)
	b.WriteString(`<style>text{font:12px sans-serif;fill:#333}.a{stroke:#333}.l{stroke:#1d4ed8;stroke-width:2;fill:none}.g{stroke:#9ca3af;stroke-dasharray:4 4}</style>`)
	x := func(p float64) float64 { return pad + p/maxPages*(w-2*pad) }
	y := func(s float64) float64 { return h - pad - s/maxWall*(h-2*pad) }
	fmt.Fprintf(&b, `<line class="a" x1="%g" y1="%g" x2="%g" y2="%g"/><line class="a" x1="%g" y1="%g" x2="%g" y2="%g"/>`, pad, h-pad, w-pad, h-pad, pad, h-pad, pad, pad)
	fmt.Fprintf(&b, `<line class="g" x1="%g" y1="%g" x2="%g" y2="%.1f"/>`, x(0), y(0), x(maxPages), y(proportional))
	b.WriteString(`<polyline class="l" points="`)
	for _, p := range points {
		fmt.Fprintf(&b, "%.1f,%.1f ", x(float64(p.pages)), y(p.wall.Seconds()))
	}
	b.WriteString(`"/>`)
	for _, p := range points {
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="#1d4ed8"/><text x="%.1f" y="%.1f">%d: %.1f s</text>`,
			x(float64(p.pages)), y(p.wall.Seconds()), x(float64(p.pages))-40, y(p.wall.Seconds())-8, p.pages, p.wall.Seconds())
	}
	fmt.Fprintf(&b, `<text x="%g" y="%g">pages</text><text x="4" y="%g">seconds</text>`, w/2, h-12, pad-10)
	b.WriteString("</svg>\n")
	return b.String()
}

// step is a run of builds of one size in a round.
type step struct{ size, builds int }

// schedule orders a round's builds, given how many of each size there are,
// smallest size first: half of every size but the largest on the way up,
// the largest, then the other halves on the way down.
func schedule(builds []int) []step {
	last := len(builds) - 1
	var up, down []step
	for i, n := range builds[:last] {
		up = append(up, step{i, n / 2})
		down = append(down, step{i, n - n/2})
	}
	slices.Reverse(down)
	return slices.Concat(up, []step{{last, builds[last]}}, down)
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}

// point is one measured size.
type point struct {
	pages int
	wall  time.Duration
	rss   int64 // KiB
}

func describe(points []point) string {
	parts := make([]string, len(points))
	for i, p := range points {
		parts[i] = fmt.Sprintf("%d pages in %.1f s", p.pages, p.wall.Seconds())
	}
	return strings.Join(parts, "; ") + "."
}

// TestChart: the chart is well-formed, and a cost growing faster than the
// pages shows as the last point above the dashed line, one growing in
// proportion on it.
func TestChart(t *testing.T) {
	type svg struct {
		Lines []struct {
			Class string  `xml:"class,attr"`
			Y2    float64 `xml:"y2,attr"`
		} `xml:"line"`
		Circles []struct {
			CY float64 `xml:"cy,attr"`
		} `xml:"circle"`
	}
	for _, tc := range []struct {
		last  time.Duration
		above bool
	}{{100 * time.Second, false}, {130 * time.Second, true}} {
		src := chart([]point{{1000, time.Second, 0}, {10000, 10 * time.Second, 0}, {100000, tc.last, 0}})
		var s svg
		if err := xml.Unmarshal([]byte(src), &s); err != nil {
			t.Fatalf("%v: %v\n%s", tc.last, err, src)
		}
		var dashed float64
		for _, l := range s.Lines {
			if l.Class == "g" {
				dashed = l.Y2
			}
		}
		lastY := s.Circles[len(s.Circles)-1].CY
		if got := lastY < dashed-0.5; got != tc.above {
			t.Errorf("100,000 pages in %v: last point at y %.1f, dashed line ends at %.1f; above = %v, want %v", tc.last, lastY, dashed, got, tc.above)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		xs   []float64
		want float64
	}{{[]float64{11.8}, 11.8}, {[]float64{3, 1, 2}, 2}, {[]float64{10.2, 9.9, 11.8, 10.7}, 10.45}} {
		if got := median(tc.xs); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.xs, got, tc.want)
		}
	}
}

func TestSchedule(t *testing.T) {
	got := schedule([]int{100, 10, 1})
	want := []step{{0, 50}, {1, 5}, {2, 1}, {1, 5}, {0, 50}}
	if !slices.Equal(got, want) {
		t.Errorf("schedule(100, 10, 1) = %v, want %v", got, want)
	}
	got = schedule([]int{3, 1})
	want = []step{{0, 1}, {1, 1}, {0, 2}}
	if !slices.Equal(got, want) {
		t.Errorf("schedule(3, 1) = %v, want %v", got, want)
	}
}
