package build

import (
	"reflect"
	"slices"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/markdown"
	"github.com/cooperation-kb/kb/generator/internal/output"
	"github.com/cooperation-kb/kb/generator/internal/render"
	"github.com/cooperation-kb/kb/generator/internal/search"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// An Incremental builder builds again after every change, as the
// development server does, and keeps what did not change; a build after
// any sequence of changes gives the same files, byte for byte, as a fresh
// build.
//
// Content files are parsed again only when they changed. A body is
// rendered again only when its file changed or one of its links now
// resolves differently: otherwise its recorded link resolutions are
// replayed, which also restores its links for backlinks and checks. When
// only the bodies of files changed, the model is not made again:
// rebuildBodies updates backlinks and anchors, and writes only the pages,
// feeds and search files that show something that changed.

// resolution is one link of a body, its route, and how it resolved.
type resolution struct {
	route site.Route
	res   markdown.Resolved
	err   string
}

// recording returns the resolver of d's body, recording each resolution
// in e for replay.
func (e *bodyEntry) recording(s *site.Site, d *site.Doc) markdown.Resolver {
	e.path, e.base = d.Path, s.Config.Base.Path
	return func(l markdown.Link) (markdown.Resolved, error) {
		route := s.Route(d, l)
		res, err := s.Follow(d, &route)
		r := resolution{route: route, res: res}
		if err != nil {
			r.err = err.Error()
		}
		e.steps = append(e.steps, r)
		return res, err
	}
}

// replay resolves the links of an unchanged body again; if each resolves
// as before, the rendered body is still right. A link is read again only
// if the body's page moved or the base URL changed, which change where
// its relative links lead.
func replay(s *site.Site, d *site.Doc, e *bodyEntry, errs *diag.List) bool {
	s.ClearLinks(d)
	same := e.path == d.Path && e.base == s.Config.Base.Path
	var found []*diag.Error
	for i := range e.steps {
		r := &e.steps[i]
		if !same {
			r.route = s.Route(d, r.route.Link())
		}
		res, err := s.Follow(d, &r.route)
		msg := ""
		if err != nil {
			msg = err.Error()
			found = append(found, &diag.Error{Pos: r.route.Link().Pos, Msg: msg})
		}
		if res != r.res || msg != r.err {
			s.ClearLinks(d)
			return false
		}
	}
	for _, e := range found {
		errs.Add(e)
	}
	e.path, e.base = d.Path, s.Config.Base.Path
	return true
}

// rememberFiles keeps the content files of the model an Incremental build
// is making, for the next build to compare with.
func (b *Builder) rememberFiles(r *run, set *content.Set) {
	if r.mode != Incremental {
		return
	}
	b.files = make(map[string]*content.File, len(set.Files))
	for _, f := range set.Files {
		b.files[f.Path] = f
	}
}

// keepsModel reports whether the last model may serve a build of set
// after the files at reparsed were parsed again: nothing but content
// files changed, the same files, and the last build succeeded.
func (b *Builder) keepsModel(r *run, set *content.Set, reparsed []string) bool {
	if r.mode != Incremental || r.reload || r.errs.Len() > 0 || b.last == nil || b.cfg.Multilingual() || len(set.Files) != len(b.files) || len(reparsed) == 0 {
		return false
	}
	for _, f := range set.Files {
		if _, ok := b.files[f.Path]; !ok {
			return false
		}
	}
	return true
}

// editedBodies returns the documents of the last model whose files were
// parsed again with the same front matter, or nil when anything else
// changed (settings, a file added or removed, front matter edited) or the
// build is not Incremental.
func (b *Builder) editedBodies(r *run, set *content.Set, reparsed []string) []*site.Doc {
	if !b.keepsModel(r, set, reparsed) {
		return nil
	}
	var docs []*site.Doc
	for _, p := range reparsed {
		old, f := b.files[p], findFile(set, p)
		d := b.last.DocOf(p)
		if f == nil || d == nil || old.Kind != f.Kind || !reflect.DeepEqual(old.Meta, f.Meta) {
			return nil
		}
		docs = append(docs, d)
	}
	for _, d := range docs {
		b.takeFile(d, findFile(set, d.File.Path))
	}
	return docs
}

// takeFile makes f, parsed again, the file of d in the last model.
func (b *Builder) takeFile(d *site.Doc, f *content.File) {
	b.files[f.Path] = f
	d.File = f
	if p := b.last.PageOf(d); p != nil {
		p.Meta = &f.Meta
	}
}

func findFile(set *content.Set, p string) *content.File {
	i, ok := slices.BinarySearchFunc(set.Files, p, func(f *content.File, p string) int { return strings.Compare(f.Path, p) })
	if !ok {
		return nil
	}
	return set.Files[i]
}

// editedTexts returns the pages of the last model whose files were parsed
// again with front matter that differs only in texts the model does not
// index but only shows, a title, a summary, a place, a source or an
// outlet, each where it was (a line added or removed moves what follows);
// or nil when anything else changed.
//
// Those texts decide no URL, no list's order and no term: the model
// stays, with the new texts. A page's title is the label of links to it,
// so the bodies that link to it are rendered again; which pages show it,
// in lists, backlinks, related pages or feeds, the signatures say
// (signed.go).
func (b *Builder) editedTexts(r *run, set *content.Set, reparsed []string) []*site.Page {
	if !b.keepsModel(r, set, reparsed) {
		return nil
	}
	var pages []*site.Page
	for _, path := range reparsed {
		old, f := b.files[path], findFile(set, path)
		d := b.last.DocOf(path)
		if f == nil || d == nil || old.Kind != f.Kind {
			return nil
		}
		p := b.last.PageOf(d)
		if p == nil || !textsOnly(old.Meta, f.Meta) {
			return nil
		}
		pages = append(pages, p)
	}
	for _, p := range pages {
		f := findFile(set, p.File.Path)
		b.takeFile(&p.Doc, f)
		p.Title = f.Meta.Title
	}
	return pages
}

// textsOnly reports whether the front matter a and b differ at most in
// the texts of a page that the model shows but does not index.
func textsOnly(a, b content.Meta) bool {
	a.Title, a.Summary, a.Place, a.Source, a.Outlet = b.Title, b.Summary, b.Place, b.Source, b.Outlet
	return reflect.DeepEqual(a, b)
}

// rebuildTexts finishes a build in which only texts of pages changed
// (editedTexts): it renders their bodies and those that link to them
// again, relinks the last model, and writes the files whose signature
// changed.
func (b *Builder) rebuildTexts(r *run, pages []*site.Page) (*Summary, error) {
	s := b.last
	retitled := map[int]bool{}
	var docs []*site.Doc
	for _, p := range pages {
		retitled[p.ID] = true
		docs = append(docs, &p.Doc)
	}
	for _, d := range s.Docs {
		if e := b.bodies[d.File.Path]; e != nil && !retitled[d.ID] && e.leadsTo(s, retitled) {
			docs = append(docs, d)
		}
	}
	b.renderBodies(r, s, docs)
	r.mark("bodies")
	if _, err := s.Relink(docs); err != nil {
		r.errs.AddErr(diag.Pos{}, err)
	}
	r.mark("relink")
	if err := r.errs.Err(); err != nil {
		b.last = nil
		return nil, err
	}
	sum := summarize([]*site.Site{s})
	e := edition{s: s, tmpls: b.tmpls, outputs: outputs{jobs: b.lastJobs, all: b.lastJobs, dataExport: true}}
	e.sign = func(before *signed) *plan {
		p := newPlan(r, s, e.all, before)
		r.mark("sign")
		return p
	}
	if err := b.write(r, []edition{e}, sum); err != nil {
		b.last = nil
		return nil, err
	}
	return r.finish(sum), nil
}

// leadsTo reports whether a link of the body of e may lead to a document
// of s of the IDs in docs.
func (e *bodyEntry) leadsTo(s *site.Site, docs map[int]bool) bool {
	for i := range e.steps {
		if id, ok := s.Target(e.steps[i].route); !ok || docs[id] {
			return true
		}
	}
	return false
}

// rebuildBodies finishes a build in which only the bodies of docs
// changed: it renders them, relinks the last model, and writes the pages
// that show them or whose backlinks changed.
func (b *Builder) rebuildBodies(r *run, docs []*site.Doc) (*Summary, error) {
	s := b.last
	// The build of the last model succeeded: no other body has a broken
	// link.
	b.renderBodies(r, s, docs)
	changed, err := s.Relink(docs)
	if err != nil {
		r.errs.AddErr(diag.Pos{}, err)
	}
	r.mark("relink")
	if err := r.errs.Err(); err != nil {
		b.last = nil
		return nil, err
	}
	sum := summarize([]*site.Site{s})
	// Front matter did not change, so backlinks are all of the data
	// export that can have.
	o := outputs{jobs: b.jobsShowing(docs, changed), edited: docs, dataExport: len(changed) > 0}
	if err := b.write(r, []edition{{s: s, tmpls: b.tmpls, outputs: o}}, sum); err != nil {
		b.last = nil
		return nil, err
	}
	return r.finish(sum), nil
}

// jobsShowing returns, of the pages of the last model, those to render
// again after the bodies of docs changed: their own, and those whose
// backlinks changed.
func (b *Builder) jobsShowing(docs []*site.Doc, changed []*site.Page) []render.Job {
	show := map[*site.Doc]bool{}
	for _, d := range docs {
		show[d] = true
	}
	for _, p := range changed {
		show[&p.Doc] = true
	}
	var jobs []render.Job
	for _, j := range b.lastJobs {
		if show[j.Data.Doc] {
			jobs = append(jobs, j)
		}
	}
	return jobs
}

// updateSearch writes the search index of an Incremental build, which
// keeps it: after an edit of bodies alone it rewrites only the files that
// the edited bodies change; after the model was made again, those of the
// documents whose cards or bodies changed.
func (b *Builder) updateSearch(out output.Sink, s *site.Site, o outputs) error {
	switch {
	case b.search == nil:
	case o.edited != nil:
		if ok, err := b.search.Update(o.edited, out.Write); ok || err != nil {
			return err
		}
	case o.plan.partial():
		files, err := b.search.Refresh(s, b.tmpls.Words(), o.plan.searchChanged, out.Write)
		o.plan.kept = append(o.plan.kept, files...)
		return err
	}
	x, err := search.New(s, b.tmpls.Words())
	if err != nil {
		return err
	}
	b.search = x
	return x.WriteAll(out.Write)
}
