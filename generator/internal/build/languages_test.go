package build

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/export"
)

// bilingual is a site in English and Hungarian: one agreement translated,
// one not, an interview about both.
const bilingual = `
-- config.toml --
baseURL = "https://example.org/"
language = "en"
[languages.hu]
name = "magyar"
title = "Tudásbázis"
-- content/agreements/training.md --
---
title: "Training agreement"
signed: 2024-11-06
place: "Bishkek"
countries: [Hungary, Kyrgyzstan]
topics: [customs-training]
---
## Signing

Signed in Bishkek. See [the talk](../interviews/talk.md).
-- content/agreements/training.hu.md --
---
title: "Képzési megállapodás"
place: "Biskek"
---
## Aláírás

Aláírták Biskekben. Lásd [a beszélgetést](../interviews/talk.md) és [a másikat](exchange.md).
-- content/agreements/exchange.md --
---
title: "Exchange programme"
signed: 2025-01-10
countries: [Hungary, Uzbekistan]
---
Text.
-- content/interviews/talk.md --
---
title: "A talk"
date: 2025-02-24
agreements: [training, exchange]
---
See [the training agreement](../agreements/training.md#signing).
`

// TestTranslationsArePublishedPerLanguage checks where a translation is
// published and what each language's pages link to: the translation
// where there is one, the page in its own language where there is not.
func TestTranslationsArePublishedPerLanguage(t *testing.T) {
	s := newSite(t, bilingual+`
-- content/topics/customs-training.md --
---
title: "Customs training"
---
As [signed](../agreements/training.md#signing) in Bishkek.
`).Build().
		// An untranslated text links to headings as its language names
		// them: on the Hungarian page of the topic, to the English page.
		AssertFile("hu/topics/customs-training/index.html", `<a href="/agreements/training/#signing">signed</a>`).
		AssertFile("hu/agreements/training/index.html",
			`<html lang="hu">`,
			`<h1>Képzési megállapodás</h1>`,
			// The facts come from the English file.
			`<time datetime="2024-11-06">`,
			// A link to a translated page leads to its translation, to
			// an untranslated one to the page in its own language.
			`<a href="/interviews/talk/">a beszélgetést</a>`,
			`<a href="/agreements/exchange/">a másikat</a>`,
			`<link rel="alternate" hreflang="hu" href="https://example.org/hu/agreements/training/">`,
			`<link rel="alternate" hreflang="en" href="https://example.org/agreements/training/">`,
			`<link rel="alternate" hreflang="x-default" href="https://example.org/agreements/training/">`,
			`<a href="/agreements/training/" lang="en" hreflang="en">English</a>`,
			`<a href="/hu/agreements/training/" lang="hu" aria-current="true">magyar</a>`).
		AssertFile("agreements/training/index.html",
			`<html lang="en">`,
			`<a href="/hu/agreements/training/" lang="hu" hreflang="hu">magyar</a>`,
			`<link rel="alternate" hreflang="x-default" href="https://example.org/agreements/training/">`).
		// A page without a translation switches to the language's home.
		AssertFile("agreements/exchange/index.html",
			`<a href="/hu/" lang="hu" hreflang="hu" title="magyar: home page">magyar</a>`).
		AssertFileLacks("agreements/exchange/index.html", `hreflang="x-default"`).
		AssertNoFile("hu/agreements/exchange/index.html", "hu/interviews/talk/index.html", "hu/404.html").
		// The Hungarian list shows the untranslated agreement, marked
		// with its language, at its English address.
		AssertFile("hu/agreements/index.html",
			`<a class="item-title" href="/hu/agreements/training/">Képzési megállapodás</a>`,
			`<a class="item-title" href="/agreements/exchange/" lang="en" hreflang="en">Exchange programme</a> <span class="lang">(angol)</span>`).
		AssertFile("hu/index.html", `<title>Tudásbázis</title>`, `<html lang="hu">`).
		// Country names in the language of the site, from CLDR.
		AssertFile("hu/countries/hungary/index.html", ` Magyarország</h1>`).
		AssertFile("hu/countries/kyrgyzstan/index.html", `Képzési megállapodás`).
		AssertFile("countries/hungary/index.html", ` Hungary</h1>`).
		// Every language has its feeds and search index.
		AssertFile("hu/feed.xml", `<title>Tudásbázis</title>`, `https://example.org/hu/agreements/training/`).
		AssertFile("hu/search/index.json").
		AssertFile("hu/countries/hungary/feed.xml", `https://example.org/hu/agreements/training/`).
		// The data export lists translations.
		AssertFile("data/knowledge-base.json", `"translations":[{"language":"hu","title":"Képzési megállapodás","url":"https://example.org/hu/agreements/training/"}]`)

	var sm struct {
		URLs []struct {
			Loc  string `xml:"loc"`
			Alts []struct {
				Lang string `xml:"hreflang,attr"`
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(s.readOut("sitemap.xml")), &sm); err != nil {
		t.Fatal(err)
	}
	alts := map[string]string{}
	for _, u := range sm.URLs {
		var langs []string
		for _, a := range u.Alts {
			langs = append(langs, a.Lang+"="+a.Href)
		}
		alts[u.Loc] = strings.Join(langs, " ")
	}
	for loc, want := range map[string]string{
		"https://example.org/agreements/training/":    "en=https://example.org/agreements/training/ hu=https://example.org/hu/agreements/training/ x-default=https://example.org/agreements/training/",
		"https://example.org/hu/agreements/training/": "en=https://example.org/agreements/training/ hu=https://example.org/hu/agreements/training/ x-default=https://example.org/agreements/training/",
		"https://example.org/agreements/exchange/":    "",
	} {
		got, ok := alts[loc]
		if !ok || got != want {
			t.Errorf("sitemap: %s has alternates %q (listed: %v), want %q", loc, got, ok, want)
		}
	}
	if _, ok := alts["https://example.org/hu/agreements/exchange/"]; ok {
		t.Error("sitemap lists /hu/agreements/exchange/, which is not published")
	}
	assertLinksWritten(t, s.out)
}

// TestTranslationErrors checks each broken or ambiguous translation.
func TestTranslationErrors(t *testing.T) {
	for _, tc := range []struct {
		name, files, want string
	}{
		{"a fact given differently", `
-- content/agreements/training.hu.md --
---
title: "Képzési megállapodás"
signed: 2024-11-07
---
`, "content/agreements/training.hu.md:3:1: signed differs from content/agreements/training.md: a translation takes its facts from the file it translates, so leave \"signed\" out or give the same value"},
		{"a language that is not the site's", `
-- content/agreements/training.ru.md --
---
title: "Соглашение"
---
`, "content/agreements/training.ru.md:1:1: the file name ends in \"ru\", which is not a language of the site: add [languages.ru] to config.toml, or rename the file"},
		{"two files for one translation", `
-- content/agreements/training-hu.hu.md --
---
title: "Másik"
translationKey: "content/agreements/training"
---
`, "content/agreements/training.hu.md:1:1: content/agreements/training-hu.hu.md is also the \"hu\" translation of content/agreements/training: each page has at most one file per language"},
		{"a translation of another kind", `
-- content/interviews/training.hu.md --
---
title: "Beszélgetés"
translationKey: "content/agreements/exchange"
---
`, "content/interviews/training.hu.md:1:1: translation of content/agreements/exchange.md, which is an agreement, but this file is an interview"},
		{"a lang that is no language", `
-- content/agreements/spanish.md --
---
title: "Acuerdo"
signed: 2024-01-01
lang: "spanish"
---
`, "content/agreements/spanish.md:4:1: lang: \"spanish\" is not a language code: expected a BCP 47 tag such as \"es\" or \"pt-BR\""},
		{"a translation alone without its facts", `
-- content/agreements/only.hu.md --
---
title: "Csak magyarul"
---
`, "content/agreements/only.hu.md:2:1: missing field \"signed\": an agreement needs the date it was signed unless its status is \"planned\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			newSite(t, bilingual+tc.files).BuildFails(tc.want)
		})
	}
}

// TestTranslationKeyJoinsFiles checks that translationKey makes files of
// different names translations of each other, each published at its own
// slug.
func TestTranslationKeyJoinsFiles(t *testing.T) {
	newSite(t, bilingual+`
-- content/agreements/csere.hu.md --
---
title: "Csereprogram"
translationKey: "exchange"
---
Szöveg.
-- content/agreements/exchange.md --
---
title: "Exchange programme"
signed: 2025-01-10
countries: [Hungary, Uzbekistan]
translationKey: "exchange"
---
Text.
`).Build().
		AssertFile("hu/agreements/csere/index.html", `<h1>Csereprogram</h1>`, `<time datetime="2025-01-10">`,
			`<a href="/agreements/exchange/" lang="en" hreflang="en">English</a>`).
		AssertFile("agreements/exchange/index.html", `<a href="/hu/agreements/csere/" lang="hu" hreflang="hu">magyar</a>`).
		AssertNoFile("hu/agreements/exchange/index.html")
}

// TestPageInAnotherLanguage checks lang in front matter: the text of a
// page written in a language the site is not in is marked so, and its
// title (ToTA's treaties in Spanish have English titles) and the site's
// own words are not.
func TestPageInAnotherLanguage(t *testing.T) {
	newSite(t, `
-- content/agreements/acuerdo.md --
---
title: "Acuerdo de cooperación aduanera"
signed: 2024-01-01
lang: es
---
Texto del acuerdo.
`).Build().
		AssertFile("agreements/acuerdo/index.html", `<html lang="en">`, `<h1>Acuerdo de cooperación aduanera</h1>`,
			`<div class="prose" lang="es">`, `"inLanguage":"es"`).
		AssertFile("agreements/index.html", `<a class="item-title" href="/agreements/acuerdo/">Acuerdo de cooperación aduanera</a> <span class="lang">(Spanish)</span>`).
		AssertFileLacks("agreements/acuerdo/index.html", `class="langs"`, `hreflang="x-default"`)
}

// TestTranslationsRebuild checks that serve's builds of a site in two
// languages match fresh builds when a body is edited, and when a
// translation is added, edited and removed.
func TestTranslationsRebuild(t *testing.T) {
	s := newSite(t, bilingual).Running().Build()
	// A body edited keeps the models of both languages: a page not
	// translated, which the Hungarian site lists at its English address,
	// and a translation.
	s.AppendFiles("\nAn English paragraph.\n", "content/agreements/exchange.md").Build().
		AssertNoFile("hu/agreements/exchange/index.html").
		AssertFile("agreements/exchange/index.html", "An English paragraph.").
		AssertSameAsFresh()
	assertKeptModel(t, s, true)
	s.AppendFiles("\nMég egy bekezdés.\n", "content/agreements/training.hu.md").Build().
		AssertFile("hu/agreements/training/index.html", "Még egy bekezdés.").
		AssertFileLacks("agreements/training/index.html", "Még egy bekezdés.").
		AssertSameAsFresh()
	assertKeptModel(t, s, true)
	if s.sum.Rendered != 1 {
		t.Errorf("a translation's body edited rendered %d pages, want its own", s.sum.Rendered)
	}
	s.EditFiles("content/agreements/exchange.hu.md", "---\ntitle: \"Csereprogram\"\n---\nSzöveg.\n").Build().
		AssertFile("hu/agreements/exchange/index.html", `<h1>Csereprogram</h1>`).
		AssertSameAsFresh()
	s.AppendFiles("\nMore text.\n", "content/agreements/training.hu.md").Build().AssertSameAsFresh()
	s.ReplaceInFile("content/agreements/training.md", "2024-11-06", "2024-11-05").Build().
		AssertFile("hu/agreements/training/index.html", `<time datetime="2024-11-05">`).
		AssertSameAsFresh()
	s.RemoveFiles("content/agreements/exchange.hu.md").Build().
		AssertNoFile("hu/agreements/exchange/index.html").
		AssertSameAsFresh()
}

// TestTermsInTheLanguagesOrder checks that lists of countries follow the
// alphabet of their language: Hungarian puts Ü before Z, where the order
// of bytes would not.
func TestTermsInTheLanguagesOrder(t *testing.T) {
	s := newSite(t, bilingual+`
-- content/agreements/zambia.md --
---
title: "Zambia agreement"
signed: 2020-01-01
countries: [Zambia, Uzbekistan]
---
`).Build()
	for _, tc := range []struct{ file, first, second string }{
		{"hu/countries/index.html", " Üzbegisztán</a>", " Zambia</a>"},
		{"countries/index.html", " Uzbekistan</a>", " Zambia</a>"},
	} {
		_, page, _ := strings.Cut(s.readOut(tc.file), `id="kb-all"`)
		i, j := strings.Index(page, tc.first), strings.Index(page, tc.second)
		if i < 0 || j < 0 || i > j {
			t.Errorf("%s: %s at %d, %s at %d; want both, in that order", tc.file, tc.first, i, tc.second, j)
		}
	}
}

// TestTranslationsTextsKeepTheModels checks that serve's builds of a site
// in two languages keep the models of both when only texts of front
// matter change, in an original, in a page not translated and in a
// translation, and still match fresh builds: a translation takes its
// source from its original, and every language lists an untranslated
// page by its title.
func TestTranslationsTextsKeepTheModels(t *testing.T) {
	s := newSite(t, bilingual).Running().Build()
	all := s.sum.Rendered
	s.ReplaceInFile("content/agreements/exchange.md", `"Exchange programme"`, `"Exchange programme, renamed"`).Build().
		AssertFile("hu/agreements/index.html", "Exchange programme, renamed").
		AssertSameAsFresh()
	assertKeptModel(t, s, true)
	s.ReplaceInFile("content/agreements/training.md", `"Training agreement"`, `"Training agreement, renamed"`).Build().
		AssertSameAsFresh()
	assertKeptModel(t, s, true)
	if s.sum.Rendered >= all {
		t.Errorf("a retitled original rendered %d pages, all of the %d", s.sum.Rendered, all)
	}
	// A line added moves the fields below it, which the models do not show.
	s.ReplaceInFile("content/agreements/training.md", `place: "Bishkek"`, "place: \"Bishkek\"\nsource: \"https://example.org/treaty.pdf\"").Build().
		AssertSameAsFresh()
	assertKeptModel(t, s, true)
	s.ReplaceInFile("content/agreements/training.md", "treaty.pdf", "treaty-2024.pdf").Build().
		AssertFile("hu/agreements/training/index.html", "treaty-2024.pdf").
		AssertSameAsFresh()
	assertKeptModel(t, s, true)
	s.ReplaceInFile("content/agreements/training.hu.md", `place: "Biskek"`, `place: "Biskek, Kirgizisztán"`).Build().
		AssertFile("hu/agreements/training/index.html", "Biskek, Kirgizisztán").
		AssertSameAsFresh()
	assertKeptModel(t, s, true)
	// The data export names the translations of a page by their titles.
	s.ReplaceInFile("content/agreements/training.hu.md", `"Képzési megállapodás"`, `"Képzési megállapodás 2024"`).Build().
		AssertFile(export.Path, "Képzési megállapodás 2024").
		AssertSameAsFresh()
	assertKeptModel(t, s, true)
}

// TestTranslationAndOriginalEditedAtOnce saves the texts of a translation
// and of its original in one build, as a search and replace over the site
// does, then a translationKey given in a third language's file, which
// joins the files parsed before under it, and taken away again: each build
// equals a fresh one.
func TestTranslationAndOriginalEditedAtOnce(t *testing.T) {
	s := newSite(t, strings.Replace(bilingual, "[languages.hu]", "[languages.de]\nname = \"Deutsch\"\n[languages.hu]", 1)+`
-- content/agreements/training.de.md --
---
title: "Schulungsabkommen"
---
Text.
`).Running().Build()
	s.ReplaceInFile("content/agreements/training.md", `place: "Bishkek"`, `place: "Bishkek, Kyrgyzstan"`).
		ReplaceInFile("content/agreements/training.hu.md", `place: "Biskek"`, `place: "Biskek, Kirgizisztán"`).Build().
		AssertFile("hu/agreements/training/index.html", "Biskek, Kirgizisztán").
		AssertSameAsFresh()
	assertKeptModel(t, s, true)
	s.ReplaceInFile("content/agreements/training.de.md", "title:", "translationKey: \"training-2024\"\ntitle:").Build().
		AssertFile("de/agreements/training/index.html", `hreflang="hu"`).
		AssertSameAsFresh()
	// The key taken away, the files parsed before leave it too.
	s.ReplaceInFile("content/agreements/training.de.md", "translationKey: \"training-2024\"\n", "").Build().
		AssertFile("de/agreements/training/index.html", `hreflang="hu"`).
		AssertSameAsFresh()
}

// TestTranslationsThemeKeepsTheModels edits a template, the Hungarian
// words of the theme and a static file of a site in two languages while
// the development server runs: the models of both languages are kept,
// every build equals a fresh one, and a static file whose name no page
// carries is the one file written.
func TestTranslationsThemeKeepsTheModels(t *testing.T) {
	s := newSite(t, bilingual+"-- static/notes.txt --\nOne.\n").Running().Build()
	s.ReplaceInFile("templates/agreement.html", `<article class="doc">`, `<article class="doc" data-edited>`).Build().
		AssertFile("hu/agreements/training/index.html", `<article class="doc" data-edited>`).
		AssertSameAsFresh()
	assertKeptModel(t, s, true)
	s.ReplaceInFile("templates/i18n/hu.toml", `facts = "Adatok"`, `facts = "Tények"`).Build().
		AssertFile("hu/agreements/training/index.html", "Tények").
		AssertSameAsFresh()
	assertKeptModel(t, s, true)
	s.EditFiles("static/notes.txt", "Two.\n").Build().AssertSameAsFresh()
	assertKeptModel(t, s, true)
	if !slices.Equal(s.sum.Changed, []string{"notes.txt"}) {
		t.Errorf("a build after a static file changed wrote %q, want that file alone", s.sum.Changed)
	}
	// The titles of sections come from the theme's words, into the model.
	s.ReplaceInFile("templates/i18n/hu.toml", `topics = "Témák"`, `topics = "Kiemelt témák"`).Build().
		AssertFile("hu/topics/index.html", "<h1>Kiemelt témák</h1>").
		AssertSameAsFresh()
	assertKeptModel(t, s, false)
}

// TestTermEditsKeepTheModels adds and removes countries and topics of
// pages of a site in two languages while the development server runs:
// the models are kept, and the pages of the terms, while each names a term
// the models have; a term that appears or goes, or whose title changes,
// makes them again. Every build equals a fresh one.
func TestTermEditsKeepTheModels(t *testing.T) {
	s := newSite(t, bilingual).Running().Build()
	all := s.sum.Rendered
	// A line added: the fields below it move.
	s.ReplaceInFile("content/agreements/exchange.md", "countries: [Hungary, Uzbekistan]", "countries: [Hungary, Uzbekistan]\ntopics: [customs-training]").Build().
		AssertFile("topics/customs-training/index.html", "Exchange programme").
		AssertFile("hu/topics/customs-training/index.html", "Exchange programme").
		AssertSameAsFresh()
	assertRetagged(t, s, true)
	if s.sum.Rendered >= all {
		t.Errorf("a topic added rendered %d pages, all of the %d", s.sum.Rendered, all)
	}
	s.ReplaceInFile("content/agreements/exchange.md", "[Hungary, Uzbekistan]", "[Hungary, Uzbekistan, Kyrgyzstan]").Build().
		AssertFile("countries/kyrgyzstan/index.html", "Exchange programme").
		AssertSameAsFresh()
	assertRetagged(t, s, true)
	s.ReplaceInFile("content/agreements/training.md", "topics: [customs-training]", "topics: []").Build().
		AssertSameAsFresh()
	assertRetagged(t, s, true)
	// Its spellings give a topic without a file its title.
	s.ReplaceInFile("content/agreements/exchange.md", "topics: [customs-training]", "topics: [Customs Training]").Build().
		AssertFile("topics/customs-training/index.html", "<h1>Customs Training</h1>").
		AssertSameAsFresh()
	assertRetagged(t, s, false)
	// A topic no page names any more goes, and a new one comes.
	s.ReplaceInFile("content/agreements/exchange.md", "topics: [Customs Training]", "topics: [border-security]").Build().
		AssertNoFile("topics/customs-training/index.html").
		AssertFile("topics/border-security/index.html", "Exchange programme").
		AssertNoFile("hu/topics/customs-training/index.html").
		AssertSameAsFresh()
	assertRetagged(t, s, true)
	// A topic that goes while a body links to it breaks the link.
	s.ReplaceInFile("content/agreements/training.md", "Signed in Bishkek.", "Signed in Bishkek, on [border security](/topics/border-security/).").Build().
		ReplaceInFile("content/agreements/exchange.md", "topics: [border-security]", "topics: []").
		BuildFails(`content/agreements/training.md:10:23: link to missing page "/topics/border-security/"`).
		ReplaceInFile("content/agreements/training.md", ", on [border security](/topics/border-security/).", ".").Build().
		AssertSameAsFresh()
	// Terms no page named before, of every kind, come into the kept
	// models, in each language.
	s.ReplaceInFile("content/agreements/training.md", "topics: []", "topics: [Digital trade]\norganisations: [Border Agency]").
		ReplaceInFile("content/agreements/training.md", "[Hungary, Kyrgyzstan]", "[Hungary, Kyrgyzstan, Kazakhstan]").Build().
		AssertFile("topics/digital-trade/index.html", "<h1>Digital trade</h1>", "Training agreement").
		AssertFile("hu/topics/digital-trade/index.html", "Képzési megállapodás").
		AssertFile("organisations/border-agency/index.html", "Training agreement").
		AssertFile("countries/kazakhstan/index.html", "Training agreement").
		AssertFile("hu/countries/kazakhstan/index.html", "Kazahsztán").
		AssertFile("topics/index.html", "Digital trade").
		AssertSameAsFresh()
	assertRetagged(t, s, true)
	// Without them the site is as it was before, and with them again as
	// it was after.
	s.ReplaceInFile("content/agreements/training.md", "\norganisations: [Border Agency]", "").
		ReplaceInFile("content/agreements/training.md", ", Kazakhstan]", "]").Build().
		AssertNoFile("organisations/border-agency/index.html", "countries/kazakhstan/index.html", "hu/countries/kazakhstan/index.html").
		AssertSameAsFresh()
	assertRetagged(t, s, true)
	s.ReplaceInFile("content/agreements/training.md", "topics: [Digital trade]", "topics: [Digital trade]\norganisations: [Border Agency]").
		ReplaceInFile("content/agreements/training.md", "[Hungary, Kyrgyzstan]", "[Hungary, Kyrgyzstan, Kazakhstan]").Build().
		AssertFile("organisations/border-agency/index.html", "Training agreement").
		AssertSameAsFresh()
	assertRetagged(t, s, true)
	// Links to them lead there, in bodies rendered in the kept models.
	s.ReplaceInFile("content/agreements/exchange.md", "Text.", "Text on [digital trade](/topics/digital-trade/) and [[kazakhstan]].").Build().
		AssertFile("agreements/exchange/index.html", `<a href="/topics/digital-trade/">digital trade</a>`).
		AssertSameAsFresh()
	// The terms go again, and the model is the one before they came: the
	// links lead nowhere, as they would in a model that never had them.
	s.ReplaceInFile("content/agreements/training.md", "[Digital trade]\norganisations: [Border Agency]", "[]").
		ReplaceInFile("content/agreements/training.md", ", Kazakhstan]", "]").
		BuildFails(`content/agreements/exchange.md:7:9: link to missing page "/topics/digital-trade/"
content/agreements/exchange.md:7:53: wiki link [[kazakhstan]]: no page with slug "kazakhstan", which does not exist`)
}

// TestFormerCountryKeepsTheModels names, in a kept model, a country new to
// the site, then the country it came from: the page of the first links to
// the second, its predecessor, though no file of either was edited.
func TestFormerCountryKeepsTheModels(t *testing.T) {
	// Enough agreements that a change of terms picks again the related
	// pages of some pages only, not of all.
	var filler strings.Builder
	for i := range 60 {
		fmt.Fprintf(&filler, "-- content/agreements/filler-%02d.md --\n---\ntitle: \"Filler %d\"\nsigned: 2020-01-%02d\ncountries: [Zambia]\n---\nText.\n", i, i, 1+i%28)
	}
	s := newSite(t, bilingual+filler.String()).Running().Build()
	s.ReplaceInFile("content/agreements/training.md", "[Hungary, Kyrgyzstan]", "[Hungary, Kyrgyzstan, Czechia]").Build().
		AssertFileLacks("countries/czechia/index.html", `href="/countries/czechoslovakia/"`).
		AssertSameAsFresh()
	assertRetagged(t, s, true)
	s.ReplaceInFile("content/agreements/exchange.md", "[Hungary, Uzbekistan]", "[Hungary, Uzbekistan, Czechoslovakia]").Build().
		AssertFile("countries/czechia/index.html", `href="/countries/czechoslovakia/"`).
		AssertSameAsFresh()
	assertRetagged(t, s, true)
}

// assertRetagged checks whether the last build gave pages their terms in
// the models it kept.
func assertRetagged(t *testing.T, s *testSite, retagged bool) {
	t.Helper()
	assertKeptModel(t, s, retagged)
	if got := slices.ContainsFunc(s.sum.Phases, func(p Phase) bool { return p.Name == "terms" }); got != retagged {
		t.Errorf("the build's steps were %v: gave pages their terms in the kept models %v, want %v", s.sum.Phases, got, retagged)
	}
}

// TestWarningsMoveWithTheirFields adds a line above a field that a warning
// is about while the development server runs: the warning names its new
// line.
func TestWarningsMoveWithTheirFields(t *testing.T) {
	s := newSite(t, `
-- config.toml --
baseURL = "https://example.org/"
-- content/agreements/training.md --
---
title: "Training agreement"
signed: 2024-11-06
effective: 2024-01-01
---
Text.
`).Running().Build()
	if got := s.sum.Warnings.Error(); !strings.Contains(got, "content/agreements/training.md:4:") {
		t.Fatalf("warnings %q, want one at line 4", got)
	}
	s.ReplaceInFile("content/agreements/training.md", "signed:", "place: \"Bishkek\"\nsigned:").Build().AssertSameAsFresh()
	if got := s.sum.Warnings.Error(); !strings.Contains(got, "content/agreements/training.md:5:") {
		t.Errorf("warnings %q, want one at line 5", got)
	}
}

// TestStatusEditKeepsTheModels changes the status of an agreement of a
// site in two languages while the development server runs: the models are
// kept, with the warning that a status contradicts the dates when it does
// (AssertSameAsFresh compares the warnings too). Every build equals a
// fresh one.
func TestStatusEditKeepsTheModels(t *testing.T) {
	s := newSite(t, bilingual).Running().Build()
	s.ReplaceInFile("content/agreements/training.md", "signed: 2024-11-06", "signed: 2024-11-06\nstatus: in-force").Build().
		AssertSameAsFresh()
	assertKeptModel(t, s, true)
	// Signed, it cannot be planned.
	s.ReplaceInFile("content/agreements/training.md", "status: in-force", "status: planned").Build().
		AssertSameAsFresh()
	assertKeptModel(t, s, true)
	if got := s.sum.Warnings.Error(); !strings.Contains(got, `status: "planned" contradicts the dates`) {
		t.Errorf("warnings %q, want one about the status", got)
	}
	s.ReplaceInFile("content/agreements/training.md", "status: planned", "status: signed").Build().
		AssertSameAsFresh()
	assertKeptModel(t, s, true)
	if len(s.sum.Warnings) > 0 {
		t.Errorf("warnings %v, want none", s.sum.Warnings)
	}
	s.ReplaceInFile("content/agreements/training.md", "status: signed\n", "").Build().
		AssertSameAsFresh()
	assertKeptModel(t, s, true)
}

// TestWarningsMoveWithTheirItems moves an item of a list that a warning
// is about, and nothing else, while the development server runs: the
// warning names its new column.
func TestWarningsMoveWithTheirItems(t *testing.T) {
	s := newSite(t, `
-- config.toml --
baseURL = "https://example.org/"
-- content/agreements/training.md --
---
title: "Training agreement"
signed: 2024-11-06
---
Text.
-- content/interviews/talk.md --
---
title: "A talk"
date: 2024-02-24
agreements: [training]
---
Text.
`).Running().Build()
	if got := s.sum.Warnings.Error(); !strings.Contains(got, "content/interviews/talk.md:4:14:") {
		t.Fatalf("warnings %q, want one at 4:14", got)
	}
	s.ReplaceInFile("content/interviews/talk.md", "[training]", "[ training ]").Build().AssertSameAsFresh()
	if got := s.sum.Warnings.Error(); !strings.Contains(got, "content/interviews/talk.md:4:15:") {
		t.Errorf("warnings %q, want one at 4:15", got)
	}
}

// TestPartyNamedOnlyByARole takes an organisation out of the
// organisations of the only page that names it there while another page
// has it as a party and a person's role names it: the build fails, as a
// fresh one does, since a party is an organisation of the site.
func TestPartyNamedOnlyByARole(t *testing.T) {
	s := newSite(t, `
-- config.toml --
baseURL = "https://example.org/"
-- content/people/envoy.md --
---
name: "An Envoy"
roles:
  - {role: "Envoy", organisation: "Visegrad Group"}
---
-- content/agreements/a.md --
---
title: "A"
signed: 2024-11-06
organisations: [Visegrad Group]
---
Text.
-- content/agreements/b.md --
---
title: "B"
signed: 2024-11-06
parties: [Poland, Visegrad Group]
---
Text.
`).Running().Build()
	s.ReplaceInFile("content/agreements/a.md", "organisations: [Visegrad Group]", "organisations: []").
		BuildFails(`content/agreements/b.md:4:19: unknown party "Visegrad Group": not a country nor an organisation of the site (add it to organisations or content/organisations/)`)
}

// TestTermsNamedByPeopleStay takes from the only page that names them
// an organisation that a person's role names, a country a person is from
// and one that is a member of an organisation: they keep their pages, as
// in a fresh build, while a country no one else names goes.
func TestTermsNamedByPeopleStay(t *testing.T) {
	s := newSite(t, `
-- config.toml --
baseURL = "https://example.org/"
-- content/people/envoy.md --
---
name: "An Envoy"
countries: [Kazakhstan]
roles:
  - {role: "Envoy", organisation: "Border Agency"}
---
-- content/organisations/visegrad-group.md --
---
title: "Visegrad Group"
members: [Poland]
---
-- content/agreements/a.md --
---
title: "A"
signed: 2024-11-06
countries: [Kazakhstan, Poland, Mongolia]
organisations: [Border Agency]
---
Text.
`).Running().Build()
	s.ReplaceInFile("content/agreements/a.md", "Poland, ", "").Build().
		AssertFile("countries/poland/index.html", "Visegrad Group").
		AssertSameAsFresh()
	s.ReplaceInFile("content/agreements/a.md", "Kazakhstan, ", "").Build().
		AssertFile("countries/kazakhstan/index.html", "Kazakhstan").
		AssertSameAsFresh()
	s.ReplaceInFile("content/agreements/a.md", "[Border Agency]", "[]").Build().
		AssertFile("organisations/border-agency/index.html", "<h1>Border Agency</h1>").
		AssertSameAsFresh()
	s.ReplaceInFile("content/agreements/a.md", "[Mongolia]", "[]").Build().
		AssertNoFile("countries/mongolia/index.html").
		AssertSameAsFresh()
	assertRetagged(t, s, true)
}

// TestStatusWarningsAreFatalWhenKept changes a status so that it
// contradicts the dates, with warnings fatal, while the development
// server runs: the build fails, as a fresh one does, though the model was
// kept; and the warning names the build's day in UTC, the day the model
// was kept for.
func TestStatusWarningsAreFatalWhenKept(t *testing.T) {
	// Past midnight east of Greenwich, still the day before in UTC.
	at := time.Date(2025, 3, 2, 0, 30, 0, 0, time.FixedZone("UTC+5", 5*3600))
	s := newSite(t, `
-- config.toml --
baseURL = "https://example.org/"
-- content/agreements/training.md --
---
title: "Training agreement"
signed: 2024-11-06
status: signed
---
Text.
`).WithOptions(Options{Now: at, WarningsFatal: true}).Running().Build()
	s.ReplaceInFile("content/agreements/training.md", "status: signed", "status: planned").
		BuildFails(`content/agreements/training.md:4:1: warning: status: "planned" contradicts the dates, which make it "signed" since 2024-11-06 (as of the build date, 2025-03-01)`)
}
