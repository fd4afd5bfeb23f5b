// Package build runs the whole pipeline: it reads a site's files, checks
// them, renders every page and publishes the result atomically.
//
// Build is a flat list of steps. Configuration, content and templates are
// loaded; the site model indexes the content; every body is rendered in
// parallel with its links resolved; the model is linked (anchors,
// backlinks, related pages); then, only if no step reported an error,
// every page is rendered and written in parallel into a new folder beside
// the output, which replaces the output in one rename.
package build

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
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
	"github.com/cooperation-kb/kb/generator/internal/markdown"
	"github.com/cooperation-kb/kb/generator/internal/render"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// StaticDir is the folder of files copied as they are to the output.
const StaticDir = "static"

// Options say what to build and where.
type Options struct {
	Root    string // the site root
	Out     string // the output folder; "" means Root/public
	Drafts  bool
	Future  bool
	BaseURL string    // overrides config.toml's baseURL when not ""
	Now     time.Time // decides which pages are in the future; zero means time.Now()
	Check   bool      // check everything, write nothing
}

// Summary says what a build made.
type Summary struct {
	Agreements, Interviews, Pages    int
	Countries, Topics, Organisations int
	Files                            int
	Written                          int // files that changed since the build before last
	Bytes                            int64
	Duration                         time.Duration
	Phases                           []Phase // where the time went
	Site                             *site.Site
}

// Build builds the site. Its error is a diag.Errors list of every problem
// found in the site's files, or a plain error for a problem of the machine
// (an output folder that cannot be written).
func Build(opts Options) (*Summary, error) {
	start := time.Now()
	phases := &phaseLog{start: start}
	if opts.Now.IsZero() {
		opts.Now = start
	}
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
	if err := checkOut(root, out); err != nil {
		return nil, err
	}
	fsys := os.DirFS(root)

	var errs diag.List
	cfg, err := config.Load(fsys)
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			return nil, err
		}
	}

	var (
		set    *content.Set
		tmpls  *render.Templates
		static []string
		wg     sync.WaitGroup
	)
	wg.Go(func() {
		var err error
		if set, err = content.Load(fsys, cfg.MaxFileBytes); err != nil {
			errs.AddErr(diag.Pos{Path: content.Dir}, err)
		}
	})
	wg.Go(func() {
		var err error
		if tmpls, err = render.Load(fsys); err != nil {
			errs.AddErr(diag.Pos{Path: render.Dir}, err)
		}
	})
	wg.Go(func() {
		var err error
		if static, err = listStatic(fsys); err != nil {
			errs.AddErr(diag.Pos{Path: StaticDir}, err)
		}
	})
	wg.Wait()
	phases.mark("load")

	copied := make([]string, len(static))
	for i, f := range static {
		copied[i] = strings.TrimPrefix(f, StaticDir+"/")
	}
	s, err := site.New(cfg, set, copied, site.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now}, country.Default())
	if err != nil {
		errs.AddErr(diag.Pos{}, err)
	}
	phases.mark("site.New")
	renderBodies(s, markdown.New(cfg.AllowHTML), &errs)
	phases.mark("bodies")
	if err := s.Link(); err != nil {
		errs.AddErr(diag.Pos{}, err)
	}
	phases.mark("link")
	if err := errs.Err(); err != nil {
		return nil, err
	}

	sum := &Summary{Site: s, Agreements: len(s.Agreements), Interviews: len(s.Interviews),
		Pages:     len(s.Pages) - len(s.Agreements) - len(s.Interviews),
		Countries: len(s.Countries), Topics: len(s.Topics), Organisations: len(s.Organisations)}
	if opts.Check {
		sum.Duration, sum.Phases = time.Since(start), phases.list
		return sum, nil
	}
	w, err := newWriter(out)
	if err != nil {
		return nil, err
	}
	if err := writeSite(w, fsys, s, tmpls, static); err != nil {
		w.abort()
		return nil, err
	}
	phases.mark("write")
	if err := w.commit(); err != nil {
		return nil, err
	}
	phases.mark("commit")
	sum.Files, sum.Written, sum.Bytes = int(w.files.Load()), int(w.written.Load()), w.bytes.Load()
	sum.Duration, sum.Phases = time.Since(start), phases.list
	return sum, nil
}

// checkOut refuses an output folder whose replacement would destroy the
// site's own files.
func checkOut(root, out string) error {
	within := func(dir, p string) bool {
		rel, err := filepath.Rel(dir, p)
		return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	if out == root || within(out, root) {
		return fmt.Errorf("output folder %s holds the site root: choose a folder inside it such as public/", out)
	}
	for _, d := range []string{content.Dir, render.Dir, StaticDir} {
		dir := filepath.Join(root, d)
		if within(dir, out) || within(out, dir) {
			return fmt.Errorf("output folder %s overlaps %s/: choose another, such as public/", out, d)
		}
	}
	return nil
}

func listStatic(fsys fs.FS) ([]string, error) {
	var files []string
	var errs diag.List
	err := fs.WalkDir(fsys, StaticDir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil && p == StaticDir:
			return fs.SkipAll
		case err != nil:
			errs.Addf(diag.Pos{Path: p}, "cannot read: %v", err)
		case p != StaticDir && content.IsIgnored(d.Name()):
			if d.IsDir() {
				return fs.SkipDir
			}
		case d.Type()&fs.ModeSymlink != 0:
			errs.Addf(diag.Pos{Path: p}, "symbolic link: not followed (copy the file into the site instead)")
		case d.Type().IsRegular():
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		errs.Addf(diag.Pos{Path: StaticDir}, "cannot read: %v", err)
	}
	return files, errs.Err()
}

// renderBodies converts the Markdown of every document on all cores.
func renderBodies(s *site.Site, md *markdown.Renderer, errs *diag.List) {
	docs := s.Docs
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(docs) {
					return
				}
				d := docs[i]
				res, err := md.Render(d.File.Path, d.File.Body, d.File.BodyLine, s.Resolver(d), errs)
				if err != nil {
					errs.Addf(diag.Pos{Path: d.File.Path}, "cannot render Markdown: %v", err)
					continue
				}
				d.Content, d.Headings = template.HTML(res.HTML), res.Headings
				// The source is not needed again, and holding every file's
				// bytes until the end was a third of the build's memory.
				d.File.Body = nil
			}
		})
	}
	wg.Wait()
}

// writeSite renders every page and copies every file into the writer's
// folder, on all cores.
func writeSite(w *writer, fsys fs.FS, s *site.Site, tmpls *render.Templates, static []string) error {
	jobs := render.Jobs(s)
	var errs diag.List
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				if err := tmpls.Execute(&buf, jobs[i]); err != nil {
					errs.AddErr(diag.Pos{Path: render.Dir}, err)
					continue
				}
				if err := w.write(jobs[i].Out, buf.Bytes()); err != nil {
					errs.AddErr(diag.Pos{}, err)
				}
			}
		})
	}
	wg.Wait()
	var copies [][2]string
	for _, f := range static {
		copies = append(copies, [2]string{f, strings.TrimPrefix(f, StaticDir+"/")})
	}
	for _, p := range s.Pages {
		for _, a := range p.Assets {
			copies = append(copies, [2]string{a, s.AssetPath(p, a)})
		}
	}
	slices.SortFunc(copies, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	for _, c := range copies {
		if err := w.copy(fsys, c[0], c[1]); err != nil {
			errs.AddErr(diag.Pos{Path: c[0]}, err)
		}
	}
	return errs.Err()
}

// Phase is a step of the build and when it ended, from the start.
type Phase struct {
	Name string
	End  time.Duration
}

type phaseLog struct {
	start time.Time
	list  []Phase
}

func (l *phaseLog) mark(name string) {
	l.list = append(l.list, Phase{name, time.Since(l.start)})
}
