// Package search builds the index that the search page queries in the
// reader's browser, as Pagefind does for any static site: nothing runs on
// a server, and a query downloads only the part of the index it needs.
//
// The index is three kinds of file under search/:
//
//   - index.json: every document (agreements, interviews, pages, countries,
//     topics, organisations) with its path, title, kind, date, countries
//     and topics, the lists the filters offer, and how the words are split;
//   - words/N.json: the words whose first two letters hash to bucket N,
//     each with its postings: the documents it appears in and how well it
//     matches there (title 10, names of people and places 6, countries,
//     topics and organisations 5, summary 3, body 1 to 4 by frequency);
//   - text/N.json: the summary and the opening text of the documents
//     numbered N×Group to (N+1)×Group−1, for the snippets of the results
//     shown.
//
// Documents are numbered by a hash of their path (see place), not by their
// place in a list, so that a document added or removed changes the text
// file it is in and the words it has, not every file of the index.
//
// Words are folded (see Fold), so a query matches whatever its accents,
// and search-worker.js matches each query word as a prefix, so "agree" finds
// "agreements": every word with the same first two letters is in the same
// bucket. The number of buckets depends only on the number of documents,
// so that an edit to a body rewrites the buckets of its words and its text
// file, and nothing else (see Index.Update).
package search

import (
	"encoding/json"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/i18n"
	"github.com/cooperation-kb/kb/generator/internal/parallel"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// Version is the shape of the index files; search-worker.js checks it.
const Version = 2

// Group is how many numbers of documents share a text file: a file holds
// the texts of 17 to 26 documents on average, of any number from none to
// 32.
const Group = 32

// Excerpt is how many bytes of a document's text a snippet can come from.
const Excerpt = 1200

// docsPerBucket sets the number of word files: about ten thousand
// postings each in the benchmark corpus, a few tens of kilobytes
// compressed.
const docsPerBucket = 64

// kindKeys are the strings that name the kinds of document in the site's
// language, by their number in index.json.
var kindKeys = [...]string{"kind.agreement", "kind.interview", "kind.page", "kind.country", "kind.topic", "kind.organisation"}

// Field weights: where a word appears says how well a page matches.
const (
	titleWeight   = 10
	nameWeight    = 6
	termWeight    = 5
	summaryWeight = 3
	maxBodyWeight = 4
	maxScore      = 255
)

// doc is one document of the index: a page, or a term, or a chapter of
// a page's body published as pages of chapters (site.Doc.Chapters), the
// first standing for the page.
type doc struct {
	page    *site.Page
	term    *site.Term
	chapter *site.Chapter
	title   string // of a chapter's page, as it names its document
}

// base is the document of the page or term, which a chapter is of.
func (d doc) base() *site.Doc {
	if d.page != nil {
		return &d.page.Doc
	}
	return &d.term.Doc
}

// ownPage reports whether d has a page of its own apart from its
// document's: a chapter but the first.
func (d doc) ownPage() bool { return d.chapter != nil && d.chapter.Number > 1 }

func (d doc) path() string {
	if d.ownPage() {
		return d.chapter.Path
	}
	return d.base().Path
}

func (d doc) titleShown() string {
	if d.ownPage() {
		return d.title
	}
	return d.base().Title
}

// posting is one document a word appears in, and how well it matches.
type posting struct {
	doc   uint32
	score uint8
}

// WriteFunc receives a file of the index; it is called from several
// goroutines at once.
type WriteFunc func(path string, data []byte) error

// Index is the search index of a site. A builder that builds again keeps
// it, with what it needs to update it when bodies change.
type Index struct {
	site      *site.Site
	lang      *i18n.Words // the names of kinds, and dates as shown
	docs      []doc
	slots     []uint32            // the number of each document of docs, ascending
	listed    []int32             // the place in docs of each document as documents lists them
	byDoc     map[*site.Doc]int   // the place in docs of each page and term
	chapters  map[*site.Doc][]int // of each page published as pages of chapters, the places of its chapters
	buckets   int
	words     map[string][]posting
	updatable bool              // keeps what Update needs
	docWords  [][]wordScore     // the words of each document, when kept
	vocab     []string          // the words of docWords, by number
	vocabID   map[string]uint32 // the number of each word of vocab
	texts     [][2]string       // the summary and excerpt of each document, when kept
	// encoded holds each word's part of its bucket file, when kept: an
	// update encodes only the words whose postings changed.
	encoded sync.Map             // string -> []byte
	entries map[string]*docEntry // each document's entry in index.json, by path, when kept
}

// Write builds the index of s and writes every file of it, with kinds
// and dates in the words of w.
func Write(s *site.Site, w *i18n.Words, write WriteFunc) error {
	x, err := build(s, w, false, write)
	if err != nil {
		return err
	}
	return x.writeFiles(x.allBuckets(), nil, true, write)
}

// New indexes the documents of s on all cores, keeping what Update needs
// to replace the words of a document: the words of each, and the texts.
// Kinds and dates are in the words of w.
func New(s *site.Site, w *i18n.Words) (*Index, error) { return build(s, w, true, nil) }

// build indexes the documents of s on all cores. Unless updatable, it writes
// each text file as soon as its documents are read, rather than holding
// every text until the end.
func build(s *site.Site, w *i18n.Words, updatable bool, write WriteFunc) (*Index, error) {
	x := &Index{site: s, lang: w, updatable: updatable, vocabID: map[string]uint32{}}
	x.docs = documents(s, w)
	x.slots, x.listed = place(x.docs)
	x.buckets = max(1, (len(x.docs)+docsPerBucket-1)/docsPerBucket)
	if updatable {
		x.texts = make([][2]string, len(x.docs))
		x.docWords = make([][]wordScore, len(x.docs))
		x.index()
	}
	workers := runtime.GOMAXPROCS(0)
	found := make([]*reader, workers)
	var readBy []int // the worker that read each document, when kept
	if updatable {
		readBy = make([]int, len(x.docs))
	}
	errs := make([]error, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			// Each worker takes groups of documents in increasing order,
			// so the postings it finds are sorted.
			r := newReader()
			var texts [][2]string
			for errs[w] == nil {
				g := int(next.Add(1)) - 1
				if g >= groups(x.slots) {
					break
				}
				lo, hi := inGroup(x.slots, g)
				texts = texts[:0]
				for i := lo; i < hi && errs[w] == nil; i++ {
					var text [2]string
					text, errs[w] = x.read(r, i)
					texts = append(texts, text)
					if updatable {
						readBy[i] = w
					}
				}
				if errs[w] == nil && !updatable {
					errs[w] = writeText(g, x.slots[lo:hi], texts, write)
				}
			}
			found[w] = r
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	for i, w := range readBy {
		x.intern(found[w], x.docWords[i])
	}
	x.words = map[string][]posting{}
	for _, r := range found {
		for id, w := range r.vocab {
			x.words[w] = mergePostings(x.words[w], r.post[id])
		}
	}
	return x, nil
}

// writeText writes text file g, which holds the texts of the documents
// numbered slots: a list with each text at its document's number less the
// first of the file, null where no document has the number.
func writeText(g int, slots []uint32, texts [][2]string, write WriteFunc) error {
	list := make([]any, 0, Group)
	for i, n := range slots {
		for len(list) < int(n)-g*Group {
			list = append(list, nil)
		}
		list = append(list, texts[i])
	}
	data, err := json.Marshal(list)
	if err != nil {
		return err
	}
	return write("search/text/"+strconv.Itoa(g)+".json", append(data, '\n'))
}

// read indexes document i with r and returns its summary and excerpt.
func (x *Index) read(r *reader, i int) ([2]string, error) {
	summary, err := r.document(x.docs[i])
	if err != nil {
		return [2]string{}, err
	}
	// The opening of the body is enough for an excerpt.
	r.text = appendText(r.text[:0], r.html[:min(len(r.html), 3*Excerpt)])
	text := [2]string{summary, excerpt(r.text, Excerpt)}
	words := r.add(x.slots[i], x.updatable)
	if x.updatable {
		x.docWords[i], x.texts[i] = words, text
	}
	return text, nil
}

// intern gives the words of a document that r read the numbers of the
// index's vocabulary in place of r's. Readers read on all cores, each
// numbering the words it sees; the index numbers them one reader at a
// time.
func (x *Index) intern(r *reader, words []wordScore) {
	for len(r.global) < len(r.vocab) {
		r.global = append(r.global, -1)
	}
	for k, ws := range words {
		g := r.global[ws.id]
		if g < 0 {
			w := r.vocab[ws.id]
			id, ok := x.vocabID[w]
			if !ok {
				id = uint32(len(x.vocab))
				x.vocab = append(x.vocab, w)
				x.vocabID[w] = id
			}
			g = int32(id)
			r.global[ws.id] = g
		}
		words[k].id = uint32(g)
	}
}

// mergePostings joins two lists sorted by document.
func mergePostings(a, b []posting) []posting {
	if len(a) == 0 {
		return b
	}
	if a[len(a)-1].doc < b[0].doc {
		return append(a, b...)
	}
	out := make([]posting, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0].doc < b[0].doc {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// index finds each document in docs: byDoc and chapters.
func (x *Index) index() {
	x.byDoc = make(map[*site.Doc]int, len(x.docs))
	x.chapters = map[*site.Doc][]int{}
	for i, d := range x.docs {
		if d.chapter == nil {
			x.byDoc[d.base()] = i
			continue
		}
		cs := x.chapters[d.base()]
		for len(cs) < d.chapter.Number {
			cs = append(cs, -1)
		}
		cs[d.chapter.Number-1] = i
		x.chapters[d.base()] = cs
		if !d.ownPage() {
			x.byDoc[d.base()] = i
		}
	}
}

// Update indexes the documents docs again, after their bodies changed,
// and writes the files that changed: the buckets of their old and new
// words and their text files. It reports false, having written nothing,
// if a document is not in the index, which then needs to be built anew.
func (x *Index) Update(docs []*site.Doc, write WriteFunc) (bool, error) {
	var changed []int
	for _, d := range docs {
		i, ok := x.byDoc[d]
		if !ok {
			return false, nil
		}
		// A body's chapters are read where they are in it now.
		places := x.chapters[d]
		if len(places) != len(d.Chapters()) {
			return false, nil
		}
		if places == nil {
			changed = append(changed, i)
		}
		changed = append(changed, places...)
	}
	// Only the words whose score in a document changed, or which came or
	// went, change their bucket: an edited sentence rewrites a few files,
	// not every bucket that holds a word of the page.
	buckets, groups := map[int]bool{}, map[int]bool{}
	r := newReader()
	for _, i := range changed {
		before := make(map[string]uint8, len(x.docWords[i]))
		for _, ws := range x.docWords[i] {
			before[x.vocab[ws.id]] = ws.score
		}
		if _, err := x.read(r, i); err != nil {
			return true, err
		}
		x.intern(r, x.docWords[i])
		doc := x.slots[i]
		for _, ws := range x.docWords[i] {
			w := x.vocab[ws.id]
			score, had := before[w]
			delete(before, w)
			if had && score == ws.score {
				continue
			}
			ps := x.words[w]
			if had {
				ps = removePosting(ps, doc)
			}
			x.words[w] = insertPosting(ps, posting{doc: doc, score: ws.score})
			x.encoded.Delete(w)
			buckets[x.bucket(w)] = true
		}
		for w := range before {
			if x.words[w] = removePosting(x.words[w], doc); len(x.words[w]) == 0 {
				delete(x.words, w)
			}
			x.encoded.Delete(w)
			buckets[x.bucket(w)] = true
		}
		groups[int(x.slots[i])/Group] = true
	}
	return true, x.writeFiles(slices.Sorted(maps.Keys(buckets)), slices.Sorted(maps.Keys(groups)), false, write)
}

func insertPosting(ps []posting, p posting) []posting {
	i, _ := slices.BinarySearchFunc(ps, p.doc, func(p posting, d uint32) int { return int(p.doc) - int(d) })
	return slices.Insert(ps, i, p)
}

func removePosting(ps []posting, doc uint32) []posting {
	i, ok := slices.BinarySearchFunc(ps, doc, func(p posting, d uint32) int { return int(p.doc) - int(d) })
	if !ok {
		return ps
	}
	return slices.Delete(ps, i, i+1)
}

// WriteAll writes every file of the index.
func (x *Index) WriteAll(write WriteFunc) error {
	all := make([]int, groups(x.slots))
	for g := range all {
		all[g] = g
	}
	return x.writeFiles(x.allBuckets(), all, true, write)
}

func (x *Index) allBuckets() []int {
	buckets := make([]int, x.buckets)
	for i := range buckets {
		buckets[i] = i
	}
	return buckets
}

// bucket returns the word file of a folded word: a hash of its first two
// letters, which search-worker.js computes the same way.
func (x *Index) bucket(w string) int {
	_, a := utf8.DecodeRuneInString(w)
	_, b := utf8.DecodeRuneInString(w[a:])
	return int(hash([]byte(w[:a+b])) % uint32(x.buckets))
}

// writeFiles writes the given word buckets and text groups, and with
// index, index.json, on all cores.
func (x *Index) writeFiles(buckets, groups []int, index bool, write WriteFunc) error {
	inBucket := make(map[int][]string, len(buckets))
	want := map[int]bool{}
	for _, b := range buckets {
		want[b] = true
		inBucket[b] = nil
	}
	for w := range x.words {
		if b := x.bucket(w); want[b] {
			inBucket[b] = append(inBucket[b], w)
		}
	}
	var jobs []func() error
	for _, b := range buckets {
		jobs = append(jobs, func() error {
			return write("search/words/"+strconv.Itoa(b)+".json", x.encodeBucket(inBucket[b]))
		})
	}
	for _, g := range groups {
		jobs = append(jobs, func() error {
			lo, hi := inGroup(x.slots, g)
			return writeText(g, x.slots[lo:hi], x.texts[lo:hi], write)
		})
	}
	if index {
		jobs = append(jobs, func() error {
			data, err := x.indexJSON()
			if err != nil {
				return err
			}
			return write("search/index.json", data)
		})
	}
	errs := make([]error, len(jobs))
	parallel.Each(len(jobs), func(i int) { errs[i] = jobs[i]() })
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// encodeBucket writes {"word":[doc,score,doc,score...],...}, the words in
// sorted order, each document number but the first as the difference
// from the one before.
func (x *Index) encodeBucket(words []string) []byte {
	slices.Sort(words)
	var b []byte
	b = append(b, '{')
	for i, w := range words {
		if i > 0 {
			b = append(b, ',')
		}
		if e, ok := x.encoded.Load(w); ok {
			b = append(b, e.([]byte)...)
			continue
		}
		start := len(b)
		q, _ := json.Marshal(w)
		b = append(b, q...)
		b = append(b, ':', '[')
		prev := uint32(0)
		for j, p := range x.words[w] {
			if j > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendUint(b, uint64(p.doc-prev), 10)
			b = append(b, ',')
			b = strconv.AppendUint(b, uint64(p.score), 10)
			prev = p.doc
		}
		b = append(b, ']')
		if x.updatable {
			x.encoded.Store(w, slices.Clone(b[start:]))
		}
	}
	return append(b, '}', '\n')
}

// kindNumber is the number in kindKeys of a document's kind.
func kindNumber(d doc) int {
	if d.term != nil {
		return 3 + int(d.term.Kind-content.CountryTerm)
	}
	switch d.page.Kind {
	case content.Agreement:
		return 0
	case content.Interview:
		return 1
	}
	return 2
}
