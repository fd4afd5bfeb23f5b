package build

import (
	"os"
	"runtime/debug"
	"slices"
	"sync"

	"github.com/cooperation-kb/kb/generator/internal/compact"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// largeSite is the size of Markdown, in bytes, above which a build keeps
// sources and rendered bodies out of memory: about 25,000 pages of the
// benchmark's size. Below it, memory is the faster place.
var largeSite int64 = 256 << 20

// largeSiteMemory is the heap a build of a large site aims to stay under:
// its live data stays well below, and without a limit the collector lets
// the heap grow to twice the live data.
const largeSiteMemory = 1792 << 20

// largeSiteGC is the GOGC of a build of a large site. Its bodies are in a
// file, so what the heap keeps is the model, dense with pointers, which
// the collector marks in every cycle; with the default of 100 it ran a
// cycle each time the build allocated the size of the model, which at
// 100,000 pages was a fifth of the CPU, and with 200 still 61-63 cycles.
// The memory limit bounds the heap this lets grow, and the pages' writing
// reaches that limit whatever GOGC is, so a higher one costs no peak
// memory.
const largeSiteGC = 400

// tuneMemory sets the memory limit and GOGC of a large build, each unless
// the user set it with GOMEMLIMIT or GOGC, and returns the function that
// puts them back.
func tuneMemory() (restore func()) {
	setLimit, setPercent := os.Getenv("GOMEMLIMIT") == "", os.Getenv("GOGC") == ""
	var limit int64
	var percent int
	if setLimit {
		limit = debug.SetMemoryLimit(largeSiteMemory)
	}
	if setPercent {
		percent = debug.SetGCPercent(largeSiteGC)
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

// spill holds rendered bodies in a temporary file between rendering the
// Markdown and rendering the pages, so that a build's memory does not grow
// with the size of the site. The file is removed as soon as it is made:
// the build reads it through its open handle, and nothing is left behind
// however the build ends.
type spill struct {
	f       *os.File
	mu      sync.Mutex
	end     int64                   // the size of the file, guarded by mu
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

// put stores html and returns where it is.
func (s *spill) put(html []byte) (site.StoredBody, error) {
	n := int64(len(html))
	s.mu.Lock()
	defer s.mu.Unlock()
	off := s.end
	if _, err := s.f.Write(html); err != nil {
		return nil, err
	}
	s.end += n
	// The places are allocated in blocks: one object each was a hundred
	// thousand more for the collector to mark on a large site.
	return s.places.Put(spilled{s, off, n}), nil
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
