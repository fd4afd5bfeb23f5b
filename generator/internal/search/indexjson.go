// index.json: every document with its path, title, kind, date and terms.

package search

import (
	"encoding/json"
	"fmt"

	"github.com/cooperation-kb/kb/generator/internal/site"
)

type indexFile struct {
	Version   int         `json:"v"`
	Group     int         `json:"group"`
	Buckets   int         `json:"buckets"`
	Kinds     []string    `json:"kinds"`
	Countries [][2]string `json:"countries"` // name, path
	Topics    [][2]string `json:"topics"`
	// Docs are [path, title, kind, ISO date, date as shown, [countries],
	// [topics]].
	Docs []any `json:"docs"`
}

func (x *Index) indexJSON() ([]byte, error) {
	s := x.site
	f := indexFile{Version: Version, Group: Group, Buckets: x.buckets, Docs: []any{}}
	for _, key := range kindKeys {
		f.Kinds = append(f.Kinds, x.lang.T(key))
	}
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
	head, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	// The documents, written one by one into the list Docs leaves empty,
	// in the order of documents, which gzip compresses best (paths that
	// begin alike are together): an index that is kept reuses the JSON of
	// those that did not change.
	b := head[:len(head)-len("]}")]
	entries := make(map[docEntry][]byte, len(x.docs))
	for i, at := range x.listed {
		d := x.docs[at]
		e := docEntry{path: d.base().Path, title: d.base().Title, kind: kindNumber(d)}
		var countries, topics []int
		if p := d.page; p != nil {
			if !p.Date.IsZero() {
				e.iso, e.date = p.Date.ISO(), x.lang.Date(p.Date)
			}
			countries, topics = numbers(p.Countries), numbers(p.Topics)
			e.countries, e.topics = fmt.Sprint(countries), fmt.Sprint(topics)
		}
		data, ok := x.entries[e]
		if !ok {
			if data, err = json.Marshal([]any{e.path, e.title, e.kind, e.iso, e.date, nonNil(countries), nonNil(topics)}); err != nil {
				return nil, err
			}
		}
		if x.updatable {
			entries[e] = data
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, data...)
	}
	x.entries = entries
	return append(b, "]}\n"...), nil
}

// docEntry is what index.json says of a document.
type docEntry struct {
	path, title       string
	kind              int
	iso, date         string
	countries, topics string // the numbers of its terms
}

// nonNil returns ns, or an empty list for none, which JSON writes [].
func nonNil(ns []int) []int {
	if ns == nil {
		return []int{}
	}
	return ns
}
