package corpus

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/build"
)

// TestCorpusBuilds checks that every file of a generated corpus is valid
// content, with the repository's theme, and that the same seed gives the
// same files.
func TestCorpusBuilds(t *testing.T) {
	dir := t.TempDir()
	if err := Site(dir, 200, 1, "../../.."); err != nil {
		t.Fatal(err)
	}
	sum, err := build.Build(build.Options{Root: dir, Out: filepath.Join(dir, "public"), Check: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Agreements != 120 || sum.Interviews != 80 {
		t.Errorf("got %d agreements and %d interviews, want 120 and 80", sum.Agreements, sum.Interviews)
	}
	again := t.TempDir()
	if err := Write(again, 200, 1); err != nil {
		t.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*.md"))
	for _, m := range matches {
		rel, _ := filepath.Rel(dir, m)
		a, _ := os.ReadFile(m)
		b, err := os.ReadFile(filepath.Join(again, rel))
		if err != nil || string(a) != string(b) {
			t.Fatalf("%s differs between two runs with the same seed", rel)
		}
	}
}
