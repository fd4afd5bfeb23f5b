package build

import "testing"

// modelSite has relations, parties with dates of their own, a former
// country, an organisation with members and a person.
const modelSite = `
-- content/agreements/base.md --
---
title: Base agreement
signed: 2010-03-01
effective: 2011-01-01
parties:
  - Hungary
  - {name: Kyrgyzstan, acceded: 2015-05-01, signatory: Zsuzsa Kecskes}
  - {name: Türkiye, role: observer}
---
-- content/agreements/protocol.md --
---
title: Protocol
signed: 2012
part-of: base
amends: [base]
---
-- content/agreements/successor.md --
---
title: Successor
signed: 2030-01-01
supersedes: [base]
---
-- content/agreements/old.md --
---
title: Old
signed: 1970
effective: 1971
ended: 1990
parties: [YUG, Hungary]
---
-- content/organisations/ots.md --
---
title: Organization of Turkic States
members:
  - Kyrgyzstan
  - {name: Hungary, role: observer, since: 2018}
---
-- content/people/zsuzsa-kecskes.md --
---
name: Zsuzsa Kecskes
roles:
  - {role: Deputy Head of the International Relations Department, organisation: NTCA}
countries: [Hungary]
sameAs: ["https://example.org/kecskes"]
---
-- content/interviews/i.md --
---
title: An interview
date: 2025-02-24
interviewee: Zsuzsa Kecskes
---
`

func TestModelPages(t *testing.T) {
	newSite(t, modelSite).Build().AssertWarnings(noHostWarning).
		AssertFile("agreements/base/index.html",
			`<dd><span class="status status-in-force">In force</span> since <time datetime="2011-01-01">1 January 2011</time></dd>`,
			`<h2 id="kb-party-dates">Parties and their dates</h2>`,
			`<th scope="row"><a href="/countries/kyrgyzstan/">`,
			`<td><time datetime="2015-05-01">1 May 2015</time> (accession)</td><td><time datetime="2015-05-01">1 May 2015</time></td>`,
			`signed by <a href="/people/zsuzsa-kecskes/">Zsuzsa Kecskes</a>`,
			` (observer)`,
			`<h2 id="kb-amended-by">Amended by</h2>`,
			`<h2 id="kb-parts">Protocols and annexes</h2>`,
			`<h2 id="kb-superseded-by">Superseded by</h2>`,
			`<p class="note" role="note">Superseded by <a href="/agreements/successor/">Successor</a>.</p>`,
			`"legislationLegalForce":"https://schema.org/InForce"`,
			`"@reverse":{"legislationAmends":[{"@type":"Legislation","name":"Protocol","url":"/agreements/protocol/"}],"legislationChanges":[{"@type":"Legislation","name":"Successor"`).
		AssertFile("agreements/protocol/index.html",
			`<dt>Part of</dt>`, `<h2 id="kb-amends">Amends</h2>`, `<span class="status status-signed">Signed</span> since <time datetime="2012">2012</time>`).
		AssertFile("agreements/successor/index.html", `<span class="status status-planned">Planned</span>`, `<h2 id="kb-supersedes">Supersedes</h2>`).
		AssertFile("agreements/old/index.html", `<span class="status status-expired">Expired</span> since <time datetime="1990">1990</time>`).
		AssertFile("countries/yugoslavia/index.html", "A former country: ISO 3166 withdrew its codes in", `<h2 id="kb-successors">Successor countries</h2>`).
		AssertFile("countries/hungary/index.html",
			`<li class="item">Observer of <a href="/organisations/ots/">Organization of Turkic States</a> since <time datetime="2018">2018</time></li>`,
			`<h2 id="kb-in-force">In force now <span class="count">1</span></h2>`).
		AssertFile("organisations/ots/index.html", `<h2 id="kb-members">Members and observers <span class="count">2</span></h2>`,
			`<td>Observer</td><td><time datetime="2018">2018</time></td>`,
			`"member":[{"@type":"Country","name":"Kyrgyzstan","url":"/countries/kyrgyzstan/"},{"@type":"OrganizationRole","member":[{"@type":"Country","name":"Hungary"`).
		AssertFile("people/zsuzsa-kecskes/index.html",
			`Deputy Head of the International Relations Department, <a href="/organisations/ntca/">NTCA</a>`,
			`<h2 id="kb-interviews">Interviews <span class="count">1</span></h2>`, `href="/interviews/i/"`,
			`<h2 id="kb-signed">Agreements signed</h2>`, `https://example.org/kecskes`,
			`"@type":"Person","name":"Zsuzsa Kecskes","url":"/people/zsuzsa-kecskes/","jobTitle":"Deputy Head of the International Relations Department","affiliation":[{"@type":"Organization","name":"NTCA"`,
			`"sameAs":["https://example.org/kecskes"]`).
		AssertFile("interviews/i/index.html", `<dd><a href="/people/zsuzsa-kecskes/">Zsuzsa Kecskes</a></dd>`).
		AssertFile("people/index.html", `href="/people/zsuzsa-kecskes/"`)
}
