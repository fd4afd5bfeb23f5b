package search

import (
	"maps"
	"slices"
	"strconv"
	"sync"

	"github.com/cooperation-kb/kb/generator/internal/i18n"
	"github.com/cooperation-kb/kb/generator/internal/parallel"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// documents lists the documents of s: pages by path, then countries,
// topics and organisations, each by name.
func documents(s *site.Site, w *i18n.Words) []doc {
	var docs []doc
	for _, p := range s.Pages {
		cs := p.Chapters()
		if cs == nil {
			docs = append(docs, doc{page: p})
			continue
		}
		for k := range cs {
			d := doc{page: p, chapter: &cs[k]}
			if d.ownPage() {
				d.title = w.T("chapter.title", "chapter", cs[k].Title, "title", p.Title)
			}
			docs = append(docs, d)
		}
	}
	for _, ts := range [][]*site.Term{s.Countries, s.Topics, s.Organisations} {
		for _, t := range ts {
			docs = append(docs, doc{term: t})
		}
	}
	return docs
}

// Refresh brings the index up to date with s, the model of the site made
// again after its files changed, and the words of w. A document of s is read again if the
// index has none of its path, or if changed, which is called with every
// document, reports that it may hold other words than the one of its path
// in the index; any other keeps the words and texts it had. Refresh writes the files that changed: the
// buckets of the words whose postings changed, the text files of the
// documents whose texts or numbers changed, and index.json. It returns
// the paths of every file of the index, so that a build that writes only
// what changed can keep the rest.
func (x *Index) Refresh(s *site.Site, w *i18n.Words, changed func(*site.Doc) bool, write WriteFunc) ([]string, error) {
	docs := documents(s, w)
	slots, listed := place(docs)
	before := make(map[string]int, len(x.docs))
	for i, d := range x.docs {
		before[d.path()] = i
	}
	span := 0
	if len(x.slots) > 0 {
		span = int(x.slots[len(x.slots)-1]) + 1
	}
	renumber := make([]int32, span) // old number -> new, or -1
	for i := range renumber {
		renumber[i] = -1
	}
	texts, docWords := make([][2]string, len(docs)), make([][]wordScore, len(docs))
	var read []int
	was := map[int][]wordScore{} // the words of a document read again, by its place in docs
	for i, d := range docs {
		j, ok := before[d.path()]
		again := changed(d.base())
		if ok {
			renumber[x.slots[j]] = int32(slots[i])
			texts[i], docWords[i] = x.texts[j], x.docWords[j]
		}
		if !ok || again {
			read = append(read, i)
			was[i] = docWords[i]
		}
	}
	// Only the words of the documents that went or took another number
	// have postings to renumber.
	moved := map[uint32]bool{}
	for j, n := range x.slots {
		if renumber[n] != int32(n) {
			for _, ws := range x.docWords[j] {
				moved[ws.id] = true
			}
		}
	}
	oldTexts, oldSlots, oldBuckets := x.texts, x.slots, x.buckets
	x.site, x.lang, x.docs, x.slots, x.listed, x.texts, x.docWords = s, w, docs, slots, listed, texts, docWords
	x.buckets = max(1, (len(docs)+docsPerBucket-1)/docsPerBucket)
	x.index()
	if err := x.readAll(read); err != nil {
		return nil, err
	}
	buckets := x.renumber(renumber, moved, was)
	if x.buckets != oldBuckets {
		buckets = x.allBuckets()
	}
	var changedGroups []int
	for g := range groups(slots) {
		lo, hi := inGroup(slots, g)
		from, to := inGroup(oldSlots, g)
		// A file the index did not have is written even if empty.
		if g >= groups(oldSlots) || !slices.Equal(slots[lo:hi], oldSlots[from:to]) || !slices.Equal(texts[lo:hi], oldTexts[from:to]) {
			changedGroups = append(changedGroups, g)
		}
	}
	if err := x.writeFiles(buckets, changedGroups, true, write); err != nil {
		return nil, err
	}
	files := []string{"search/index.json"}
	for b := range x.buckets {
		files = append(files, "search/words/"+strconv.Itoa(b)+".json")
	}
	for g := range groups(slots) {
		files = append(files, "search/text/"+strconv.Itoa(g)+".json")
	}
	return files, nil
}

// readAll reads the documents at the places read in docs, on all cores.
func (x *Index) readAll(read []int) error {
	errs := make([]error, len(read))
	by := make([]*reader, len(read))
	var mu sync.Mutex
	readers := []*reader{}
	parallel.Each(len(read), func(k int) {
		mu.Lock()
		var r *reader
		if n := len(readers); n > 0 {
			r, readers = readers[n-1], readers[:n-1]
		} else {
			r = newReader()
		}
		mu.Unlock()
		_, errs[k] = x.read(r, read[k])
		by[k] = r
		mu.Lock()
		readers = append(readers, r)
		mu.Unlock()
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	for k, i := range read {
		x.intern(by[k], x.docWords[i])
	}
	return nil
}

// renumber gives the postings of the documents that stayed their new
// numbers and drops those of the documents that went, in the words
// numbered moved, which hold every such posting; of the documents read,
// was holding the words they had before, if any, it replaces the postings
// whose score changed. It returns the buckets of the words whose postings
// changed.
func (x *Index) renumber(renumber []int32, moved map[uint32]bool, was map[int][]wordScore) []int {
	buckets := map[int]bool{}
	touched := map[string]bool{}
	touch := func(w string) {
		touched[w] = true
		buckets[x.bucket(w)] = true
	}
	for id := range moved {
		w := x.vocab[id]
		ps, ok := x.words[w]
		if !ok {
			continue
		}
		kept, same, sorted := ps[:0], true, true
		for _, p := range ps {
			n := renumber[p.doc]
			switch {
			case n < 0:
				same = false
				continue
			case uint32(n) != p.doc:
				same = false
			}
			if len(kept) > 0 && kept[len(kept)-1].doc > uint32(n) {
				sorted = false
			}
			kept = append(kept, posting{doc: uint32(n), score: p.score})
		}
		if !sorted {
			slices.SortFunc(kept, func(a, b posting) int { return int(a.doc) - int(b.doc) })
		}
		if len(kept) == 0 {
			delete(x.words, w)
		} else {
			x.words[w] = kept
		}
		if !same {
			touch(w)
		}
	}
	for i, words := range was {
		doc := x.slots[i]
		before := make(map[string]uint8, len(words))
		for _, ws := range words {
			before[x.vocab[ws.id]] = ws.score
		}
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
			touch(w)
		}
		for w := range before {
			if x.words[w] = removePosting(x.words[w], doc); len(x.words[w]) == 0 {
				delete(x.words, w)
			}
			touch(w)
		}
	}
	// When the space of numbers grows or shrinks, every document is
	// renumbered and most words change: forgetting every word's part at
	// once is cheaper than forgetting them one by one.
	if len(touched) > len(x.words)/2 {
		x.encoded.Clear()
	} else {
		for w := range touched {
			x.encoded.Delete(w)
		}
	}
	return slices.Sorted(maps.Keys(buckets))
}
