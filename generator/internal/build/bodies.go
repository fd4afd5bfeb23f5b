package build

import (
	"html/template"
	"slices"
	"sync"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/parallel"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// bodyEntry is a rendered body and how its links were resolved, which an
// Incremental builder keeps to render the body again only if they change.
type bodyEntry struct {
	file    *content.File
	html    template.HTML
	stored  site.StoredBody // the body in the spill of a large site, instead of html
	outline site.Outline
	steps   []resolution
	// The page's path and the base URL's when the links were read, which
	// decide where relative links lead.
	path, base string
}

// renderBodies converts the Markdown of docs on all cores, resolving
// their links; an Incremental build replays the resolutions of a body
// whose file did not change instead.
func (b *Builder) renderBodies(r *run, s *site.Site, docs []*site.Doc) {
	entries := make([]*bodyEntry, len(docs))
	// A page a language lists untranslated is rendered in every
	// language, its links leading to that language's pages.
	for i, d := range docs {
		entries[i] = b.bodies[s.Prefix+d.File.Path]
	}
	parallel.Each(len(docs), func(i int) {
		entries[i] = b.renderBody(r, s, docs[i], entries[i])
		b.opts.Progress.add(1)
	})
	for i, d := range docs {
		if entries[i] != nil {
			b.bodies[s.Prefix+d.File.Path] = entries[i]
		}
	}
}

// renderBody renders the body of d, or reuses e, its entry of the last
// build, if its links resolve as they did. It returns the entry to keep
// for the next build, if any.
func (b *Builder) renderBody(r *run, s *site.Site, d *site.Doc, e *bodyEntry) *bodyEntry {
	if e != nil && e.file == d.File && replay(s, d, e, &r.errs) {
		if e.stored != nil {
			d.StoreContent(e.stored)
		} else {
			d.SetContent(e.html)
		}
		d.RestoreOutline(e.outline)
		return e
	}
	s.ClearLinks(d)
	e = &bodyEntry{file: d.File}
	resolve := s.Resolver(d)
	if r.mode == Incremental {
		resolve = e.recording(s, d)
	}
	buf := sourceBufs.Get().(*[]byte)
	defer sourceBufs.Put(buf)
	body, err := d.File.ReadBody(b.fsys, buf)
	if err != nil {
		r.errs.Addf(diag.Pos{Path: d.File.Path}, "cannot read: %v", err)
		return nil
	}
	var keepErr error
	keep := func(html []byte) { keepErr = r.keepBody(d, e, html) }
	outline, err := b.md.Render(d.File.Path, body, d.File.BodyLine, resolve, &r.errs, keep)
	if err != nil {
		r.errs.Addf(diag.Pos{Path: d.File.Path}, "cannot render Markdown: %v", err)
		return nil
	}
	if keepErr != nil {
		r.errs.Addf(diag.Pos{Path: d.File.Path}, "cannot keep the rendered body: %v", keepErr)
		return nil
	}
	d.SetOutline(outline)
	if r.mode == Incremental {
		e.outline = d.Outline()
		// Kept until the body changes: without the room appending left.
		if cap(e.steps) > len(e.steps) {
			e.steps = slices.Clone(e.steps)
		}
		return e
	}
	r.dropSource(d)
	return nil
}

// sourceBufs hold the Markdown of bodies read again to be rendered, which
// nothing keeps once the body is rendered.
var sourceBufs = sync.Pool{New: func() any { return new([]byte) }}
