package build

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of TestGoldenSampleSite")

// goldenFiles are the files of the repository's own site compared with
// testdata/golden/, where each is stored with "/" written as "_": a few
// pages, the feeds, the sitemap, the data export, and pages in Hungarian.
var goldenFiles = []string{
	"index.html",
	"agreements/hungary-uzbekistan-customs-cooperation/index.html",
	"interviews/kecskes-trend-2025-hungary-customs-cooperation/index.html",
	"countries/hungary/index.html",
	"countries/index.html",
	"timeline/index.html",
	"search/index.html",
	"search/index.json",
	"feed.xml",
	"feed.json",
	"countries/hungary/feed.xml",
	"sitemap.xml",
	"robots.txt",
	"data/knowledge-base.json",
	// The site in Hungarian: a translated page, a list of translated and
	// untranslated pages, a country named by CLDR, and its feed.
	"hu/index.html",
	"hu/agreements/index.html",
	"hu/agreements/hungary-kyrgyzstan-customs-training/index.html",
	"hu/countries/hungary/index.html",
	"hu/feed.xml",
}

// TestGoldenSampleSite builds the repository's site (content/, templates/,
// static/ and config.toml) and compares some of its files with golden files.
// After a deliberate change to the templates or the content, run
//
//	go test ./generator/internal/build -run Golden -update
//
// and review the diff of testdata/golden/.
func TestGoldenSampleSite(t *testing.T) {
	if _, err := os.Stat(filepath.Join(repoRoot, "templates", "base.html")); err != nil {
		t.Fatalf("the repository has no templates/base.html to build its site with: %v", err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Root: repoRoot, Out: out, Now: now}); err != nil {
		t.Fatalf("the repository's site does not build:\n%v", err)
	}
	for _, page := range goldenFiles {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
		if err != nil {
			t.Error(err)
			continue
		}
		if strings.HasSuffix(page, ".json") && bytes.Count(got, []byte("\n")) <= 1 {
			// JSON on one line is indented here, so that a change shows
			// in a diff that a reviewer can read.
			var b bytes.Buffer
			if err := json.Indent(&b, got, "", "  "); err != nil {
				t.Errorf("/%s: %v", page, err)
				continue
			}
			got = b.Bytes()
		}
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(page, "/", "_"))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("missing golden file for /%s: run go test ./generator/internal/build -run Golden -update (%v)", page, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("/%s differs from %s (if the change is meant, rerun with -update):\n%s", page, golden, firstDiff(got, want))
		}
	}
}

// firstDiff shows the first line that differs between got and want.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return "(same lines, different bytes)"
}
