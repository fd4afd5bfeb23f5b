package build

import (
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/export"
	"github.com/cooperation-kb/kb/generator/internal/render"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// themeOnly reports whether, in an Incremental build, only templates or
// the content of static files changed: what pages look like, and nothing
// of the model, which the build reuses. A static file added or removed
// is a path that links may lead to, which the model knows.
func (b *Builder) themeOnly(r *run, reparsed []string) bool {
	if r.mode != Incremental || r.changed == nil || b.mono() == nil || b.signed[b.mono().Lang] == nil || r.errs.Len() > 0 || len(reparsed) > 0 || !r.sameStatic {
		return false
	}
	for c := range r.changed {
		if !strings.HasPrefix(c, render.Dir+"/") && !strings.HasPrefix(c, StaticDir+"/") {
			return false
		}
	}
	return true
}

// rebuildTheme finishes a build in which only templates or static files
// changed, with the model of the build before: it renders every page
// again if a template or the name of a stylesheet or script changed, the
// pages open in a browser first, and copies the static files that
// changed. The feeds and the data export, which no template makes, stay
// as they are; the search index takes the theme's words again.
func (b *Builder) rebuildTheme(r *run) (*Summary, error) {
	s := b.mono()
	sum := summarize([]*site.Site{s})
	jobs := b.tmpls.Jobs(s)
	before := b.signed[s.Lang]
	p := newPlan(r, s, jobs, before)
	p.before = before
	r.mark("sign")
	todo := p.jobs(jobs)
	for c := range r.changed {
		if strings.HasPrefix(c, render.Dir+"/") || !r.sameNames {
			todo = jobs
		}
	}
	if !s.HasFile(export.Path) {
		p.kept = append(p.kept, export.Path)
	}
	if err := b.write(r, []edition{{s: s, tmpls: b.tmpls, outputs: outputs{jobs: todo, all: jobs, plan: p}}}, sum); err != nil {
		b.models = nil
		return nil, err
	}
	b.models[0].jobs = jobs
	return r.finish(sum), nil
}
