package build

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/export"
	"github.com/cooperation-kb/kb/generator/internal/feed"
	"github.com/cooperation-kb/kb/generator/internal/output"
	"github.com/cooperation-kb/kb/generator/internal/parallel"
	"github.com/cooperation-kb/kb/generator/internal/render"
	"github.com/cooperation-kb/kb/generator/internal/search"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// outputs says what a build writes.
type outputs struct {
	jobs []render.Job // the pages to render
	all  []render.Job // every page of the site
	// edited are the documents whose bodies alone changed, in a partial
	// build that writes only the files that show them; nil in a build
	// that made the model.
	edited []*site.Doc
	// plan, in an Incremental build that made the model, says which
	// files to write (signed.go).
	plan       *plan
	dataExport bool // write the data export
}

// A copyFile is a file copied as it is, from a path in the site to a
// slash path in the output.
type copyFile struct{ from, to string }

// keptBuffer is the most of a page a worker of renderFiles holds in
// memory; the rest is streamed to the file as it is rendered.
var keptBuffer = 1 << 20

// write writes what o says into a new sink: the feeds, the search index
// and the data export, then the pages and the copied files. A build that
// made the model commits, which removes what it neither wrote nor kept.
func (b *Builder) write(r *run, s *site.Site, o outputs, sum *Summary) error {
	made := o.edited == nil
	if made {
		// Templates read again are new, with no fragments to carry
		// over; the same templates reuse those of the documents that did
		// not change.
		var keys []uint64
		if o.plan != nil {
			keys = o.plan.signer.Wholes()
		}
		b.tmpls.ResetCache(s.NumDocs(), keys)
	}
	out, err := b.sink()
	if err != nil {
		return err
	}
	// Until it succeeds, the output is no longer what any signatures say.
	before := b.signed
	b.signed = nil
	jobs, err := b.writeOpen(out, o.jobs)
	if err != nil {
		out.Abort()
		return err
	}
	b.opts.Progress.begin("feeds", 0)
	feeds, err := b.writeIndexes(r, out, s, o)
	if err != nil {
		out.Abort()
		return err
	}
	r.mark("feeds")
	var copies []copyFile
	if made {
		copies = o.plan.copies(b.copies(s))
	}
	b.opts.Progress.begin("pages", len(jobs))
	if err := renderFiles(out, b.fsys, b.tmpls, jobs, copies, b.opts.Progress); err != nil {
		out.Abort()
		return err
	}
	if made {
		if live, ok := out.(*output.Live); ok && o.plan.partial() {
			o.plan.keep(live.Keep)
		}
		if err := out.Commit(); err != nil {
			return err
		}
	}
	r.mark("write")
	b.remember(o, before, feeds)
	sum.Rendered = len(o.jobs)
	sum.Files, sum.Written, sum.Bytes = out.Counts()
	if live, ok := out.(*output.Live); ok {
		sum.Changed = live.Changed()
	}
	return nil
}

// writeOpen renders and writes, into a live folder, the pages of jobs
// that are open in a browser, tells Options.Early what changed, and
// returns the other jobs.
func (b *Builder) writeOpen(out output.Sink, jobs []render.Job) ([]render.Job, error) {
	live, ok := out.(*output.Live)
	if !ok || b.opts.Open == nil {
		return jobs, nil
	}
	open := map[string]bool{}
	for _, p := range b.opts.Open() {
		open[p] = true
	}
	var first, rest []render.Job
	for _, j := range jobs {
		if open[j.Out] {
			first = append(first, j)
		} else {
			rest = append(rest, j)
		}
	}
	if len(first) == 0 {
		return jobs, nil
	}
	if err := renderFiles(out, b.fsys, b.tmpls, first, nil, nil); err != nil {
		return nil, err
	}
	if changed := live.Changed(); len(changed) > 0 && b.opts.Early != nil {
		b.opts.Early(changed)
	}
	return rest, nil
}

// remember keeps, after a build that wrote what o says, the signatures
// of the files of its plan; a build of bodies alone, which signed
// nothing, keeps those from before but for the pages and feeds it wrote.
func (b *Builder) remember(o outputs, before *signed, feeds []string) {
	switch {
	case o.plan != nil:
		b.signed = &signed{signer: o.plan.signer, sums: o.plan.sums}
	case o.edited != nil && before != nil:
		b.signed = before
		for _, j := range o.jobs {
			feeds = append(feeds, j.Out)
		}
		b.forget(feeds)
	}
}

// writeIndexes writes the files that list the site rather than show a
// page: the feeds, the sitemap, the search index and the data export, and
// returns the feeds and sitemap it wrote. The data export, one long
// stream, is written beside the others to take the core they leave idle.
func (b *Builder) writeIndexes(r *run, out output.Sink, s *site.Site, o outputs) ([]string, error) {
	exported := make(chan error, 1)
	go func() { exported <- b.writeExport(r, out, s, o) }()
	feeds, err := writeFeeds(out, s, o)
	if err == nil {
		err = b.writeSearch(r, out, s, o)
	}
	if xerr := <-exported; err == nil {
		err = xerr
	}
	return feeds, err
}

// writeSearch writes the search index, which an Incremental build keeps
// and updates.
func (b *Builder) writeSearch(r *run, out output.Sink, s *site.Site, o outputs) error {
	if r.mode == Incremental {
		return b.updateSearch(out, s, o)
	}
	return search.Write(s, out.Write)
}

// An indexFile is a file that lists the site rather than shows a page.
type indexFile struct {
	path  string
	pages []*site.Page       // the pages a feed lists, newest first
	sign  func(h *site.Hash) // what else it shows, for a plan
	data  func() ([]byte, error)
}

// indexFiles lists the Atom feeds of the site and of every term and the
// site's JSON Feed, and, unless only bodies changed, the sitemap,
// robots.txt and the files the pages use from the generator.
func indexFiles(s *site.Site, o outputs) []indexFile {
	newest := slices.Concat(s.Agreements, s.Interviews)
	slices.SortStableFunc(newest, func(a, b *site.Page) int { return b.Date.Time.Compare(a.Date.Time) })
	var files []indexFile
	// Feeds and the sitemap are made of absolute URLs: without a host in
	// the base URL, they would be invalid.
	absolute := s.Config.Absolute()
	if absolute {
		files = append(files,
			indexFile{"feed.xml", newest, nil, func() ([]byte, error) { return feed.Atom(s, s.Config.Title, "", "feed.xml", newest) }},
			indexFile{"feed.json", newest, nil, func() ([]byte, error) { return feed.JSON(s, "feed.json", newest) }})
	}
	for _, ts := range [][]*site.Term{s.Countries, s.Topics, s.Organisations, s.People} {
		if !absolute {
			break
		}
		for _, t := range ts {
			sign := func(h *site.Hash) { h.String(t.Title) }
			files = append(files, indexFile{t.Path + "feed.xml", t.Pages, sign, func() ([]byte, error) {
				return feed.Atom(s, t.Title+" · "+s.Config.Title, t.Path, t.Path+"feed.xml", t.Pages)
			}})
		}
	}
	if o.edited != nil {
		return files
	}
	var paths []string
	for _, j := range o.all {
		if j.Kind != "404" {
			paths = append(paths, strings.TrimSuffix(j.Out, "index.html"))
		}
	}
	slices.Sort(paths)
	if absolute {
		sign := func(h *site.Hash) {
			for _, p := range paths {
				h.String(p)
			}
			for _, p := range s.Pages {
				h.String(p.Path)
				h.Date(p.Date)
			}
		}
		files = append(files, indexFile{"sitemap.xml", nil, sign, func() ([]byte, error) { return feed.Sitemap(s, paths) }})
	}
	robots := feed.Robots(s)
	files = append(files, indexFile{"robots.txt", nil, func(h *site.Hash) { h.String(string(robots)) }, func() ([]byte, error) { return robots, nil }})
	for _, a := range assets(s) {
		files = append(files, indexFile{a.path, nil, nil, a.data})
	}
	return files
}

// writeFeeds writes, on all cores, the files of indexFiles that o says to
// write: every one in a full build, those that list a page of o.edited
// after bodies changed, those whose signature changed in a partial build
// after the model changed. A file of the same name in static/ wins. It
// returns the paths it wrote.
func writeFeeds(out output.Sink, s *site.Site, o outputs) ([]string, error) {
	isEdited := map[*site.Doc]bool{}
	for _, d := range o.edited {
		isEdited[d] = true
	}
	shows := func(pages []*site.Page) bool {
		for _, p := range feed.Dated(pages) {
			if isEdited[&p.Doc] {
				return true
			}
		}
		return false
	}
	var todo []indexFile
	for _, f := range indexFiles(s, o) {
		switch {
		case s.HasFile(f.path):
		case o.edited != nil:
			if shows(f.pages) {
				todo = append(todo, f)
			}
		case o.plan == nil || o.plan.writes(f.path, o.plan.signFeed(f.path, feed.Dated(f.pages), f.sign)):
			todo = append(todo, f)
		}
	}
	errs := make([]error, len(todo))
	parallel.Each(len(todo), func(i int) {
		body, err := todo[i].data()
		if err != nil {
			errs[i] = fmt.Errorf("%s: %w", todo[i].path, err)
			return
		}
		errs[i] = out.Write(todo[i].path, body)
	})
	paths := make([]string, len(todo))
	for i, f := range todo {
		if errs[i] != nil {
			return nil, errs[i]
		}
		paths[i] = f.path
	}
	return paths, nil
}

// writeExport writes the data export if o says to and no file of static/
// stands in its place. An Incremental build that made the model keeps the
// JSON of every object, and encodes again only those of the documents
// whose page changed.
func (b *Builder) writeExport(r *run, out output.Sink, s *site.Site, o outputs) error {
	if !o.dataExport || s.HasFile(export.Path) {
		return nil
	}
	fill := func(w io.Writer) error { return export.Write(w, s) }
	if r.mode == Incremental && o.plan != nil {
		if b.export == nil {
			b.export = export.NewCache()
		}
		fill = func(w io.Writer) error { return b.export.Write(w, s, o.plan.exportKey) }
	}
	if err := out.Stream(export.Path, fill); err != nil {
		return fmt.Errorf("%s: %w", export.Path, err)
	}
	return nil
}

// copies lists the static files, a fingerprinted stylesheet or script
// under both its names, and the pages' assets.
func (b *Builder) copies(s *site.Site) []copyFile {
	var copies []copyFile
	for _, f := range b.static {
		name := strings.TrimPrefix(f, StaticDir+"/")
		copies = append(copies, copyFile{f, name})
		if out := b.published[name]; out != name && out != "" {
			copies = append(copies, copyFile{f, out})
		}
	}
	for _, p := range s.Pages {
		for _, a := range p.Assets {
			copies = append(copies, copyFile{a, s.AssetPath(p, a)})
		}
	}
	return copies
}

// renderFiles renders jobs and copies files into out, on all cores. A
// template that fails on a page is an error of the site, and the others
// are rendered to find all of them; a file that cannot be written ends
// the build, and that is the error.
func renderFiles(out output.Sink, fsys fs.FS, tmpls *render.Templates, jobs []render.Job, copies []copyFile, progress *Progress) error {
	var errs diag.List
	var failed atomic.Pointer[error]
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			page := output.NewPageWriter(out, keptBuffer)
			for failed.Load() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				page.Begin(jobs[i].Out)
				terr := tmpls.Execute(page, jobs[i])
				if err := page.End(terr); err != nil {
					failed.CompareAndSwap(nil, &err)
				} else if terr != nil {
					errs.AddErr(diag.Pos{Path: render.Dir}, terr)
				}
				progress.add(1)
			}
		})
	}
	wg.Wait()
	if err := failed.Load(); err != nil {
		return *err
	}
	slices.SortFunc(copies, func(a, b copyFile) int { return strings.Compare(a.from, b.from) })
	for _, c := range copies {
		data, err := fs.ReadFile(fsys, c.from)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			errs.Addf(diag.Pos{Path: c.from}, "cannot read: %v", err)
			continue
		}
		if err := out.Write(path.Clean(c.to), data); err != nil {
			return err
		}
	}
	return errs.Err()
}
