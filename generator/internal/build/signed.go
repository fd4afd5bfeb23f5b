package build

import (
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/parallel"
	"github.com/cooperation-kb/kb/generator/internal/render"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// After a change to front matter, a file added, removed or renamed, an
// Incremental build makes the model again (or, when only texts such as a
// title changed, puts them into the model it kept), but writes only the
// files
// whose signature changed: the hash of what the file shows of the model
// (site.Signer, render.Data.Signature). The pages of a retitled agreement,
// of its terms, of the lists and pages that name it, and the feeds that
// list it are written again; the other pages stay as they are, and the
// files that no longer belong to the site are removed.
//
// The signatures are those of the files as the output holds them: a full
// build signs every file, a build after a change to front matter the new
// site's, and a build after bodies alone forgets the signatures of the
// files it wrote, which the next build then writes again.

// sums are the signatures of a site's files and documents.
type sums struct {
	pages   map[string]uint64 // of every page, by output path
	files   map[string]uint64 // of the other signed files: feeds, the sitemap, copied files
	entries map[string]uint64 // what the search index shows of each document, by path
}

// signed are the signatures of the files an Incremental build wrote
// last, and the signer that made them, whose hashes of front matter and
// bodies the next signer reuses.
type signed struct {
	signer *site.Signer
	sums
}

// A plan is what a build that made the model writes, in Incremental
// mode: the signatures of the new site, and of the build before unless
// every file is to be written.
type plan struct {
	signer *site.Signer
	sums
	before  *signed         // nil: write every file
	changed map[string]bool // the sources that changed
	// kept are the files of the site that the build writes unsigned,
	// in part, such as the search index.
	kept []string
}

// newPlan signs jobs, the pages of s, for a build of run r after the
// build that wrote what before says, if any. Everything is written again
// after the settings changed, or when no build before was written whole,
// or when a file that is not Markdown changed. Given touched, s is the
// model that before's signer signed, in which only the documents of
// touched changed since (site.Resigner).
func newPlan(r *run, s *site.Site, jobs []render.Job, before *signed, touched map[*site.Doc]bool) *plan {
	if r.mode != Incremental {
		return nil
	}
	var prev *site.Signer
	if before != nil {
		prev = before.signer
	}
	p := &plan{signer: s.Resigner(prev, touched), changed: r.changed, sums: sums{pages: make(map[string]uint64, len(jobs)),
		files: map[string]uint64{}, entries: make(map[string]uint64, len(s.Pages))}}
	if before != nil && !r.reload && r.changed != nil && onlyMarkdown(r.changed) {
		p.before = before
	}
	var docs []*site.Doc
	for _, pg := range s.Pages {
		docs = append(docs, &pg.Doc)
	}
	for _, ts := range [][]*site.Term{s.Countries, s.Topics, s.Organisations} {
		for _, t := range ts {
			docs = append(docs, &t.Doc)
		}
	}
	entries := make([]uint64, len(docs))
	parallel.Each(len(docs), func(i int) { entries[i] = p.signer.Entry(docs[i]) })
	for i, d := range docs {
		p.entries[d.Path] = entries[i]
	}
	signatures := make([]uint64, len(jobs))
	parallel.Each(len(jobs), func(i int) { signatures[i] = jobs[i].Data.Signature(p.signer) })
	for i, j := range jobs {
		p.pages[j.Out] = signatures[i]
	}
	return p
}

// onlyMarkdown reports whether every path of changed is a content file,
// whose every effect is in the model.
func onlyMarkdown(changed map[string]bool) bool {
	for c := range changed {
		if !strings.HasPrefix(c, content.Dir+"/") || !strings.HasSuffix(c, ".md") {
			return false
		}
	}
	return true
}

// partial reports whether p writes only the files whose signature
// changed.
func (p *plan) partial() bool { return p != nil && p.before != nil }

// writes reports whether the file at path, signed sum, is to be written.
// It records the signature either way.
func (p *plan) writes(path string, sum uint64) bool {
	if p == nil {
		return true
	}
	p.files[path] = sum
	if p.before == nil {
		return true
	}
	old, ok := p.before.files[path]
	return !ok || old != sum
}

// exportKey returns the key of the object of the data export at path, a
// page's or a term's: the signature of its page, which shows all its
// object holds.
func (p *plan) exportKey(path string) (uint64, bool) {
	sum, ok := p.pages[path+"index.html"]
	return sum, ok
}

// searchChanged reports whether the search index may show d otherwise
// than in the build before.
func (p *plan) searchChanged(d *site.Doc) bool {
	old, ok := p.before.entries[d.Path]
	return !ok || old != p.entries[d.Path]
}

// jobs returns the jobs whose pages are to be written.
func (p *plan) jobs(all []render.Job) []render.Job {
	if !p.partial() {
		return all
	}
	var out []render.Job
	for _, j := range all {
		if old, ok := p.before.pages[j.Out]; !ok || old != p.pages[j.Out] {
			out = append(out, j)
		}
	}
	return out
}

// copies returns the copied files to copy again: those whose source
// changed or that the output does not hold yet.
func (p *plan) copies(all []copyFile) []copyFile {
	if p == nil {
		return all
	}
	var out []copyFile
	for _, c := range all {
		h := p.signer.NewHash()
		h.String(c.from)
		if p.writes(c.to, h.Sum64()) || p.changed[c.from] {
			out = append(out, c)
		}
	}
	return out
}

// signFeed signs a file that lists pages: what sign writes, then the
// card and body of every page it lists.
func (p *plan) signFeed(path string, pages []*site.Page, sign func(h *site.Hash)) uint64 {
	h := p.signer.NewHash()
	h.String(path)
	if sign != nil {
		sign(h)
	}
	h.Int(len(pages))
	for _, pg := range pages {
		h.PageCard(pg)
		h.Body(&pg.Doc)
	}
	return h.Sum64()
}

// keep keeps, in a partial build into a live folder, every signed file
// that the build did not write: what it neither wrote nor kept goes.
func (p *plan) keep(keep func(path string)) {
	for path := range p.pages {
		keep(path)
	}
	for path := range p.files {
		keep(path)
	}
	for _, path := range p.kept {
		keep(path)
	}
}

// forget forgets the signatures of the files at paths, which a build
// wrote without signing them: the next build writes them again.
func (b *Builder) forget(paths []string) {
	for _, s := range b.signed {
		for _, p := range paths {
			delete(s.pages, p)
			delete(s.files, p)
		}
	}
}
