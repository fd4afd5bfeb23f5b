// Translations: the language in a file's name, and one set of files per
// site language, each translation taking its facts from the file it
// translates.

package content

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// langCode is what a language code at the end of a file name looks like:
// "hu", "pt-BR". Anything else after a dot is part of the name.
var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// splitLang splits a file name without ".md" into the name and the
// language code it ends in: "hu-kg.hu" is "hu-kg" in "hu". A name that
// does not end in a known language code is all name.
func splitLang(name string) (string, string) {
	i := strings.LastIndexByte(name, '.')
	if i <= 0 || !langCode.MatchString(name[i+1:]) {
		return name, ""
	}
	if _, err := language.Parse(name[i+1:]); err != nil {
		return name, ""
	}
	return name[:i], name[i+1:]
}

// ByLanguage returns the files of each site language: langs lists their
// codes, the default first. A language's set has, for every page, term or
// list, its translation in that language if there is one, else the file
// in the language it was written in (the default's if there is one),
// which the site lists but publishes in its own language only. A
// translation is a copy of its file whose facts (dates, parties,
// countries, relations…) are those of the file it translates.
//
// Errors are a language code that is not a site language, two files
// claiming one translation, translations of different kinds, and facts
// that a translation gives differently.
//
// made, if not nil, holds the translations of the call before and takes
// those of this one: a translation whose file and original are those of
// the call before is the same copy, as a file parsed once is the same
// file, and an Incremental build keeps what it made of it.
func (s *Set) ByLanguage(langs []string, made *Translations) (map[string]*Set, error) {
	def := langs[0]
	var errs diag.List
	for _, f := range s.Files {
		if f.Lang == def {
			f.Lang = ""
		}
	}
	var kept map[[2]*File]*File
	if made != nil {
		kept, made.files = made.files, map[[2]*File]*File{}
	}
	if !slices.ContainsFunc(s.Files, func(f *File) bool { return f.Lang != "" }) {
		for _, f := range s.Files {
			f.reportMissing(&errs)
		}
		out := map[string]*Set{}
		for _, l := range langs {
			out[l] = s
		}
		return out, errs.Err()
	}
	groups, order := s.group(langs, &errs)
	out := map[string]*Set{}
	for _, l := range langs {
		out[l] = &Set{Assets: s.Assets, Broken: s.Broken}
	}
	// The translations of a file that does not parse wait for it: they
	// have no facts, and its own errors say why.
	broken := map[string]bool{}
	for _, p := range s.Broken {
		broken[strings.TrimSuffix(p, ".md")] = true
	}
	for _, key := range order {
		g := groups[key]
		if g.files[""] == nil && broken[key] {
			continue
		}
		src := g.source(langs)
		src.reportMissing(&errs)
		for _, l := range langs {
			f := g.files[langKey(l, def)]
			switch {
			case f == nil:
				f = src
			case f != src:
				key := [2]*File{f, src}
				// group gives a file the key of the translationKey of
				// another, which may have been added since.
				if t := kept[key]; t != nil && t.Key == f.Key {
					f, made.files[key] = t, t
					break
				}
				n := errs.Len()
				if f = f.translating(src, &errs); made != nil && errs.Len() == n {
					made.files[key] = f
				}
			}
			out[l].Files = append(out[l].Files, f)
		}
	}
	for _, set := range out {
		slices.SortFunc(set.Files, func(a, b *File) int { return strings.Compare(a.Path, b.Path) })
	}
	return out, errs.Err()
}

// Translations are the copies ByLanguage made of translations, by the
// file and the original they were made of.
type Translations struct{ files map[[2]*File]*File }

// langKey is how a group names the file of language l: "" for the default.
func langKey(l, def string) string {
	if l == def {
		return ""
	}
	return l
}

// A translations group is a file and its translations, by language ("" for
// the default).
type translations struct {
	files map[string]*File
}

// source is the file the others translate: the default language's, else
// the first in the order of the site's languages.
func (g *translations) source(langs []string) *File {
	if f := g.files[""]; f != nil {
		return f
	}
	for _, l := range langs[1:] {
		if f := g.files[l]; f != nil {
			return f
		}
	}
	return nil
}

// any returns a file of the group, the first in the order of paths.
func (g *translations) any() *File {
	var first *File
	for _, f := range g.files {
		if first == nil || f.Path < first.Path {
			first = f
		}
	}
	return first
}

// group puts the files into translation groups, by Key, in the order of
// their paths.
func (s *Set) group(langs []string, errs *diag.List) (map[string]*translations, []string) {
	// A translationKey set in one file joins the others of its name, as
	// long as it is set: a file kept from a call before takes back its
	// own key first.
	joined := map[string]string{}
	for _, f := range s.Files {
		if f.parsedKey != "" {
			f.Key = f.parsedKey
		}
		if k := f.Meta.TranslationKey; k != "" {
			own := f.ownKey()
			if other, ok := joined[own]; ok && other != k {
				errs.Addf(f.Meta.Fields["translationKey"], "translationKey %q differs from %q, given in another translation of %s", k, other, own)
				continue
			}
			joined[own] = k
		}
	}
	groups := map[string]*translations{}
	var order []string
	for _, f := range s.Files {
		if f.Lang != "" && !slices.Contains(langs, f.Lang) {
			errs.Addf(diag.Pos{Path: f.Path, Line: 1, Col: 1}, "the file name ends in %q, which is not a language of the site: add [languages.%s] to config.toml, or rename the file", f.Lang, f.Lang)
			continue
		}
		if k, ok := joined[f.ownKey()]; ok {
			f.Key = k
		}
		g := groups[f.Key]
		if g == nil {
			g = &translations{files: map[string]*File{}}
			groups[f.Key] = g
			order = append(order, f.Key)
		}
		lang := f.Lang
		if other := g.files[lang]; other != nil {
			errs.Addf(diag.Pos{Path: f.Path, Line: 1, Col: 1}, "%s is also the %s of %s: each page has at most one file per language", other.Path, langNoun(lang, langs[0]), f.Key)
			continue
		}
		if other := g.any(); other != nil && other.Kind != f.Kind {
			errs.Addf(diag.Pos{Path: f.Path, Line: 1, Col: 1}, "translation of %s, which is %s, but this file is %s", other.Path, other.Kind.Noun(), f.Kind.Noun())
			continue
		}
		g.files[lang] = f
	}
	return groups, order
}

func langNoun(l, def string) string {
	if l == "" {
		l = def
	}
	return fmt.Sprintf("%q translation", l)
}

// translating returns a copy of the translation f with the facts of src,
// reporting the facts f gives differently.
func (f *File) translating(src *File, errs *diag.List) *File {
	t := *f
	t.Original = src
	// A term is the same term in every language, named by its slug.
	if f.Kind.IsTerm() {
		t.Name = src.Name
	}
	for _, fact := range facts {
		mine, theirs := reflect.ValueOf(fact.field(&t.Meta)).Elem(), reflect.ValueOf(fact.field(&src.Meta)).Elem()
		if pos, given := f.Meta.Fields[fact.name]; given && !sameFact(mine, theirs) {
			errs.Addf(pos, "%s differs from %s: a translation takes its facts from the file it translates, so leave %q out or give the same value", fact.name, src.Path, fact.name)
		}
		mine.Set(theirs)
	}
	return &t
}

// facts are the fields that do not depend on the language, by name.
var facts = []struct {
	name  string
	field func(*Meta) any
}{
	{"date", func(m *Meta) any { return &m.Date }},
	{"countries", func(m *Meta) any { return &m.Countries }},
	{"topics", func(m *Meta) any { return &m.Topics }},
	{"organisations", func(m *Meta) any { return &m.Organisations }},
	{"signed", func(m *Meta) any { return &m.Signed }},
	{"effective", func(m *Meta) any { return &m.Effective }},
	{"provisional", func(m *Meta) any { return &m.Provisional }},
	{"ended", func(m *Meta) any { return &m.Ended }},
	{"status", func(m *Meta) any { return &m.Status }},
	{"parties", func(m *Meta) any { return &m.Parties }},
	{"amends", func(m *Meta) any { return &m.Amends }},
	{"supersedes", func(m *Meta) any { return &m.Supersedes }},
	{"implements", func(m *Meta) any { return &m.Implements }},
	{"part-of", func(m *Meta) any { return &m.PartOf }},
	{"members", func(m *Meta) any { return &m.Members }},
	{"founded", func(m *Meta) any { return &m.Founded }},
	{"website", func(m *Meta) any { return &m.Website }},
	{"sameAs", func(m *Meta) any { return &m.SameAs }},
	{"interviewee", func(m *Meta) any { return &m.Interviewee }},
	{"agreements", func(m *Meta) any { return &m.Agreements }},
	{"source", func(m *Meta) any { return &m.Source }},
}

var (
	posType  = reflect.TypeFor[diag.Pos]()
	dateType = reflect.TypeFor[Date]()
)

// sameFact reports whether two values of a fact are the same, wherever
// they were written.
func sameFact(a, b reflect.Value) bool {
	switch {
	case a.Type() == posType:
		return true
	case a.Type() == dateType:
		x, y := a.Interface().(Date), b.Interface().(Date)
		return x.ISO() == y.ISO()
	}
	switch a.Kind() {
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameFact(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := range a.NumField() {
			if !sameFact(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	}
	return a.Equal(b)
}

// ownKey is the path of a file without its language and ".md": the same
// for a file and its translations of the same name.
func (f *File) ownKey() string {
	p := strings.TrimSuffix(f.Path, ".md")
	if f.Lang != "" {
		p = strings.TrimSuffix(p, "."+f.Lang)
	}
	return p
}
