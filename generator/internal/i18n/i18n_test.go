package i18n

import (
	"io/fs"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/language"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// shipped are the languages of the default theme's tables.
var shipped = []string{"en", "hu", "ru"}

// repoRoot is the root of the repository's own site, whose templates/ is
// the default theme.
const repoRoot = "../../.."

// builtin returns the default theme's words in lang.
func builtin(t *testing.T, lang string) *Words {
	t.Helper()
	w, err := Load(os.DirFS(repoRoot), lang, lang)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// shippedTable reads one of the default theme's tables on its own.
func shippedTable(t *testing.T, code string) *table {
	t.Helper()
	data, err := fs.ReadFile(os.DirFS(repoRoot), Dir+"/"+code+".toml")
	if err != nil {
		t.Fatal(err)
	}
	tag := language.MustParse(code)
	tb := &table{code: code, tag: tag, strings: map[string]entry{}}
	var errs diag.List
	tb.parse(data, Dir+"/"+code+".toml", &errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	return tb
}

// TestShippedTablesAreComplete: the tables of English, Hungarian and
// Russian define the same keys, a key has plural forms in every language
// or in none, each plural string has the forms that whole numbers take in
// its language, and no translation names a placeholder the English lacks.
func TestShippedTablesAreComplete(t *testing.T) {
	en := shippedTable(t, "en")
	keys := slices.Sorted(maps.Keys(en.strings))
	placeholder := regexp.MustCompile(`\{(\w+)\}`)
	names := func(e entry) []string {
		texts := []string{e.text}
		for _, f := range e.forms {
			texts = append(texts, f)
		}
		var out []string
		for _, m := range placeholder.FindAllStringSubmatch(strings.Join(texts, " "), -1) {
			out = append(out, m[1])
		}
		return out
	}
	for _, code := range shipped {
		tb := shippedTable(t, code)
		if got := slices.Sorted(maps.Keys(tb.strings)); !slices.Equal(got, keys) {
			t.Errorf("%s.toml: keys differ from en.toml: lacks %q, has more %q", code, minus(keys, got), minus(got, keys))
		}
		forms := Forms(tb.tag)
		for key, e := range tb.strings {
			want := en.strings[key]
			if (e.forms == nil) != (want.forms == nil) {
				t.Errorf("%s.toml: %s has plural forms in one of en.toml and %s.toml only", code, key, code)
				continue
			}
			for _, f := range forms {
				if _, ok := e.forms[f]; e.forms != nil && !ok {
					t.Errorf("%s.toml: %s lacks the plural form %q (%s needs %q)", code, key, f, code, forms)
				}
			}
			if extra := minus(names(e), names(want)); len(extra) > 0 {
				t.Errorf("%s.toml: %s names placeholders %q that en.toml does not", code, key, extra)
			}
		}
	}
}

// TestForms: the plural categories come from CLDR's data, not from rules
// written here.
func TestForms(t *testing.T) {
	for lang, want := range map[string][]string{
		"en": {"one", "other"},
		"hu": {"one", "other"},
		"ru": {"one", "few", "many", "other"},
		"ja": {"other"},
		"ar": {"zero", "one", "two", "few", "many", "other"},
	} {
		if got := Forms(language.MustParse(lang)); !slices.Equal(got, want) {
			t.Errorf("Forms(%s) = %q, want %q", lang, got, want)
		}
	}
}

func TestRussianPlurals(t *testing.T) {
	ru := builtin(t, "ru")
	for n, want := range map[int]string{
		0: "соглашений", 1: "соглашение", 2: "соглашения", 4: "соглашения", 5: "соглашений",
		11: "соглашений", 12: "соглашений", 21: "соглашение", 22: "соглашения", 25: "соглашений", 101: "соглашение", 111: "соглашений",
	} {
		if got, err := ru.Format("home.agreements", n); err != nil || got != want {
			t.Errorf("home.agreements for %d = %q, %v; want %q", n, got, err, want)
		}
	}
	if got := ru.T("map.pair", 21, "a", "Венгрия", "b", "Узбекистан"); got != "Венгрия и Узбекистан: 21 общее соглашение" {
		t.Errorf("map.pair for 21: %q", got)
	}
	if got := ru.T("search.results", 5, "query", "таможня"); got != "По запросу «таможня» найдено 5 результатов." {
		t.Errorf("search.results for 5: %q", got)
	}
}

func TestDates(t *testing.T) {
	day := time.Date(2026, time.December, 3, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		lang                         string
		day, month, year, monthAlone string
	}{
		{"en", "3 December 2026", "December 2026", "2026", "December"},
		{"hu", "2026. december 3.", "2026. december", "2026", "december"},
		{"ru", "3 декабря 2026", "декабрь 2026", "2026", "декабрь"},
	} {
		w := builtin(t, tc.lang)
		for p, want := range map[content.Precision]string{content.Day: tc.day, content.Instant: tc.day, content.Month: tc.month, content.Year: tc.year, content.NoDate: ""} {
			if got := w.Date(content.Date{Time: day, Precision: p}); got != want {
				t.Errorf("%s: Date at precision %d = %q, want %q", tc.lang, p, got, want)
			}
		}
		if got := w.Month(time.December); got != tc.monthAlone {
			t.Errorf("%s: Month(December) = %q, want %q", tc.lang, got, tc.monthAlone)
		}
	}
}

// TestFallback: a string comes from the site's table of the language,
// then the default language's, then English; a regional language borrows
// from its parent first.
func TestFallback(t *testing.T) {
	fsys := fstest.MapFS{
		Dir + "/de.toml":    {Data: []byte("a = \"de a\"\n[pager]\nnext = \"Weiter\"\n")},
		Dir + "/de-AT.toml": {Data: []byte("a = \"at a\"\n")},
		Dir + "/hu.toml":    {Data: []byte("a = \"hu a\"\nb = \"hu b\"\n[pager]\nnext = \"Tovább\"\n")},
		Dir + "/en.toml":    {Data: []byte("a = \"en a\"\nb = \"en b\"\nc = \"en c\"\nskipToContent = \"Skip\"\n")},
	}
	w, err := Load(fsys, "de-AT", "hu")
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{
		"a":             "at a",   // its own table
		"pager.next":    "Weiter", // its parent's
		"b":             "hu b",   // the default language's
		"c":             "en c",   // English
		"skipToContent": "Skip",   // English
	} {
		if got, err := w.Format(key); err != nil || got != want {
			t.Errorf("%s = %q, %v; want %q", key, got, err, want)
		}
	}
	en, err := Load(fsys, "en", "en")
	if err != nil {
		t.Fatal(err)
	}
	if got := en.T("skipToContent"); got != "Skip" {
		t.Errorf("skipToContent in English: %q", got)
	}
	if _, err := en.Format("nope"); err == nil || err.Error() != `no string "nope" in templates/i18n` {
		t.Errorf("unknown key: %v", err)
	}
}

func TestMissing(t *testing.T) {
	fsys := fstest.MapFS{
		Dir + "/de.toml": {Data: []byte("[pager]\nnext = \"Weiter\"\n[home.agreements]\nother = \"Abkommen\"\n")},
		Dir + "/ru.toml": {Data: []byte("[pager]\nnext = \"Дальше\"\n[home.agreements]\none = \"соглашение\"\nother = \"соглашения\"\n")},
	}
	for _, code := range []string{"en", "hu"} {
		data, err := fs.ReadFile(os.DirFS(repoRoot), Dir+"/"+code+".toml")
		if err != nil {
			t.Fatal(err)
		}
		fsys[Dir+"/"+code+".toml"] = &fstest.MapFile{Data: data}
	}
	de, err := Load(fsys, "de", "hu")
	if err != nil {
		t.Fatal(err)
	}
	missing := de.Missing().Error()
	for _, want := range []string{
		`templates/i18n/de.toml: no string "pager.previous" (falls back to hu)`,
		`templates/i18n/de.toml: string "home.agreements" has no "one" form (uses "other")`,
	} {
		if !strings.Contains(missing, want+"\n") {
			t.Errorf("Missing lacks %q:\n%s", want, missing)
		}
	}
	if strings.Contains(missing, `"pager.next"`) {
		t.Errorf("Missing lists a string de.toml has:\n%s", missing)
	}
	if n, want := len(de.Missing()), len(builtin(t, "en").Keys())-1; n != want {
		t.Errorf("Missing lists %d strings, want %d: every key but pager.next and home.agreements, and home.agreements's form", n, want)
	}

	ru, err := Load(fsys, "ru", "ru")
	if err != nil {
		t.Fatal(err)
	}
	// A plural string needs every form its language's numbers take.
	for _, want := range []string{
		`templates/i18n/ru.toml: string "home.agreements" has no "few" form (uses "other")`,
		`templates/i18n/ru.toml: string "home.agreements" has no "many" form (uses "other")`,
		`templates/i18n/ru.toml: no string "pager.previous" (falls back to en)`,
	} {
		if got := ru.Missing().Error(); !strings.Contains(got+"\n", want+"\n") {
			t.Errorf("the Missing of a partial ru.toml lacks %q:\n%s", want, got)
		}
	}

	fr, err := Load(fsys, "fr", "en")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fr.Missing().Error(), `templates/i18n/fr.toml: no table for language "fr": the theme's words fall back to en`; got != want {
		t.Errorf("Missing of a language without a table:\n%s\nwant:\n%s", got, want)
	}
	none, err := Load(fstest.MapFS{}, "fr", "en")
	if err != nil {
		t.Fatal(err)
	}
	if m := none.Missing(); m != nil {
		t.Errorf("a theme without tables, which has no words, misses:\n%v", m)
	}
	for _, lang := range shipped {
		if m := builtin(t, lang).Missing(); len(m) > 0 {
			t.Errorf("%s misses:\n%v", lang, m)
		}
	}
}

func TestFormat(t *testing.T) {
	en := builtin(t, "en")
	for _, tc := range []struct {
		key  string
		args []any
		want string
	}{
		{"skipToContent", nil, "Skip to content"},
		{"home.agreements", []any{1}, "Agreement"},
		{"home.agreements", []any{0}, "Agreements"},
		{"terms.pageCount", []any{3}, "3 pages"},
		{"pager.range", []any{"from", 21, "to", 40, "items", 45}, "21–40 of 45"},
		{"map.pair", []any{1, "a", "Hungary", "b", "Uzbekistan"}, "Hungary and Uzbekistan: 1 shared agreement"},
	} {
		if got, err := en.Format(tc.key, tc.args...); err != nil || got != tc.want {
			t.Errorf("Format(%q, %v) = %q, %v; want %q", tc.key, tc.args, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		key  string
		args []any
		want string
	}{
		{"home.agreements", nil, `string "home.agreements" has plural forms and needs a count`},
		{"agreement.since", nil, `no value for {date} in "since {date}"`},
		{"agreement.since", []any{"date"}, `agreement.since: expected a count (a whole number) before the named values, got string`},
		{"agreement.since", []any{3, 4, "x"}, `agreement.since: expected the name of a placeholder, got int`},
	} {
		if _, err := en.Format(tc.key, tc.args...); err == nil || err.Error() != tc.want {
			t.Errorf("Format(%q, %v): error %v, want %s", tc.key, tc.args, err, tc.want)
		}
	}
}

// TestTableErrors: what is wrong in a table is reported at its line.
func TestTableErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"a = \"x\"\nb = \n", "templates/i18n/hu.toml:2:5: expected value but found '\\n' instead"},
		{"a = \"x\"\nb = 3\n", "templates/i18n/hu.toml:2:1: b: expected a string or a table of strings, got a number"},
		{"[n]\none = \"x\"\nfew = \"y\"\n", "templates/i18n/hu.toml:1:1: n: a string with plural forms needs the form \"other\""},
		{"[n]\none = \"x\"\nother = [\"y\"]\n", "templates/i18n/hu.toml:3:1: n.other: expected a string, got an array"},
	} {
		_, err := Load(fstest.MapFS{Dir + "/hu.toml": {Data: []byte(tc.src)}}, "hu", "hu")
		if err == nil || err.Error() != tc.want {
			t.Errorf("%q:\n%v\nwant:\n%s", tc.src, err, tc.want)
		}
	}
}

// TestJSON: a script gets plain strings and the forms of plural ones.
func TestJSON(t *testing.T) {
	b, err := builtin(t, "ru").JSON("search.tooShort", "search.results")
	if err != nil {
		t.Fatal(err)
	}
	want := `{"search.results":{"few":"По запросу «{query}» найдено {count} результата.","many":"По запросу «{query}» найдено {count} результатов.","one":"По запросу «{query}» найден {count} результат.","other":"По запросу «{query}» найдено {count} результата."},"search.tooShort":"Введите хотя бы две буквы слова."}`
	if string(b) != want {
		t.Errorf("JSON:\n%s\nwant:\n%s", b, want)
	}
}

// minus returns the strings of a that b lacks.
func minus(a, b []string) []string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}
