// Package watch reports the files of a site that change, in batches.
//
// It watches the site root (for config.toml and for content/, templates/
// and static/ appearing), and every folder below content/, templates/ and
// static/, adding folders as they are created. Editors save in many ways:
// writing in place, writing a temporary file and renaming it over the
// original (vim, JetBrains), deleting and creating again. Each of these
// ends as events on the file's own name, and the temporary, swap and
// backup files they use on the way are ignored. Events are collected until
// the files have been quiet for a short while, so a burst such as a git
// checkout touching hundreds of files makes one batch.
package watch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/cooperation-kb/kb/generator/internal/content"
)

// Watched are the folders below the root whose files matter, and the file
// at the root.
var (
	Watched    = []string{"content", "templates", "static"}
	RootFiles  = []string{"config.toml"}
	DefaultGap = 20 * time.Millisecond
)

// Watcher watches one site root.
type Watcher struct {
	root string
	gap  time.Duration
	fsw  *fsnotify.Watcher
}

// New starts watching the site at root. gap is how long the files must be
// quiet before a batch is reported.
func New(root string, gap time.Duration) (*Watcher, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{root: root, gap: gap, fsw: fsw}
	if err := fsw.Add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, d := range Watched {
		if _, err := w.addTree(filepath.Join(root, d)); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

// Close stops watching.
func (w *Watcher) Close() error { return w.fsw.Close() }

// addTree watches dir and every folder below it, returning the files
// found, which may have been created before the watch began.
func (w *Watcher) addTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if p != dir && content.IsIgnored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return w.fsw.Add(p)
		}
		files = append(files, p)
		return nil
	})
	return files, err
}

// Run reports batches of changed files, as slash paths relative to the
// root, on batches until ctx is done. Errors of the watcher go to errs.
func (w *Watcher) Run(ctx context.Context, batches chan<- []string, errs chan<- error) {
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			select {
			case errs <- err:
			default:
			}
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			for _, p := range w.changed(ev) {
				pending[p] = true
			}
			if len(pending) > 0 {
				timer.Reset(w.gap)
			}
		case <-timer.C:
			if len(pending) == 0 {
				continue
			}
			batch := make([]string, 0, len(pending))
			for p := range pending {
				batch = append(batch, p)
			}
			slices.Sort(batch)
			clear(pending)
			select {
			case batches <- batch:
			case <-ctx.Done():
				return
			}
		}
	}
}

// changed turns one event into the site paths it changes: nothing for an
// ignored file; a new folder and every file already in it.
func (w *Watcher) changed(ev fsnotify.Event) []string {
	rel, ok := w.relevant(ev.Name)
	if !ok {
		return nil
	}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
			files, _ := w.addTree(ev.Name)
			out := []string{rel}
			for _, f := range files {
				if r, ok := w.relevant(f); ok {
					out = append(out, r)
				}
			}
			return out
		}
	}
	return []string{rel}
}

// relevant tells whether a path is part of the site, and its slash path
// relative to the root.
func (w *Watcher) relevant(name string) (string, bool) {
	rel, err := filepath.Rel(w.root, name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	for _, part := range strings.Split(rel, "/") {
		if content.IsIgnored(part) {
			return "", false
		}
	}
	top, _, nested := strings.Cut(rel, "/")
	if !nested {
		return rel, slices.Contains(RootFiles, rel) || slices.Contains(Watched, rel)
	}
	return rel, slices.Contains(Watched, top)
}
