// index.json: every document with its path, title, kind, date and terms.

package search

import (
	"encoding/json"
	"slices"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/i18n"
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
	head, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	// The documents, written one by one into the list Docs leaves empty,
	// in the order of documents, which gzip compresses best (paths that
	// begin alike are together): an index that is kept reuses the JSON of
	// those that did not change, which it finds by path and compares
	// without formatting a date or a list.
	b := head[:len(head)-len("]}")]
	entries := make(map[string]*docEntry, len(x.docs))
	var countries, topics []int
	for i, at := range x.listed {
		d := x.docs[at]
		path, title := d.path(), d.titleShown()
		countries, topics = countries[:0], topics[:0]
		var date content.Date
		if p := d.page; p != nil {
			date = p.Date
			for _, t := range p.Countries {
				countries = append(countries, number[t])
			}
			for _, t := range p.Topics {
				topics = append(topics, number[t])
			}
		}
		e := x.entries[path]
		if e == nil || e.lang != x.lang || e.title != title || e.kind != kindNumber(d) || e.date != date ||
			!slices.Equal(e.countries, countries) || !slices.Equal(e.topics, topics) {
			e = &docEntry{lang: x.lang, title: title, kind: kindNumber(d), date: date,
				countries: slices.Clone(countries), topics: slices.Clone(topics)}
			iso, shown := "", ""
			if !date.IsZero() {
				iso, shown = date.ISO(), x.lang.Date(date)
			}
			if e.data, err = json.Marshal([]any{path, e.title, e.kind, iso, shown, nonNil(e.countries), nonNil(e.topics)}); err != nil {
				return nil, err
			}
		}
		if x.updatable {
			entries[path] = e
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, e.data...)
	}
	x.entries = entries
	return append(b, "]}\n"...), nil
}

// docEntry is what index.json says of a document, and what it says it
// from.
type docEntry struct {
	lang              *i18n.Words // the words of dates
	title             string
	kind              int
	date              content.Date
	countries, topics []int // the numbers of its terms
	data              []byte
}

// nonNil returns ns, or an empty list for none, which JSON writes [].
func nonNil(ns []int) []int {
	if ns == nil {
		return []int{}
	}
	return ns
}
