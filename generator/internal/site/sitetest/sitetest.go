// Package sitetest makes site models for the tests of the packages that
// read them (feeds, JSON-LD, …), from a site written inline as a txtar
// archive, as a build makes them.
package sitetest

import (
	"html/template"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/cooperation-kb/kb/generator/internal/config"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/country"
	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/markdown"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// Now is the build date of every model New makes, so that what is in the
// future or in force does not depend on the day the tests run.
var Now = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// New makes the model of the files of a txtar archive through config,
// content and site.New, renders every body with its links resolved and
// links the model, as a build does before it writes anything. Any error
// fails the test.
func New(t testing.TB, archive string) *site.Site {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	set, _, err := content.NewLoader(fsys, cfg.MaxFileBytes).Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := site.New(cfg, set, nil, site.Options{Now: Now}, country.Default())
	if err != nil {
		t.Fatal(err)
	}
	md := markdown.New(cfg.AllowHTML)
	var errs diag.List
	for _, d := range s.Docs {
		var buf []byte
		body, err := d.File.ReadBody(fsys, &buf)
		if err != nil {
			t.Fatal(err)
		}
		outline, err := md.Render(d.File.Path, body, d.File.BodyLine, s.Resolver(d), &errs, func(html []byte) {
			d.SetContent(template.HTML(html))
		})
		if err != nil {
			t.Fatal(err)
		}
		d.SetOutline(outline)
	}
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	if err := s.Link(); err != nil {
		t.Fatal(err)
	}
	return s
}
