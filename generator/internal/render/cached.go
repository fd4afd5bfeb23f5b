// The fragments of cached, cachedEach, cachedChunks and cachedBy: rendered
// once per build, and carried from one build to the next.

package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/cooperation-kb/kb/generator/internal/compact"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// fragment is a template rendered once for one document.
type fragment struct {
	once sync.Once
	html template.HTML
	err  error
	done bool // rendered without error
}

// ResetCache forgets the fragments rendered by cached, before a build
// with a new site model of docs documents (site.Site.NumDocs), but for
// Carry to carry over.
func (t *Templates) ResetCache(docs int) {
	t.ended = nil
	if t.keys != nil {
		t.ended = &ended{keys: t.keys, carried: t.carried}
		t.cache.Range(func(name, table any) bool {
			t.ended.names = append(t.ended.names, name.(string))
			t.ended.tables = append(t.ended.tables, table.([]fragment))
			return true
		})
	}
	t.cache.Clear()
	t.keyed.Clear()
	t.kept.Reset()
	t.docs, t.keys, t.carried = docs, nil, nil
}

// ended are the fragments of a build that ended, by template name, and
// the keys of its documents.
type ended struct {
	keys    []uint64
	names   []string
	tables  [][]fragment
	carried map[string]map[uint64]template.HTML
}

// Carry gives the documents of the build ResetCache began their keys, by
// ID, such as their site.Signer.Whole: the build reuses the fragments of a
// document whose key was a document's in a build before, rather than
// render them again. It keeps those of every document that still has its
// key, rendered in the build that ended or carried over from one before
// it, for the next build.
func (t *Templates) Carry(keys []uint64) {
	carried := map[string]map[uint64]template.HTML{}
	if e := t.ended; e != nil {
		live := make(map[uint64]bool, len(keys))
		for _, k := range keys {
			live[k] = true
		}
		keep := func(name string, key uint64, html template.HTML) {
			if live[key] {
				if carried[name] == nil {
					carried[name] = map[uint64]template.HTML{}
				}
				carried[name][key] = html
			}
		}
		for i, name := range e.names {
			fragments := e.tables[i]
			for id := range fragments {
				if f := &fragments[id]; f.done {
					keep(name, e.keys[id], f.html)
				}
			}
		}
		for name, m := range e.carried {
			for key, html := range m {
				if _, ok := carried[name][key]; !ok {
					keep(name, key, html)
				}
			}
		}
	}
	// Copied into new blocks, so that the blocks of the builds before,
	// which hold fragments no document shows any more, are freed.
	var kept compact.Arena
	for _, m := range carried {
		for key, html := range m {
			m[key] = template.HTML(kept.Keep([]byte(html)))
		}
	}
	t.ended, t.keys, t.carried = nil, keys, carried
}

// cached renders the template name with data, a page or a term, once per
// build and reuses the HTML, as a page appears in many lists: those of its
// terms, related pages and backlinks. Fragments are kept in a slice by
// document ID, cheaper to look up than a map.
func (t *Templates) cached(name string, data any) (template.HTML, error) {
	var id int
	switch d := data.(type) {
	case *site.Page:
		id = d.ID
	case *site.Term:
		id = d.ID
	default:
		return "", fmt.Errorf("cached %q: expected a page or a term, got %T", name, data)
	}
	table, ok := t.cache.Load(name)
	if !ok {
		table, _ = t.cache.LoadOrStore(name, make([]fragment, t.docs))
	}
	f := &table.([]fragment)[id]
	if t.keys != nil {
		if html, ok := t.carried[name][t.keys[id]]; ok {
			f.once.Do(func() { f.html, f.done = html, true })
			return f.html, nil
		}
	}
	return t.render(f, name, data)
}

// cachedBy renders the template name with data once per build for each
// key and reuses the HTML: for a part of many pages that takes few
// forms, such as the navigation, which differs only in the entry that is
// current. Every call with the same name and key must pass the same data.
func (t *Templates) cachedBy(name, key string, data any) (template.HTML, error) {
	v, _ := t.keyed.LoadOrStore(name+"\x00"+key, new(fragment))
	f := v.(*fragment)
	return t.render(f, name, data)
}

// render renders f, the template name with data, the first time it is
// asked for, and returns its HTML.
func (t *Templates) render(f *fragment, name string, data any) (template.HTML, error) {
	f.once.Do(func() {
		b := fragmentBufs.Get().(*bytes.Buffer)
		defer fragmentBufs.Put(b)
		b.Reset()
		if f.err = t.shared.ExecuteTemplate(b, name, data); f.err == nil {
			f.html, f.done = template.HTML(t.kept.Keep(b.Bytes())), true
		}
	})
	return f.html, f.err
}

// cachedEach renders each element of list, pages, related pages or
// terms, as cached does, each preceded by sep. A list of pages is written
// by one call rather than by a range over it, which makes three
// reflective template calls per element.
func (t *Templates) cachedEach(name string, list any, sep string) (template.HTML, error) {
	frags, err := t.fragments(name, list)
	if err != nil {
		return "", err
	}
	return join(frags, sep, len(frags)), nil
}

// chunkSize is the most bytes of a piece of cachedChunks, unless one
// element is longer: fmt keeps the buffer it prints with for the next
// print if it is at most 64 KB, and the runtime allocates up to 32 KB from
// spans it reuses.
const chunkSize = 32 << 10

// cachedChunks renders list as cachedEach does, in pieces of at most
// chunkSize bytes, for a template to print with range: a long list
// printed as one value is copied whole into buffers too large for the
// runtime to reuse.
func (t *Templates) cachedChunks(name string, list any, sep string) ([]template.HTML, error) {
	frags, err := t.fragments(name, list)
	if err != nil {
		return nil, err
	}
	var chunks []template.HTML
	for len(frags) > 0 {
		n, size := 1, len(sep)+len(frags[0])
		for n < len(frags) && size+len(sep)+len(frags[n]) <= chunkSize {
			size += len(sep) + len(frags[n])
			n++
		}
		chunks = append(chunks, join(frags, sep, n))
		frags = frags[n:]
	}
	return chunks, nil
}

// join joins the first n of frags, each preceded by sep.
func join(frags []template.HTML, sep string, n int) template.HTML {
	size := len(sep) * n
	for _, f := range frags[:n] {
		size += len(f)
	}
	var b strings.Builder
	b.Grow(size)
	for _, f := range frags[:n] {
		b.WriteString(sep)
		b.WriteString(string(f))
	}
	return template.HTML(b.String())
}

// fragments renders each element of list, pages, related pages or terms,
// with the template name, as cached does.
func (t *Templates) fragments(name string, list any) ([]template.HTML, error) {
	var frags []template.HTML
	add := func(data any) error {
		html, err := t.cached(name, data)
		frags = append(frags, html)
		return err
	}
	var err error
	switch l := list.(type) {
	case []*site.Page:
		frags = make([]template.HTML, 0, len(l))
		for i := 0; i < len(l) && err == nil; i++ {
			err = add(l[i])
		}
	case []site.Scored:
		frags = make([]template.HTML, 0, len(l))
		for i := 0; i < len(l) && err == nil; i++ {
			err = add(l[i].Page)
		}
	case []*site.Term:
		frags = make([]template.HTML, 0, len(l))
		for i := 0; i < len(l) && err == nil; i++ {
			err = add(l[i])
		}
	default:
		err = fmt.Errorf("expected a list of pages or terms to render with %q, got %T", name, list)
	}
	return frags, err
}

// fragmentBufs hold fragments being rendered.
var fragmentBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}
