// Package build runs the whole pipeline: it reads a site's files, checks
// them, renders every page and publishes the result atomically.
//
// Builder.Build is a flat list of steps. Configuration, content and
// templates are loaded; the site model indexes the content; every body is
// rendered in parallel with its links resolved; the model is linked
// (anchors, backlinks, related pages); then, only if no step reported an
// error, every page is rendered and written in parallel through an
// output.Sink. How much a build keeps for the next one is its Mode: Once
// (largesite.go says what a large site gives up) or Incremental
// (incremental.go).
package build

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/diag"
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
	// PlainAssets links the stylesheets and scripts by their own names,
	// not fingerprinted ones (fingerprint.go): for the development
	// server, which swaps a changed stylesheet into open pages by name.
	PlainAssets bool
	// Progress, if set, follows the build as it runs.
	Progress *Progress
	// WarningsFatal fails a build that has warnings as if they were
	// errors, writing nothing: for CI.
	WarningsFatal bool
	// Open, if set, returns the output paths of the pages open in a
	// browser ("agreements/x/index.html"), which a build into a live
	// folder renders and writes before any other file.
	Open func() []string
	// Early, if set, is called by such a build with the output paths that
	// changed once those pages are written, before the rest.
	Early func(changed []string)
}

// Summary says what a build made.
type Summary struct {
	Agreements, Interviews, Pages    int
	Countries, Topics, Organisations int
	People                           int
	Mode                             Mode // how the build ran
	Rendered                         int  // HTML pages rendered, every page in a full build
	Files                            int
	Written                          int // files that changed since the build before last
	Bytes                            int64
	Duration                         time.Duration
	Phases                           []Phase  // where the time went
	Changed                          []string // output paths written or removed, for a live folder
	Site                             *site.Site
	// Warnings are what is odd in the site's files without failing the
	// build, sorted by position.
	Warnings diag.Errors
	// Missing are the theme's strings that the table of the site's
	// language lacks, each shown in another language; set by a check.
	Missing diag.Errors
}

// Build builds the site. Its error is a diag.Errors list of every problem
// found in the site's files, or a plain error for a problem of the machine
// (an output folder that cannot be written).
func Build(opts Options) (*Summary, error) {
	b, err := NewBuilder(opts)
	if err != nil {
		return nil, err
	}
	return b.Build(nil)
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
