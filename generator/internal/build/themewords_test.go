package build

import (
	"strings"
	"testing"
)

// TestSampleSiteInHungarian: the sample site's pages under /hu/ have the
// theme's words in Hungarian (navigation, headings, facts, statuses,
// dates, counts, the maps), its pages at the root in English.
func TestSampleSiteInHungarian(t *testing.T) {
	s := sampleSite(t).Build()
	s.AssertFile("hu/index.html",
		`<html lang="hu">`,
		`<a class="skip" href="#main">Ugrás a tartalomhoz</a>`,
		`<nav aria-label="Főmenü">`,
		`<nav class="langs" aria-label="Nyelvek">`,
		`<a href="/hu/countries/">Országok</a>`,
		`<h2 id="kb-latest-agreements">Legújabb megállapodások</h2>`,
		`<span class="status status-planned">Tervezett</span>`,
		`<time datetime="2024-11-06">2024. november 6.</time>`)
	s.AssertFile("hu/agreements/hungary-kyrgyzstan-customs-training/index.html",
		`<dt>Állapot</dt>`, `<dt>Aláírás</dt>`, `<dt>Felek</dt>`, `<h2 id="kb-backlinks">Ahol szó esik róla</h2>`)
	s.AssertFile("hu/timeline/index.html",
		`<h1>Idővonal</h1>`, `<h3 id="m-2024-11">2024. november</h3>`, `<h3 id="m-2022">2022 (hónap nélkül)</h3>`,
		`<span class="kind">Aláírás</span>`)
	s.AssertFile("hu/countries/index.html",
		`<h2 id="kb-world">Megállapodások szerte a világon</h2>`, `<title id="map-title">Együttműködési térkép</title>`,
		`<title id="worldmap-title">Megállapodások országonként</title>`)
	s.AssertFile("hu/countries/hungary/index.html", `<h2 id="kb-partners">Együttműködő partnerek`, `partnere a világtérképen</title>`)
	s.AssertFile("hu/search/index.html", `<label for="search-q">Keresés a megállapodások`, `&#34;search.tooShort&#34;:&#34;Írjon be legalább két betűt egy szóból.&#34;`)
	s.AssertFile("hu/search/index.json", `"kinds":["Megállapodás","Interjú","Oldal","Ország","Téma","Szervezet"]`, `"2024-11-06","2024. november 6."`)
	s.AssertFileLacks("hu/index.html", "Skip to content", "Latest agreements", "November")
	s.AssertFile("index.html", `<a class="skip" href="#main">Skip to content</a>`, `<h2 id="kb-latest-agreements">Latest agreements</h2>`)
}

// TestSiteInHungarian: a site in one language, language = "hu", has its
// theme in Hungarian at the root, a Hungarian 404 page among it.
func TestSiteInHungarian(t *testing.T) {
	s := newSite(t, `
-- config.toml --
language = "hu"
-- content/agreements/a.md --
---
title: "A"
signed: 2024-12-03
effective: 2025-01-01
parties: [Hungary, Uzbekistan]
---
`).Build()
	s.AssertFile("index.html", `<html lang="hu">`, `<strong>1</strong> megállapodás</a>`, `<strong>2</strong> ország</a>`,
		`<time datetime="2024-12-03">2024. december 3.</time>`)
	s.AssertFile("agreements/a/index.html", `<dt>Hatálybalépés</dt>`, `<time datetime="2025-01-01">2025. január 1.</time> óta`)
	s.AssertFile("agreements/index.html", `<h1>Megállapodások</h1>`)
	s.AssertFile("404.html", `<title>Az oldal nem található · `, `<h1>Az oldal nem található</h1>`)
}

// TestSiteInRussian: a site with language = "ru" counts in Russian's
// plural forms and writes dates with the genitive month.
func TestSiteInRussian(t *testing.T) {
	s := newSite(t, `
-- config.toml --
title = "База"
language = "ru"
-- content/agreements/a.md --
---
title: "A"
signed: 2024-12-03
parties: [Hungary, Uzbekistan]
topics: [customs]
---
-- content/agreements/b.md --
---
title: "B"
signed: 2023-05
parties: [Hungary, Kyrgyzstan]
topics: [customs]
---
-- content/agreements/c.md --
---
title: "C"
signed: 2022
effective: 2022-02-01
parties: [Hungary, Türkiye, Azerbaijan, Kazakhstan, Uzbekistan]
topics: [customs]
---
`).Build()
	s.AssertFile("index.html",
		`<strong>3</strong> соглашения</a>`,
		`<strong>6</strong> стран</a>`,
		`<strong>1</strong> тема</a>`,
		`<time datetime="2024-12-03">3 декабря 2024</time>`,
		`<time datetime="2023-05">май 2023</time>`)
	s.AssertFile("timeline/index.html", `<h3 id="m-2024-12">Декабрь 2024</h3>`, `<h3 id="m-2022">2022, месяц не указан</h3>`)
	s.AssertFile("agreements/c/index.html", `<dt>Статус</dt>`, `Действует</span> с <time datetime="2022-02-01">1 февраля 2022</time>`)
	s.AssertFile("topics/index.html", `<span>3 страницы</span>`)
	s.AssertFile("countries/hungary/index.html", `<title id="partners-hungary-title">Венгрия: партнёры по сотрудничеству</title>`)
}

// TestCheckListsMissingStrings: check lists what the table of the site's
// language lacks, which falls back to English; a build does not.
func TestCheckListsMissingStrings(t *testing.T) {
	s := newSite(t, `
-- config.toml --
language = "de"
-- templates/i18n/de.toml --
skipToContent = "Zum Inhalt"
[home.agreements]
other = "Abkommen"
-- content/agreements/a.md --
---
title: "A"
status: planned
---
`)
	s.WithOptions(Options{Check: true}).Build()
	missing := s.sum.Missing.Error()
	for _, want := range []string{
		`templates/i18n/de.toml: no string "pager.next" (falls back to en)`,
		`templates/i18n/de.toml: string "home.agreements" has no "one" form (uses "other")`,
	} {
		if !strings.Contains(missing, want) {
			t.Errorf("check lists:\n%s\nwant among them: %s", missing, want)
		}
	}
	if strings.Contains(missing, "skipToContent") {
		t.Errorf("check lists a string de.toml has:\n%s", missing)
	}
	s.WithOptions(Options{}).Build().
		AssertFile("index.html", `<a class="skip" href="#main">Zum Inhalt</a>`, `<strong>1</strong> Abkommen</a>`, `<h2 id="kb-latest-agreements">Latest agreements</h2>`)
	if s.sum.Missing != nil {
		t.Errorf("a build lists missing strings: %v", s.sum.Missing)
	}
}
