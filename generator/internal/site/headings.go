package site

import (
	"encoding/binary"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/markdown"
)

// headingList is the headings of a document in one string: for each, its
// level, then the lengths and bytes of its ID and of its text. A string,
// because a large site keeps every document's headings until its last page
// is written and the garbage collector need not look inside a string.
type headingList string

func encodeHeadings(hs []markdown.Heading) headingList {
	var b []byte
	for _, h := range hs {
		b = append(b, byte(h.Level))
		b = binary.AppendUvarint(b, uint64(len(h.ID)))
		b = append(b, h.ID...)
		b = binary.AppendUvarint(b, uint64(len(h.Text)))
		b = append(b, h.Text...)
	}
	return headingList(b)
}

// each calls f with every heading in order until f returns false.
func (l headingList) each(f func(markdown.Heading) bool) {
	s := string(l)
	next := func() string {
		var n, shift int
		for {
			b := s[0]
			s = s[1:]
			n |= int(b&0x7f) << shift
			if b < 0x80 {
				break
			}
			shift += 7
		}
		v := s[:n]
		s = s[n:]
		return v
	}
	for len(s) > 0 {
		h := markdown.Heading{Level: int(s[0])}
		s = s[1:]
		h.ID = next()
		h.Text = next()
		if !f(h) {
			return
		}
	}
}

// SetHeadings sets the headings of the rendered body.
func (d *Doc) SetHeadings(hs []markdown.Heading) { d.headings = encodeHeadings(hs) }

// SetOutline sets the headings and the lead of the rendered body, and
// whether it is long.
func (d *Doc) SetOutline(o markdown.Outline) {
	d.SetHeadings(o.Headings)
	d.lead = o.Lead
	d.long = o.Long
	d.chapters = o.Chapters
	d.chapterLines = o.ChapterLines
}

// Outline is the outline of a rendered body as a document keeps it: the
// document of the same body in the next model takes it as it is.
type Outline struct {
	headings     headingList
	lead         string
	long         bool
	chapters     []int
	chapterLines []int
}

// Outline returns the outline of the rendered body.
func (d *Doc) Outline() Outline {
	return Outline{d.headings, d.lead, d.long, d.chapters, d.chapterLines}
}

// RestoreOutline sets the outline of the rendered body to o, which
// Outline returned for a document of the same body.
func (d *Doc) RestoreOutline(o Outline) {
	d.headings, d.lead, d.long, d.chapters, d.chapterLines = o.headings, o.lead, o.long, o.chapters, o.chapterLines
}

// IsLong reports whether the body is long (markdown.LongSource), as the
// full text of a treaty is: rendered in parts, which its page draws only
// as they come on screen.
func (d *Doc) IsLong() bool { return d.long }

// tocMax is the most headings of level 3 and above that a table of
// contents lists; with more, it lists the level-2 headings alone.
const tocMax = 60

// TOC returns the headings a table of contents lists: those of levels 2
// and 3, or of level 2 alone when there are more than tocMax, as in a
// treaty of hundreds of articles whose chapters are what a reader scans.
func (d *Doc) TOC() []markdown.Heading {
	var all, top []markdown.Heading
	d.headings.each(func(h markdown.Heading) bool {
		if h.Level <= 3 {
			all = append(all, h)
		}
		if h.Level <= 2 {
			top = append(top, h)
		}
		return true
	})
	if len(all) > tocMax && len(top) > 1 {
		return top
	}
	return all
}

// Lead returns the opening sentence of the rendered body, as text.
func (d *Doc) Lead() string { return d.lead }

// Headings returns the headings of the rendered body, for its table of
// contents.
func (d *Doc) Headings() []markdown.Heading {
	var hs []markdown.Heading
	d.headings.each(func(h markdown.Heading) bool {
		hs = append(hs, h)
		return true
	})
	return hs
}

// A Chapter is a part of a long body published as pages of chapters
// (markdown.Outline.Chapters): the first is on its document's page, after
// what comes before it, and each other on a page of its own.
type Chapter struct {
	Number int // from 1
	// ID and Title are its heading's.
	ID, Title            string
	Path, URL, Permalink string
	// Sections are its headings after its own.
	Sections []markdown.Heading
}

// InChapters reports whether the body is published as pages of chapters.
func (d *Doc) InChapters() bool { return d.chapters != nil }

// AppendChapter appends to dst the text of chapter k, from 0, of a body
// published as pages of chapters: the first with what comes before it.
// It appends nothing for a chapter the body does not have.
func (d *Doc) AppendChapter(dst []byte, k int) ([]byte, error) {
	if k+1 >= len(d.chapters) {
		return dst, nil
	}
	from, to := d.chapters[k], d.chapters[k+1]
	if k == 0 {
		from = 0
	}
	if d.stored == nil {
		return append(dst, d.content[from:to]...), nil
	}
	// A stored body is read whole.
	at := len(dst)
	dst, err := d.AppendContent(dst)
	if err != nil {
		return dst[:at], err
	}
	return append(dst[:at], dst[at+from:at+to]...), nil
}

// Chapters returns the chapters of a body published as pages of chapters,
// or nil.
func (d *Doc) Chapters() []Chapter {
	if d.chapters == nil {
		return nil
	}
	out := make([]Chapter, 0, len(d.chapters)-1)
	d.headings.each(func(h markdown.Heading) bool {
		switch {
		case h.Level <= 2 && h.Text != "":
			n := len(out)
			c := Chapter{Number: n + 1, ID: h.ID, Title: h.Text, Path: d.Path, URL: d.URL, Permalink: d.Permalink}
			if n > 0 {
				sub := markdown.ChapterPath(h.ID)
				c.Path, c.URL, c.Permalink = c.Path+sub, c.URL+sub, c.Permalink+sub
			}
			out = append(out, c)
		case len(out) > 0:
			c := &out[len(out)-1]
			c.Sections = append(c.Sections, h)
		}
		return true
	})
	return out
}

// checkChapters reports the pages of chapters that would be published
// where a page or a file of the site is, of the documents in only, or of
// all if only is nil.
func (s *Site) checkChapters(only map[*Doc]bool, errs *diag.List) {
	for _, d := range s.Docs {
		if !d.InChapters() || only != nil && !only[d] {
			continue
		}
		for i, c := range d.Chapters()[1:] {
			var first string
			switch dir, other := strings.TrimSuffix(c.Path, "/"), s.byPath[c.Path]; {
			case other != nil && other.File != nil:
				first = other.File.Path
			case other != nil:
				first = "the page of " + other.Title
			case s.files[c.Path+"index.html"]:
				first = c.Path + "index.html"
			case s.files[dir]:
				first = dir
			default:
				continue
			}
			errs.Addf(diag.Pos{Path: d.File.Path, Line: d.chapterLines[i+1], Col: 1}, "chapter %q publishes to /%s, as %s does: give the heading another title", c.Title, c.Path, first)
		}
	}
}
