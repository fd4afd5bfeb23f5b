package build

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// exported is the data export read back as plain JSON objects by list.
type exported struct {
	Version int
	Site    struct{ BaseURL string }
	Lists   map[string][]map[string]any
}

func readExport(t *testing.T, out string) exported {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "data", "knowledge-base.json"))
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatalf("knowledge-base.json: %v", err)
	}
	var e exported
	if err := json.Unmarshal(raw["version"], &e.Version); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw["site"], &e.Site); err != nil {
		t.Fatal(err)
	}
	e.Lists = map[string][]map[string]any{}
	for _, name := range []string{"agreements", "interviews", "pages", "countries", "topics", "organisations", "people"} {
		var list []map[string]any
		if err := json.Unmarshal(raw[name], &list); err != nil || list == nil {
			t.Fatalf("knowledge-base.json: %s: %v (%s)", name, err, raw[name])
		}
		e.Lists[name] = list
	}
	return e
}

// stringsOf returns the list of strings at field of o, or of the "path" of
// each object there.
func stringsOf(t *testing.T, o map[string]any, field string) []string {
	t.Helper()
	list, ok := o[field].([]any)
	if !ok {
		t.Fatalf("%s: %s is %T, want a list", o["path"], field, o[field])
	}
	var out []string
	for _, v := range list {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case map[string]any:
			out = append(out, v["path"].(string))
		}
	}
	return out
}

// TestDataExportResolves builds the sample site and checks that every
// reference in its data export names an object of the export of the kind
// the field promises, that references and backlinks are each other's
// inverse, and that every object is a page of the site.
func TestDataExportResolves(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Root: repoRoot, Out: out, Now: now}); err != nil {
		t.Fatal(err)
	}
	e := readExport(t, out)
	if e.Version != 2 || e.Site.BaseURL != "https://kb.example.org/" {
		t.Errorf("version %d, baseURL %q", e.Version, e.Site.BaseURL)
	}
	kindOf := map[string]string{}
	for name, list := range e.Lists {
		for _, o := range list {
			p := o["path"].(string)
			if kindOf[p] != "" {
				t.Errorf("%s is both in %s and %s", p, kindOf[p], name)
			}
			kindOf[p] = name
			if o["url"] != e.Site.BaseURL+p {
				t.Errorf("%s: url %v", p, o["url"])
			}
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p), "index.html")); err != nil {
				t.Errorf("%s: not a page of the site: %v", p, err)
			}
		}
	}
	// The fields that refer to other objects, and the lists those must be in.
	fields := map[string]map[string][]string{
		"agreements": {"parties": {"countries", "organisations"}, "references": {"agreements", "interviews", "pages"},
			"backlinks": {"agreements", "interviews", "pages"}, "amends": {"agreements"}, "amendedBy": {"agreements"},
			"supersedes": {"agreements"}, "supersededBy": {"agreements"}, "implements": {"agreements"},
			"implementedBy": {"agreements"}, "parts": {"agreements"}},
		"interviews": {"agreements": {"agreements"}, "references": {"agreements", "interviews", "pages"},
			"backlinks": {"agreements", "interviews", "pages"}},
		"pages": {"references": {"agreements", "interviews", "pages"}, "backlinks": {"agreements", "interviews", "pages"}},
		"countries": {"agreements": {"agreements"}, "interviews": {"interviews"}, "partners": {"countries"}, "topics": {"topics"},
			"organisations": {"organisations"}, "memberships": {"organisations"}, "inForce": {"agreements"},
			"successors": {"countries"}, "predecessors": {"countries"}},
		"topics": {"agreements": {"agreements"}, "interviews": {"interviews"}, "countries": {"countries"}},
		"organisations": {"agreements": {"agreements"}, "interviews": {"interviews"}, "countries": {"countries"},
			"members": {"countries", "organisations"}},
		"people": {"interviews": {"interviews"}, "signed": {"agreements"}, "countries": {"countries"}},
	}
	for _, list := range []string{"agreements", "interviews", "pages"} {
		fields[list]["countries"] = []string{"countries"}
		fields[list]["topics"] = []string{"topics"}
		fields[list]["organisations"] = []string{"organisations"}
	}
	refs, backlinks := map[[2]string]bool{}, map[[2]string]bool{}
	checked := 0
	for name, list := range e.Lists {
		for _, o := range list {
			from := o["path"].(string)
			for field, kinds := range fields[name] {
				for _, to := range stringsOf(t, o, field) {
					checked++
					if !slices.Contains(kinds, kindOf[to]) {
						t.Errorf("%s: %s names %q, which is not among the %v of the export", from, field, to, kinds)
					}
				}
			}
			if name == "agreements" || name == "interviews" || name == "pages" {
				for _, to := range stringsOf(t, o, "references") {
					refs[[2]string{from, to}] = true
				}
				for _, by := range stringsOf(t, o, "backlinks") {
					backlinks[[2]string{by, from}] = true
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d references checked: the sample site has more", checked)
	}
	if len(refs) == 0 || !mapsEqual(refs, backlinks) {
		t.Errorf("references and backlinks are not each other's inverse:\nreferences %v\nbacklinks  %v", refs, backlinks)
	}
	if !refs[[2]string{"interviews/kecskes-trend-2025-hungary-customs-cooperation/", "agreements/hungary-uzbekistan-customs-cooperation/"}] {
		t.Error("the interview does not reference an agreement it discusses")
	}
}

func mapsEqual(a, b map[[2]string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// TestDataExportFollowsBodyEdits edits bodies as an editor does while the
// development server runs: the export is written again when a link
// between pages is added, and left alone when nothing it holds changed.
func TestDataExportFollowsBodyEdits(t *testing.T) {
	s := newSite(t, `
-- config.toml --
baseURL = "https://example.org/"
-- content/agreements/a.md --
---
title: A
signed: 2024-01-02
---
Body of A.
-- content/agreements/b.md --
---
title: B
signed: 2024-03-04
---
Body of B.
`).Running().Build()
	edit := func(body string) *Summary {
		t.Helper()
		sum := s.EditFiles("content/agreements/a.md", "---\ntitle: A\nsigned: 2024-01-02\n---\n"+body).Build().sum
		if sum.Phases[1].Name != "relink" {
			t.Fatalf("a body edit took the %s path, not relink", sum.Phases[1].Name)
		}
		return sum
	}
	const exportPath = "data/knowledge-base.json"
	// The export holds nothing of a body but its links, so an edit that
	// changes none writes A's page, the site's two feeds and the search
	// files of its words, and not the export, whose encoding would cost a
	// large site time on every save.
	if sum := edit("Body of A, reworded.\n"); slices.Contains(sum.Changed, exportPath) {
		t.Errorf("an edit that changes no link rewrote the export: %v", sum.Changed)
	} else if n := sum.Files - countPrefix(sum.Changed, "search/"); n != 3 {
		t.Errorf("an edit that changes no link wrote %d files besides the search index (%v), want 3 (A and the feeds)", n, sum.Changed)
	}
	if sum := edit("Body of A, now linking to [[b]].\n"); !slices.Contains(sum.Changed, exportPath) {
		t.Errorf("an edit that adds a link did not rewrite the export: %v", sum.Changed)
	}
	a := readExport(t, s.out).Lists["agreements"][0]
	if got := stringsOf(t, a, "references"); !slices.Equal(got, []string{"agreements/b/"}) {
		t.Errorf("A references %v, want [agreements/b/]", got)
	}
}

func countPrefix(paths []string, prefix string) int {
	n := 0
	for _, p := range paths {
		if strings.HasPrefix(p, prefix) {
			n++
		}
	}
	return n
}
