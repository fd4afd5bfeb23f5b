package tota

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/content"
)

// subset is the test subset: 57 files of ToTA, see testdata/README.md.
const subset = "testdata/tota-subset.tar.gz"

func loadSubset(t *testing.T) []*Agreement {
	t.Helper()
	f, err := os.Open(subset)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all, err := LoadArchive(f)
	if err != nil {
		t.Fatal(err)
	}
	return all
}

func convert(t *testing.T) (string, map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	if _, err := WriteSite(dir, loadSubset(t)); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	d := filepath.Join(dir, "content", "agreements")
	entries, err := os.ReadDir(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(d, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return dir, files
}

func TestConvert(t *testing.T) {
	_, first := convert(t)
	_, second := convert(t)
	if len(first) != 58 {
		t.Errorf("%d files written, want 57 agreements and _index.md", len(first))
	}
	for name, b := range first {
		if !bytes.Equal(b, second[name]) {
			t.Errorf("%s: two conversions of the same files differ", name)
		}
	}

	// Facts of the source, as the source has them.
	tests := []struct {
		file string
		want []string // lines or blocks the page must hold
		not  []string
	}{
		{"japan-thailand-2007.md", []string{
			"title: \"Japan - Thailand\"\n",
			"signed: \"2007-04-03\"\neffective: \"2007-11-01\"\nstatus: \"in-force\"\nparties:\n  - \"JPN\"\n  - \"THA\"\ntopics:\n  - \"Free Trade Agreement\"\n  - \"Economic Integration Agreement\"\n",
			"\n## CHAPTER 1: General Provisions\n\n### ARTICLE 1: Objectives\n\nThe objectives of this Agreement are to:",
			"source: \"http://www.mofa.go.jp/region/asia-paci/thailand/epa0704/agreement.pdf\"\n",
		}, nil},
		// Kosovo as RKS; "Inactive" has no status of the generator, which
		// derives it from the date the card gives as "ended".
		{"albania-unmic-kosovo-2003.md", []string{
			"parties:\n  - \"ALB\"\n  - \"RKS\"\n",
			"signed: \"2003-07-07\"\neffective: \"2003-10-01\"\nended: \"2007-05-01\"\n",
			"WTO status: Inactive since 2007-05-01.",
			"\n### ARTICLE 2: Scope\n",
		}, []string{"\nstatus:"}},
		{"cefta-2006.md", []string{"countries:\n  - \"RKS\"\n"}, nil},
		{"ptn-1971.md", []string{"  - \"YUG\"\n"}, nil},
		{"tripartite-agreement-1967.md", []string{"  - \"YUG\"\n"}, nil},
		{"eu-oct-1970.md", []string{"  - \"ANT\"\n"}, nil},
		// Entry into force before signature is kept.
		{"eu-ukraine-2014.md", []string{"signed: \"2014-06-27\"\neffective: \"2014-04-23\"\n"}, nil},
		{"eco-2003.md", []string{"signed: \"2003-07-17\"\neffective: \"1992-02-17\"\n"}, nil},
		// Czechoslovakia is written as its successors.
		{"efta-czechoslovakia-1992.md", []string{"  - \"CZE\"\n", "  - \"SVK\"\n"}, nil},
		// The same name and year: the language tells them apart. Not in
		// force, so no effective date.
		{"trans-pacific-partnership-2016-en.md", []string{"status: \"signed\"\n", "WTO status: Early announcement-Signed."}, []string{"\neffective:"}},
		{"trans-pacific-partnership-2016-es.md", []string{"signed: \"2016-02-03\"\n"}, nil},
	}
	for _, tt := range tests {
		page := string(first[tt.file])
		if page == "" {
			t.Errorf("%s: not written", tt.file)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: want %q", tt.file, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(page, n) {
				t.Errorf("%s: has %q", tt.file, n)
			}
		}
	}
	if n := len(first["trans-pacific-partnership-2016-en.md"]); n < 900_000 {
		t.Errorf("the English TPP is %d bytes, want the whole text (over 900 KB)", n)
	}
}

// TestFrontMatter parses every page written with the generator's own
// parser: no field may be unknown or of the wrong type, and the values
// read must be the source's.
func TestFrontMatter(t *testing.T) {
	_, files := convert(t)
	for name, b := range files {
		f, err := content.Parse("content/agreements/"+name, b)
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				// The generator refuses entry into force before
				// signature, which the source has: that is data, not
				// the converter's error.
				if !strings.Contains(line, "is before the signing date") {
					t.Errorf("%s", line)
				}
			}
		}
		if f == nil {
			continue
		}
		if name == "albania-unmic-kosovo-2003.md" {
			var parties []string
			for _, p := range f.Meta.Parties {
				parties = append(parties, p.Text)
			}
			if !slices.Equal(parties, []string{"ALB", "RKS"}) || f.Meta.Signed.ISO() != "2003-07-07" || f.Meta.Effective.ISO() != "2003-10-01" {
				t.Errorf("%s: read parties %v, signed %s, effective %s", name, parties, f.Meta.Signed.ISO(), f.Meta.Effective.ISO())
			}
		}
	}
}

func TestEscape(t *testing.T) {
	got := Paragraphs("  1. The Parties *shall*\n- [a] <b> & c_d | e ~ f # g\n\n\n    = x\n13.12.1993 `q` \\ : y\n: z\n2) w")
	want := []string{
		"1\\. The Parties \\*shall\\*\n\\- \\[a\\] \\<b\\> \\& c\\_d \\| e \\~ f \\# g",
		"\\= x\n13\\.12.1993 \\`q\\` \\\\ : y\n\\: z\n2\\) w",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Paragraphs:\n got %q\nwant %q", got, want)
	}
	if got, want := ShortTitle("Central European Free Trade Agreement (CEFTA) 2006"), "CEFTA 2006"; got != want {
		t.Errorf("ShortTitle: got %q, want %q", got, want)
	}
	if got, want := ShortTitle("EU – Overseas Countries and Territories (OCT)"), "EU - OCT"; got != want {
		t.Errorf("ShortTitle: got %q, want %q", got, want)
	}
}
