package build

import (
	"strings"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/site"
)

// TestWarnings: each plausibility check, with its exact message, never
// failing the build.
func TestWarnings(t *testing.T) {
	for _, tc := range []struct {
		name, site, want string
	}{
		{"in force before signature", `
-- content/agreements/a.md --
---
title: A
signed: 2014-06-27
effective: 2014-04-23
---
`, `content/agreements/a.md:4:1: warning: effective: 2014-04-23 is before the signing date 2014-06-27 (if it was applied before signature, give the date as "provisional")`},
		{"provisional application says why", `
-- content/agreements/a.md --
---
title: A
signed: 2014-06-27
provisional: 2014-04-23
effective: 2014-04-23
---
`, ``},
		{"a year is not before a day of that year", `
-- content/agreements/a.md --
---
title: A
signed: 2014-06-27
effective: "2014"
---
`, ``},
		{"status the dates contradict", `
-- content/agreements/a.md --
---
title: A
signed: 2020-01-01
effective: 2021-03-01
status: signed
---
`, `content/agreements/a.md:5:1: warning: status: "signed" contradicts the dates, which make it "in-force" since 2021-03-01 (as of the build date, 2025-06-01)`},
		{"expired and terminated both fit an end", `
-- content/agreements/a.md --
---
title: A
signed: 2020-01-01
ended: 2022-01-01
status: terminated
---
`, ``},
		{"end before signature and before entry into force", `
-- content/agreements/a.md --
---
title: A
signed: 2020-01-01
ended: 2019-01-01
---
-- content/agreements/b.md --
---
title: B
signed: 2020-01-01
effective: 2021-01-01
ended: 2020-06-01
---
`, `content/agreements/a.md:4:1: warning: ended: 2019-01-01 is before the signing date 2020-01-01
content/agreements/b.md:5:1: warning: ended: 2020-06-01 is before it took effect on 2021-01-01`},
		{"a party that withdrew before it signed, bound before it signed", `
-- content/agreements/a.md --
---
title: A
signed: 2020-01-01
effective: 2020-06-01
parties:
  - Hungary
  - {name: Kyrgyzstan, signed: 2021-05-01, withdrawn: 2021-01-01}
  - {name: Uzbekistan, signed: 2022-01-01, effective: 2021-12-01}
---
`, `content/agreements/a.md:7:12: warning: parties: "Kyrgyzstan" withdrew on 2021-01-01, before it signed on 2021-05-01
content/agreements/a.md:8:12: warning: parties: "Uzbekistan": effective 2021-12-01 is before its signing date 2022-01-01`},
		{"interview before the agreement it discusses", `
-- content/agreements/a.md --
---
title: A
signed: 2022-03-01
---
-- content/interviews/i.md --
---
title: I
date: 2021-05-01
agreements: [a]
---
`, `content/interviews/i.md:4:14: warning: agreements: this interview of 2021-05-01 is dated before "a" was signed on 2022-03-01`},
		{"a membership and a role that end before they begin", `
-- content/organisations/ots.md --
---
title: Organization of Turkic States
members:
  - {name: Hungary, role: observer, since: 2018, until: 2010}
---
-- content/people/someone.md --
---
name: Some One
roles:
  - {role: Director, organisation: ots, from: 2020, to: 2019}
---
`, `content/organisations/ots.md:4:12: warning: members: "Hungary" left on 2010, before it joined on 2018
content/people/someone.md:4:5: warning: roles: "Director" ended on 2019, before it began on 2020`},
		{"a file of content/ that is not beside a bundle's index.md", `
-- content/agreements/notes.txt --
Notes.
`, `content/agreements/notes.txt: warning: not published: a file that is not Markdown is published beside a bundle's index.md or from static/`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			newSite(t, withBaseURL+tc.site).Build().AssertWarnings(tc.want)
		})
	}
}

// TestWarningsFatal: with WarningsFatal a warning fails the build and
// nothing is written.
func TestWarningsFatal(t *testing.T) {
	newSite(t, withBaseURL+`
-- content/agreements/a.md --
---
title: A
signed: 2014-06-27
effective: 2014-04-23
---
`).WithOptions(Options{WarningsFatal: true}).BuildFails(`content/agreements/a.md:4:1: warning: effective: 2014-04-23 is before the signing date 2014-06-27 (if it was applied before signature, give the date as "provisional")`)
}

func TestModelErrors(t *testing.T) {
	for _, tc := range []struct {
		name, site, want string
	}{
		{"unknown agreement in a relation", agreementA + `
-- content/agreements/b.md --
---
title: B
signed: 2024
amends: [a, c]
supersedes: [aa]
part-of: zz
---
`, `content/agreements/b.md:4:13: amends: unknown agreement "c" (did you mean "a"?): expected the slug of a file in content/agreements/
content/agreements/b.md:5:14: supersedes: unknown agreement "aa" (did you mean "a"?): expected the slug of a file in content/agreements/
content/agreements/b.md:6:10: part-of: unknown agreement "zz" (did you mean "a"?): expected the slug of a file in content/agreements/`},
		{"a cycle", `
-- content/agreements/a.md --
---
title: A
signed: 2020
supersedes: [b]
---
-- content/agreements/b.md --
---
title: B
signed: 2021
supersedes: [c]
---
-- content/agreements/c.md --
---
title: C
signed: 2022
supersedes: [a]
implements: [c]
---
`, `content/agreements/a.md:4:14: supersedes: a cycle of agreements: a supersedes b supersedes c supersedes a
content/agreements/c.md:5:14: implements: a cycle of agreements: c implements c`},
		{"unknown member and unknown keys", `
-- content/organisations/ots.md --
---
title: OTS
members:
  - Hungry
  - {name: Hungary, rol: observer}
  - {name: Türkiye, role: observr}
  - {since: 2018}
---
`, `content/organisations/ots.md:4:5: unknown member "Hungry": not a country (did you mean "Hungary"?) nor an organisation of the site (add it to organisations or content/organisations/)
content/organisations/ots.md:5:21: members: unknown key "rol" (did you mean "role"?)
content/organisations/ots.md:6:27: members: unknown role "observr" (did you mean "observer"?)
content/organisations/ots.md:7:5: members: missing "name" in this item`},
		{"a party as a list, a person without a name", `
-- content/agreements/a.md --
---
title: A
signed: 2020
parties:
  - [Hungary]
---
-- content/people/p.md --
---
sameAs: [not-a-url]
---
`, `content/agreements/a.md:5:5: parties: expected a name or a mapping such as {name: Hungary, signed: 2024-11-06}, got a list
content/people/p.md:2:1: missing field "name": a person needs a name
content/people/p.md:2:10: sameAs: expected an absolute http(s) URL, got "not-a-url"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			newSite(t, tc.site).BuildFails(tc.want)
		})
	}
}

// TestDerivedStatus: a status left out comes from the dates as of the
// build date (2025-06-01).
func TestDerivedStatus(t *testing.T) {
	s := newSite(t, withBaseURL+`
-- content/agreements/planned.md --
---
title: Planned
status: planned
effective: "2025"
---
-- content/agreements/future-signature.md --
---
title: Future signature
signed: 2026-01-01
---
-- content/agreements/signed.md --
---
title: Signed
signed: 2024-11-06
effective: 2026-01-01
---
-- content/agreements/provisional.md --
---
title: Provisional
signed: 2024-01-01
provisional: 2024-02-01
---
-- content/agreements/partly.md --
---
title: Partly
signed: 2024-01-01
parties:
  - {name: Hungary, effective: 2024-05-01}
  - {name: Kyrgyzstan, ratified: 2026-01-01}
  - {name: Türkiye, role: observer}
---
-- content/agreements/expired.md --
---
title: Expired
signed: 2000
effective: 2001
ended: 2010
---
-- content/agreements/old.md --
---
title: Old
signed: 2000
effective: 2001
ended: 2010-01-01
---
-- content/agreements/new.md --
---
title: New
signed: 2009
effective: 2010-01-01
supersedes: [old]
---
`).Build().AssertWarnings("")
	want := map[string]string{
		"planned": "planned", "future-signature": "planned", "signed": "signed since 2024-11-06",
		"provisional": "in-force since 2024-02-01", "partly": "in-force since 2024-05-01 partly",
		"expired": "expired since 2010", "old": "terminated since 2010-01-01", "new": "in-force since 2010-01-01",
	}
	for _, p := range s.sum.Site.Agreements {
		got := p.Status
		if !p.Since.IsZero() {
			got += " since " + p.Since.ISO()
		}
		if p.Partly {
			got += " partly"
		}
		if got != want[p.Slug] {
			t.Errorf("%s: %s, want %s", p.Slug, got, want[p.Slug])
		}
	}
}

// TestRelations: each relation gives its inverse on the other side.
func TestRelations(t *testing.T) {
	s := newSite(t, `
-- content/agreements/base.md --
---
title: Base
signed: 2010
---
-- content/agreements/protocol.md --
---
title: Protocol
signed: 2012
part-of: base
amends: [base]
---
-- content/agreements/programme.md --
---
title: Programme
signed: 2013
implements: [base, protocol]
---
-- content/agreements/successor.md --
---
title: Successor
signed: 2020
supersedes: [base]
---
`).Build()
	pages := map[string]*site.Page{}
	for _, p := range s.sum.Site.Agreements {
		pages[p.Slug] = p
	}
	slugs := func(ps []*site.Page) string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Slug)
		}
		return strings.Join(out, " ")
	}
	base, protocol := pages["base"], pages["protocol"]
	for _, c := range []struct{ what, got, want string }{
		{"base amended by", slugs(base.AmendedBy), "protocol"},
		{"base implemented by", slugs(base.ImplementedBy), "programme"},
		{"protocol implemented by", slugs(protocol.ImplementedBy), "programme"},
		{"base superseded by", slugs(base.SupersededBy), "successor"},
		{"base parts", slugs(base.Parts), "protocol"},
		{"protocol part of", protocol.PartOf.Slug, "base"},
		{"programme implements", slugs(pages["programme"].Implements), "base protocol"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.what, c.got, c.want)
		}
	}
}
