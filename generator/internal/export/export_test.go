package export

import (
	"bytes"
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/config"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/country"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// files is a small knowledge base: two agreements, one with dates known
// only to the year and month, an interview that discusses both, a plain
// page and a declared topic and organisation with aliases.
var files = map[string]string{
	"content/agreements/hu-uz.md": `---
title: "Hungary–Uzbekistan customs cooperation"
signed: "2022"
effective: "2022-05"
status: in-force
place: Tashkent
parties: [Hungary, Uzbekistan]
topics: [Customs training]
source: https://example.org/hu-uz
---
Body.
`,
	"content/agreements/hu-ots.md": `---
title: "Hungary & the OTS"
signed: 2018-10-15
parties: [Hungary, OTS]
---
Body.
`,
	"content/interviews/kecskes.md": `---
title: "An interview"
date: 2025-02-24
interviewee: Zsuzsa Kecskes
role: Deputy Head
organisation: NTCA
outlet: Trend
countries: [Hungary]
agreements: [hu-uz, hu-ots]
---
Body.
`,
	"content/about.md":                   "---\ntitle: About\n---\nBody.\n",
	"content/topics/customs-training.md": "---\ntitle: Customs training\ndescription: Training of officials.\naliases: [Training]\n---\n",
	"content/organisations/ots.md":       "---\ntitle: Organization of Turkic States\naliases: [OTS]\n---\n",
}

func newSite(t *testing.T) *site.Site {
	t.Helper()
	cfg := config.Default()
	if err := cfg.SetBaseURL("https://example.org/kb/"); err != nil {
		t.Fatal(err)
	}
	set := &content.Set{}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		f, err := content.Parse(p, []byte(files[p]))
		if err != nil {
			t.Fatalf("content.Parse(%s): %v", p, err)
		}
		set.Files = append(set.Files, f)
	}
	s, err := site.New(cfg, set, nil, site.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}, country.Default())
	if err != nil {
		t.Fatalf("site.New: %v", err)
	}
	if err := s.Link(); err != nil {
		t.Fatalf("Link: %v", err)
	}
	return s
}

func TestWrite(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, newSite(t)); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version       int
		Generator     string
		Site          map[string]string
		Agreements    []map[string]any
		Interviews    []map[string]any
		Pages         []map[string]any
		Countries     []map[string]any
		Topics        []map[string]any
		Organisations []map[string]any
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b.Bytes())
	}
	if doc.Version != Version || doc.Generator != Generator {
		t.Errorf("version %d, generator %q", doc.Version, doc.Generator)
	}
	if want := map[string]string{"title": "Cooperation Knowledge Base", "baseURL": "https://example.org/kb/", "language": "en"}; !reflect.DeepEqual(doc.Site, want) {
		t.Errorf("site = %v, want %v", doc.Site, want)
	}

	check := func(what string, got map[string]any, want map[string]any) {
		t.Helper()
		for k, w := range want {
			g, _ := json.Marshal(got[k])
			wj, _ := json.Marshal(w)
			if !bytes.Equal(g, wj) {
				t.Errorf("%s: %s = %s, want %s", what, k, g, wj)
			}
		}
	}
	if len(doc.Agreements) != 2 || len(doc.Interviews) != 1 || len(doc.Pages) != 1 {
		t.Fatalf("%d agreements, %d interviews, %d pages", len(doc.Agreements), len(doc.Interviews), len(doc.Pages))
	}
	// Objects come in path order, and dates as precise as they were written.
	check("agreement", doc.Agreements[1], map[string]any{
		"path": "agreements/hu-uz/", "slug": "hu-uz", "title": "Hungary–Uzbekistan customs cooperation",
		"url": "https://example.org/kb/agreements/hu-uz/", "signed": "2022", "effective": "2022-05",
		"status": "in-force", "place": "Tashkent", "source": "https://example.org/hu-uz",
		"parties":       []string{"countries/hungary/", "countries/uzbekistan/"},
		"countries":     []string{"countries/hungary/", "countries/uzbekistan/"},
		"topics":        []string{"topics/customs-training/"},
		"organisations": []string{},
		"references":    []string{},
		"backlinks":     []string{"interviews/kecskes/"},
	})
	check("agreement", doc.Agreements[0], map[string]any{
		"path": "agreements/hu-ots/", "title": "Hungary & the OTS", "signed": "2018-10-15",
		"parties":       []string{"countries/hungary/", "organisations/ots/"},
		"organisations": []string{"organisations/ots/"},
	})
	if _, ok := doc.Agreements[0]["effective"]; ok {
		t.Error("an agreement without effective has the field")
	}
	check("interview", doc.Interviews[0], map[string]any{
		"path": "interviews/kecskes/", "date": "2025-02-24", "interviewee": "Zsuzsa Kecskes", "role": "Deputy Head",
		"organisation": "NTCA", "outlet": "Trend",
		"agreements": []string{"agreements/hu-uz/", "agreements/hu-ots/"},
		// References are backlinks inverted, so in path order.
		"references": []string{"agreements/hu-ots/", "agreements/hu-uz/"},
		"backlinks":  []string{},
	})
	check("page", doc.Pages[0], map[string]any{"path": "about/", "title": "About", "references": []string{}})

	if len(doc.Countries) != 2 {
		t.Fatalf("%d countries, want Hungary and Uzbekistan", len(doc.Countries))
	}
	check("country", doc.Countries[0], map[string]any{
		"path": "countries/hungary/", "slug": "hungary", "name": "Hungary", "alpha2": "HU", "alpha3": "HUN",
		"url":           "https://example.org/kb/countries/hungary/",
		"agreements":    []string{"agreements/hu-uz/", "agreements/hu-ots/"},
		"interviews":    []string{"interviews/kecskes/"},
		"partners":      []map[string]any{{"path": "countries/uzbekistan/", "count": 1}},
		"topics":        []map[string]any{{"path": "topics/customs-training/", "count": 1}},
		"organisations": []map[string]any{{"path": "organisations/ots/", "count": 1}},
	})
	check("topic", doc.Topics[0], map[string]any{
		"path": "topics/customs-training/", "name": "Customs training", "description": "Training of officials.",
		"aliases": []string{"Training"}, "agreements": []string{"agreements/hu-uz/"}, "interviews": []string{},
		"countries": []map[string]any{{"path": "countries/hungary/", "count": 1}, {"path": "countries/uzbekistan/", "count": 1}},
	})
	check("organisation", doc.Organisations[0], map[string]any{"path": "organisations/ots/", "aliases": []string{"OTS"}})

	// One object a line, so that a diff of two exports shows what changed.
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if want := 3 + 7 + 8; len(lines) != want {
		t.Errorf("%d lines, want %d (version, generator, site, then each list and each object):\n%s", len(lines), want, b.String())
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := Write(&a, newSite(t)); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, newSite(t)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("two exports of the same site differ:\n%s\n%s", a.Bytes(), b.Bytes())
	}
}

// TestCache writes the document through a cache: the same bytes as
// Write; an object whose key is the same is not encoded again, even if
// its item changed; and one whose key changed is.
func TestCache(t *testing.T) {
	s := newSite(t)
	var want, got bytes.Buffer
	if err := Write(&want, s); err != nil {
		t.Fatal(err)
	}
	keys := map[string]uint64{}
	key := func(path string) (uint64, bool) { k, ok := keys[path]; return k, ok }
	for _, p := range s.Pages {
		keys[p.Path] = 1
	}
	c := NewCache()
	var last []byte
	write := func() string {
		t.Helper()
		got.Reset()
		if err := c.Write(&got, bytes.NewReader(last), int64(len(last)), s, key); err != nil {
			t.Fatal(err)
		}
		last = bytes.Clone(got.Bytes())
		return got.String()
	}
	if write() != want.String() || write() != want.String() {
		t.Fatalf("through the cache:\n%s\nwant:\n%s", got.String(), want.String())
	}
	about := s.PageOf(s.DocOf("content/about.md"))
	about.Title = "Retitled"
	if out := write(); !strings.Contains(out, `"title":"About"`) || strings.Contains(out, "Retitled") {
		t.Errorf("an object of the same key was encoded again:\n%s", out)
	}
	keys[about.Path] = 2
	if out := write(); !strings.Contains(out, `"title":"Retitled"`) {
		t.Errorf("an object whose key changed was not encoded again:\n%s", out)
	}
	// Terms have no key here: they are always encoded.
	for _, tm := range s.Topics {
		tm.Description = "Described again."
	}
	if out := write(); !strings.Contains(out, "Described again.") {
		t.Errorf("an object without a key came from the cache:\n%s", out)
	}
	// The cached objects are copied from the last document: one of
	// another size is not it, and every object is encoded again.
	about.Title = "Retitled twice"
	last = append(last, ' ')
	if out := write(); !strings.Contains(out, `"title":"Retitled twice"`) {
		t.Errorf("the objects were copied from a document of another size:\n%s", out)
	}
	// One that cannot be read fails the document, and the cache forgets
	// it.
	got.Reset()
	if err := c.Write(&got, bytes.NewReader(last[:10]), int64(len(last)), s, key); err == nil {
		t.Error("a document whose objects could not be copied was written")
	}
	about.Title = "Retitled thrice"
	if out := write(); !strings.Contains(out, `"title":"Retitled thrice"`) {
		t.Errorf("after a failed document, objects came from the cache:\n%s", out)
	}
}
