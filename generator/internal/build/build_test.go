package build

import "testing"

// smallSite has three agreements and an interview that discusses two of
// them, written with every kind of link and every spelling of a country.
const smallSite = `
-- config.toml --
title = "KB"
-- content/_index.md --
---
title: "Home"
---
Welcome.
-- content/agreements/kyrgyz-training.md --
---
title: "Kyrgyz training"
signed: 2024-03-01
countries: [Hungary, Kyrgyzstan]
topics: [Digitalisation]
---
See [[uzbek-cooperation]] and [its scope](../agreements/uzbek-cooperation.md#scope).

## Training plan

Text.
-- content/agreements/uzbek-cooperation.md --
---
title: "Uzbek cooperation"
signed: "2022"
parties: [HU, Uzbekistan]
countries: [hungary]
topics: [digitalisation]
---
## Scope

Text.
-- content/agreements/turkish-protocol.md --
---
title: "Turkish protocol"
signed: 2023-01
countries: [HUN, Türkiye, Uzbekistan]
---
Protocol.
-- content/interviews/talk.md --
---
title: "Talk with an official"
date: 2025-01-02
countries: [HUN, Turkey]
agreements: [kyrgyz-training, uzbek-cooperation]
---
On [[kyrgyz-training]] and [[uzbek-cooperation|the Uzbek agreement]],
see [the plan](/agreements/kyrgyz-training/#training-plan),
[the text](../agreements/uzbek-cooperation.md) and [below](#questions).

## Questions

Text.
`

func TestSmallSite(t *testing.T) {
	s := newSite(t, minimalTemplates+smallSite).Build()
	if sum := s.sum; sum.Agreements != 3 || sum.Interviews != 1 {
		t.Errorf("summary: %d agreements, %d interviews, want 3 and 1", sum.Agreements, sum.Interviews)
	}

	// Clean URLs.
	s.AssertFile("index.html", "kind=home|title=Home|url=/\n", "<p>Welcome.</p>")
	s.AssertFile("agreements/kyrgyz-training/index.html", "kind=agreement|title=Kyrgyz training|url=/agreements/kyrgyz-training/")
	s.AssertFile("interviews/talk/index.html", "kind=interview|title=Talk with an official|url=/interviews/talk/")
	s.AssertFile("404.html", "kind=404", "not found")

	// Links: wiki links take the target's title unless given a text, and
	// every kind of link reaches the target's URL with its anchor.
	s.AssertFile("interviews/talk/index.html",
		`<a href="/agreements/kyrgyz-training/">Kyrgyz training</a>`,
		`<a href="/agreements/uzbek-cooperation/">the Uzbek agreement</a>`,
		`<a href="/agreements/kyrgyz-training/#training-plan">the plan</a>`,
		`<a href="/agreements/uzbek-cooperation/">the text</a>`,
		`<a href="#questions">below</a>`,
		`<h2 id="questions">Questions</h2>`,
		"discusses=Kyrgyz training|/agreements/kyrgyz-training/\ndiscusses=Uzbek cooperation|/agreements/uzbek-cooperation/\n",
	)
	s.AssertFile("agreements/kyrgyz-training/index.html",
		`<a href="/agreements/uzbek-cooperation/">Uzbek cooperation</a>`,
		`<a href="/agreements/uzbek-cooperation/#scope">its scope</a>`,
		`<h2 id="training-plan">Training plan</h2>`,
	)

	// Backlinks: the interview is listed on both agreements it discusses,
	// newest first; an agreement linked from another lists it too.
	s.AssertFile("agreements/kyrgyz-training/index.html",
		"backlink=Talk with an official|/interviews/talk/\nrelated=")
	s.AssertFile("agreements/uzbek-cooperation/index.html",
		"backlink=Talk with an official|/interviews/talk/\nbacklink=Kyrgyz training|/agreements/kyrgyz-training/\nrelated=")

	// Related pages: the most shared terms first (Hungary and
	// digitalisation), then the closest in date among equal scores.
	s.AssertFile("agreements/kyrgyz-training/index.html",
		"related=Uzbek cooperation\nrelated=Talk with an official\nrelated=Turkish protocol\n")

	s.AssertFile("interviews/talk/index.html",
		"related=Turkish protocol\nrelated=Kyrgyz training\nrelated=Uzbek cooperation\n")

	// Every spelling of a country meets on one page; parties count as countries.
	s.AssertFile("agreements/uzbek-cooperation/index.html",
		"country=Hungary|/countries/hungary/\ncountry=Uzbekistan|/countries/uzbekistan/\n")
	s.AssertFile("countries/hungary/index.html",
		"kind=country|title=Hungary|url=/countries/hungary/",
		// every page naming Hungary, newest first
		"page=Talk with an official|/interviews/talk/\npage=Kyrgyz training|/agreements/kyrgyz-training/\npage=Turkish protocol|/agreements/turkish-protocol/\npage=Uzbek cooperation|/agreements/uzbek-cooperation/\n",
		// countries sharing agreements, most shared first
		"partner=Uzbekistan:2\npartner=Kyrgyzstan:1\npartner=Türkiye:1\n",
	)
	s.AssertFile("countries/turkiye/index.html",
		"title=Türkiye",
		"page=Talk with an official|/interviews/talk/\npage=Turkish protocol|/agreements/turkish-protocol/\n")
	s.AssertFile("countries/index.html",
		"term=Hungary|/countries/hungary/\nterm=Kyrgyzstan|/countries/kyrgyzstan/\nterm=Türkiye|/countries/turkiye/\nterm=Uzbekistan|/countries/uzbekistan/\n")
	s.AssertNoFile("countries/hu/index.html", "countries/hun/index.html", "countries/turkey/index.html")

	// Topics written with different case meet on one page.
	s.AssertFile("topics/digitalisation/index.html",
		"kind=term|title=Digitalisation|url=/topics/digitalisation/",
		"page=Kyrgyz training|/agreements/kyrgyz-training/\npage=Uzbek cooperation|/agreements/uzbek-cooperation/\n")
	s.AssertFile("topics/index.html", "term=Digitalisation|/topics/digitalisation/\n")

	// The list of agreements groups them by year, newest first.
	s.AssertFile("agreements/index.html",
		"year=2024\nitem=Kyrgyz training|/agreements/kyrgyz-training/\nyear=2023\nitem=Turkish protocol|/agreements/turkish-protocol/\nyear=2022\nitem=Uzbek cooperation|/agreements/uzbek-cooperation/\n")
}
