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
	all  []render.Job // every page of the edition
	// edited are the documents whose bodies alone changed, in a partial
	// build that writes only the files that show them, empty if none of
	// this edition's did; nil in a build that signs the site or writes it
	// whole.
	edited []*site.Doc
	// plan, in an Incremental build that signed the edition, says which
	// of its files to write (signed.go).
	plan       *plan
	dataExport bool // write the data export
}

// A copyFile is a file copied as it is, from a path in the site to a
// slash path in the output.
type copyFile struct{ from, to string }

// keptBuffer is the most of a page a worker of renderFiles holds in
// memory; the rest is streamed to the file as it is rendered.
var keptBuffer = 1 << 20

// An edition is the site in one of its languages: its model, its
// templates and what a build writes of it. A site in one language is one
// edition; the default language's is always the first.
type edition struct {
	s     *site.Site
	tmpls *render.Templates
	outputs
	// sign, if set, signs the edition once its open pages are written,
	// for a plan after the build that wrote what before says (signed.go).
	sign    func(before *signed) *plan
	carried bool // its templates have the keys of its documents
}

// write writes what the editions say into a new sink: the pages open in a
// browser, then the feeds, the search index and the data export, and the
// pages and, but after bodies alone changed, the copied files and the
// files of the whole site (sitemap, robots.txt, flags, map). Such a build
// commits, which removes what it neither wrote nor kept.
func (b *Builder) write(r *run, eds []edition, sum *Summary) error {
	made := eds[0].edited == nil
	if made {
		for _, e := range eds {
			e.tmpls.ResetCache(e.s.NumDocs())
		}
		b.carry(eds)
	}
	out, err := b.sink()
	if err != nil {
		return err
	}
	// Until it succeeds, the output is no longer what any signatures say.
	before := b.signed
	b.signed = nil
	opened, err := b.writeOpen(out, eds)
	if err != nil {
		out.Abort()
		return err
	}
	// The open pages are written: now the whole site is signed, to write
	// what changed.
	signs := false
	for i := range eds {
		if e := &eds[i]; e.sign != nil {
			e.plan = e.sign(before[e.s.Lang])
			e.jobs = e.plan.jobs(e.jobs)
			signs = true
		}
	}
	if signs {
		r.mark("sign")
	}
	if made {
		b.carry(eds)
	}
	jobs := 0
	for _, e := range eds {
		jobs += len(e.jobs)
	}
	copies := make([][]copyFile, len(eds))
	if made {
		for i, e := range eds {
			copies[i] = e.plan.copies(b.copies(e.s, i == 0))
		}
	}
	// After a save, the development server writes the feeds, search index
	// and data export beside the pages: the few pages of most saves leave a
	// core idle, and the many of a template's take the time the indexes
	// need. A first build, or a build of the whole site at once, writes
	// them first, to hold less at a time.
	var feeds []string
	var indexErr error
	var indexed sync.WaitGroup
	index := func() { feeds, indexErr = b.writeIndexes(r, out, eds, made) }
	if r.mode == Incremental && before != nil {
		indexed.Go(index)
	} else {
		b.opts.Progress.begin("feeds", 0)
		if index(); indexErr != nil {
			out.Abort()
			return indexErr
		}
		r.mark("feeds")
	}
	b.opts.Progress.begin("pages", jobs)
	for i, e := range eds {
		if err = renderFiles(out, b.fsys, e.tmpls, e.jobs, copies[i], b.opts.Progress); err != nil {
			break
		}
	}
	indexed.Wait()
	if err == nil {
		err = indexErr
	}
	if err != nil {
		out.Abort()
		return err
	}
	if made {
		if live, ok := out.(*output.Live); ok {
			for _, e := range eds {
				if e.plan.partial() {
					e.plan.keep(live.Keep)
				}
			}
		}
		if err := out.Commit(); err != nil {
			return err
		}
	}
	r.mark("write")
	b.remember(eds, before, slices.Concat(feeds, opened))
	sum.Rendered = len(opened) + jobs
	sum.Files, sum.Written, sum.Bytes = out.Counts()
	if live, ok := out.(*output.Live); ok {
		sum.Changed = live.Changed()
	}
	return nil
}

// remember keeps, after a build that wrote what eds say, the signatures
// of the files of their plans, by language; a build of bodies alone,
// which signed nothing, keeps those from before but for the files it
// wrote, the editions' pages and written, and for the entries of the
// search index of the bodies it rendered.
func (b *Builder) remember(eds []edition, before map[string]*signed, written []string) {
	if eds[0].edited != nil {
		b.signed = before
		for _, e := range eds {
			for _, j := range e.jobs {
				written = append(written, j.Out)
			}
			if sg := b.signed[e.s.Lang]; sg != nil {
				for _, d := range e.edited {
					delete(sg.entries, d.Path)
				}
			}
		}
		b.forget(written)
		return
	}
	for _, e := range eds {
		if e.plan == nil {
			continue
		}
		if b.signed == nil {
			b.signed = map[string]*signed{}
		}
		b.signed[e.s.Lang] = &signed{signer: e.plan.signer, sums: e.plan.sums}
	}
}

// writeIndexes writes the files of the editions that list the site
// rather than show a page, and, after a build that made the models, the
// files of the whole site (siteFiles); it returns the feeds it wrote.
func (b *Builder) writeIndexes(r *run, out output.Sink, eds []edition, made bool) ([]string, error) {
	var feeds []string
	for i, e := range eds {
		written, err := b.writeEditionIndexes(r, out, e, i == 0)
		if err != nil {
			return nil, err
		}
		feeds = append(feeds, written...)
	}
	if made {
		if _, err := writeListFiles(out, eds[0].s, siteFiles(eds), eds[0].plan); err != nil {
			return nil, err
		}
	}
	return feeds, nil
}

// writeEditionIndexes writes the files of an edition that list the site:
// the feeds, the search index and, for the first edition, the data
// export; it returns the feeds it wrote. The data export, one long
// stream, is written beside the others to take the core they leave idle.
func (b *Builder) writeEditionIndexes(r *run, out output.Sink, e edition, first bool) ([]string, error) {
	exported := make(chan error, 1)
	go func() { exported <- b.writeExport(r, out, e, first && e.dataExport) }()
	feeds, err := writeListFiles(out, e.s, feedFiles(e.s, e.edited), e.plan)
	if err == nil {
		err = b.writeSearch(r, out, e)
	}
	if xerr := <-exported; err == nil {
		err = xerr
	}
	return feeds, err
}

// writeSearch writes the search index of an edition, under its language's
// path. An Incremental build keeps the index of each language and updates
// it.
func (b *Builder) writeSearch(r *run, out output.Sink, e edition) error {
	s := e.s
	if e.edited != nil && len(e.edited) == 0 {
		// No body of this language changed.
		return nil
	}
	if r.mode == Incremental {
		return b.updateSearch(out, e)
	}
	return search.Write(s, e.tmpls.Words(), searchWriter(out, s))
}

// searchWriter writes a file of the search index of s, at p below its
// language's path, unless a file of static/ is there: that file wins, as
// it does over a feed, whichever a build writes first.
func searchWriter(out output.Sink, s *site.Site) func(p string, data []byte) error {
	return func(p string, data []byte) error {
		if s.HasFile(s.Prefix + p) {
			return nil
		}
		return out.Write(s.Prefix+p, data)
	}
}

// A listFile is a file that lists pages, made on demand.
type listFile struct {
	path  string
	pages []*site.Page       // the pages whose feed it is
	sign  func(h *site.Hash) // what else it shows, for a plan
	data  func() ([]byte, error)
}

// feedFiles lists the Atom feeds of the site and of every term and the
// site's JSON Feed. A partial build (edited is not nil) lists only the
// feeds that show a page of edited, the others being as they were.
// Feeds are made of absolute URLs: without a host in the base URL, they
// would be invalid, and there are none.
func feedFiles(s *site.Site, edited []*site.Doc) []listFile {
	if !s.Config.Absolute() {
		return nil
	}
	newest := slices.Concat(s.Agreements, s.Interviews)
	slices.SortStableFunc(newest, func(a, b *site.Page) int { return b.Date.Time.Compare(a.Date.Time) })
	home := s.Prefix
	files := []listFile{
		{home + "feed.xml", newest, nil, func() ([]byte, error) { return feed.Atom(s, s.Config.Title, home, home+"feed.xml", newest) }},
		{home + "feed.json", newest, nil, func() ([]byte, error) { return feed.JSON(s, home+"feed.json", newest) }},
	}
	for _, ts := range [][]*site.Term{s.Countries, s.Topics, s.Organisations, s.People} {
		for _, t := range ts {
			sign := func(h *site.Hash) { h.String(t.Title) }
			files = append(files, listFile{t.Path + "feed.xml", t.Pages, sign, func() ([]byte, error) {
				return feed.Atom(s, t.Title+" · "+s.Config.Title, t.Path, t.Path+"feed.xml", t.Pages)
			}})
		}
	}
	if edited == nil {
		return files
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
	return slices.DeleteFunc(files, func(f listFile) bool { return !shows(f.pages) })
}

// siteFiles lists the files of the whole site, written by a full build:
// the sitemap of every edition's pages, robots.txt, and the flags and map
// the pages show.
func siteFiles(eds []edition) []listFile {
	s := eds[0].s
	var files []listFile
	if s.Config.Absolute() {
		sites := make([]*site.Site, len(eds))
		paths := make([][]string, len(eds))
		for i, e := range eds {
			sites[i] = e.s
			for _, j := range e.all {
				if j.Kind != "404" {
					paths[i] = append(paths[i], strings.TrimSuffix(j.Out, "index.html"))
				}
			}
			slices.Sort(paths[i])
		}
		// What the sitemap shows: the pages of every edition, with their
		// dates and their translations.
		sign := func(h *site.Hash) {
			for i, s := range sites {
				h.Int(len(paths[i]))
				for _, p := range paths[i] {
					h.String(p)
				}
				for _, d := range s.AllDocs() {
					h.String(d.Path)
					if p := s.PageOf(d); p != nil {
						h.Date(p.Date)
					}
					h.Int(len(d.Translations))
					for _, t := range d.Translations {
						h.String(t.Lang)
						h.String(t.Permalink)
					}
				}
			}
		}
		files = append(files, listFile{"sitemap.xml", nil, sign, func() ([]byte, error) { return feed.Sitemap(sites, paths) }})
	}
	robots := feed.Robots(s)
	files = append(files, listFile{"robots.txt", nil, func(h *site.Hash) { h.String(string(robots)) }, func() ([]byte, error) { return robots, nil }})
	for _, a := range assets(s) {
		files = append(files, listFile{a.path, nil, nil, a.data})
	}
	return files
}

// writeListFiles makes and writes files on all cores, those whose
// signature changed if p is a plan, and returns their paths. A file of the
// same name in static/ wins.
func writeListFiles(out output.Sink, s *site.Site, files []listFile, p *plan) ([]string, error) {
	files = slices.DeleteFunc(files, func(f listFile) bool {
		return s.HasFile(f.path) || p != nil && !p.writes(f.path, p.signFeed(f.path, feed.Dated(f.pages), f.sign))
	})
	errs := make([]error, len(files))
	parallel.Each(len(files), func(i int) {
		body, err := files[i].data()
		if err != nil {
			errs[i] = fmt.Errorf("%s: %w", files[i].path, err)
			return
		}
		errs[i] = out.Write(files[i].path, body)
	})
	paths := make([]string, len(files))
	for i, f := range files {
		if errs[i] != nil {
			return nil, errs[i]
		}
		paths[i] = f.path
	}
	return paths, nil
}

// writeExport writes the data export if data is set and no file of
// static/ stands in its place: the default language's. An Incremental
// build that signed it, into a live folder, encodes again only the
// objects of the documents whose page changed, and copies the others
// from the export the folder holds.
func (b *Builder) writeExport(r *run, out output.Sink, e edition, data bool) error {
	s := e.s
	if !data || s.HasFile(export.Path) {
		return nil
	}
	live, ok := out.(*output.Live)
	if !ok || r.mode != Incremental || e.plan == nil {
		// The export the cache wrote, if any, is no longer the folder's.
		b.export = nil
		if err := out.Stream(export.Path, func(w io.Writer) error { return export.Write(w, s) }); err != nil {
			return fmt.Errorf("%s: %w", export.Path, err)
		}
		return nil
	}
	if b.export == nil {
		b.export = export.NewCache()
	}
	fill := func(w io.Writer) error {
		var last io.ReaderAt
		var size int64
		// Only the export the cache wrote holds its objects where it
		// knows them to be.
		if sum, ok := live.Sum(export.Path); ok && sum == b.exportSum {
			if f, err := live.Open(export.Path); err == nil {
				// Closed before the new export replaces it.
				defer f.Close()
				if st, err := f.Stat(); err == nil {
					last, size = f, st.Size()
				}
			}
		}
		return b.export.Write(w, last, size, s, e.plan.exportKey)
	}
	err := out.Stream(export.Path, fill)
	sum, written := live.Sum(export.Path)
	if err != nil || !written {
		b.export = nil
		if err != nil {
			return fmt.Errorf("%s: %w", export.Path, err)
		}
		return nil
	}
	b.exportSum = sum
	return nil
}

// copies lists the static files (with statics), a fingerprinted
// stylesheet or script under both its names, and the assets of the pages
// the site publishes.
func (b *Builder) copies(s *site.Site, statics bool) []copyFile {
	var copies []copyFile
	for _, f := range b.static {
		if !statics {
			break
		}
		name := strings.TrimPrefix(f, StaticDir+"/")
		copies = append(copies, copyFile{f, name})
		if out := b.published[name]; out != name && out != "" {
			copies = append(copies, copyFile{f, out})
		}
	}
	for _, p := range s.Pages {
		if p.Untranslated {
			continue
		}
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
