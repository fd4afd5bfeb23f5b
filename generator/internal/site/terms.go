package site

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/gosimple/slug"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/suggest"
)

// termIndex holds the terms of one kind and the names that lead to them.
type termIndex struct {
	kind      content.Kind
	section   string
	bySlug    map[string]*Term
	alias     map[string]string         // normalised name -> slug
	spellings map[string]map[string]int // slug -> how often each spelling was used
}

func newTermIndex(k content.Kind, section string) *termIndex {
	return &termIndex{kind: k, section: section, bySlug: map[string]*Term{}, alias: map[string]string{},
		spellings: map[string]map[string]int{}}
}

// Normalize turns a topic or organisation name into its slug, so that
// "Digitalisation", "digitalisation" and "Digitalisation " meet on one page.
// A slug has lower-case letters, digits and single hyphens; slug.Make also
// keeps underscores, which would make "customs_training" a topic of its own.
func Normalize(name string) string {
	if isSlug(name) {
		return name
	}
	return makeSlug(name)
}

// isSlug reports whether name is a slug already, which Normalize gives
// back as it is, because most names are and making a slug is slow.
func isSlug(name string) bool {
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && i > 0 && i < len(name)-1 && name[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

func makeSlug(name string) string {
	s := slug.Make(name)
	if !strings.Contains(s, "_") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == '-' }), "-")
}

// termKey is Normalize(name) for a name written in front matter, kept
// because the same few names are written on page after page.
func (s *Site) termKey(name string) string {
	key, ok := s.termKeys[name]
	if !ok {
		key = Normalize(name)
		s.termKeys[name] = key
	}
	return key
}

func (s *Site) newTerm(idx *termIndex, termSlug string) *Term {
	t := &Term{Kind: idx.kind, Section: idx.section, Slug: termSlug}
	t.Path = idx.section + "/" + termSlug + "/"
	idx.bySlug[termSlug] = t
	return t
}

// declareTerms reads content/countries, topics and organisations.
func (s *Site) declareTerms(files []*content.File, errs *diag.List) {
	for _, f := range files {
		if !f.Kind.IsTerm() || (f.Meta.Draft && !s.opts.Drafts) {
			continue
		}
		idx := s.termIndex(f.Kind)
		var t *Term
		if f.Kind == content.CountryTerm {
			c, ok := s.countries.BySlug(f.Name)
			if !ok {
				c, ok = s.countries.Lookup(f.Name)
			}
			if !ok {
				errs.Addf(diag.Pos{Path: f.Path}, "%s", s.unknownCountry(f.Name))
				continue
			}
			if c.Slug != f.Name {
				errs.Addf(diag.Pos{Path: f.Path}, "country file should be named content/countries/%s.md", c.Slug)
				continue
			}
			t = s.countryTerm(c.Slug)
		} else {
			termSlug := Normalize(f.Name)
			if termSlug != f.Name {
				errs.Addf(diag.Pos{Path: f.Path}, "file name %q: expected a slug such as %q", f.Name, termSlug)
				continue
			}
			t = s.newTerm(idx, termSlug)
			t.Title = cmp.Or(f.Meta.Title, f.Meta.Name)
			// A person is found by name too: an interviewee is written so.
			names := []content.Item{{Text: f.Meta.Title}, {Text: f.Meta.Name, Pos: f.Meta.Fields["name"]}}
			names = append(names, f.Meta.Aliases...)
			// Files written in other languages name a term as its
			// original does.
			if o := f.Original; o != nil {
				names = append(names, content.Item{Text: o.Meta.Title}, content.Item{Text: o.Meta.Name})
				names = append(names, o.Meta.Aliases...)
			}
			for _, name := range names {
				key := Normalize(name.Text)
				if key == "" {
					continue
				}
				if other, taken := idx.alias[key]; taken && other != termSlug {
					errs.Addf(name.Pos, "alias %q already names %s/%s", name.Text, idx.section, other)
					continue
				}
				idx.alias[key] = termSlug
				t.aliases = append(t.aliases, name.Text)
			}
			idx.alias[termSlug] = termSlug
		}
		// A country's name in the file is in the file's language; in
		// another, CLDR's is better.
		if f.Meta.Title != "" && (t.Country == nil || s.fileLang(f) == s.Lang) {
			t.Title = f.Meta.Title
		}
		t.File, t.Description, t.Declared = f, f.Meta.Description, true
	}
}

func (s *Site) countryTerm(countrySlug string) *Term {
	idx := s.termIndex(content.CountryTerm)
	if t, ok := idx.bySlug[countrySlug]; ok {
		return t
	}
	c, _ := s.countries.BySlug(countrySlug)
	t := s.newTerm(idx, countrySlug)
	t.Country, t.Title = c, c.NameIn(s.Lang)
	return t
}

func (s *Site) unknownCountry(name string) string {
	msg := fmt.Sprintf("unknown country %q", name)
	if sug := s.countries.Suggest(name); sug != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", sug)
	}
	return msg
}

// resolveCountry finds the country an editor named.
func (s *Site) resolveCountry(it content.Item, errs *diag.List) *Term {
	c, ok := s.countries.Lookup(it.Text)
	if !ok {
		errs.Addf(it.Pos, "%s", s.unknownCountry(it.Text))
		return nil
	}
	return s.countryTerm(c.Slug)
}

// resolveTerm finds or makes the topic or organisation an editor named.
func (s *Site) resolveTerm(idx *termIndex, it content.Item, errs *diag.List) *Term {
	key := s.termKey(it.Text)
	if key == "" {
		errs.Addf(it.Pos, "%s %q has no letters or digits to make a URL from", strings.TrimSuffix(idx.section, "s"), it.Text)
		return nil
	}
	if declared, ok := idx.alias[key]; ok {
		key = declared
	}
	t, ok := idx.bySlug[key]
	if !ok {
		if s.Config.Strict {
			msg := fmt.Sprintf("undeclared %s %q (strict mode: add content/%s/%s.md", strings.TrimSuffix(idx.section, "s"), it.Text, idx.section, key)
			if sug := suggest.Closest(key, slices.Sorted(maps.Keys(idx.alias))); sug != "" {
				msg += fmt.Sprintf(", or did you mean %q?", idx.bySlug[idx.alias[sug]].Title)
			}
			errs.Addf(it.Pos, "%s)", msg)
			return nil
		}
		t = s.newTerm(idx, key)
	}
	if !t.Declared {
		sp := idx.spellings[key]
		if sp == nil {
			sp = map[string]int{}
			idx.spellings[key] = sp
		}
		sp[it.Text]++
	}
	return t
}

// nameUndeclared gives each term without a file its most used spelling,
// so a topic written "customs-training" everywhere reads "Customs training".
func (s *Site) nameUndeclared() {
	for _, idx := range s.terms[1:] {
		for key, sp := range idx.spellings {
			idx.bySlug[key].Title = mostUsed(key, sp)
		}
	}
}

// mostUsed returns the title of the undeclared term key, whose spellings
// were used as often as sp says.
func mostUsed(key string, sp map[string]int) string {
	best, n := "", 0
	for text, c := range sp {
		if c > n || c == n && text < best {
			best, n = text, c
		}
	}
	if best == key {
		best = humanize(key)
	}
	return best
}

func humanize(key string) string {
	r := []rune(strings.ReplaceAll(key, "-", " "))
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// appendUnique appends t to ts unless it is nil or already there: editors
// may name a country both as a party and among the countries.
func appendUnique(ts []*Term, t *Term) []*Term {
	if t == nil || slices.Contains(ts, t) {
		return ts
	}
	return append(ts, t)
}
