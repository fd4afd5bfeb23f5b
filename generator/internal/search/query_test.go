package search_test

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/cooperation-kb/kb/generator/internal/i18n"
	"github.com/cooperation-kb/kb/generator/internal/search"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// This file reads a written index back as static/js/search-worker.js does and
// answers queries the same way, so that the tests can hold the index to
// what the page shows a reader. Keep it in step with search-worker.js.

// english is the default theme's words in English.
var english, _ = i18n.Load(os.DirFS("../../.."), "en", "en")

// writeIndex runs search.Write on s and returns the files it wrote.
func writeIndex(t testing.TB, s *site.Site) map[string][]byte {
	t.Helper()
	var mu sync.Mutex
	files := map[string][]byte{}
	err := search.Write(s, english, func(path string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if _, ok := files[path]; ok {
			return fmt.Errorf("%s written twice", path)
		}
		files[path] = data
		return nil
	})
	if err != nil {
		t.Fatalf("search.Write: %v", err)
	}
	return files
}

// index is index.json and the word files, as search-worker.js sees them.
type index struct {
	Version   int         `json:"v"`
	Group     int         `json:"group"`
	Kinds     []string    `json:"kinds"`
	Countries [][2]string `json:"countries"`
	Topics    [][2]string `json:"topics"`
	Buckets   int         `json:"buckets"`
	Docs      []doc       `json:"docs"`

	words []wordFile // by bucket
	slot  []int      // the number of each document of Docs
	at    map[int]int
}

// doc is an entry of index.json's docs.
type doc struct {
	Path, Title       string
	Kind              int
	ISO, Date         string
	Countries, Topics []int
}

func (d *doc) UnmarshalJSON(data []byte) error {
	var fields []json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return err
	}
	into := []any{&d.Path, &d.Title, &d.Kind, &d.ISO, &d.Date, &d.Countries, &d.Topics}
	if len(fields) != len(into) {
		return fmt.Errorf("doc %s has %d fields, want %d", data, len(fields), len(into))
	}
	for i, f := range fields {
		if err := json.Unmarshal(f, into[i]); err != nil {
			return fmt.Errorf("doc %s, field %d: %w", data, i, err)
		}
	}
	return nil
}

// wordFile is a file of words/: its words in the order written, and the
// postings of each as written (document deltas and scores).
type wordFile struct {
	keys     []string
	postings map[string][]int
}

// readIndex parses the files written by search.Write.
func readIndex(files map[string][]byte) (*index, error) {
	ix := &index{}
	data, ok := files["search/index.json"]
	if !ok {
		return nil, fmt.Errorf("no search/index.json")
	}
	if err := json.Unmarshal(data, ix); err != nil {
		return nil, fmt.Errorf("search/index.json: %w", err)
	}
	ix.number()
	for i := range ix.Buckets {
		name := "search/words/" + strconv.Itoa(i) + ".json"
		data, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("index.json says %d buckets, but there is no %s", ix.Buckets, name)
		}
		wf, err := readWordFile(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		ix.words = append(ix.words, wf)
	}
	return ix, nil
}

// readWordFile parses a word file keeping the order of its words, which
// a map would lose.
func readWordFile(data []byte) (wordFile, error) {
	wf := wordFile{postings: map[string][]int{}}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return wf, fmt.Errorf("want an object, got %v (%v)", tok, err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return wf, err
		}
		w := tok.(string)
		if _, ok := wf.postings[w]; ok {
			return wf, fmt.Errorf("%q twice", w)
		}
		var ps []int
		if err := dec.Decode(&ps); err != nil {
			return wf, fmt.Errorf("%q: %w", w, err)
		}
		wf.keys = append(wf.keys, w)
		wf.postings[w] = ps
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return wf, fmt.Errorf("want the object's end, got %v (%v)", tok, err)
	}
	if dec.More() {
		return wf, fmt.Errorf("data after the object")
	}
	return wf, nil
}

// wordRe is search-worker.js's wordRe.
var wordRe = regexp.MustCompile(`[\pL\p{Nd}\p{Mn}]+`)

// queryWords is search-worker.js's words, without duplicates, as search() uses
// it.
func queryWords(q string) []string {
	var ws []string
	for _, m := range wordRe.FindAllString(q, -1) {
		w := search.Fold(m)
		if utf8.RuneCountInString(w) >= 2 && !search.IsStopword(w) && !slices.Contains(ws, w) {
			ws = append(ws, w)
		}
	}
	return ws
}

// stem is search-worker.js's stem; JavaScript counts a string's length in UTF-16
// code units.
func stem(w string) string {
	if len(utf16.Encode([]rune(w))) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		return w[:len(w)-1]
	}
	return w
}

// number is search-worker.js's number: each document's number in the word
// and text files, the first free from a hash of its path in a space of 64,
// 96, 128, 192... numbers, the first at least 1.25 times the documents;
// documents taken by hash, then path.
func (ix *index) number() {
	n := len(ix.Docs)
	size := 0
	for s := 64; size == 0; s *= 2 {
		switch {
		case 5*n <= 4*s:
			size = s
		case 5*n <= 6*s:
			size = s * 3 / 2
		}
	}
	home := make([]int, n)
	order := make([]int, n)
	for d, doc := range ix.Docs {
		h := fnv(doc.Path)
		home[d], order[d] = int((h^h>>16)%uint32(size)), d
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(home[a]-home[b], strings.Compare(ix.Docs[a].Path, ix.Docs[b].Path))
	})
	ix.slot, ix.at = make([]int, n), map[int]int{}
	last := -1
	for _, d := range order {
		last = max(home[d], last+1)
		ix.slot[d], ix.at[last] = last, d
	}
}

// fnv is search-worker.js's fnv, a 32-bit FNV-1a hash.
func fnv(s string) uint32 {
	h := uint32(2166136261)
	for _, c := range []byte(s) {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

// shardsFor is search-worker.js's loadWords: the number of the word file that
// holds the words beginning with w, the bucket of a 32-bit FNV-1a hash of
// its first two letters.
func (ix *index) shardsFor(w string) []int {
	first := w
	if r := []rune(w); len(r) > 2 {
		first = string(r[:2])
	}
	return []int{int(fnv(first) % uint32(ix.Buckets))}
}

// result is a query's answer: the documents found, best first, their
// scores by document, and the word files it read.
type result struct {
	hits   []int
	scores []float32
	shards []int
}

// query is search-worker.js's search() without filters: each query word is
// stemmed and matched as a prefix of the indexed words, a whole word (or
// the word and an s) at full weight and a longer one at half, the best
// match per document; every word must match, and the scores add up. Ties
// go to the newer document, then to the first.
func (ix *index) query(q string) result {
	var r result
	stems := queryWords(q)
	for i, w := range stems {
		stems[i] = stem(w)
	}
	if len(stems) == 0 {
		return r
	}
	for n, w := range stems {
		per := make([]float32, len(ix.Docs))
		shards := ix.shardsFor(w)
		for _, s := range shards {
			if !slices.Contains(r.shards, s) {
				r.shards = append(r.shards, s)
			}
			wf := ix.words[s]
			keys := slices.Sorted(slices.Values(wf.keys))
			k, _ := slices.BinarySearch(keys, w)
			for ; k < len(keys) && strings.HasPrefix(keys[k], w); k++ {
				weight := float32(0.5)
				if keys[k] == w || keys[k] == w+"s" {
					weight = 1
				}
				p := wf.postings[keys[k]]
				for j, n := 0, 0; j+1 < len(p); j += 2 {
					n += p[j]
					d := ix.at[n]
					per[d] = max(per[d], float32(p[j+1])*weight)
				}
			}
		}
		if n == 0 {
			r.scores = per
			continue
		}
		for d := range r.scores {
			if r.scores[d] > 0 && per[d] > 0 {
				r.scores[d] += per[d]
			} else {
				r.scores[d] = 0
			}
		}
	}
	for d, s := range r.scores {
		if s > 0 {
			r.hits = append(r.hits, d)
		}
	}
	slices.SortFunc(r.hits, func(a, b int) int {
		return cmp.Or(cmp.Compare(r.scores[b], r.scores[a]), strings.Compare(ix.Docs[b].ISO, ix.Docs[a].ISO), a-b)
	})
	slices.Sort(r.shards)
	return r
}

// text is search-worker.js's loadText: the summary and text of docs[d], at its
// number in the text file of its group.
func (ix *index) text(files map[string][]byte, d int) ([2]string, error) {
	n := ix.slot[d]
	name := "search/text/" + strconv.Itoa(n/ix.Group) + ".json"
	var texts []*[2]string
	if err := json.Unmarshal(files[name], &texts); err != nil {
		return [2]string{}, fmt.Errorf("%s: %w", name, err)
	}
	if n%ix.Group >= len(texts) || texts[n%ix.Group] == nil {
		return [2]string{}, fmt.Errorf("%s has no text numbered %d", name, n)
	}
	return *texts[n%ix.Group], nil
}

// paths returns the paths of the documents at the places hits in Docs.
func (ix *index) paths(hits []int) []string {
	out := make([]string, len(hits))
	for i, d := range hits {
		out[i] = ix.Docs[d].Path
	}
	return out
}
