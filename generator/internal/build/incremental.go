package build

import (
	"errors"
	"hash/maphash"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

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
// only the bodies of files changed, the models are not made again:
// rebuildBodies updates backlinks and anchors, and writes only the pages,
// feeds and search files that show something that changed. When texts of
// front matter that the model only shows changed, such as a title, or the
// terms a page names, or an agreement's status, the model is not made
// again either: rebuildFront puts them in, and writes the files whose
// signature changed (signed.go).

// resolution is one link of a body, its route, and a hash of how it
// resolved (resolvedSum): a server keeps one for every link of the site.
type resolution struct {
	route site.Route
	sum   uint64
}

// resolvedSum hashes what a link resolved to and the error it gave, if
// any: a body whose links all resolve to the same is the same.
func resolvedSum(res markdown.Resolved, msg string) uint64 {
	var h maphash.Hash
	h.SetSeed(resolvedSeed)
	h.WriteString(res.URL)
	h.WriteByte(0)
	h.WriteString(res.Label)
	h.WriteByte(0)
	if res.External {
		h.WriteByte(1)
	}
	h.WriteByte(0)
	h.WriteString(msg)
	return h.Sum64()
}

var resolvedSeed = maphash.MakeSeed()

// recording returns the resolver of d's body, recording each resolution
// in e for replay.
func (e *bodyEntry) recording(s *site.Site, d *site.Doc) markdown.Resolver {
	e.path, e.base = d.Path, s.Config.Base.Path
	return func(l markdown.Link) (markdown.Resolved, error) {
		route := s.Route(d, l)
		res, err := s.Follow(d, &route)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		e.steps = append(e.steps, resolution{route: route, sum: resolvedSum(res, msg)})
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
		if resolvedSum(res, msg) != r.sum {
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

// A kept model is the model of one language of the last build without
// errors, and its pages with the templates of that build.
type keptModel struct {
	s    *site.Site
	jobs []render.Job
	// touched are the documents changed since the model was last
	// signed, by a build of bodies alone: the next signer hashes them
	// again (site.Resigner).
	touched map[*site.Doc]bool
}

// touch adds docs and the documents of pages to what k.touched holds.
func (k *keptModel) touch(docs []*site.Doc, pages []*site.Page) {
	if k.touched == nil {
		k.touched = map[*site.Doc]bool{}
	}
	for _, d := range docs {
		k.touched[d] = true
	}
	for _, p := range pages {
		k.touched[&p.Doc] = true
	}
}

// modelIn returns the model of language lang among models, or nil.
func modelIn(models []keptModel, lang string) *site.Site {
	for _, k := range models {
		if k.s.Lang == lang {
			return k.s
		}
	}
	return nil
}

// keepsModel reports whether the last models may serve a build of set
// after the files at reparsed were parsed again: nothing but Markdown
// files changed (a bundle's image added is a file to copy and a path
// links may lead to), the same files, the last build succeeded, and on
// the same day, as what is in force or published yet depends on the day.
func (b *Builder) keepsModel(r *run, set *content.Set, reparsed []string) bool {
	if r.mode != Incremental || r.reload || r.errs.Len() > 0 || len(b.models) == 0 || len(set.Files) != len(b.files) || len(reparsed) == 0 || !onlyMarkdown(r.changed) {
		return false
	}
	if !b.sameDay(r) {
		return false
	}
	// As many files as before, and every file parsed again was there
	// before: a file added is parsed, and one removed changes the count.
	for _, p := range reparsed {
		if _, ok := b.files[p]; !ok {
			return false
		}
	}
	return true
}

// sameDay reports whether run r builds on the day the kept models were
// made: what is in force or published yet depends on the day, and dates
// are days from midnight UTC.
func (b *Builder) sameDay(r *run) bool {
	return b.models[0].s.Built.UTC().Format(time.DateOnly) == r.now.UTC().Format(time.DateOnly)
}

// editedBodies returns, for each kept model, its documents whose files
// were parsed again with the same front matter, or nil when anything else
// changed (settings, a file added or removed, front matter edited) or the
// build is not Incremental. sets are the files of each language: a file
// is a document of every language that has no translation of it.
func (b *Builder) editedBodies(r *run, set *content.Set, sets map[string]*content.Set, reparsed []string) [][]*site.Doc {
	if !b.keepsModel(r, set, reparsed) {
		return nil
	}
	docs := make([][]*site.Doc, len(b.models))
	files := make([][]*content.File, len(b.models))
	for _, p := range reparsed {
		old, f := b.files[p], findFile(set, p)
		if f == nil || old.Kind != f.Kind || !reflect.DeepEqual(old.Meta, f.Meta) {
			return nil
		}
		found := false
		for i, k := range b.models {
			// A link to a file leads to its translation, which DocOf
			// returns too.
			if d := k.s.DocOf(p); d != nil && d.File.Path == p {
				nf := findFile(sets[k.s.Lang], p)
				if nf == nil {
					return nil
				}
				docs[i], files[i] = append(docs[i], d), append(files[i], nf)
				found = true
			}
		}
		if !found {
			return nil
		}
	}
	for _, p := range reparsed {
		b.files[p] = findFile(set, p)
	}
	for i, k := range b.models {
		for j, d := range docs[i] {
			takeFile(k.s, d, files[i][j])
		}
		if docs[i] == nil {
			// Not nil: the build keeps the model of this language too.
			docs[i] = []*site.Doc{}
		}
	}
	return docs
}

// takeFile makes f, parsed again, the file of d in the model s.
func takeFile(s *site.Site, d *site.Doc, f *content.File) {
	d.File = f
	if p := s.PageOf(d); p != nil {
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

// A frontEdit is what changed in the front matter of the pages of a kept
// model, when only what a kept model takes did (editedFront, withKept).
type frontEdit struct {
	edited   []*site.Page    // the pages whose files were parsed again
	retitled []*site.Page    // of them, those whose title changed
	retag    *site.Retagging // the terms of those whose terms changed
}

// editedFront returns, for each kept model, the edits of its pages whose
// files were parsed again with front matter that differs only in texts
// the model shows but does not index, a title, a summary, a place, a
// source or an outlet, in the countries, topics and organisations they
// name, and in an agreement's status; with the translations of those
// files, which take the source and the status from them. It returns nil
// when anything else changed, or when terms changed in a way the models
// cannot take in place (site.Retag).
//
// Texts decide no URL, no list's order and no term: the models stay, with
// the new texts. A page's title is the label of links to it, so the
// bodies that link to it are rendered again; which pages show it, in
// lists, backlinks, related pages, feeds or the links between languages,
// the signatures say (signed.go).
func (b *Builder) editedFront(r *run, set *content.Set, sets map[string]*content.Set, reparsed []string) []frontEdit {
	if !b.keepsModel(r, set, reparsed) {
		return nil
	}
	type taken struct {
		model int
		p     *site.Page
		f     *content.File
	}
	var takes []taken
	// A translation's path and its original's lead to one document.
	took := map[*site.Page]bool{}
	for _, path := range reparsed {
		old, f := b.files[path], findFile(set, path)
		if f == nil || old.Kind != f.Kind || !keptFront(old.Meta, f.Meta) {
			return nil
		}
		// The warnings of the kept models say where in the file they are.
		if moved(old.Meta, f.Meta) && b.warnsAt(path) {
			return nil
		}
		found := false
		for i, k := range b.models {
			// DocOf returns the translation of the file too.
			d := k.s.DocOf(path)
			if d == nil || d.File.Path != path && (d.File.Original == nil || d.File.Original.Path != path) {
				continue
			}
			p, nf := k.s.PageOf(d), findFile(sets[k.s.Lang], d.File.Path)
			if p == nil || nf == nil {
				return nil
			}
			found = true
			if !took[p] {
				took[p] = true
				takes = append(takes, taken{i, p, nf})
			}
		}
		if !found {
			return nil
		}
	}
	retags := make([][]site.TermEdit, len(b.models))
	for _, t := range takes {
		// Only an agreement has a status.
		if t.f.Meta.Status != t.p.Meta.Status && !t.p.IsAgreement() {
			return nil
		}
		if !sameTerms(t.p.Meta, &t.f.Meta) {
			retags[t.model] = append(retags[t.model], site.TermEdit{Page: t.p, File: t.f})
		}
	}
	edits := make([]frontEdit, len(b.models))
	for i, te := range retags {
		if te == nil {
			continue
		}
		s := b.models[i].s
		rt, ok := s.Retag(te)
		if !ok || b.linkedTo(s, rt.Removed()) {
			return nil
		}
		edits[i].retag = rt
	}
	for _, path := range reparsed {
		b.files[path] = findFile(set, path)
	}
	for _, t := range takes {
		e, s := &edits[t.model], b.models[t.model].s
		if t.f.Meta.Status != t.p.Meta.Status {
			s.Restatus(t.p, &t.f.Meta)
		}
		takeFile(s, &t.p.Doc, t.f)
		e.edited = append(e.edited, t.p)
		if t.f.Meta.Title != t.p.Title {
			e.retitled = append(e.retitled, t.p)
		}
		t.p.Title = t.f.Meta.Title
	}
	return edits
}

// withKept returns a with what a kept model takes from front matter as b
// has it: the texts it shows but does not index (a title, a summary, a
// place, a source, an outlet), the countries, topics and organisations,
// and an agreement's status.
func withKept(a, b content.Meta) content.Meta {
	a.Title, a.Summary, a.Place, a.Source, a.Outlet = b.Title, b.Summary, b.Place, b.Source, b.Outlet
	a.Countries, a.Topics, a.Organisations, a.Status = b.Countries, b.Topics, b.Organisations, b.Status
	return a
}

// keptFront reports whether the front matter a and b differ at most in
// what a kept model takes (withKept), wherever each field was written.
func keptFront(a, b content.Meta) bool {
	a = withKept(a, b)
	return a.SameValues(&b)
}

// moved reports whether a field or an item of the front matter a, with
// the same values as b but for what a kept model takes, is written
// elsewhere in b. The items of terms are left out: no warning is about
// them.
func moved(a, b content.Meta) bool {
	return !reflect.DeepEqual(withKept(a, b), b)
}

// warnsAt reports whether a warning of a kept model is about the file at
// path.
func (b *Builder) warnsAt(path string) bool {
	for _, k := range b.models {
		for _, w := range k.s.Warnings {
			if w.Pos.Path == path {
				return true
			}
		}
	}
	return false
}

// sameTerms reports whether the front matter a and b name the same
// countries, topics and organisations, spelled the same, in the same
// order.
func sameTerms(a, b *content.Meta) bool {
	same := func(x, y content.Item) bool { return x.Text == y.Text }
	return slices.EqualFunc(a.Countries, b.Countries, same) && slices.EqualFunc(a.Topics, b.Topics, same) &&
		slices.EqualFunc(a.Organisations, b.Organisations, same)
}

// rebuildFront finishes a build in which only texts, terms and statuses
// of pages changed (editedFront): it gives the pages their terms, renders their
// bodies and those that link to the retitled ones again, relinks the kept
// models and the links between their languages, and writes the files
// whose signature changed.
func (b *Builder) rebuildFront(r *run, edits []frontEdit) (*Summary, error) {
	sites := make([]*site.Site, len(b.models))
	for i, k := range b.models {
		sites[i] = k.s
	}
	// The terms of each language are theirs alone: on all cores at once.
	var retagged sync.WaitGroup
	for i, e := range edits {
		if e.retag == nil {
			continue
		}
		retagged.Go(func() {
			e.retag.Apply()
			var related sync.WaitGroup
			related.Go(e.retag.Relate)
			// A term's list may have a page more or fewer.
			tmpls := b.templatesIn(sites[i].Lang)
			b.models[i].jobs = tmpls.WithChapters(sites[i], tmpls.Jobs(sites[i]))
			related.Wait()
		})
	}
	if slices.ContainsFunc(edits, func(e frontEdit) bool { return e.retag != nil }) {
		retagged.Wait()
		r.mark("terms")
	}
	relink := make([][]*site.Doc, len(b.models))
	touched := make([]map[*site.Doc]bool, len(b.models))
	for i, s := range sites {
		own, titles := map[int]bool{}, map[int]bool{}
		var docs []*site.Doc
		for _, p := range edits[i].edited {
			own[p.ID] = true
			docs = append(docs, &p.Doc)
		}
		for _, p := range edits[i].retitled {
			titles[p.ID] = true
		}
		for _, d := range s.Docs {
			if own[d.ID] || len(titles) == 0 {
				continue
			}
			if e := b.bodies[s.Prefix+d.File.Path]; e == nil || e.leadsTo(s, titles) {
				docs = append(docs, d)
			}
		}
		b.renderBodies(r, s, docs)
		relink[i] = docs
	}
	r.mark("bodies")
	for i, s := range sites {
		changed, err := s.Relink(relink[i])
		if err != nil {
			r.errs.AddErr(diag.Pos{}, err)
		}
		// A failed build drops the models, and what they touched.
		b.models[i].touch(relink[i], changed)
		touched[i] = b.models[i].touched
	}
	for i, e := range edits {
		if e.retag == nil {
			continue
		}
		docs, ok := e.retag.Touched()
		if !ok {
			// Related pages were picked again for every page.
			clear(touched)
			break
		}
		b.models[i].touch(docs, nil)
	}
	site.LinkTranslations(sites)
	if touched[0] != nil {
		touchTranslations(sites, touched)
	}
	r.mark("relink")
	if err := r.errs.Err(); err != nil {
		b.models = nil
		return nil, err
	}
	sum := summarize(sites)
	// A status can bring a warning that the build before did not have.
	if b.opts.WarningsFatal && len(sum.Warnings) > 0 {
		b.models = nil
		return nil, sum.Warnings
	}
	eds := make([]edition, len(sites))
	for i, s := range sites {
		// The pages of chapters are titled by their document, whose body
		// may have been edited with its front matter.
		b.models[i].jobs = b.templatesIn(s.Lang).WithChapters(s, b.models[i].jobs)
		jobs := b.models[i].jobs
		eds[i] = edition{s: s, tmpls: b.templatesIn(s.Lang), outputs: outputs{jobs: jobs, all: jobs, dataExport: true}}
		eds[i].sign = func(before *signed) *plan { return newPlan(r, s, jobs, before, touched[i]) }
	}
	if err := b.write(r, eds, sum); err != nil {
		b.models = nil
		return nil, err
	}
	for i := range b.models {
		b.models[i].touched = nil
	}
	return r.finish(sum), nil
}

// touchTranslations adds to the documents touched in each site their
// translations in the others, whose links to them show their titles.
func touchTranslations(sites []*site.Site, touched []map[*site.Doc]bool) {
	if len(sites) < 2 {
		return
	}
	keys := map[string]bool{}
	for _, t := range touched {
		for d := range t {
			keys[d.Key] = true
		}
	}
	for i, s := range sites {
		for _, d := range s.AllDocs() {
			if keys[d.Key] {
				touched[i][d] = true
			}
		}
	}
}

// linkedTo reports whether a link of a body of s may lead to a document
// of the IDs in docs.
func (b *Builder) linkedTo(s *site.Site, docs map[int]bool) bool {
	if len(docs) == 0 {
		return false
	}
	for _, d := range s.Docs {
		if e := b.bodies[s.Prefix+d.File.Path]; e == nil || e.leadsTo(s, docs) {
			return true
		}
	}
	return false
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

// errChapters is rebuildBodies' answer when a body it rendered is
// published in other chapters than before, or in chapters titled
// otherwise.
var errChapters = errors.New("the chapters of a body changed")

// rebuildBodies finishes a build in which only the bodies of docs, by
// kept model, changed: it renders them, relinks the models, and writes
// the pages that show them or whose backlinks changed. It returns
// errChapters, having written nothing, if a body it rendered now has
// other pages of chapters or other titles of them.
func (b *Builder) rebuildBodies(r *run, docs [][]*site.Doc) (*Summary, error) {
	for i, k := range b.models {
		before := make([][]string, len(docs[i]))
		for j, d := range docs[i] {
			before[j] = chapterNames(d)
		}
		// The build of the last model succeeded: no other body has a
		// broken link.
		b.renderBodies(r, k.s, docs[i])
		for j, d := range docs[i] {
			if !slices.Equal(before[j], chapterNames(d)) {
				return nil, errChapters
			}
		}
	}
	sites := make([]*site.Site, len(b.models))
	eds := make([]edition, len(b.models))
	for i, k := range b.models {
		s := k.s
		sites[i] = s
		changed, err := s.Relink(docs[i])
		if err != nil {
			r.errs.AddErr(diag.Pos{}, err)
		}
		b.models[i].touch(docs[i], changed)
		// Front matter did not change, so backlinks are all of the data
		// export that can have.
		o := outputs{jobs: jobsShowing(k.jobs, docs[i], changed), edited: docs[i], dataExport: i == 0 && len(changed) > 0}
		eds[i] = edition{s: s, tmpls: b.templatesIn(s.Lang), outputs: o}
	}
	r.mark("relink")
	if err := r.errs.Err(); err != nil {
		b.models = nil
		return nil, err
	}
	sum := summarize(sites)
	if err := b.write(r, eds, sum); err != nil {
		b.models = nil
		return nil, err
	}
	return r.finish(sum), nil
}

// chapterNames lists the paths and titles of the chapters of d's body,
// if any: the pages of its chapters, and what titles them.
func chapterNames(d *site.Doc) []string {
	var out []string
	for _, c := range d.Chapters() {
		out = append(out, c.Path, c.Title)
	}
	return out
}

// jobsShowing returns, of jobs, the pages of a kept model, those to
// render again after the bodies of docs changed: their own and their
// chapters', and those whose backlinks changed.
func jobsShowing(jobs []render.Job, docs []*site.Doc, changed []*site.Page) []render.Job {
	show := map[*site.Doc]bool{}
	for _, d := range docs {
		show[d] = true
	}
	for _, p := range changed {
		show[&p.Doc] = true
	}
	var out []render.Job
	for _, j := range jobs {
		if show[j.Data.Doc] || j.Data.Page != nil && show[&j.Data.Page.Doc] {
			out = append(out, j)
		}
	}
	return out
}

// updateSearch writes the search index of an edition in an Incremental
// build, which keeps it: after an edit of bodies alone it rewrites only
// the files that the edited bodies change; after the model was made
// again, those of the documents whose cards or bodies changed.
func (b *Builder) updateSearch(out output.Sink, e edition) error {
	s := e.s
	write := searchWriter(out, s)
	x := b.search[s.Lang]
	switch {
	case x == nil:
	case e.edited != nil:
		if ok, err := x.Update(e.edited, write); ok || err != nil {
			return err
		}
	case e.plan.partial():
		files, err := x.Refresh(s, e.tmpls.Words(), e.plan.searchChanged, write)
		for _, f := range files {
			e.plan.kept = append(e.plan.kept, s.Prefix+f)
		}
		return err
	}
	x, err := search.New(s, e.tmpls.Words())
	if err != nil {
		return err
	}
	if b.search == nil {
		b.search = map[string]*search.Index{}
	}
	b.search[s.Lang] = x
	return x.WriteAll(write)
}
