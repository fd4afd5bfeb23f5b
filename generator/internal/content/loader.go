// Walking content/ and loading it again, parsing only what changed.

package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/compact"
	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// Set is everything found in the content folder.
type Set struct {
	Files  []*File  // sorted by path
	Assets []string // other files, relative to the site root, sorted
	// Broken are Markdown files that could not be read or parsed. Their
	// own errors say why; links to them are not reported again.
	Broken []string
}

// IsIgnored reports whether a file name is an editor's temporary, swap or
// backup file, or hidden, which the site never publishes.
func IsIgnored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasPrefix(name, "#") || name == "4913" ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		strings.HasSuffix(name, "___jb_tmp___") || strings.HasSuffix(name, "___jb_old___")
}

// Load reads every file under content/ in fsys, in parallel. Files larger
// than maxBytes are refused. The error, if any, is a diag.Errors list
// covering every file.
func Load(fsys fs.FS, maxBytes int64) (*Set, error) {
	set, _, err := NewLoader(fsys, maxBytes).Load(nil)
	return set, err
}

// Loader reads the content folder again and again, as the development
// server does, parsing only the files that changed since its last Load.
type Loader struct {
	fsys     fs.FS
	maxBytes int64
	entries  map[string]entry // every file found under content/
	// paths are the keys of entries, sorted, or nil until they are
	// sorted again.
	paths     []string
	dropAbove int64 // drop bodies when the Markdown adds up to more
	large     bool
	onLarge   func()
}

// DropBodiesAbove makes Load drop the bodies of parsed files, to be read
// again with ReadBody, when all Markdown files add up to more than n bytes.
func (l *Loader) DropBodiesAbove(n int64) { l.dropAbove = n }

// OnLarge sets a function that Load calls when the site is large enough
// to drop bodies, once it knows, before it parses any file: the caller can
// prepare for a large build from its first allocation.
func (l *Loader) OnLarge(f func()) { l.onLarge = f }

// Large reports whether the last Load dropped bodies.
func (l *Loader) Large() bool { return l.large }

// entry is what the last Load knew of one file.
type entry struct {
	size  int64
	mod   time.Time
	file  *File // a parsed Markdown file
	asset bool  // a file that is copied as it is
	err   error // why the file could not be used
}

// NewLoader returns a Loader of the content folder of fsys.
func NewLoader(fsys fs.FS, maxBytes int64) *Loader {
	return &Loader{fsys: fsys, maxBytes: maxBytes}
}

// Load finds what changed in the content folder and parses the Markdown
// files that are new or changed. With changed nil, or on the first call,
// it lists the whole folder and compares sizes and modification times;
// otherwise it looks only at the paths in changed (slash paths relative to
// the site root, files or folders), as reported by a watcher. It returns
// the set and the paths it parsed. An unchanged file is the same *File as
// before, so callers can keep what they derived from it.
func (l *Loader) Load(changed map[string]bool) (*Set, []string, error) {
	var todo []string
	if changed == nil || l.entries == nil {
		old := l.entries
		l.entries, l.paths = map[string]entry{}, nil
		todo = l.scan(Dir, old)
	} else {
		var removed []string
		for _, p := range slices.Sorted(maps.Keys(changed)) {
			if p != Dir && !strings.HasPrefix(p, Dir+"/") {
				continue
			}
			for q := range l.entries {
				if q == p || strings.HasPrefix(q, p+"/") {
					delete(l.entries, q)
					removed = append(removed, q)
				}
			}
			todo = append(todo, l.scan(p, nil)...)
		}
		// A file saved is found again where it was: the paths, sorted
		// once, stay as they are unless a file came or went.
		if len(l.entries) != len(l.paths) || slices.ContainsFunc(removed, func(q string) bool { _, ok := l.entries[q]; return !ok }) {
			l.paths = nil
		}
	}
	if l.paths == nil {
		l.paths = slices.Sorted(maps.Keys(l.entries))
	}
	var total int64
	for _, e := range l.entries {
		total += e.size
	}
	l.large = l.dropAbove > 0 && total > l.dropAbove
	if l.large && l.onLarge != nil {
		l.onLarge()
	}
	l.parse(todo)
	set := &Set{}
	var errs diag.List
	for _, p := range l.paths {
		e := l.entries[p]
		switch {
		case e.err != nil:
			errs.AddErr(diag.Pos{Path: p}, e.err)
		}
		switch {
		case e.asset:
			set.Assets = append(set.Assets, p)
		case e.file != nil:
			set.Files = append(set.Files, e.file)
		case strings.HasSuffix(p, ".md"):
			set.Broken = append(set.Broken, p)
		}
	}
	return set, todo, errs.Err()
}

// scan lists the files at or below p and records them, reusing the parse
// of a Markdown file whose size and time are those in old. It returns the
// Markdown files to parse.
func (l *Loader) scan(p string, old map[string]entry) []string {
	var todo []string
	err := fs.WalkDir(l.fsys, p, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			if q == p && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll // gone, or a site without content
			}
			l.entries[q] = entry{err: fmt.Errorf("cannot read: %w", unwrapPath(err))}
			return nil
		}
		if q != Dir && IsIgnored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			l.entries[q] = entry{err: errors.New("symbolic link: not followed (copy the file into the site instead)")}
		case d.IsDir():
		case !d.Type().IsRegular():
			l.entries[q] = entry{err: errors.New("not a regular file")}
		case strings.HasSuffix(q, ".md"):
			info, err := d.Info()
			if err != nil {
				l.entries[q] = entry{err: fmt.Errorf("cannot read: %w", unwrapPath(err))}
				return nil
			}
			e, ok := old[q]
			if ok && e.file != nil && e.size == info.Size() && e.mod.Equal(info.ModTime()) {
				l.entries[q] = e
				return nil
			}
			l.entries[q] = entry{size: info.Size(), mod: info.ModTime()}
			todo = append(todo, q)
		default:
			l.entries[q] = entry{asset: true}
		}
		return nil
	})
	if err != nil {
		l.entries[p] = entry{err: fmt.Errorf("cannot read: %w", err)}
	}
	return todo
}

// parse parses the Markdown files at paths, on all cores.
func (l *Loader) parse(paths []string) {
	results := make([]entry, len(paths))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(len(paths), 1)) {
		wg.Go(func() {
			var block compact.Blocks[File]
			// A large site's sources are dropped once parsed, so each
			// worker reads them into one buffer rather than allocating
			// the whole site's Markdown once more.
			var src *[]byte
			if l.large {
				src = new([]byte)
			}
			for i := range next {
				e := l.entries[paths[i]]
				e.file, e.err = l.loadFile(paths[i], e.size, src)
				if e.file != nil && l.large {
					e.file.DropBody()
					// A large site's files are kept in blocks, and the text
					// fields of each in one string: package compact says why.
					compact.Strings(e.file.Meta.text())
					e.file = block.Put(*e.file)
				}
				results[i] = e
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, p := range paths {
		l.entries[p] = results[i]
	}
}

// loadFile reads and parses the file p. With buf, it reads into *buf,
// which the file's Body then shares until the buffer is used again.
func (l *Loader) loadFile(p string, size int64, buf *[]byte) (*File, error) {
	if size > l.maxBytes {
		return nil, diag.Errors{diag.Errorf(diag.Pos{Path: p}, "file is %d bytes, over the limit of %s (maxFileSize in config.toml)", size, humanSize(l.maxBytes))}
	}
	var src []byte
	var err error
	if buf != nil {
		src, err = readInto(l.fsys, p, slices.Grow((*buf)[:0], int(size)+bytes.MinRead))
		*buf = src
	} else {
		src, err = fs.ReadFile(l.fsys, p)
	}
	if err != nil {
		return nil, diag.Errors{diag.Errorf(diag.Pos{Path: p}, "cannot read: %v", unwrapPath(err))}
	}
	return Parse(p, src)
}

func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// humanSize writes a size as maxFileSize would: in the largest unit that
// divides it.
func humanSize(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}} {
		if n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
