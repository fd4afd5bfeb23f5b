package search

import (
	"bytes"
	"fmt"
	"math/bits"

	"github.com/cooperation-kb/kb/generator/internal/site"
)

// reader gathers the postings of the documents one worker reads. Words
// get numbers as they are first seen, so that counting a word in a
// document is an array access rather than a map of its own per document.
type reader struct {
	slots   []int32  // open addressing by hash: a word number, or -1
	hashes  []uint32 // of each word
	vocab   []string
	post    [][]posting
	seen    []bool  // whether each word is in the current document
	count   []int32 // how often in the body of the current document
	fields  []uint8 // the best field weight in that document
	touched []int32 // the words of the current document
	global  []int32 // the number of each word in the index's vocabulary, or -1 (Index.intern)
	html    []byte
	text    []byte
	buf     []byte
}

func newReader() *reader {
	r := &reader{slots: make([]int32, 1<<12)}
	for i := range r.slots {
		r.slots[i] = -1
	}
	return r
}

// document reads the fields and body of d and returns its summary.
func (r *reader) document(d doc) (string, error) {
	r.touched = r.touched[:0]
	b := d.base()
	summary := ""
	switch p := d.page; {
	case d.ownPage():
		// A chapter is found by its heading and its text; what the
		// document is about is found on the document's page.
		r.field(d.chapter.Title, titleWeight)
	case p != nil:
		r.field(b.Title, titleWeight)
		m := p.Meta
		summary = m.Summary
		for _, name := range []string{m.Interviewee, m.Role, m.Organisation, m.Outlet, m.Place} {
			r.field(name, nameWeight)
		}
		for _, ts := range [][]*site.Term{p.Countries, p.Topics, p.Organisations, p.Parties} {
			for _, t := range ts {
				r.field(t.Title, termWeight)
			}
		}
	default:
		r.field(b.Title, titleWeight)
		summary = d.term.Description
	}
	r.field(summary, summaryWeight)
	var err error
	if d.chapter != nil {
		r.html, err = b.AppendChapter(r.html[:0], d.chapter.Number-1)
	} else {
		r.html, err = b.AppendContent(r.html[:0])
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", b.Path, err)
	}
	r.buf = htmlWords(r.html, r.buf, func(w []byte, h uint32) { r.count[r.see(w, h)]++ })
	return summary, nil
}

func (r *reader) field(text string, weight uint8) {
	r.buf = words([]byte(text), r.buf, func(w []byte, h uint32) {
		id := r.see(w, h)
		r.fields[id] = max(r.fields[id], weight)
	})
}

// see returns the number of word w, whose hash is h, clearing its counts
// when it is first seen in the current document. It uses a table of its
// own rather than a map, as the hash comes free with folding the word.
func (r *reader) see(w []byte, h uint32) int32 {
	mask := uint32(len(r.slots) - 1)
	i := h & mask
	id := r.slots[i]
	for id >= 0 && (r.hashes[id] != h || r.vocab[id] != string(w)) {
		i = (i + 1) & mask
		id = r.slots[i]
	}
	if id < 0 {
		id = int32(len(r.vocab))
		r.slots[i] = id
		r.hashes = append(r.hashes, h)
		r.vocab = append(r.vocab, string(w))
		if 2*len(r.vocab) > len(r.slots) {
			r.grow()
		}
		r.post = append(r.post, nil)
		r.seen = append(r.seen, false)
		r.count = append(r.count, 0)
		r.fields = append(r.fields, 0)
	}
	if !r.seen[id] {
		r.seen[id] = true
		r.count[id], r.fields[id] = 0, 0
		r.touched = append(r.touched, id)
	}
	return id
}

// grow doubles the table.
func (r *reader) grow() {
	r.slots = make([]int32, 2*len(r.slots))
	for i := range r.slots {
		r.slots[i] = -1
	}
	mask := uint32(len(r.slots) - 1)
	for id, h := range r.hashes {
		i := h & mask
		for r.slots[i] >= 0 {
			i = (i + 1) & mask
		}
		r.slots[i] = int32(id)
	}
}

// wordScore is a word of a document, by its number in the vocabulary of
// the index (of the reader that read it, until the index interns it), and
// how well it matches there: 8 bytes, where the word itself would take 24.
type wordScore struct {
	id    uint32
	score uint8
}

// add turns the words of the current document, number doc, into postings,
// and for an updatable index returns them.
func (r *reader) add(doc uint32, updatable bool) []wordScore {
	var words []wordScore
	if updatable {
		words = make([]wordScore, 0, len(r.touched))
	}
	for _, id := range r.touched {
		score := int(r.fields[id])
		if n := r.count[id]; n > 0 {
			// Each doubling of the count adds one, up to a limit, so that
			// a long page does not win by length alone.
			score += min(maxBodyWeight, bits.Len32(uint32(n)))
		}
		p := posting{doc: doc, score: uint8(min(score, maxScore))}
		r.post[id] = append(r.post[id], p)
		r.seen[id] = false
		if updatable {
			words = append(words, wordScore{uint32(id), p.score})
		}
	}
	return words
}

// htmlWords calls f with each word of the text of rendered HTML, folded,
// as words does; tags and entities end words. The Markdown renderer
// writes letters as they are, so an entity is never part of a word.
func htmlWords(html []byte, buf []byte, f func(word []byte, h uint32)) []byte {
	for len(html) > 0 {
		i := bytes.IndexAny(html, "<&")
		if i < 0 {
			return words(html, buf, f)
		}
		buf = words(html[:i], buf, f)
		html = html[i:]
		end := 0
		if html[0] == '<' {
			end = bytes.IndexByte(html, '>')
		} else if e := bytes.IndexByte(html[:min(len(html), 12)], ';'); e > 0 {
			end = e
		}
		if end < 0 {
			return buf
		}
		html = html[end+1:]
	}
	return buf
}
