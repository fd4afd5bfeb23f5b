package build

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
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
	"github.com/cooperation-kb/kb/generator/internal/markdown"
	"github.com/cooperation-kb/kb/generator/internal/output"
	"github.com/cooperation-kb/kb/generator/internal/render"
	"github.com/cooperation-kb/kb/generator/internal/search"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// Mode is what a build keeps for the next one, which decides how much of
// the site the next build does again and how much memory a build holds.
type Mode int

const (
	// Once builds the site one time, letting go of what it loaded as soon
	// as it has used it (largesite.go).
	Once Mode = iota
	// Large is Once for a site of more than largeSite bytes of Markdown,
	// which also keeps sources and rendered bodies out of memory
	// (largesite.go).
	Large
	// Incremental builds the site again and again, as serve does, keeping
	// what did not change so that it builds again only what did
	// (incremental.go).
	Incremental
)

func (m Mode) String() string {
	switch m {
	case Once:
		return "once"
	case Large:
		return "large"
	case Incremental:
		return "incremental"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// A Builder builds one site, once (NewBuilder) or again after every
// change (NewLiveBuilder).
type Builder struct {
	opts   Options
	mode   Mode // Once or Incremental; a build of a large site makes Once Large
	root   string
	out    string
	fsys   fs.FS
	sink   func() (output.Sink, error)
	live   *output.Live // the sink of a live builder
	cfg    *config.Config
	loader *content.Loader
	tmpls  *render.Templates
	// translated are the templates of the site's other languages.
	translated map[string]*render.Templates
	static     []string
	// published maps each file of static/ to its name in the output,
	// fingerprinted or not (fingerprint.go).
	published map[string]string
	md        *markdown.Renderer

	loadErrs error // of the configuration, templates and static files

	// What an Incremental builder keeps between builds (incremental.go).
	bodies map[string]*bodyEntry
	search map[string]*search.Index // of each language, as the last build wrote it
	// models are the models of the last build without errors, one per
	// language, the default language's first.
	models []keptModel
	files  map[string]*content.File
	// translations are the files of translations, as the last build made
	// them.
	translations content.Translations
	signed       map[string]*signed // what the files of each language show (signed.go)
	export       *export.Cache      // the objects of the data export
	exportSum    uint64             // the live folder's hash of the export the cache wrote
	spill        *spill             // the rendered bodies of a large site (largesite.go)
	idling       atomic.Bool        // Idle is collecting (idle.go)
}

// NewBuilder checks the options and prepares a builder that builds once
// into the output folder, through a stage.
func NewBuilder(opts Options) (*Builder, error) {
	b, err := newBuilder(opts, Once)
	if err != nil {
		return nil, err
	}
	if err := checkOut(b.root, b.out); err != nil {
		return nil, err
	}
	b.sink = func() (output.Sink, error) { return output.NewStage(b.out) }
	return b, nil
}

// NewLiveBuilder prepares a builder that builds again after every change
// into dir as it is, file by file: for a server that serves dir, and reads
// its files with ReadFile.
func NewLiveBuilder(opts Options, dir string) (*Builder, error) {
	b, err := newBuilder(opts, Incremental)
	if err != nil {
		return nil, err
	}
	b.live = output.NewLive(dir)
	b.sink = func() (output.Sink, error) { b.live.Begin(); return b.live, nil }
	return b, nil
}

// ReadFile returns the file at rel, a slash path, of a live builder's
// folder, whole even while a build writes it.
func (b *Builder) ReadFile(rel string) ([]byte, error) {
	if b.live == nil {
		return nil, errors.New("not a live builder")
	}
	return b.live.ReadFile(rel)
}

// Close lets go of what the builder holds outside memory: the spill of a
// large site's rendered bodies, which on systems that cannot remove an
// open file is removed only when closed.
func (b *Builder) Close() {
	if b.spill != nil {
		b.spill.close()
		b.spill = nil
	}
}

func newBuilder(opts Options, mode Mode) (*Builder, error) {
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
	return &Builder{opts: opts, mode: mode, root: root, out: out, fsys: os.DirFS(root), bodies: map[string]*bodyEntry{}}, nil
}

// Build builds the site after the files at changed (slash paths relative
// to the root) changed; nil means anything may have changed. Every page
// gets its URL before any body is rendered, so that links are checked
// against finished URLs; nothing is written unless every step before the
// writing succeeded.
func (b *Builder) Build(changed []string) (*Summary, error) {
	r := b.newRun(changed)
	defer r.end()
	b.opts.Progress.begin("load", 0)
	if err := b.loadSettings(r); err != nil {
		return nil, err
	}
	set, reparsed := b.loadContent(r)
	langs := b.cfg.SiteLanguages()
	sets := b.byLanguage(r, set, langs)
	r.mark("load")
	if err := b.startSpill(r); err != nil {
		return nil, err
	}
	if docs := b.editedBodies(r, set, sets, reparsed); docs != nil {
		// A body that gained or lost a chapter has pages more or fewer:
		// the model is made again, its bodies as just rendered.
		if sum, err := b.rebuildBodies(r, docs); err != errChapters {
			return sum, err
		}
	} else if edits := b.editedFront(r, set, sets, reparsed); edits != nil {
		return b.rebuildFront(r, edits)
	} else if b.themeOnly(r, reparsed) {
		return b.rebuildTheme(r)
	}
	b.opts.Progress.begin("model", 0)
	old := b.models
	b.models = nil
	b.rememberFiles(r, set)
	// The model of each language is made from its own files: on all
	// cores at once.
	sites := make([]*site.Site, len(langs))
	var made sync.WaitGroup
	for i, l := range langs {
		made.Go(func() { sites[i] = b.makeModel(r, b.cfg.In(l), sets[l]) })
	}
	made.Wait()
	docs := 0
	for _, s := range sites {
		docs += len(s.Docs)
	}
	b.dropSources(r, set)
	r.mark("site.New")
	// What front matter alone decides, and the pages to write, are made
	// while the bodies are rendered. A job holds its page, not what
	// LinkBodies and LinkTranslations fill in later (backlinks,
	// translations), which its template reads as it renders.
	jobs := make([][]render.Job, len(sites))
	var terms sync.WaitGroup
	terms.Go(func() {
		for i, s := range sites {
			s.LinkTerms()
			var related sync.WaitGroup
			related.Go(func() { b.linkRelated(r, s, modelIn(old, s.Lang)) })
			if !b.opts.Check {
				jobs[i] = b.templatesIn(s.Lang).Jobs(s)
			}
			related.Wait()
		}
	})
	b.opts.Progress.begin("bodies", docs)
	for _, s := range sites {
		b.renderBodies(r, s, s.Docs)
	}
	terms.Wait()
	if !b.opts.Check {
		for i, s := range sites {
			jobs[i] = b.templatesIn(s.Lang).WithChapters(s, jobs[i])
		}
	}
	r.mark("bodies")
	b.opts.Progress.begin("link", 0)
	for _, s := range sites {
		if err := s.LinkBodies(); err != nil {
			r.errs.AddErr(diag.Pos{}, err)
		}
		r.dropLinks(s)
	}
	site.LinkTranslations(sites)
	r.mark("link")
	if err := r.errs.Err(); err != nil {
		return nil, err
	}
	sum := summarize(sites)
	if b.opts.WarningsFatal && len(sum.Warnings) > 0 {
		return nil, sum.Warnings
	}
	if b.opts.Check {
		for _, l := range langs {
			sum.Missing = append(sum.Missing, b.templatesIn(l).Missing()...)
		}
		return r.finish(sum), nil
	}
	eds := make([]edition, len(sites))
	for i, s := range sites {
		eds[i] = edition{s: s, tmpls: b.templatesIn(s.Lang), outputs: outputs{jobs: jobs[i], all: jobs[i], dataExport: true}}
	}
	// Each language writes only what changed (signed.go).
	if r.mode == Incremental {
		for i := range eds {
			e := &eds[i]
			e.sign = func(before *signed) *plan { return newPlan(r, e.s, e.all, before, nil) }
		}
	}
	if err := b.write(r, eds, sum); err != nil {
		return nil, err
	}
	if r.mode == Incremental {
		b.models = make([]keptModel, len(eds))
		for i, e := range eds {
			b.models[i] = keptModel{s: e.s, jobs: e.all}
		}
	}
	return r.finish(sum), nil
}

// byLanguage returns the content of each of the site's languages.
func (b *Builder) byLanguage(r *run, set *content.Set, langs []string) map[string]*content.Set {
	var made *content.Translations
	if r.mode == Incremental {
		made = &b.translations
	}
	sets, err := set.ByLanguage(langs, made)
	if err != nil {
		r.errs.AddErr(diag.Pos{Path: content.Dir}, err)
	}
	return sets
}

// templatesIn returns the templates of the site's language lang.
func (b *Builder) templatesIn(lang string) *render.Templates {
	if t := b.translated[lang]; t != nil {
		return t
	}
	return b.tmpls
}

// A run is one call of Build.
type run struct {
	mode    Mode
	changed map[string]bool // the paths that changed; nil: any may have
	reload  bool            // settings may have changed: load them, and build every page
	now     time.Time
	errs    diag.List // of the site's files, all reported together
	phases  phaseLog

	restore func() // puts back the collector's settings, after a Once or Large build
	spill   *spill // the rendered bodies of a Large build, or the builder's

	// After settings were read again: whether the static files and the
	// names pages link them by are the same as before.
	sameStatic, sameNames bool
}

func (b *Builder) newRun(changed []string) *run {
	start := time.Now()
	r := &run{mode: b.mode, now: b.opts.Now, reload: changed == nil || b.cfg == nil, phases: phaseLog{start: start}}
	if r.now.IsZero() {
		r.now = start
	}
	if changed != nil {
		r.changed = map[string]bool{}
	}
	for _, c := range changed {
		r.changed[c] = true
		if c == config.File || strings.HasPrefix(c, render.Dir+"/") || strings.HasPrefix(c, StaticDir+"/") {
			r.reload = true
		}
	}
	return r
}

// mark ends the phase called name.
func (r *run) mark(name string) { r.phases.mark(name) }

// finish completes sum with the time the build took.
func (r *run) finish(sum *Summary) *Summary {
	sum.Mode = r.mode
	sum.Duration, sum.Phases = time.Since(r.phases.start), r.phases.list
	return sum
}

// summarize counts what the default language's site has, and the
// warnings of every language's.
func summarize(sites []*site.Site) *Summary {
	s := sites[0]
	// A site's warnings are sorted, and those of one site need no
	// merging: at 100,000 pages sorting them again took 50 ms a save.
	all := s.Warnings
	if len(sites) > 1 {
		var warnings diag.List
		for _, s := range sites {
			for _, w := range s.Warnings {
				warnings.Add(w)
			}
		}
		all = warnings.Warnings()
	}
	return &Summary{Site: s, Warnings: all, Agreements: len(s.Agreements), Interviews: len(s.Interviews),
		Pages:     len(s.Pages) - len(s.Agreements) - len(s.Interviews),
		Countries: len(s.Countries), Topics: len(s.Topics), Organisations: len(s.Organisations), People: len(s.People)}
}

// loadSettings reads config.toml, the templates and the static files if
// they may have changed. Their errors, kept since they were read, are the
// first errors of the build, which goes on to report the content's too;
// only an invalid -baseurl flag stops it.
func (b *Builder) loadSettings(r *run) error {
	if r.reload {
		static, published := b.static, b.published
		if err := b.readSettings(); err != nil {
			b.models = nil
			return err
		}
		r.sameStatic, r.sameNames = slices.Equal(static, b.static), maps.Equal(published, b.published)
	}
	if b.loadErrs != nil {
		r.errs.AddErr(diag.Pos{}, b.loadErrs)
	}
	return nil
}

func (b *Builder) readSettings() error {
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
	}
	if b.cfg == nil || cfg.AllowHTML != b.cfg.AllowHTML {
		b.md = markdown.New(cfg.AllowHTML)
		b.bodies = map[string]*bodyEntry{}
	}
	b.cfg = cfg
	var wg sync.WaitGroup
	wg.Go(func() {
		var err error
		if b.tmpls, err = render.Load(b.fsys, cfg.DefaultLanguage, cfg.DefaultLanguage); err != nil {
			errs.AddErr(diag.Pos{Path: render.Dir}, err)
		}
		b.translated = map[string]*render.Templates{}
		for _, l := range cfg.SiteLanguages()[1:] {
			// The templates' errors are the same in every language, and
			// the list reports each once; a language's string table has
			// errors of its own.
			t, err := render.Load(b.fsys, l, cfg.DefaultLanguage)
			if err != nil {
				errs.AddErr(diag.Pos{Path: render.Dir}, err)
			}
			b.translated[l] = t
		}
	})
	wg.Go(func() {
		var err error
		if b.static, err = listStatic(b.fsys); err != nil {
			errs.AddErr(diag.Pos{Path: StaticDir}, err)
		}
	})
	wg.Wait()
	published, err := publishedNames(b.fsys, b.static, !b.opts.PlainAssets)
	if err != nil {
		errs.AddErr(diag.Pos{Path: StaticDir}, err)
	}
	b.published = published
	if b.tmpls != nil {
		urls := make(map[string]string, len(published))
		for name, out := range published {
			urls[name] = cfg.RelURL(out)
		}
		b.tmpls.SetAssets(urls)
		for _, t := range b.translated {
			t.SetAssets(urls)
		}
	}
	b.loadErrs = errs.Err()
	return nil
}

// loadContent parses the content files that changed, every one on the
// first build, and returns the set and the paths it parsed.
func (b *Builder) loadContent(r *run) (*content.Set, []string) {
	b.watchSize(r)
	set, reparsed, err := b.loader.Load(r.changed)
	if err != nil {
		r.errs.AddErr(diag.Pos{Path: content.Dir}, err)
	}
	return set, reparsed
}

// makeModel indexes the content of one language into its site model,
// which gives every page its URL.
func (b *Builder) makeModel(r *run, cfg *config.Config, set *content.Set) *site.Site {
	copied := make([]string, len(b.static))
	for i, f := range b.static {
		copied[i] = strings.TrimPrefix(f, StaticDir+"/")
	}
	s, err := site.New(cfg, set, copied, site.Options{Drafts: b.opts.Drafts, Future: b.opts.Future, Now: r.now, SectionTitles: b.templatesIn(cfg.Language).SectionTitles()}, country.Default())
	if err != nil {
		r.errs.AddErr(diag.Pos{}, err)
	}
	return s
}

// linkRelated picks the related pages of s. An Incremental build picks
// again only those that the changes reach, from old, the model before, if
// the configuration is the same.
func (b *Builder) linkRelated(r *run, s *site.Site, old *site.Site) {
	if r.mode != Incremental || r.reload {
		old = nil
	}
	s.LinkRelated(old)
}
