package audit

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// lighthousePages are the pages Lighthouse scores: one of each kind that
// readers land on most, a translation, and a list in Russian.
var lighthousePages = []string{
	"",
	"agreements/hungary-uzbekistan-customs-cooperation/",
	"countries/hungary/",
	"search/",
	"hu/agreements/hungary-kyrgyzstan-customs-training/",
	"ru/countries/",
}

// lighthouseCategories are the categories scored, in the order reported.
var lighthouseCategories = []string{"performance", "accessibility", "best-practices", "seo"}

// minScore is the lowest score accepted in each category, out of 1:
// performance varies from run to run with the machine's load; the others
// do not, and the site gets everything they check right.
var minScore = map[string]float64{
	"performance":    0.95,
	"accessibility":  1,
	"best-practices": 1,
	"seo":            1,
}

// minLongPerformance is the lowest performance accepted on the page of a
// long document kept whole (class "prose long"): a long text with fewer
// than two chapters, or with footnotes, which are not published as pages
// of chapters. A treaty of a megabyte kept so took a phone's network
// seconds (first paint and speed index about 0.8 at 263 kB gzipped), and
// parsing it blocked the main thread for a time that varies with the
// browser and the machine: the TPP's text scored 95 and 97 on 2026-12-03,
// and 79 to 92 in runs on 2026-12-04 with the browser of that day. In
// chapters, its page and its largest chapter score 100. The floor guards
// against a change that makes such a page slower.
const minLongPerformance = 0.80

// minPerformance is the lowest performance score accepted on the page
// served from file.
func minPerformance(file string) float64 {
	if html, err := os.ReadFile(file); err == nil && strings.Contains(string(html), `class="prose long"`) {
		return minLongPerformance
	}
	return minScore["performance"]
}

// lighthouseReport is the part of Lighthouse's JSON report the test reads.
type lighthouseReport struct {
	LighthouseVersion string
	RuntimeError      *struct{ Code, Message string }
	Categories        map[string]struct {
		Title     string
		Score     *float64
		AuditRefs []struct {
			ID     string
			Weight float64
		}
	}
	Audits map[string]struct {
		Title        string
		Score        *float64
		DisplayValue string
	}
}

// performance is the score Lighthouse's runs vary in; the others are
// the same in every run.
func (r lighthouseReport) performance() float64 {
	if s := r.Categories["performance"].Score; s != nil {
		return *s
	}
	return 0
}

// lighthouse runs Lighthouse once on url and reads its report.
func lighthouse(exe, chromium, url, out string) (lighthouseReport, error) {
	var r lighthouseReport
	cmd := exec.Command(exe, url,
		"--chrome-path="+chromium,
		"--chrome-flags=--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --no-first-run",
		"--only-categories="+strings.Join(lighthouseCategories, ","),
		"--output=json", "--output-path="+out, "--quiet")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return r, fmt.Errorf("%v\n%s", err, msg)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("reading the report: %w", err)
	}
	if r.RuntimeError != nil {
		return r, fmt.Errorf("%s: %s", r.RuntimeError.Code, r.RuntimeError.Message)
	}
	return r, nil
}

// TestLighthouse scores the sample site's pages of the kinds that readers
// land on most.
func TestLighthouse(t *testing.T) {
	s := sample.get(t)
	auditLighthouse(t, s, lighthousePages)
}

// lighthouseScore is a page's scores, out of 100, in the order of
// lighthouseCategories, and the load of the machine when it was scored.
type lighthouseScore struct {
	path   string
	scores []string
	// perf is the performance score of each run.
	perf []string
	load string
}

// auditLighthouse scores pages with Lighthouse's default settings (a
// mobile device on a throttled network) in Debian's chromium. The
// performance score depends on how busy the machine is, so each page is
// judged by its median run of five, which Lighthouse's documentation on
// variability says halves the spread of a single run; runs stop once
// three agree about the floor, since the median then does too.
func auditLighthouse(t *testing.T, s *builtSite, pages []string) []lighthouseScore {
	exe := tool(t, ".bin/lighthouse")
	chromium := chromiumPath(t)
	dir := t.TempDir()
	var all []lighthouseScore
	for i, path := range pages {
		score := lighthouseScore{path: path, load: loadAverage()}
		floor := map[string]float64{"performance": minPerformance(s.file(path))}
		for id, min := range minScore {
			if id != "performance" {
				floor[id] = min
			}
		}
		var runs []lighthouseReport
		pass, fail := 0, 0
		for run := 0; pass < 3 && fail < 3; run++ {
			r, err := lighthouse(exe, chromium, s.base+path, filepath.Join(dir, fmt.Sprintf("%d-%d.json", i, run)))
			if err != nil {
				t.Fatalf("lighthouse /%s: %v", path, err)
			}
			runs = append(runs, r)
			score.perf = append(score.perf, fmt.Sprintf("%.0f", math.Round(r.performance()*100)))
			if r.performance() >= floor["performance"] {
				pass++
			} else {
				fail++
			}
		}
		slices.SortFunc(runs, func(a, b lighthouseReport) int { return cmp.Compare(a.performance(), b.performance()) })
		r := runs[len(runs)/2]
		var named []string
		for _, id := range lighthouseCategories {
			c, ok := r.Categories[id]
			if !ok || c.Score == nil {
				t.Errorf("/%s: lighthouse gave no %s score", path, id)
				score.scores = append(score.scores, "-")
				continue
			}
			score.scores = append(score.scores, fmt.Sprintf("%.0f", math.Round(*c.Score*100)))
			named = append(named, fmt.Sprintf("%s %.0f", c.Title, math.Round(*c.Score*100)))
			if *c.Score >= floor[id] {
				continue
			}
			var lost []string
			for _, ref := range c.AuditRefs {
				a := r.Audits[ref.ID]
				if ref.Weight > 0 && a.Score != nil && *a.Score < 1 {
					lost = append(lost, fmt.Sprintf("\n  %s (weight %g): score %.2f %s", a.Title, ref.Weight, *a.Score, a.DisplayValue))
				}
			}
			t.Errorf("/%s: %s score %.2f, want at least %.2f; audits that lost points:%s", path, c.Title, *c.Score, floor[id], strings.Join(lost, ""))
		}
		t.Logf("/%s (Lighthouse %s): %s (performance in each run: %s; load average %s)", path, r.LighthouseVersion, strings.Join(named, ", "), strings.Join(score.perf, ", "), score.load)
		all = append(all, score)
	}
	return all
}

// loadAverage is the machine's load average over the last minute, which
// the performance scores depend on, or "?" where the system does not say.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	load, _, _ := strings.Cut(string(b), " ")
	return load
}
