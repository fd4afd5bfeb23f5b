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
	// edited are the documents whose bodies alone changed, in a partial
	// build that writes only the files that show them; nil in a full
	// build, which writes every file.
	edited     []*site.Doc
	dataExport bool // write the data export
}

// A copyFile is a file copied as it is, from a path in the site to a
// slash path in the output.
type copyFile struct{ from, to string }

// keptBuffer is the most of a page a worker of renderFiles holds in
// memory; the rest is streamed to the file as it is rendered.
var keptBuffer = 1 << 20

// write writes what o says into a new sink: the feeds, the search index
// and the data export, then the pages and, in a full build, the copied
// files. A full build commits, which removes what it did not write.
func (b *Builder) write(r *run, s *site.Site, o outputs, sum *Summary) error {
	full := o.edited == nil
	if full {
		b.tmpls.ResetCache(s.NumDocs())
	}
	out, err := b.sink()
	if err != nil {
		return err
	}
	b.opts.Progress.begin("feeds", 0)
	if err := b.writeIndexes(r, out, s, o); err != nil {
		out.Abort()
		return err
	}
	r.mark("feeds")
	var copies []copyFile
	if full {
		copies = b.copies(s)
	}
	b.opts.Progress.begin("pages", len(o.jobs))
	if err := renderFiles(out, b.fsys, b.tmpls, o.jobs, copies, b.opts.Progress); err != nil {
		out.Abort()
		return err
	}
	if full {
		if err := out.Commit(); err != nil {
			return err
		}
	}
	r.mark("write")
	sum.Rendered = len(o.jobs)
	sum.Files, sum.Written, sum.Bytes = out.Counts()
	if live, ok := out.(*output.Live); ok {
		sum.Changed = live.Changed()
	}
	return nil
}

// writeIndexes writes the files that list the site rather than show a
// page: the feeds, the sitemap, the search index and the data export. The
// data export, one long stream, is written beside the others to take the
// core they leave idle.
func (b *Builder) writeIndexes(r *run, out output.Sink, s *site.Site, o outputs) error {
	exported := make(chan error, 1)
	go func() { exported <- writeExport(out, s, o.dataExport) }()
	err := writeFeeds(out, s, o.jobs, o.edited)
	if err == nil {
		err = b.writeSearch(r, out, s, o.edited)
	}
	if xerr := <-exported; err == nil {
		err = xerr
	}
	return err
}

// writeSearch writes the search index, which an Incremental build keeps
// and updates.
func (b *Builder) writeSearch(r *run, out output.Sink, s *site.Site, edited []*site.Doc) error {
	if r.mode == Incremental {
		return b.updateSearch(out, s, edited)
	}
	return search.Write(s, out.Write)
}

// writeFeeds writes the Atom feeds of the site and of every term and the
// site's JSON Feed, on all cores; in a full build (edited is nil, and jobs
// are every page), the sitemap and robots.txt. A partial build writes only
// the feeds that show a page of edited, the others being as they were. A
// file of the same name in static/ wins.
func writeFeeds(out output.Sink, s *site.Site, jobs []render.Job, edited []*site.Doc) error {
	type file struct {
		path  string
		pages []*site.Page // the pages whose feed it is
		data  func() ([]byte, error)
	}
	newest := slices.Concat(s.Agreements, s.Interviews)
	slices.SortStableFunc(newest, func(a, b *site.Page) int { return b.Date.Time.Compare(a.Date.Time) })
	var files []file
	// Feeds and the sitemap are made of absolute URLs: without a host in
	// the base URL, they would be invalid.
	absolute := s.Config.Absolute()
	if absolute {
		files = append(files,
			file{"feed.xml", newest, func() ([]byte, error) { return feed.Atom(s, s.Config.Title, "", "feed.xml", newest) }},
			file{"feed.json", newest, func() ([]byte, error) { return feed.JSON(s, "feed.json", newest) }})
	}
	for _, ts := range [][]*site.Term{s.Countries, s.Topics, s.Organisations, s.People} {
		if !absolute {
			break
		}
		for _, t := range ts {
			files = append(files, file{t.Path + "feed.xml", t.Pages, func() ([]byte, error) {
				return feed.Atom(s, t.Title+" · "+s.Config.Title, t.Path, t.Path+"feed.xml", t.Pages)
			}})
		}
	}
	full := edited == nil
	if full {
		var paths []string
		for _, j := range jobs {
			if j.Kind != "404" {
				paths = append(paths, strings.TrimSuffix(j.Out, "index.html"))
			}
		}
		slices.Sort(paths)
		if absolute {
			files = append(files, file{"sitemap.xml", nil, func() ([]byte, error) { return feed.Sitemap(s, paths) }})
		}
		files = append(files, file{"robots.txt", nil, func() ([]byte, error) { return feed.Robots(s), nil }})
		for _, a := range assets(s) {
			files = append(files, file{a.path, nil, a.data})
		}
	}
	isEdited := map[*site.Doc]bool{}
	for _, d := range edited {
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
	var todo []file
	for _, f := range files {
		if !s.HasFile(f.path) && (full || shows(f.pages)) {
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
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// writeExport writes the data export if data is set and no file of
// static/ stands in its place.
func writeExport(out output.Sink, s *site.Site, data bool) error {
	if !data || s.HasFile(export.Path) {
		return nil
	}
	if err := out.Stream(export.Path, func(w io.Writer) error { return export.Write(w, s) }); err != nil {
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
