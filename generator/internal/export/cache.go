package export

import (
	"bufio"
	"io"

	"github.com/cooperation-kb/kb/generator/internal/site"
)

// A Cache knows where each object of the document it wrote last is, for
// a builder that writes the document again after every change: of the
// objects whose items did not change, it copies the JSON from the last
// document rather than encode them again. It holds their places, not
// their JSON, which at 100,000 pages is some 300 MB.
type Cache struct {
	objects map[string]encoded // by path
	size    int64              // of the last document
}

type encoded struct {
	key uint64
	off int64
	n   int64
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{} }

// Write writes the document of s to w as Write does. last reads the
// document the cache's Write wrote before, of lastSize bytes, or is nil if
// there is none: a document of another size is not that one, and the
// objects are all encoded again. key returns, for the path of an item, a
// hash of everything its object holds, or false if it has none: the
// object of an item whose key is the one it was encoded for is copied
// from last. The cache then knows the objects of the document written to
// w, which must be the one last reads at the next Write.
func (c *Cache) Write(w io.Writer, last io.ReaderAt, lastSize int64, s *site.Site, key func(path string) (uint64, bool)) error {
	out := newWriter(w)
	out.cache, out.key, out.kept = c, key, make(map[string]encoded, len(c.objects))
	if last != nil && lastSize == c.size && c.objects != nil {
		out.last = &lastDoc{r: last, size: lastSize}
	}
	err := write(out, s)
	c.objects, c.size = out.kept, out.pos
	if err != nil || out.last != nil && out.last.err != nil {
		c.objects = nil
	}
	return err
}

// lastDoc reads the objects of the last document, mostly in order.
type lastDoc struct {
	r    io.ReaderAt
	size int64
	br   *bufio.Reader
	pos  int64 // where br is in the document
	err  error
}

// copyTo copies the n bytes at off to w.
func (d *lastDoc) copyTo(w io.Writer, off, n int64) error {
	if d.br == nil || off < d.pos || off-d.pos > 1<<20 {
		src := io.NewSectionReader(d.r, off, d.size-off)
		if d.br == nil {
			d.br = bufio.NewReaderSize(src, 256<<10)
		} else {
			d.br.Reset(src)
		}
		d.pos = off
	}
	if _, err := d.br.Discard(int(off - d.pos)); err != nil {
		return err
	}
	_, err := io.CopyN(w, d.br, n)
	d.pos = off + n
	return err
}

// object writes the object that make makes for the item at path, or its
// JSON from the last document if the cache holds it for the item's key.
func (w *writer) object(path string, make func() any) {
	if w.cache == nil {
		w.value(make())
		return
	}
	key, ok := w.key(path)
	if e, hit := w.cache.objects[path]; ok && hit && e.key == key && w.last != nil && w.err == nil {
		// An object copied in part fails the document, and the cache
		// forgets every object.
		if w.err = w.last.copyTo(w.w, e.off, e.n); w.err != nil {
			w.last.err = w.err
			return
		}
		w.kept[path] = encoded{key, w.pos, e.n}
		w.pos += e.n
		return
	}
	at := w.pos
	w.value(make())
	if ok && w.err == nil {
		w.kept[path] = encoded{key, at, w.pos - at}
	}
}

// pathOf and termPath name the item of an object for the cache.
func pathOf(p *site.Page) string   { return p.Path }
func termPath(t *site.Term) string { return t.Path }
