package site

import (
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/config"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/country"
	"github.com/cooperation-kb/kb/generator/internal/markdown"
)

// TestRetagNumbersNewTermsAfterTheDocuments gives a page a topic no page
// named before: the model takes it in place, numbered after its
// documents, and the routes followed before still lead to their documents
// without being looked up again, while a route followed to the new topic
// is looked up again in a model that does not have it.
func TestRetagNumbersNewTermsAfterTheDocuments(t *testing.T) {
	parse := func(name, src string) *content.File {
		f, err := content.Parse(name, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	training := parse("content/agreements/training.md", "---\ntitle: Training\nsigned: 2024-11-06\ncountries: [Hungary]\ntopics: [customs]\n---\nText.\n")
	talk := parse("content/interviews/talk.md", "---\ntitle: Talk\ndate: 2025-02-24\ncountries: [Hungary]\n---\nText.\n")
	model := func() *Site {
		s, err := New(config.Default(), &content.Set{Files: []*content.File{training, talk}}, nil,
			Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, country.Default())
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Link(); err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := model()
	d := s.DocOf(talk.Path)
	follow := func(s *Site, dest string) Route {
		t.Helper()
		r := s.Route(d, markdown.Link{Dest: dest})
		if _, err := s.Follow(d, &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	toTraining, toCustoms := follow(s, "/agreements/training/"), follow(s, "/topics/customs/")
	ids := map[string]int{}
	for _, d := range s.byID {
		ids[d.Path] = d.ID
	}
	n := s.NumDocs()

	edited := parse(talk.Path, "---\ntitle: Talk\ndate: 2025-02-24\ncountries: [Hungary]\ntopics: [Digital trade, customs]\n---\nText.\n")
	rt, ok := s.Retag([]TermEdit{{Page: s.PageOf(d), File: edited}})
	if !ok {
		t.Fatal("Retag refused a topic no page named before")
	}
	rt.Apply()
	rt.Relate()
	if s.NumDocs() != n+1 {
		t.Errorf("%d documents, want %d", s.NumDocs(), n+1)
	}
	for _, d := range s.byID[:n] {
		if d.ID != ids[d.Path] {
			t.Errorf("%s is numbered %d, was %d", d.Path, d.ID, ids[d.Path])
		}
	}
	var titles []string
	for _, topic := range s.Topics {
		titles = append(titles, topic.Title)
	}
	if got := s.byPath["topics/digital-trade/"]; got == nil || got.ID != n || len(titles) != 2 || titles[0] != "Customs" || titles[1] != "Digital trade" {
		t.Fatalf("topics %q, the new one at %v, want it listed second and numbered %d", titles, got, n)
	}
	for _, r := range []Route{toTraining, toCustoms} {
		if id, ok := s.Target(r); !ok || id != ids[s.byID[id].Path] {
			t.Errorf("the route to %s: Target = %d, %v; want it followed to the same document", r.link.Dest, id, ok)
		}
	}
	toNew := follow(s, "/topics/digital-trade/")
	if id, ok := s.Target(toNew); !ok || id != n {
		t.Errorf("the route to the new topic: Target = %d, %v; want %d, true", id, ok, n)
	}

	// The model made again from the files as they were has the
	// documents of the model before the new topic, numbered alike.
	again := model()
	if _, ok := again.Target(toNew); ok {
		t.Error("a route to the new topic is followed without a lookup in a model without it")
	}
	if id, ok := again.Target(toTraining); !ok || id != ids["agreements/training/"] {
		t.Errorf("the route to the training agreement: Target = %d, %v in the model made again", id, ok)
	}
}

// TestRetagRefusesATermAWikiLinkWouldFind names first a topic whose slug
// is that of a page a wiki link [[slug]] finds among the terms' paths: in
// a language other than the default, a page written in the default one
// under its folder, such as content/hu/countries/foo.md. A new model
// would find the link ambiguous, so the kept model cannot take the topic.
func TestRetagRefusesATermAWikiLinkWouldFind(t *testing.T) {
	cfg := config.Default()
	cfg.DefaultLanguage = "en"
	cfg.Languages = map[string]config.Language{"en": {}, "hu": {}}
	var files []*content.File
	for name, src := range map[string]string{
		"content/hu/countries/foo.md": "---\ntitle: Foo\n---\nText.\n",
		"content/interviews/talk.md":  "---\ntitle: Talk\ndate: 2025-02-24\ncountries: [Hungary]\n---\nSee [[Foo]].\n",
	} {
		f, err := content.Parse(name, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	s, err := New(cfg.In("hu"), &content.Set{Files: files}, nil, Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, country.Default())
	if err != nil {
		t.Fatal(err)
	}
	d := s.DocOf("content/interviews/talk.md")
	edited, err := content.Parse(d.File.Path, []byte("---\ntitle: Talk\ndate: 2025-02-24\ncountries: [Hungary]\ntopics: [foo]\n---\nSee [[Foo]].\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Retag([]TermEdit{{Page: s.PageOf(d), File: edited}}); ok {
		t.Error("Retag took a topic at the path of a page that [[Foo]] finds")
	}
}
