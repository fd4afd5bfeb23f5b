// Package i18n holds the theme's own words in the site's language: the
// navigation, headings, statuses, dates with month names and counted
// nouns, read from one string table per language.
//
// # Tables
//
// The table of a language is templates/i18n/<code>.toml, <code> being its
// BCP 47 tag as config.toml writes it: en.toml, hu.toml, pt-BR.toml. Each
// key names a string:
//
//	skipToContent = "Skip to content"
//
// Keys are grouped in TOML tables, and named with dots: "next" in the
// table [pager] is "pager.next".
//
// # Plurals
//
// A table whose keys are all CLDR plural categories (zero, one, two, few,
// many, other) is one string with a form for each. The count a template
// gives picks the form by the language's CLDR rules, and fills {count}:
//
//	[stats.agreements]
//	one = "{count} agreement"
//	other = "{count} agreements"
//
// Every plural string has "other", and a form for each category that a
// whole number takes in its language: Russian needs one (1, 21), few (2,
// 22), many (5, 11) and other.
//
// # Placeholders
//
// {name} in a string is filled with the value given for name:
//
//	since = "since {date}"
//
// # Dates
//
// date.day, date.month and date.year are the patterns of a date known to
// the day, the month or the year, with {day}, {month} and {year}.
// {month} is month.<name> ("January") in date.month and monthWithDay.<name>
// in date.day, the form a month takes after a day number: the genitive in
// Russian ("3 декабря 2026").
//
// # Fallback
//
// A string missing from the language's table is taken from the table of
// the site's default language, then from English. The tables are part of
// the theme, in its templates/i18n/ folder, as its templates are: a theme
// that has no {{t}} needs none. Missing lists what a language lacks.
package i18n

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// Dir is the folder of the tables, relative to the site root.
const Dir = "templates/i18n"

// Words are the strings of one language, with those it falls back to.
type Words struct {
	lang  string
	chain []*table // where strings are looked up, in order
	own   int      // how many tables at the start of chain are lang's own
}

// table is one file of strings of the theme.
type table struct {
	code    string       // the language's tag, "hu"
	tag     language.Tag // for its plural rules
	strings map[string]entry
}

// entry is one string of a table: a text, or plural forms by category.
type entry struct {
	text  string
	forms map[string]string
}

// Load reads the tables of lang and those it falls back to, defaultLang
// and English, from fsys (the site root). Their
// errors name the file, line and column; with errors, Load still returns
// Words made of the tables that could be read.
func Load(fsys fs.FS, lang, defaultLang string) (*Words, error) {
	var errs diag.List
	w := &Words{lang: lang}
	own := codes(lang)
	var chain []string
	for _, code := range slices.Concat(own, codes(defaultLang), codes("en")) {
		if !slices.Contains(chain, code) {
			chain = append(chain, code)
		}
	}
	for i, code := range chain {
		tag, _ := language.Parse(code)
		file := path.Join(Dir, code+".toml")
		switch data, err := fs.ReadFile(fsys, file); {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			errs.Addf(diag.Pos{Path: file}, "cannot read: %v", err)
		default:
			t := &table{code: code, tag: tag, strings: map[string]entry{}}
			t.parse(data, file, &errs)
			w.chain = append(w.chain, t)
		}
		if i < len(own) {
			w.own = len(w.chain)
		}
	}
	return w, errs.Err()
}

// codes returns lang and the languages CLDR says it can borrow from,
// most specific first: "en-GB" gives en-GB, en-001 and en.
func codes(lang string) []string {
	tag, err := language.Parse(lang)
	if err != nil {
		return []string{lang}
	}
	var out []string
	for ; tag != language.Und; tag = tag.Parent() {
		out = append(out, tag.String())
	}
	return out
}

// lookup finds key in the first table of the chain that has it.
func (w *Words) lookup(key string) (entry, *table, bool) {
	for _, t := range w.chain {
		if e, ok := t.strings[key]; ok {
			return e, t, true
		}
	}
	return entry{}, nil, false
}

// Has reports whether a table defines key.
func (w *Words) Has(key string) bool {
	_, _, ok := w.lookup(key)
	return ok
}

// IsPlural reports whether key has plural forms, and so needs a count.
func (w *Words) IsPlural(key string) bool {
	e, _, _ := w.lookup(key)
	return e.forms != nil
}

// Keys returns every key that a table defines, sorted.
func (w *Words) Keys() []string {
	keys := map[string]bool{}
	for _, t := range w.chain {
		for k := range t.strings {
			keys[k] = true
		}
	}
	return slices.Sorted(maps.Keys(keys))
}

// Message returns the string key before its placeholders are filled: for
// a plural string, the form that count takes in the language of the table
// it comes from. counted says whether there is a count.
func (w *Words) Message(key string, count int, counted bool) (string, error) {
	e, t, ok := w.lookup(key)
	switch {
	case !ok:
		return "", fmt.Errorf("no string %q in %s", key, Dir)
	case e.forms == nil:
		return e.text, nil
	case !counted:
		return "", fmt.Errorf("string %q has plural forms and needs a count", key)
	}
	if s, ok := e.forms[category(t.tag, count)]; ok {
		return s, nil
	}
	return e.forms["other"], nil
}

// JSON returns the strings keys as a JSON object, for a script: a string
// with plural forms is an object of its forms by category, of which the
// script picks one with Intl.PluralRules.
func (w *Words) JSON(keys ...string) ([]byte, error) {
	out := make(map[string]any, len(keys))
	for _, key := range keys {
		e, _, ok := w.lookup(key)
		switch {
		case !ok:
			return nil, fmt.Errorf("no string %q in %s", key, Dir)
		case e.forms != nil:
			out[key] = e.forms
		default:
			out[key] = e.text
		}
	}
	return json.Marshal(out)
}

// Format returns the string key filled from args: an int first is the
// count, which picks a plural form and fills {count}; then pairs of a
// name and a value fill {name}.
func (w *Words) Format(key string, args ...any) (string, error) {
	if len(args) == 0 {
		msg, err := w.Message(key, 0, false)
		if err != nil {
			return "", err
		}
		return Fill(msg, nil)
	}
	count, counted, values, err := Args(args)
	if err != nil {
		return "", fmt.Errorf("%s: %w", key, err)
	}
	msg, err := w.Message(key, count, counted)
	if err != nil {
		return "", err
	}
	filled := make(map[string]string, len(values))
	for name, v := range values {
		filled[name] = fmt.Sprint(v)
	}
	return Fill(msg, filled)
}

// T is Format for the generator's own strings, which the English table
// defines: should it fail, it returns the key, which shows on the page.
func (w *Words) T(key string, args ...any) string {
	s, err := w.Format(key, args...)
	if err != nil {
		return key
	}
	return s
}

// Args reads the arguments of Format: an optional int count, then pairs
// of a name and a value. The count is also the value of "count".
func Args(args []any) (count int, counted bool, values map[string]any, err error) {
	values = map[string]any{}
	if len(args)%2 == 1 {
		n, ok := args[0].(int)
		if !ok {
			return 0, false, nil, fmt.Errorf("expected a count (a whole number) before the named values, got %T", args[0])
		}
		count, counted, values["count"] = n, true, n
		args = args[1:]
	}
	for i := 0; i < len(args); i += 2 {
		name, ok := args[i].(string)
		if !ok {
			return 0, false, nil, fmt.Errorf("expected the name of a placeholder, got %T", args[i])
		}
		values[name] = args[i+1]
	}
	return count, counted, values, nil
}

// Fill replaces each {name} in msg with values[name]. A placeholder
// without a value is an error, so that a mistyped name shows.
func Fill(msg string, values map[string]string) (string, error) {
	if !strings.Contains(msg, "{") {
		return msg, nil
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(msg, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(msg[open:], '}')
		if end < 0 {
			break
		}
		name := msg[open+1 : open+end]
		v, ok := values[name]
		if !ok {
			return "", fmt.Errorf("no value for {%s} in %q", name, msg)
		}
		b.WriteString(msg[:open])
		b.WriteString(v)
		msg = msg[open+end+1:]
	}
	b.WriteString(msg)
	return b.String(), nil
}

// Missing lists what the language's own tables lack of the strings the
// others define, and plural forms its numbers need, for check: each
// falls back to another language, or to the "other" form.
func (w *Words) Missing() diag.Errors {
	file := path.Join(Dir, codes(w.lang)[0]+".toml")
	if w.own > 0 {
		file = path.Join(Dir, w.chain[0].code+".toml")
	}
	switch {
	case len(w.chain) == 0:
		// A theme without tables has no words to translate.
		return nil
	case w.own == 0:
		return diag.Errors{diag.Errorf(diag.Pos{Path: file}, "no table for language %q: the theme's words fall back to %s", w.lang, w.chain[0].code)}
	}
	var out diag.Errors
	for _, key := range w.Keys() {
		var e entry
		var t *table
		for _, ot := range w.chain[:w.own] {
			if oe, ok := ot.strings[key]; ok {
				e, t = oe, ot
				break
			}
		}
		if t == nil {
			_, from, _ := w.lookup(key)
			out = append(out, diag.Errorf(diag.Pos{Path: file}, "no string %q (falls back to %s)", key, from.code))
			continue
		}
		if e.forms == nil {
			continue
		}
		for _, form := range Forms(t.tag) {
			if _, ok := e.forms[form]; !ok {
				out = append(out, diag.Errorf(diag.Pos{Path: file}, "string %q has no %q form (uses \"other\")", key, form))
			}
		}
	}
	return out
}
