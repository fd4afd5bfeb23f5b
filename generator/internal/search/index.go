// Package search builds the index that the search page queries in the
// reader's browser, as Pagefind does for any static site: nothing runs on
// a server, and a query downloads only the part of the index it needs.
//
// The index is three kinds of file under search/:
//
//   - index.json: every document (agreements, interviews, pages, countries,
//     topics, organisations) with its path, title, kind, date, countries
//     and topics, the lists the filters offer, and the shard names;
//   - words/N.json: a run of words in sorted order, each with its postings, the documents it appears in and how well it
//     matches there (title 10, names of people and places 6, countries,
//     topics and organisations 5, summary 3, body 1 to 4 by frequency);
//   - text/N.json: the summary and the opening text of Group documents,
//     for the snippets of the results shown.
//
// Words are folded (see Fold), so a query matches whatever its accents,
// and search.js matches each query word as a prefix, so "agree" finds
// "agreements". Words sort by bytes here and by UTF-16 code units in
// search.js, which agree but for letters beyond U+FFFF.
package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/bits"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// Version is the shape of the index files; search.js checks it.
const Version = 1

// Group is how many documents share a text file.
const Group = 32

// Excerpt is how many bytes of a document's text a snippet can come from.
const Excerpt = 1200

// Kinds name the kinds of document, by their number in index.json.
var Kinds = []string{"Agreement", "Interview", "Page", "Country", "Topic", "Organisation"}

// Field weights: where a word appears says how well a page matches.
const (
	titleWeight   = 10
	nameWeight    = 6
	termWeight    = 5
	summaryWeight = 3
	maxBodyWeight = 4
	maxScore      = 255
)

// doc is one document of the index.
type doc struct {
	page *site.Page
	term *site.Term
}

func (d doc) base() *site.Doc {
	if d.page != nil {
		return &d.page.Doc
	}
	return &d.term.Doc
}

// posting is one document a word appears in, and how well it matches.
type posting struct {
	doc   uint32
	score uint8
}

// Write builds the index of s and passes each file to write, from several
// goroutines at once.
func Write(s *site.Site, write func(path string, data []byte) error) error {
	docs := make([]doc, 0, len(s.Pages)+len(s.Countries)+len(s.Topics)+len(s.Organisations))
	for _, p := range s.Pages {
		docs = append(docs, doc{page: p})
	}
	for _, ts := range [][]*site.Term{s.Countries, s.Topics, s.Organisations} {
		for _, t := range ts {
			docs = append(docs, doc{term: t})
		}
	}
	workers := runtime.GOMAXPROCS(0)
	found := make([]map[string][]posting, workers)
	errs := make([]error, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			// Each worker takes groups in increasing order, so its
			// postings are sorted by document.
			x := &indexer{words: map[string][]posting{}, seen: map[string]*match{}}
			for errs[w] == nil {
				g := int(next.Add(1)) - 1
				if g*Group >= len(docs) {
					break
				}
				errs[w] = x.group(docs, g, write)
			}
			found[w] = x.words
		})
	}
	wg.Wait()
	if err := firstError(errs); err != nil {
		return err
	}
	return writeWords(merge(found), docs, s, write)
}

func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// indexer gathers the postings of the documents one worker reads.
type indexer struct {
	words map[string][]posting
	seen  map[string]*match // the words of the current document
	text  []byte
	buf   []byte
}

type match struct {
	fields uint8 // the weights of the fields other than the body
	body   int   // how often it appears in the body
}

// group indexes the documents of text file g and writes that file.
func (x *indexer) group(docs []doc, g int, write func(string, []byte) error) error {
	end := min(len(docs), (g+1)*Group)
	texts := make([][2]string, 0, end-g*Group)
	for i := g * Group; i < end; i++ {
		summary, err := x.document(docs[i])
		if err != nil {
			return err
		}
		x.add(uint32(i))
		texts = append(texts, [2]string{summary, excerpt(x.text, Excerpt)})
	}
	data, err := json.Marshal(texts)
	if err != nil {
		return err
	}
	return write("search/text/"+strconv.Itoa(g)+".json", data)
}

// document reads the fields of d into x.seen and its body text into
// x.text, and returns its summary.
func (x *indexer) document(d doc) (string, error) {
	clear(x.seen)
	b := d.base()
	x.field(b.Title, titleWeight)
	summary := ""
	if p := d.page; p != nil {
		m := p.Meta
		summary = m.Summary
		for _, name := range []string{m.Interviewee, m.Role, m.Organisation, m.Outlet, m.Place} {
			x.field(name, nameWeight)
		}
		for _, ts := range [][]*site.Term{p.Countries, p.Topics, p.Organisations, p.Parties} {
			for _, t := range ts {
				x.field(t.Title, termWeight)
			}
		}
	} else {
		summary = d.term.Description
	}
	x.field(summary, summaryWeight)
	html, err := b.Content()
	if err != nil {
		return "", fmt.Errorf("%s: %w", b.Path, err)
	}
	x.text = appendText(x.text[:0], []byte(html))
	x.buf = words(x.text, x.buf, func(w []byte) { x.word(w).body++ })
	return summary, nil
}

func (x *indexer) field(text string, weight uint8) {
	x.buf = words([]byte(text), x.buf, func(w []byte) {
		m := x.word(w)
		m.fields = max(m.fields, weight)
	})
}

func (x *indexer) word(w []byte) *match {
	m := x.seen[string(w)]
	if m == nil {
		m = &match{}
		x.seen[string(w)] = m
	}
	return m
}

// add turns the words of document i into postings.
func (x *indexer) add(i uint32) {
	for w, m := range x.seen {
		score := int(m.fields)
		if m.body > 0 {
			// Each doubling of the count adds one, up to a limit, so that
			// a long page does not win by length alone.
			score += min(maxBodyWeight, bits.Len(uint(m.body)))
		}
		x.words[w] = append(x.words[w], posting{doc: i, score: uint8(min(score, maxScore))})
	}
}

// merge joins the postings of every worker, each sorted by document.
func merge(found []map[string][]posting) map[string][]posting {
	all := found[0]
	for _, m := range found[1:] {
		for w, ps := range m {
			if old, ok := all[w]; ok {
				ps = slices.Concat(old, ps)
				slices.SortFunc(ps, func(a, b posting) int { return int(a.doc) - int(b.doc) })
			}
			all[w] = ps
		}
	}
	return all
}

// shardPostings and shardBytes are about how many postings and bytes a
// word file holds: a few tens of kilobytes compressed, so that a query
// loads little more than the words it can match, and a small site has one
// file. The bytes count where words are rare, such as numbers, as each
// word then takes more room than its postings.
const (
	shardPostings = 16384
	shardBytes    = 128 << 10
)

// writeWords writes the word files and index.json. Words are split into
// files in sorted order, and index.json lists the first word of each.
func writeWords(words map[string][]posting, docs []doc, s *site.Site, write func(string, []byte) error) error {
	sorted := slices.Sorted(maps.Keys(words))
	var shards []string
	var b bytes.Buffer
	n := 0
	flush := func() error {
		b.WriteString("}\n")
		err := write("search/words/"+strconv.Itoa(len(shards)-1)+".json", bytes.Clone(b.Bytes()))
		b.Reset()
		return err
	}
	for _, w := range sorted {
		ps := words[w]
		if len(shards) == 0 || (n+len(ps) > shardPostings || b.Len() > shardBytes) && n > 0 {
			if len(shards) > 0 {
				if err := flush(); err != nil {
					return err
				}
			}
			shards, n = append(shards, w), 0
			b.WriteByte('{')
		} else {
			b.WriteByte(',')
		}
		n += len(ps)
		writePostings(&b, w, ps)
	}
	if len(shards) > 0 {
		if err := flush(); err != nil {
			return err
		}
	}
	data, err := indexJSON(docs, shards, s)
	if err != nil {
		return err
	}
	return write("search/index.json", data)
}

// writePostings writes "word":[doc,score,doc,score...], each document
// number but the first as the difference from the one before.
func writePostings(b *bytes.Buffer, w string, ps []posting) {
	q, _ := json.Marshal(w)
	b.Write(q)
	b.WriteString(":[")
	prev := uint32(0)
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatUint(uint64(p.doc-prev), 10))
		b.WriteByte(',')
		b.WriteString(strconv.Itoa(int(p.score)))
		prev = p.doc
	}
	b.WriteByte(']')
}

type indexFile struct {
	Version   int         `json:"v"`
	Group     int         `json:"group"`
	Kinds     []string    `json:"kinds"`
	Countries [][2]string `json:"countries"` // name, path
	Topics    [][2]string `json:"topics"`
	Shards    []string    `json:"shards"` // the first word of each word file
	// Docs are [path, title, kind, ISO date, date as shown, [countries],
	// [topics]].
	Docs []any `json:"docs"`
}

// kindNumber is the number in Kinds of a document's kind.
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

func indexJSON(docs []doc, shards []string, s *site.Site) ([]byte, error) {
	f := indexFile{Version: Version, Group: Group, Kinds: Kinds, Shards: shards, Docs: make([]any, len(docs))}
	number := map[*site.Term]int{}
	for i, t := range s.Countries {
		number[t] = i
		f.Countries = append(f.Countries, [2]string{t.Title, t.Path})
	}
	for i, t := range s.Topics {
		number[t] = i
		f.Topics = append(f.Topics, [2]string{t.Title, t.Path})
	}
	numbers := func(ts []*site.Term) []int {
		out := make([]int, len(ts))
		for i, t := range ts {
			out[i] = number[t]
		}
		return out
	}
	for i, d := range docs {
		b, iso, date, countries, topics := d.base(), "", "", []int{}, []int{}
		if p := d.page; p != nil {
			if !p.Date.IsZero() {
				iso, date = p.Date.ISO(), p.Date.String()
			}
			countries, topics = numbers(p.Countries), numbers(p.Topics)
		}
		f.Docs[i] = []any{b.Path, b.Title, kindNumber(d), iso, date, countries, topics}
	}
	data, err := json.Marshal(f)
	return append(data, '\n'), err
}
