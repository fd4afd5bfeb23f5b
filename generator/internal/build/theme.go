package build

import (
	"maps"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/export"
	"github.com/cooperation-kb/kb/generator/internal/render"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// themeOnly reports whether, in an Incremental build, only templates or
// the content of static files changed: what pages look like, and nothing
// of the models, which the build reuses. A static file added or removed
// is a path that links may lead to, which the models know, the titles of
// sections come from the theme's words, and a model of another day has
// other agreements in force.
func (b *Builder) themeOnly(r *run, reparsed []string) bool {
	if r.mode != Incremental || r.changed == nil || len(b.models) == 0 || r.errs.Len() > 0 || len(reparsed) > 0 || !r.sameStatic || !b.sameDay(r) {
		return false
	}
	for c := range r.changed {
		if !strings.HasPrefix(c, render.Dir+"/") && !strings.HasPrefix(c, StaticDir+"/") {
			return false
		}
	}
	for _, k := range b.models {
		if b.signed[k.s.Lang] == nil || !maps.Equal(k.s.SectionTitles(), b.templatesIn(k.s.Lang).SectionTitles()) {
			return false
		}
	}
	return true
}

// rebuildTheme finishes a build in which only templates or static files
// changed, with the models of the build before: it renders every page
// again if a template or the name of a stylesheet or script changed, the
// pages open in a browser first, and copies the static files that
// changed. The feeds and the data export, which no template makes, stay
// as they are; the search indexes take the theme's words again.
func (b *Builder) rebuildTheme(r *run) (*Summary, error) {
	sites := make([]*site.Site, len(b.models))
	eds := make([]edition, len(b.models))
	all := false
	for c := range r.changed {
		all = all || strings.HasPrefix(c, render.Dir+"/") || !r.sameNames
	}
	for i, k := range b.models {
		s, tmpls := k.s, b.templatesIn(k.s.Lang)
		sites[i] = s
		jobs := tmpls.WithChapters(s, tmpls.Jobs(s))
		before := b.signed[s.Lang]
		p := newPlan(r, s, jobs, before, nil)
		p.before = before
		todo := jobs
		if !all {
			todo = p.jobs(jobs)
		}
		if i == 0 && !s.HasFile(export.Path) {
			p.kept = append(p.kept, export.Path)
		}
		eds[i] = edition{s: s, tmpls: tmpls, outputs: outputs{jobs: todo, all: jobs, plan: p}}
	}
	r.mark("sign")
	sum := summarize(sites)
	if err := b.write(r, eds, sum); err != nil {
		b.models = nil
		return nil, err
	}
	for i, e := range eds {
		b.models[i].jobs, b.models[i].touched = e.all, nil
	}
	return r.finish(sum), nil
}
