package site

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/config"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/country"
)

// TestRelatedAfterMatchesLink edits a site of 600 pages with few terms at
// random, so that each term lists many more pages than a window, and
// checks after every edit that LinkRelated, given the model before, picks
// the same related pages as Link.
func TestRelatedAfterMatchesLink(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	countries := []string{"Hungary", "Kyrgyzstan", "Uzbekistan"}
	topics := []string{"customs", "training", "transit", "ports"}
	type page struct {
		kind                string
		date                time.Time
		countries, subjects []string
	}
	pages := map[string]*page{}
	add := func(name string) {
		kind := "agreements"
		if r.IntN(3) == 0 {
			kind = "interviews"
		}
		pages["content/"+kind+"/"+name+".md"] = &page{kind, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(3000)),
			pick(r, countries, 1+r.IntN(2)), pick(r, topics, 1+r.IntN(2))}
	}
	for i := range 600 {
		add(fmt.Sprintf("p%03d", i))
	}
	cfg := config.Default()
	model := func() *Site {
		set := &content.Set{}
		for _, name := range slices.Sorted(maps.Keys(pages)) {
			p := pages[name]
			date := "date"
			if p.kind == "agreements" {
				date = "signed"
			}
			f, err := content.Parse(name, fmt.Appendf(nil, "---\ntitle: %s\n%s: %s\ncountries: [%s]\ntopics: [%s]\n---\nBody.\n",
				name, date, p.date.Format("2006-01-02"), strings.Join(p.countries, ", "), strings.Join(p.subjects, ", ")))
			if err != nil {
				t.Fatal(err)
			}
			set.Files = append(set.Files, f)
		}
		s, err := New(cfg, set, nil, Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}, country.Default())
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	old := model()
	if err := old.Link(); err != nil {
		t.Fatal(err)
	}
	for step := range 60 {
		names := slices.Sorted(maps.Keys(pages))
		name := names[r.IntN(len(names))]
		var what string
		switch r.IntN(4) {
		case 0:
			what = "redate " + name
			pages[name].date = pages[name].date.AddDate(0, 0, r.IntN(2000)-1000)
		case 1:
			what = "retag " + name
			pages[name].subjects = pick(r, topics, 1+r.IntN(3))
		case 2:
			what = "remove " + name
			delete(pages, name)
		default:
			what = "add a page"
			add(fmt.Sprintf("n%03d-%d", step, r.IntN(1000)))
		}
		after, fresh := model(), model()
		after.LinkTerms()
		after.LinkRelated(old)
		if err := after.LinkBodies(); err != nil {
			t.Fatal(err)
		}
		if err := fresh.Link(); err != nil {
			t.Fatal(err)
		}
		for i, p := range fresh.Pages {
			got, want := relatedOf(after.Pages[i]), relatedOf(p)
			if got != want {
				t.Fatalf("step %d (%s): %s relates\n%s\nwant\n%s", step, what, p.Path, got, want)
			}
		}
		old = after
	}
}

func relatedOf(p *Page) string {
	var b strings.Builder
	for _, r := range p.Related {
		fmt.Fprintf(&b, "%s %g\n", r.Page.Path, r.Score)
	}
	return b.String()
}

func pick(r *rand.Rand, from []string, n int) []string {
	out := slices.Clone(from)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out[:n]
}
