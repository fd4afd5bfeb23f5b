// Meta, the decoded front matter, and the fields each kind takes.

package content

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/suggest"
)

// Item is one value of a list field, with where it was written, so that an
// unknown country or slug can be reported at its own line.
type Item struct {
	Text string
	Pos  diag.Pos
}

// Meta is the front matter of a file, decoded and checked field by field.
type Meta struct {
	Title       string
	Date        Date
	Summary     string
	Description string
	Slug        string
	Draft       bool
	// Lang is the language of a page written in a language that is not
	// one of the site's; TranslationKey joins translations whose file
	// names differ.
	Lang           string
	TranslationKey string

	Countries     []Item
	Topics        []Item
	Organisations []Item
	Aliases       []Item

	// Agreements. The facts (dates, parties, status, relations) are plain
	// fields, so that a translation can take them from another file.
	Signed      Date
	Effective   Date
	Provisional Date // provisional application began
	Ended       Date // no longer in force
	Place       string
	Status      string // "" when the dates are to decide it
	Parties     []Party
	Amends      []Item // slugs of agreements
	Supersedes  []Item
	Implements  []Item
	PartOf      Item // the slug of the base agreement of a protocol or annex

	// Organisations.
	Members      []Member
	Founded      Date
	Headquarters string
	Website      string

	// People.
	Name   string
	Roles  []Role
	SameAs []Item // URLs of the same person elsewhere

	// Interviews.
	Interviewee  string
	Role         string
	Organisation string
	Outlet       string
	Agreements   []Item

	Source string // agreements and interviews

	// Where each field was written, by field name.
	Fields map[string]diag.Pos

	missing error // the required facts a translation left out (check.go)
}

// DropReferences forgets where each field was written and the items of
// the list fields that name other documents (countries, topics,
// organisations, parties, agreements), which only the making of the site
// model reads: it resolves them into terms and pages and reports errors at
// their positions. Aliases stay, for the data export. A build that makes
// the model once calls it then, so that a large site does not keep them
// until its last page is written.
func (m *Meta) DropReferences() {
	m.Fields = nil
	m.Countries, m.Topics, m.Organisations, m.Parties, m.Agreements = nil, nil, nil, nil, nil
	m.Amends, m.Supersedes, m.Implements, m.PartOf = nil, nil, nil, Item{}
	m.Members, m.Roles = nil, nil
}

// text yields the text fields of m.
func (m *Meta) text() iter.Seq[*string] {
	return slices.Values([]*string{&m.Title, &m.Summary, &m.Description, &m.Slug, &m.Place, &m.Status,
		&m.Interviewee, &m.Role, &m.Organisation, &m.Outlet, &m.Source, &m.Headquarters, &m.Website, &m.Name, &m.Lang, &m.TranslationKey})
}

type fieldType uint8

const (
	stringField fieldType = iota
	listField
	dateField
	boolField
	// Lists whose items may be mappings: see entries.go.
	partiesField
	membersField
	rolesField
)

var commonFields = map[string]fieldType{
	"title": stringField, "date": dateField, "summary": stringField, "countries": listField,
	"topics": listField, "organisations": listField, "draft": boolField, "slug": stringField,
	"lang": stringField, "translationKey": stringField,
}

var kindFields = map[Kind]map[string]fieldType{
	Agreement: {
		"signed": dateField, "place": stringField, "parties": partiesField, "status": stringField,
		"effective": dateField, "source": stringField, "provisional": dateField, "ended": dateField,
		"amends": listField, "supersedes": listField, "implements": listField, "part-of": stringField,
	},
	Interview: {
		"interviewee": stringField, "role": stringField, "organisation": stringField,
		"outlet": stringField, "source": stringField, "agreements": listField,
	},
}

var termFields = map[string]fieldType{
	"title": stringField, "description": stringField, "aliases": listField, "draft": boolField,
	"translationKey": stringField,
}

// termKindFields are what an organisation and a person add to termFields.
var termKindFields = map[Kind]map[string]fieldType{
	OrganisationTerm: {
		"members": membersField, "founded": dateField, "headquarters": stringField, "website": stringField,
	},
	PersonTerm: {
		"name": stringField, "roles": rolesField, "countries": listField, "sameAs": listField,
	},
}

func fieldsOf(k Kind) map[string]fieldType {
	common, extra := commonFields, kindFields[k]
	if k.IsTerm() {
		common, extra = termFields, termKindFields[k]
	}
	out := make(map[string]fieldType, len(common)+len(extra))
	for f, t := range common {
		out[f] = t
	}
	for f, t := range extra {
		out[f] = t
	}
	return out
}

// decodeMeta checks the front matter of a file of kind k against the
// fields that kind has, reporting every problem into errs.
func decodeMeta(path string, k Kind, translation bool, fm *node, errs *diag.List) Meta {
	m := Meta{Fields: map[string]diag.Pos{}}
	if fm == nil {
		if k != Home && k != Section {
			errs.Addf(diag.Pos{Path: path, Line: 1, Col: 1}, "no front matter: expected a block starting with \"---\" and a title")
		}
		return m
	}
	known := fieldsOf(k)
	// A field given with a wrong value is reported once, not also as missing.
	refused := map[string]bool{}
	pos := func(n *node) diag.Pos { return diag.Pos{Path: path, Line: n.line, Col: n.col} }
	for i, key := range fm.keys {
		name, val := key.value, fm.vals[i]
		typ, ok := known[name]
		if !ok {
			names := make([]string, 0, len(known))
			for f := range known {
				names = append(names, f)
			}
			slices.Sort(names)
			msg := fmt.Sprintf("unknown field %q for %s", name, k.Noun())
			if s := suggest.Closest(name, names); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
				// A misspelt required field is that error, not also a missing field.
				refused[s] = true
			} else {
				msg += fmt.Sprintf(" (expected one of %s)", strings.Join(names, ", "))
			}
			errs.Addf(pos(key), "%s", msg)
			continue
		}
		m.Fields[name] = pos(key)
		switch typ {
		case stringField:
			s, ok := scalar(val)
			if !ok {
				errs.Addf(pos(val), "%s: expected a string, got %s", name, val.describe())
				refused[name] = true
				continue
			}
			m.setString(name, strings.TrimSpace(s))
			if name == "part-of" && s != "" {
				m.PartOf = Item{Text: strings.TrimSpace(s), Pos: pos(val)}
			}
		case listField:
			items, ok := list(path, val)
			if !ok {
				errs.Addf(pos(val), "%s: expected a list such as [\"a\", \"b\"], got %s", name, val.describe())
				refused[name] = true
				continue
			}
			m.setList(name, items)
		case dateField:
			s, ok := scalar(val)
			if !ok {
				errs.Addf(pos(val), "%s: expected a date such as 2024-11-06, got %s", name, val.describe())
				refused[name] = true
				continue
			}
			if s == "" {
				continue
			}
			d, err := ParseDate(s)
			if err != nil {
				errs.Addf(pos(val), "%s: %v", name, err)
				refused[name] = true
				continue
			}
			m.setDate(name, d)
		case boolField:
			if val.kind != scalarNode || (val.value != "true" && val.value != "false") {
				errs.Addf(pos(val), "%s: expected true or false, got %s", name, val.describe())
				continue
			}
			m.Draft = val.value == "true"
		case partiesField, membersField, rolesField:
			if !m.decodeEntries(path, name, typ, val, errs) {
				refused[name] = true
			}
		}
	}
	m.check(path, k, translation, fm, refused, errs)
	return m
}

func scalar(n *node) (string, bool) {
	if n.kind != scalarNode {
		return "", false
	}
	if n.tag == "null" {
		return "", true
	}
	// A JSON or TOML escape can spell a name in decomposed form.
	return norm.NFC.String(n.value), true
}

func list(path string, n *node) ([]Item, bool) {
	if n.kind == scalarNode && n.tag == "null" {
		return nil, true
	}
	if n.kind != listNode {
		return nil, false
	}
	items := make([]Item, 0, len(n.items))
	for _, it := range n.items {
		s, ok := scalar(it)
		if !ok {
			return nil, false
		}
		if s = strings.TrimSpace(s); s != "" {
			items = append(items, Item{Text: s, Pos: diag.Pos{Path: path, Line: it.line, Col: it.col}})
		}
	}
	return items, true
}

func (m *Meta) setString(name, s string) {
	switch name {
	case "title":
		m.Title = s
	case "summary":
		m.Summary = s
	case "description":
		m.Description = s
	case "slug":
		m.Slug = s
	case "place":
		m.Place = s
	case "status":
		m.Status = s
	case "interviewee":
		m.Interviewee = s
	case "role":
		m.Role = s
	case "organisation":
		m.Organisation = s
	case "outlet":
		m.Outlet = s
	case "source":
		m.Source = s
	case "headquarters":
		m.Headquarters = s
	case "website":
		m.Website = s
	case "name":
		m.Name = s
	case "lang":
		m.Lang = s
	case "translationKey":
		m.TranslationKey = s
	}
}

func (m *Meta) setList(name string, items []Item) {
	switch name {
	case "countries":
		m.Countries = items
	case "topics":
		m.Topics = items
	case "organisations":
		m.Organisations = items
	case "aliases":
		m.Aliases = items
	case "agreements":
		m.Agreements = items
	case "amends":
		m.Amends = items
	case "supersedes":
		m.Supersedes = items
	case "implements":
		m.Implements = items
	case "sameAs":
		m.SameAs = items
	}
}

func (m *Meta) setDate(name string, d Date) {
	switch name {
	case "date":
		m.Date = d
	case "signed":
		m.Signed = d
	case "effective":
		m.Effective = d
	case "provisional":
		m.Provisional = d
	case "ended":
		m.Ended = d
	case "founded":
		m.Founded = d
	}
}
