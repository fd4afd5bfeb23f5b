package render

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// TestLoadReportsUnknownString: a {{t "key"}} or tjson of a string that
// no table defines, and a plural string without a count, are found when
// the templates are loaded, at the key.
func TestLoadReportsUnknownString(t *testing.T) {
	fsys := templates("agreement", "{{define \"main\"}}\n<h2>{{t \"discusedIn\"}}</h2>{{end}}")
	fsys["templates/home.html"].Data = []byte(`{{define "main"}}{{t "home.agreements"}} {{if .Page}}{{(t "pager.nxt")}}{{end}}{{end}}`)
	fsys["templates/search.html"].Data = []byte(`{{define "main"}}<div data-words="{{tjson "search.tooShort" "search.result"}}"></div>{{end}}`)
	fsys["templates/i18n/en.toml"].Data = append(fsys["templates/i18n/en.toml"].Data, "\n[mine]\nkey = \"Mine\"\n"...)
	fsys["templates/country.html"].Data = []byte(`{{define "main"}}{{t "mine.key"}}{{t "mine.kye"}}{{end}}`)
	_, err := Load(fsys, "en", "en")
	want := `templates/agreement.html:2:9: no string "discusedIn" in templates/i18n (did you mean "discussedIn"?)` + "\n" +
		`templates/country.html:1:38: no string "mine.kye" in templates/i18n (did you mean "mine.key"?)` + "\n" +
		`templates/home.html:1:22: string "home.agreements" has plural forms and needs a count` + "\n" +
		`templates/home.html:1:59: no string "pager.nxt" in templates/i18n (did you mean "pager.next"?)` + "\n" +
		`templates/search.html:1:61: no string "search.result" in templates/i18n (did you mean "search.results"?)`
	if err == nil || err.Error() != want {
		t.Fatalf("Load error:\n%v\nwant:\n%s", err, want)
	}
}

// TestWordsInTemplates: t, date and timeTag write the theme's words in
// the language, HTML values of t as they are and the rest escaped, as
// html/template escapes.
func TestWordsInTemplates(t *testing.T) {
	main := `{{define "main"}}{{t "home.agreements" 5}}|{{t "pager.range" "from" 1 "to" 20 "items" 45}}|` +
		`{{date .Page.Meta.Signed}}|{{template "date" .Page.Meta.Signed}}|` +
		`{{t "agreement.since" "date" (timeTag .Page.Meta.Signed)}}|{{t "agreement.partyDatesCaption" "title" .Doc.Title}}|` +
		`{{kindName .Page}}|{{statusLabel "in-force"}}{{end}}`
	signed := content.Date{Time: time.Date(2024, 11, 6, 10, 0, 0, 0, time.FixedZone("", 3600)), Precision: content.Instant}
	p := &site.Page{Kind: content.Agreement, Meta: &content.Meta{Signed: signed}}
	p.Title = `"A" & <B>`
	for lang, want := range map[string]string{
		"en": `<main>Agreements|1–20 of 45|6 November 2024|<time datetime="2024-11-06T10:00:00&#43;01:00">6 November 2024</time>|` +
			`since <time datetime="2024-11-06T10:00:00&#43;01:00">6 November 2024</time>|When each party of &#34;A&#34; &amp; &lt;B&gt; signed, consented to be bound, was bound and withdrew|` +
			`Agreement|In force</main>`,
		"ru": `<main>соглашений|1–20 из 45|6 ноября 2024|<time datetime="2024-11-06T10:00:00&#43;01:00">6 ноября 2024</time>|` +
			`с <time datetime="2024-11-06T10:00:00&#43;01:00">6 ноября 2024</time>|&#34;A&#34; &amp; &lt;B&gt;: когда каждая сторона подписала соглашение, выразила согласие на его обязательность, стала им связана и вышла из него|` +
			`Соглашение|Действует</main>`,
	} {
		fsys := templates("agreement", main)
		fsys["templates/partials/date.html"] = &fstest.MapFile{Data: []byte(`{{define "date"}}{{timeTag .}}{{end}}`)}
		tm, err := Load(fsys, lang, "en")
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := tm.Execute(&buf, Job{Kind: "agreement", Data: &Data{Doc: &p.Doc, Page: p}}); err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); got != want {
			t.Errorf("%s:\n%s\nwant:\n%s", lang, got, want)
		}
	}
}

// TestTimeTagMatchesTemplate: the <time> element timeTag writes is the
// one a template writes, whatever the date holds.
func TestTimeTagMatchesTemplate(t *testing.T) {
	tm, err := Load(templates("home", `{{define "main"}}<time datetime="{{.Page.Meta.Signed.ISO}}">{{date .Page.Meta.Signed}}</time>|{{timeTag .Page.Meta.Signed}}{{end}}`), "en", "en")
	if err != nil {
		t.Fatal(err)
	}
	p := &site.Page{Meta: &content.Meta{}}
	for _, d := range []content.Date{
		{Time: time.Date(2024, 11, 6, 0, 0, 0, 0, time.UTC), Precision: content.Day},
		{Time: time.Date(2024, 11, 6, 10, 0, 0, 0, time.FixedZone("", -5*3600)), Precision: content.Instant},
		{Time: time.Date(2024, 11, 6, 10, 0, 0, 0, time.FixedZone("", 5*3600+1800)), Precision: content.Instant},
		{Time: time.Date(1991, 1, 1, 0, 0, 0, 0, time.UTC), Precision: content.Year},
	} {
		p.Meta.Signed = d
		var buf bytes.Buffer
		if err := tm.Execute(&buf, Job{Kind: "home", Data: &Data{Doc: &p.Doc, Page: p}}); err != nil {
			t.Fatal(err)
		}
		inner := strings.TrimSuffix(strings.TrimPrefix(buf.String(), "<main>"), "</main>")
		byTemplate, byFunc, _ := strings.Cut(inner, "|")
		if byTemplate != byFunc {
			t.Errorf("%s: the template writes %s, timeTag %s", d.ISO(), byTemplate, byFunc)
		}
	}
	if got := tm.timeTag(content.Date{}); got != template.HTML("") {
		t.Errorf("timeTag of no date = %q", got)
	}
}

// TestWordsFolded: a {{t "key"}} without arguments in text or a quoted
// attribute becomes the text it writes when the templates load; in other
// contexts it stays a call, escaped for its context.
func TestWordsFolded(t *testing.T) {
	tm, err := Load(templates("agreement", `{{define "main"}}<p aria-label="{{t "facts"}}">{{t "agreement.status"}} {{t "andMore" 2}}</p><script>var s = "{{t "facts"}}";</script>{{end}}`), "ru", "en")
	if err != nil {
		t.Fatal(err)
	}
	got := tm.byKind["agreement"].Lookup("main").Tree.Root.String()
	want := `<p aria-label="Сведения">Статус {{t "andMore" 2 | _html_template_htmlescaper}}</p><script>var s = "{{t "facts" | _html_template_jsstrescaper}}";</script>`
	if got != want {
		t.Errorf("the template is\n%s\nwant\n%s", got, want)
	}
	var buf bytes.Buffer
	p := &site.Page{}
	if err := tm.Execute(&buf, Job{Kind: "agreement", Data: &Data{Doc: &p.Doc, Page: p}}); err != nil {
		t.Fatal(err)
	}
	if want := `<main><p aria-label="Сведения">Статус и ещё 2</p><script>var s = "Сведения";</script></main>`; buf.String() != want {
		t.Errorf("the page is\n%s\nwant\n%s", buf.String(), want)
	}
}
