package build

import (
	"html/template"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sync"

	"github.com/cooperation-kb/kb/generator/internal/compact"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// A build that will not build again (Once, Large) keeps only what the
// steps still to come need, so that its memory grows with the site as
// little as it can: each source goes once its body is rendered
// (dropSource), the positions and references of front matter and the
// loader once the model is made (dropSources), and the links recorded for
// backlinks once the model is linked (dropLinks). What it gives up is the
// next build: the Builder loads and renders everything again.
//
// A Large build, of a site of more than largeSite bytes of Markdown, gives
// up more, as its memory would otherwise outgrow the machine's: the loader
// keeps no source, so every body is read from the disk twice; rendered
// bodies go to a temporary file, the spill, and are read back when their
// page is written; and the collector runs less often, under a limit on
// memory (tuneMemory). Below largeSite, memory is the faster place.

// largeSite is the size of Markdown, in bytes, above which a build is
// Large: about 25,000 pages of the benchmark's size.
var largeSite int64 = 256 << 20

// largeSiteMemory is the heap a Large build aims to stay under, well above
// its live data: without a limit the collector lets the heap grow to twice
// the live data.
const largeSiteMemory = 1792 << 20

// largeSiteGC is the GOGC of a Large build: what its heap keeps is the
// model, dense with pointers, which the collector marks in every cycle,
// and the memory limit bounds the heap a higher GOGC lets grow.
const largeSiteGC = 400

// onceGC is the GOGC of a Once build that is not Large. Most of its heap
// is rendered bodies, kept until their pages are written, while the
// templates make garbage fast: a heap grown to less than twice what is
// live took 9% less peak memory, and 2% more CPU, at 10,000 pages.
const onceGC = 80

// watchSize makes the loader drop the sources of a large site once
// parsed: a body rendered again is read again. The loader of a Once build
// also tells it, before it parses a file, whether the site is large: the
// build is then Large from its first allocation.
func (b *Builder) watchSize(r *run) {
	b.loader.DropBodiesAbove(largeSite)
	if r.mode != Once {
		return
	}
	r.restore = tuneMemory(0, onceGC)
	b.loader.OnLarge(func() {
		r.restore()
		r.mode = Large
		r.restore = tuneMemory(largeSiteMemory, largeSiteGC)
	})
}

// tuneMemory sets the memory limit, unless limit is 0, and GOGC of a
// build, each unless the user set it with GOMEMLIMIT or GOGC, and returns
// the function that puts them back.
func tuneMemory(limit int64, percent int) (restore func()) {
	setLimit, setPercent := limit != 0 && os.Getenv("GOMEMLIMIT") == "", os.Getenv("GOGC") == ""
	if setLimit {
		limit = debug.SetMemoryLimit(limit)
	}
	if setPercent {
		percent = debug.SetGCPercent(percent)
	}
	return func() {
		if setLimit {
			debug.SetMemoryLimit(limit)
		}
		if setPercent {
			debug.SetGCPercent(percent)
		}
	}
}

// startSpill opens the spill of a Large build beside the output, on the
// disk the build writes to anyway, or in the temporary folder for a check,
// which writes nothing there. An Incremental build of a large site keeps
// its rendered bodies in a spill of the builder, in the temporary folder,
// which lives as long as the builder, or in memory if it cannot be made.
func (b *Builder) startSpill(r *run) error {
	if r.mode == Incremental && b.loader.Large() {
		if b.spill == nil {
			if sp, err := newSpill(os.TempDir()); err == nil {
				b.spill = sp
			}
		}
		b.compactSpill()
		r.spill = b.spill
		return nil
	}
	if r.mode != Large {
		return nil
	}
	dir := filepath.Dir(b.out)
	if b.opts.Check {
		dir = os.TempDir()
	}
	sp, err := newSpill(dir)
	if err != nil {
		return err
	}
	r.spill = sp
	return nil
}

// spillSlack is how much more than the bodies it keeps the spill of an
// Incremental build may hold, in bodies rendered again since, before
// compactSpill copies the kept ones into a new file.
var spillSlack int64 = 64 << 20

// compactSpill copies the bodies kept in the builder's spill into a new
// one when the spill holds more bodies rendered again since than bodies
// kept, as after settings that render every body again (a base URL of
// another path, allowHTML), and closes the old one. It runs before a build
// reads any body. The places of the bodies are moved, not replaced, so the
// models kept read them where they went. If a new spill cannot be made,
// the old one serves on.
func (b *Builder) compactSpill() {
	old := b.spill
	// The bodies kept are counted only once the spill has grown past
	// twice what they were the last time, not on every save.
	if old == nil || old.end <= 2*old.kept+spillSlack {
		return
	}
	var kept []*spilled
	var size int64
	for _, e := range b.bodies {
		if x, ok := e.stored.(*spilled); ok && x.s == old {
			kept = append(kept, x)
			size += x.n
		}
	}
	old.kept = size
	if old.end-size <= size+spillSlack {
		return
	}
	sp, err := newSpill(os.TempDir())
	if err != nil {
		return
	}
	offs := make([]int64, len(kept))
	var buf []byte
	for i, x := range kept {
		if buf, err = x.AppendTo(buf[:0]); err == nil {
			offs[i], err = sp.write(buf)
		}
		if err != nil {
			sp.close()
			return
		}
	}
	for i, x := range kept {
		x.s, x.off = sp, offs[i]
	}
	sp.kept = size
	old.close()
	b.spill = sp
}

// end undoes what a Once or Large build changed: it removes the spill of
// a Large build (an Incremental build's is the builder's) and puts back
// the collector's settings.
func (r *run) end() {
	if r.spill != nil && r.mode != Incremental {
		r.spill.close()
		r.spill = nil
	}
	if r.restore != nil {
		r.restore()
	}
}

// keepBody keeps the rendered body of d until its page is written, and
// for an Incremental build until the body changes: in the spill of a
// large site, in memory otherwise.
func (r *run) keepBody(d *site.Doc, e *bodyEntry, html []byte) error {
	if r.spill == nil {
		e.html = template.HTML(html)
		d.SetContent(e.html)
		return nil
	}
	stored, err := r.spill.put(html)
	if err != nil {
		return err
	}
	e.stored = stored
	d.StoreContent(stored)
	return nil
}

// dropSource forgets the Markdown of d, once its body is rendered, in a
// build that will not build again.
func (r *run) dropSource(d *site.Doc) {
	if r.mode != Incremental {
		d.File.DropBody()
	}
}

// dropSources forgets, in a build that will not build again, what only
// the making of the model reads: the positions and references of front
// matter, and the loader and configuration, so that the next build loads
// everything again.
func (b *Builder) dropSources(r *run, set *content.Set) {
	if r.mode == Incremental {
		return
	}
	for _, f := range set.Files {
		f.Meta.DropReferences()
	}
	b.cfg, b.loader = nil, nil
}

// dropLinks forgets, in a build that will not build again, the links
// recorded for backlinks once the model is linked.
func (r *run) dropLinks(s *site.Site) {
	if r.mode != Incremental {
		s.ReleaseLinks()
	}
}

// spill holds rendered bodies in a temporary file: those of a Large build
// between rendering the Markdown and rendering the pages, those of an
// Incremental build of a large site for as long as its builder keeps
// them. The file is removed as soon as it is made, and read through its
// open handle, so nothing is left behind however the process ends (but
// where an open file cannot be removed: there it goes when closed).
type spill struct {
	f   *os.File
	mu  sync.Mutex
	end int64 // the size of the file, guarded by mu
	// kept is the size of the bodies an Incremental build kept in the
	// spill when compactSpill last counted them.
	kept    int64
	places  compact.Blocks[spilled] // of the bodies, guarded by mu
	removed bool
}

func newSpill(dir string) (*spill, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, ".kb-bodies-*")
	if err != nil {
		return nil, err
	}
	// Where an open file cannot be removed, it is removed on close.
	return &spill{f: f, removed: os.Remove(f.Name()) == nil}, nil
}

// put stores html and returns where it is. The places are allocated in
// blocks, as one object each would be many more for the collector to mark.
func (s *spill) put(html []byte) (site.StoredBody, error) {
	off, err := s.write(html)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.places.Put(spilled{s, off, int64(len(html))}), nil
}

// write appends html to the file and returns where it starts.
func (s *spill) write(html []byte) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	off := s.end
	if _, err := s.f.Write(html); err != nil {
		return 0, err
	}
	s.end += int64(len(html))
	return off, nil
}

// spilled is a body in the spill file.
type spilled struct {
	s      *spill
	off, n int64
}

func (b *spilled) AppendTo(dst []byte) ([]byte, error) {
	dst = slices.Grow(dst, int(b.n))
	end := len(dst) + int(b.n)
	if _, err := b.s.f.ReadAt(dst[len(dst):end], b.off); err != nil {
		return dst, err
	}
	return dst[:end], nil
}

func (s *spill) close() {
	s.f.Close()
	if !s.removed {
		os.Remove(s.f.Name())
	}
}
