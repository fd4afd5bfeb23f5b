package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestOpenPagesFirst builds rebuildSite running with A open in a browser,
// retitles A, and checks that the build writes A and tells Early of it
// before it writes the list of agreements, which shows A's title too.
func TestOpenPagesFirst(t *testing.T) {
	s := newSite(t, minimalTemplates+rebuildSite).Running()
	var early []string
	var listThen string
	s.opts.Open = func() []string { return []string{"agreements/a/index.html", "nothing/index.html"} }
	s.opts.Early = func(changed []string) {
		early = changed
		list, _ := os.ReadFile(filepath.Join(s.out, "agreements", "index.html"))
		listThen = string(list)
	}
	s.Build()
	early = nil
	s.ReplaceInFile("content/agreements/a.md", `title: "A"`, `title: "A, retitled"`).Build().
		AssertFile("agreements/index.html", "item=A, retitled|/agreements/a/").
		AssertSameAsFresh()
	if !slices.Equal(early, []string{"agreements/a/index.html"}) {
		t.Errorf("Early was told of %q, want the open page alone", early)
	}
	if !strings.Contains(listThen, "item=A|/agreements/a/") {
		t.Errorf("when A was written, the list of agreements was already written again:\n%s", listThen)
	}
	// A build that does not change the open page tells Early nothing.
	early = nil
	s.ReplaceInFile("content/agreements/b.md", "Body of B.", "Body of B, reworded.").Build().AssertSameAsFresh()
	if early != nil {
		t.Errorf("Early was told of %q after an edit that left the open page as it was", early)
	}
}
