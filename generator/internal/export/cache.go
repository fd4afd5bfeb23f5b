package export

import (
	"bytes"
	"io"

	"github.com/cooperation-kb/kb/generator/internal/site"
)

// A Cache keeps the JSON of each object of the document, for a builder
// that writes the document again after every change: of the objects whose
// items did not change, it writes the JSON it kept rather than encode
// them again.
type Cache struct {
	objects map[string]encoded // by path
}

type encoded struct {
	key  uint64
	json []byte
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{objects: map[string]encoded{}} }

// Write writes the document of s to w as Write does. key returns, for the
// path of an item, a hash of everything its object holds, or false if it
// has none: the object of an item whose key is the one it was encoded for
// is not encoded again. The cache then holds the objects of this document
// alone.
func (c *Cache) Write(w io.Writer, s *site.Site, key func(path string) (uint64, bool)) error {
	out := newWriter(w)
	out.cache, out.key, out.kept = c, key, make(map[string]encoded, len(c.objects))
	err := write(out, s)
	c.objects = out.kept
	return err
}

// object writes the object that make makes for the item at path, or its
// JSON from the cache if the cache holds it for the item's key.
func (w *writer) object(path string, make func() any) {
	if w.cache == nil {
		w.value(make())
		return
	}
	key, ok := w.key(path)
	if e, hit := w.cache.objects[path]; ok && hit && e.key == key {
		w.kept[path] = e
		if w.err == nil {
			_, w.err = w.w.Write(e.json)
		}
		return
	}
	w.value(make())
	if ok && w.err == nil {
		w.kept[path] = encoded{key, bytes.Clone(bytes.TrimSuffix(w.scratch.Bytes(), []byte("\n")))}
	}
}

// pathOf and termPath name the item of an object for the cache.
func pathOf(p *site.Page) string   { return p.Path }
func termPath(t *site.Term) string { return t.Path }
