package scaffold

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/build"
)

var day = time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)

// TestNewWritesEveryKind starts one file of every kind and checks where it
// went and that it holds the title and, where the kind has one, the date.
func TestNewWritesEveryKind(t *testing.T) {
	tests := []struct {
		kind, title string
		want        string // path relative to the root
		wantTitle   string // the title written in the front matter
		dated       bool
	}{
		{"agreement", "Hungary–Kyrgyzstan training agreement", "content/agreements/hungary-kyrgyzstan-training-agreement.md", "Hungary–Kyrgyzstan training agreement", true},
		{"interview", "Kecskés talks to Trend", "content/interviews/kecskes-talks-to-trend.md", "Kecskés talks to Trend", true},
		{"country", "Turkey", "content/countries/turkiye.md", "Türkiye", false},
		{"topic", "Digitalisation", "content/topics/digitalisation.md", "Digitalisation", false},
		{"organisation", "World Customs Organization", "content/organisations/world-customs-organization.md", "World Customs Organization", false},
		{"page", "How to contribute", "content/how-to-contribute.md", "How to contribute", true},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			root := t.TempDir()
			rel, err := New(root, tt.kind, tt.title, day)
			if err != nil {
				t.Fatalf("New(%q, %q): %v", tt.kind, tt.title, err)
			}
			if rel != tt.want {
				t.Errorf("New(%q, %q) = %q, want %q", tt.kind, tt.title, rel, tt.want)
			}
			data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(tt.want)))
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			if !strings.HasPrefix(text, "---\n") {
				t.Errorf("file does not start with front matter:\n%s", text)
			}
			if want := "\ntitle: \"" + tt.wantTitle + "\" "; !strings.Contains(text, want) {
				t.Errorf("file lacks %q:\n%s", want, text)
			}
			if tt.dated && !strings.Contains(text, "date: 2025-03-14") {
				t.Errorf("file lacks the date 2025-03-14:\n%s", text)
			}
			covered[tt.kind] = true
		})
	}
	for _, k := range Kinds {
		if !covered[k] {
			t.Errorf("kind %q is not covered by this test", k)
		}
	}
}

func TestNewCountryByAnyName(t *testing.T) {
	for _, name := range []string{"Turkey", "Türkiye"} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			rel, err := New(root, "country", name, day)
			if err != nil {
				t.Fatal(err)
			}
			if rel != "content/countries/turkiye.md" {
				t.Errorf("New(country, %q) = %q, want content/countries/turkiye.md", name, rel)
			}
			data, err := os.ReadFile(filepath.Join(root, rel))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), `title: "Türkiye"`) {
				t.Errorf("country file does not carry the registry name Türkiye:\n%s", data)
			}
		})
	}
}

func TestNewRefusesToOverwrite(t *testing.T) {
	root := t.TempDir()
	rel, err := New(root, "topic", "Digitalisation", day)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(root, filepath.FromSlash(rel))
	const mine = "---\ntitle: \"Mine\"\n---\n\nhand written\n"
	if err := os.WriteFile(p, []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = New(root, "topic", "Digitalisation", day)
	if err == nil {
		t.Fatal("New over an existing file: no error")
	}
	if !strings.Contains(err.Error(), "already exists") || !strings.Contains(err.Error(), rel) {
		t.Errorf("error = %q, want it to name %s and say it already exists", err, rel)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != mine {
		t.Errorf("existing file was changed:\n%s", data)
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		kind, title string
		want        []string // substrings of the error
	}{
		{"recipe", "Goulash", []string{`unknown kind "recipe"`, "agreement", "page"}},
		{"country", "Hungry", []string{`unknown country "Hungry"`, `did you mean "Hungary"?`}},
		{"page", "!!!", []string{"no letters or digits"}},
	}
	for _, tt := range tests {
		t.Run(tt.kind+"/"+tt.title, func(t *testing.T) {
			root := t.TempDir()
			_, err := New(root, tt.kind, tt.title, day)
			if err == nil {
				t.Fatalf("New(%q, %q): no error", tt.kind, tt.title)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if entries, _ := os.ReadDir(root); len(entries) != 0 {
				t.Errorf("a failed New left files behind: %v", entries)
			}
		})
	}
}

// TestNewFilesBuild is the one that matters most: a file of every kind,
// exactly as New writes it, builds with the repository's templates.
func TestNewFilesBuild(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join("..", "..", "..", "templates"), filepath.Join(dir, "templates"))
	copyTree(t, filepath.Join("..", "..", "..", "static"), filepath.Join(dir, "static"))

	titles := map[string]string{
		"agreement":    "Hungary–Kyrgyzstan training agreement",
		"interview":    "Kecskés talks to Trend",
		"country":      "Turkey",
		"topic":        "Digitalisation",
		"organisation": "World Customs Organization",
		"page":         "How to contribute",
	}
	var made []string
	for _, kind := range Kinds {
		title, ok := titles[kind]
		if !ok {
			t.Fatalf("no title for kind %q in this test", kind)
		}
		rel, err := New(dir, kind, title, day)
		if err != nil {
			t.Fatalf("New(%q): %v", kind, err)
		}
		made = append(made, rel)
	}

	out := filepath.Join(dir, "public")
	sum, err := build.Build(build.Options{Root: dir, Out: out})
	if err != nil {
		var files []string
		for _, rel := range made {
			data, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
			files = append(files, "-- "+rel+" --\n"+string(data))
		}
		t.Fatalf("a site of fresh scaffolds does not build:\n%v\n\n%s", err, strings.Join(files, "\n"))
	}
	if sum.Agreements != 1 || sum.Interviews != 1 {
		t.Errorf("built %d agreements and %d interviews, want 1 and 1", sum.Agreements, sum.Interviews)
	}
	for _, page := range []string{
		"index.html",
		"agreements/hungary-kyrgyzstan-training-agreement/index.html",
		"interviews/kecskes-talks-to-trend/index.html",
		"countries/turkiye/index.html",
		"topics/digitalisation/index.html",
		"how-to-contribute/index.html",
	} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(page))); err != nil {
			var all []string
			filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					r, _ := filepath.Rel(out, p)
					all = append(all, filepath.ToSlash(r))
				}
				return nil
			})
			slices.Sort(all)
			t.Errorf("%s was not built; the output holds:\n%s", page, strings.Join(all, "\n"))
		}
	}
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatalf("copy %s: %v", src, err)
	}
}
