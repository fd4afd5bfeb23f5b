package build

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/config"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/country"
	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/export"
	"github.com/cooperation-kb/kb/generator/internal/feed"
	"github.com/cooperation-kb/kb/generator/internal/markdown"
	"github.com/cooperation-kb/kb/generator/internal/output"
	"github.com/cooperation-kb/kb/generator/internal/parallel"
	"github.com/cooperation-kb/kb/generator/internal/render"
	"github.com/cooperation-kb/kb/generator/internal/search"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// A Builder builds one site again and again, as the development server
// does, keeping what did not change.
//
// Content files are parsed again only when they changed. A body is
// rendered again only when its file changed or one of its links now
// resolves differently: otherwise its recorded link resolutions are
// replayed, which also restores its links for backlinks and checks. When
// only the body of files changed, the model is not rebuilt: backlinks and
// anchors are updated, and only the pages that show something that
// changed are rendered. A build after any sequence of changes gives the
// same files, byte for byte, as a fresh build.
type Builder struct {
	opts   Options
	root   string
	out    string
	fsys   fs.FS
	sink   func() (output.Sink, error)
	keep   bool // keep sources for later builds
	cfg    *config.Config
	loader *content.Loader
	tmpls  *render.Templates
	static []string
	md     *markdown.Renderer
	bodies map[string]*bodyEntry
	search *search.Index // the last full build's, for partial builds
	spill  *spill        // rendered bodies of a large site, out of memory

	loadErrs error      // configuration, templates and static files
	last     *site.Site // the last model without errors
	files    map[string]*content.File
}

// bodyEntry is a rendered body and how its links were resolved.
type bodyEntry struct {
	file     *content.File
	html     template.HTML
	headings []markdown.Heading
	steps    []resolution
}

type resolution struct {
	link markdown.Link
	res  markdown.Resolved
	err  string
}

// NewBuilder checks the options and prepares a builder that writes into
// the output folder through a stage.
func NewBuilder(opts Options) (*Builder, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	if err := checkOut(b.root, b.out); err != nil {
		return nil, err
	}
	b.sink = func() (output.Sink, error) { return output.NewStage(b.out) }
	return b, nil
}

// NewLiveBuilder prepares a builder that writes into dir as it is, file by
// file, each file replaced atomically: for a server that serves dir.
func NewLiveBuilder(opts Options, dir string) (*Builder, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	live := output.NewLive(dir)
	b.sink = func() (output.Sink, error) { live.Begin(); return live, nil }
	b.keep = true
	return b, nil
}

func newBuilder(opts Options) (*Builder, error) {
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("site root %s is not a folder", opts.Root)
	}
	out := opts.Out
	if out == "" {
		out = filepath.Join(root, "public")
	}
	if out, err = filepath.Abs(out); err != nil {
		return nil, err
	}
	return &Builder{opts: opts, root: root, out: out, fsys: os.DirFS(root), bodies: map[string]*bodyEntry{}}, nil
}

// Build builds the site after the files at changed (slash paths relative
// to the root) changed; nil means anything may have changed.
func (b *Builder) Build(changed []string) (*Summary, error) {
	start := time.Now()
	phases := &phaseLog{start: start}
	now := b.opts.Now
	if now.IsZero() {
		now = start
	}
	full := changed == nil || b.cfg == nil
	changedSet := map[string]bool{}
	for _, c := range changed {
		changedSet[c] = true
		switch {
		case c == config.File:
			full = true
		case strings.HasPrefix(c, render.Dir+"/"), strings.HasPrefix(c, StaticDir+"/"):
			full = true
		}
	}
	if full {
		if err := b.loadSettings(); err != nil {
			b.last = nil
			return nil, err
		}
	}
	var errs diag.List
	if b.loadErrs != nil {
		errs.AddErr(diag.Pos{}, b.loadErrs)
	}
	if changed == nil {
		changedSet = nil // look at every file again
	}
	if !b.keep {
		// A large site's build runs with the collector tuned for it
		// from the first file it parses.
		var restore func()
		b.loader.OnLarge(func() { restore = tuneMemory() })
		defer func() {
			if restore != nil {
				restore()
			}
		}()
	}
	set, reparsed, err := b.loader.Load(changedSet)
	if err != nil {
		errs.AddErr(diag.Pos{Path: content.Dir}, err)
	}
	phases.mark("load")

	if !full && errs.Len() == 0 {
		if docs := b.bodyOnly(set, reparsed); docs != nil {
			return b.relink(docs, phases)
		}
	}
	b.last = nil
	if b.keep {
		b.files = filesByPath(set)
	}
	if !b.keep && b.loader.Large() {
		dir := filepath.Dir(b.out)
		if b.opts.Check {
			dir = os.TempDir()
		}
		sp, err := newSpill(dir)
		if err != nil {
			return nil, err
		}
		b.spill = sp
		defer func() {
			sp.close()
			b.spill = nil
		}()
	}

	copied := make([]string, len(b.static))
	for i, f := range b.static {
		copied[i] = strings.TrimPrefix(f, StaticDir+"/")
	}
	s, err := site.New(b.cfg, set, copied, site.Options{Drafts: b.opts.Drafts, Future: b.opts.Future, Now: now}, country.Default())
	if err != nil {
		errs.AddErr(diag.Pos{}, err)
	}
	if !b.keep {
		for _, f := range set.Files {
			f.Meta.DropReferences()
		}
		// The loaded files are no longer whole: a next build loads
		// everything again.
		b.cfg, b.loader = nil, nil
	}
	phases.mark("site.New")
	b.renderBodies(s, s.Docs, &errs)
	phases.mark("bodies")
	if err := s.Link(); err != nil {
		errs.AddErr(diag.Pos{}, err)
	}
	if !b.keep {
		s.ReleaseLinks()
	}
	phases.mark("link")
	if err := errs.Err(); err != nil {
		return nil, err
	}
	sum := summarize(s)
	if b.opts.Check {
		sum.Duration, sum.Phases = time.Since(start), phases.list
		return sum, nil
	}
	b.tmpls.ResetCache(s.NumDocs())
	if err := b.emit(s, b.tmpls.Jobs(s), nil, true, sum, phases); err != nil {
		return nil, err
	}
	b.last = s
	phases.mark("write")
	sum.Duration, sum.Phases = time.Since(start), phases.list
	return sum, nil
}

func summarize(s *site.Site) *Summary {
	return &Summary{Site: s, Agreements: len(s.Agreements), Interviews: len(s.Interviews),
		Pages:     len(s.Pages) - len(s.Agreements) - len(s.Interviews),
		Countries: len(s.Countries), Topics: len(s.Topics), Organisations: len(s.Organisations)}
}

// loadSettings reads config.toml, the templates and the static files,
// which every page depends on. Their errors are kept in loadErrs, and the
// build goes on with what could be read to report the content's errors
// too; only an invalid -baseurl flag stops it.
func (b *Builder) loadSettings() error {
	var errs diag.List
	cfg, err := config.Load(b.fsys)
	if err != nil {
		errs.AddErr(diag.Pos{Path: config.File}, err)
	}
	if b.opts.BaseURL != "" {
		if err := cfg.SetBaseURL(b.opts.BaseURL); err != nil {
			return err
		}
	}
	if b.cfg == nil || cfg.MaxFileBytes != b.cfg.MaxFileBytes {
		b.loader = content.NewLoader(b.fsys, cfg.MaxFileBytes)
		if !b.keep {
			b.loader.DropBodiesAbove(largeSite)
		}
	}
	if b.cfg == nil || cfg.AllowHTML != b.cfg.AllowHTML {
		b.md = markdown.New(cfg.AllowHTML)
		b.bodies = map[string]*bodyEntry{}
	}
	b.cfg = cfg
	var wg sync.WaitGroup
	wg.Go(func() {
		var err error
		if b.tmpls, err = render.Load(b.fsys); err != nil {
			errs.AddErr(diag.Pos{Path: render.Dir}, err)
		}
	})
	wg.Go(func() {
		var err error
		if b.static, err = listStatic(b.fsys); err != nil {
			errs.AddErr(diag.Pos{Path: StaticDir}, err)
		}
	})
	wg.Wait()
	b.loadErrs = errs.Err()
	return nil
}

func filesByPath(set *content.Set) map[string]*content.File {
	m := make(map[string]*content.File, len(set.Files))
	for _, f := range set.Files {
		m[f.Path] = f
	}
	return m
}

// bodyOnly returns the documents of the last model whose files were
// parsed again with the same front matter, or nil when anything else
// changed: a file added or removed, or front matter edited.
func (b *Builder) bodyOnly(set *content.Set, reparsed []string) []*site.Doc {
	if !b.keep || b.last == nil || len(set.Files) != len(b.files) || len(reparsed) == 0 {
		return nil
	}
	for _, f := range set.Files {
		if _, ok := b.files[f.Path]; !ok {
			return nil
		}
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
		f := findFile(set, d.File.Path)
		b.files[f.Path] = f
		d.File = f
		if p := b.last.PageOf(d); p != nil {
			p.Meta = &f.Meta
		}
	}
	return docs
}

func findFile(set *content.Set, p string) *content.File {
	i, ok := slices.BinarySearchFunc(set.Files, p, func(f *content.File, p string) int { return strings.Compare(f.Path, p) })
	if !ok {
		return nil
	}
	return set.Files[i]
}

// relink finishes a build in which only bodies changed.
func (b *Builder) relink(docs []*site.Doc, phases *phaseLog) (*Summary, error) {
	s := b.last
	var errs diag.List
	b.renderBodies(s, docs, &errs)
	b.bodyErrors(s, docs, &errs)
	changed, err := s.Relink(docs[0])
	if err != nil {
		errs.AddErr(diag.Pos{}, err)
	}
	phases.mark("relink")
	if err := errs.Err(); err != nil {
		b.last = nil
		return nil, err
	}
	show := map[*site.Doc]bool{}
	for _, d := range docs {
		show[d] = true
	}
	for _, p := range changed {
		show[&p.Doc] = true
	}
	var jobs []render.Job
	for _, j := range b.tmpls.Jobs(s) {
		if show[j.Data.Doc] {
			jobs = append(jobs, j)
		}
	}
	sum := summarize(s)
	// Front matter did not change, so backlinks are all of the data
	// export that can have.
	if err := b.emit(s, jobs, docs, len(changed) > 0, sum, phases); err != nil {
		b.last = nil
		return nil, err
	}
	phases.mark("write")
	sum.Duration, sum.Phases = time.Since(phases.start), phases.list
	return sum, nil
}

// bodyErrors adds the link errors of every body not rendered in this
// build, which a partial build must report again.
func (b *Builder) bodyErrors(s *site.Site, fresh []*site.Doc, errs *diag.List) {
	for _, d := range s.Docs {
		if slices.Contains(fresh, d) {
			continue
		}
		for _, r := range b.bodies[d.File.Path].steps {
			if r.err != "" {
				errs.Add(&diag.Error{Pos: r.link.Pos, Msg: r.err})
			}
		}
	}
}

// renderBodies converts the Markdown of docs on all cores, or replays the
// link resolutions of a body whose file did not change.
func (b *Builder) renderBodies(s *site.Site, docs []*site.Doc, errs *diag.List) {
	entries := make([]*bodyEntry, len(docs))
	for i, d := range docs {
		entries[i] = b.bodies[d.File.Path]
	}
	parallel.Each(len(docs), func(i int) {
		entries[i] = b.renderBody(s, docs[i], entries[i], errs)
	})
	for i, d := range docs {
		if entries[i] != nil {
			b.bodies[d.File.Path] = entries[i]
		}
	}
}

func (b *Builder) renderBody(s *site.Site, d *site.Doc, e *bodyEntry, errs *diag.List) *bodyEntry {
	if e != nil && e.file == d.File && replay(s, d, e, errs) {
		d.SetContent(e.html)
		d.SetHeadings(e.headings)
		return e
	}
	s.ClearLinks(d)
	resolve := s.Resolver(d)
	e = &bodyEntry{file: d.File}
	record := resolve
	if b.keep {
		// Only a builder that builds again replays resolutions.
		record = func(l markdown.Link) (markdown.Resolved, error) {
			res, err := resolve(l)
			r := resolution{link: l, res: res}
			if err != nil {
				r.err = err.Error()
			}
			e.steps = append(e.steps, r)
			return res, err
		}
	}
	buf := sourceBufs.Get().(*[]byte)
	defer sourceBufs.Put(buf)
	body, err := d.File.ReadBody(b.fsys, buf)
	if err != nil {
		errs.Addf(diag.Pos{Path: d.File.Path}, "cannot read: %v", err)
		return nil
	}
	var stored site.StoredBody
	var storeErr error
	keep := func(html []byte) {
		if b.spill != nil {
			stored, storeErr = b.spill.put(html)
		} else {
			e.html = template.HTML(html)
		}
	}
	e.headings, err = b.md.Render(d.File.Path, body, d.File.BodyLine, record, errs, keep)
	if err != nil {
		errs.Addf(diag.Pos{Path: d.File.Path}, "cannot render Markdown: %v", err)
		return nil
	}
	d.SetHeadings(e.headings)
	if b.keep {
		d.SetContent(e.html)
		return e
	}
	// The source is not needed again, and holding every file's bytes
	// until the end was a third of a build's memory.
	d.File.DropBody()
	if b.spill == nil {
		d.SetContent(e.html)
		return nil
	}
	if storeErr != nil {
		errs.Addf(diag.Pos{Path: d.File.Path}, "cannot keep the rendered body: %v", storeErr)
		return nil
	}
	d.StoreContent(stored)
	return nil
}

// sourceBufs hold the Markdown of a large site's bodies, read again to be
// rendered: nothing keeps the source once its body is rendered.
var sourceBufs = sync.Pool{New: func() any { return new([]byte) }}

// replay resolves the links of an unchanged body again; if each resolves
// as before, the rendered body is still right.
func replay(s *site.Site, d *site.Doc, e *bodyEntry, errs *diag.List) bool {
	s.ClearLinks(d)
	resolve := s.Resolver(d)
	var found []*diag.Error
	for _, r := range e.steps {
		res, err := resolve(r.link)
		msg := ""
		if err != nil {
			msg = err.Error()
			found = append(found, &diag.Error{Pos: r.link.Pos, Msg: msg})
		}
		if res != r.res || msg != r.err {
			s.ClearLinks(d)
			return false
		}
	}
	for _, e := range found {
		errs.Add(e)
	}
	return true
}

// emit renders jobs and the copied files into a new sink, after the feeds,
// the search index and, if data is set, the data export. A full build
// commits, which removes what it did not write; a partial build is one in
// which only the bodies of fresh changed.
func (b *Builder) emit(s *site.Site, jobs []render.Job, fresh []*site.Doc, data bool, sum *Summary, phases *phaseLog) error {
	out, err := b.sink()
	if err != nil {
		return err
	}
	full := fresh == nil
	var copies [][2]string
	if full {
		for _, f := range b.static {
			copies = append(copies, [2]string{f, strings.TrimPrefix(f, StaticDir+"/")})
		}
		for _, p := range s.Pages {
			for _, a := range p.Assets {
				copies = append(copies, [2]string{a, s.AssetPath(p, a)})
			}
		}
	}
	// The data export is one long stream; written beside the feeds and the
	// search index rather than after them, it takes the core they leave
	// idle, which on a large site was seconds of a single busy core.
	exported := make(chan error, 1)
	go func() { exported <- writeExport(out, s, data) }()
	err = writeFeeds(out, s, jobs, fresh)
	if err == nil {
		err = b.writeSearch(out, s, fresh)
	}
	if xerr := <-exported; err == nil {
		err = xerr
	}
	if err != nil {
		out.Abort()
		return err
	}
	phases.mark("feeds")
	if err := renderFiles(out, b.fsys, b.tmpls, jobs, copies); err != nil {
		out.Abort()
		return err
	}
	if full {
		if err := out.Commit(); err != nil {
			return err
		}
	}
	sum.Files, sum.Written, sum.Bytes = out.Counts()
	if live, ok := out.(*output.Live); ok {
		sum.Changed = live.Changed()
	}
	return nil
}

// writeSearch writes the search index. A builder that builds again keeps
// it, and a partial build rewrites only the files that the bodies of fresh
// change.
func (b *Builder) writeSearch(out output.Sink, s *site.Site, fresh []*site.Doc) error {
	if !b.keep {
		return search.Write(s, out.Write)
	}
	if fresh != nil && b.search != nil {
		if ok, err := b.search.Update(fresh, out.Write); ok || err != nil {
			return err
		}
	}
	x, err := search.New(s)
	if err != nil {
		return err
	}
	b.search = x
	return x.WriteAll(out.Write)
}

// writeFeeds writes the Atom feeds of the site and of every term and the
// site's JSON Feed, on all cores; in a full build (fresh is nil, and jobs
// are every page), the sitemap and robots.txt. A partial build writes only
// the feeds that show a page of fresh, the others being as they were. A
// file of the same name in static/ wins.
func writeFeeds(out output.Sink, s *site.Site, jobs []render.Job, fresh []*site.Doc) error {
	type file struct {
		path  string
		pages []*site.Page // the pages whose feed it is
		data  func() ([]byte, error)
	}
	newest := slices.Concat(s.Agreements, s.Interviews)
	slices.SortStableFunc(newest, func(a, b *site.Page) int { return b.Date.Time.Compare(a.Date.Time) })
	files := []file{
		{"feed.xml", newest, func() ([]byte, error) { return feed.Atom(s, s.Config.Title, "", "feed.xml", newest) }},
		{"feed.json", newest, func() ([]byte, error) { return feed.JSON(s, "feed.json", newest) }},
	}
	for _, ts := range [][]*site.Term{s.Countries, s.Topics, s.Organisations} {
		for _, t := range ts {
			files = append(files, file{t.Path + "feed.xml", t.Pages, func() ([]byte, error) {
				return feed.Atom(s, t.Title+" · "+s.Config.Title, t.Path, t.Path+"feed.xml", t.Pages)
			}})
		}
	}
	full := fresh == nil
	if full {
		var paths []string
		for _, j := range jobs {
			if j.Kind != "404" {
				paths = append(paths, strings.TrimSuffix(j.Out, "index.html"))
			}
		}
		slices.Sort(paths)
		files = append(files,
			file{"sitemap.xml", nil, func() ([]byte, error) { return feed.Sitemap(s, paths) }},
			file{"robots.txt", nil, func() ([]byte, error) { return feed.Robots(s), nil }})
	}
	// When only bodies changed, a feed changes only if it shows one of them.
	edited := map[*site.Doc]bool{}
	for _, d := range fresh {
		edited[d] = true
	}
	shows := func(pages []*site.Page) bool {
		for _, p := range feed.Dated(pages) {
			if edited[&p.Doc] {
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

// renderFiles renders jobs and copies files into out, on all cores. A
// template that fails on a page is an error of the site, and the others
// are rendered to find all of them; a file that cannot be written ends
// the build, and that is the error.
func renderFiles(out output.Sink, fsys fs.FS, tmpls *render.Templates, jobs []render.Job, copies [][2]string) error {
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
			}
		})
	}
	wg.Wait()
	if err := failed.Load(); err != nil {
		return *err
	}
	slices.SortFunc(copies, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	for _, c := range copies {
		data, err := fs.ReadFile(fsys, c[0])
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			errs.Addf(diag.Pos{Path: c[0]}, "cannot read: %v", err)
			continue
		}
		if err := out.Write(path.Clean(c[1]), data); err != nil {
			return err
		}
	}
	return errs.Err()
}

// keptBuffer is the most of a page a worker of renderFiles holds in
// memory; the rest goes to the file as it is rendered.
var keptBuffer = 1 << 20
