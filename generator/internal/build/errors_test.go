package build

import (
	"errors"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// agreementA is a valid agreement that error cases can link to.
const agreementA = `
-- content/agreements/a.md --
---
title: "A"
signed: 2024-01-01
countries: [Hungary]
---
## Scope
`

func TestBuildErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		site string
		want string // the whole error list, one error a line
	}{
		{"unknown country", `
-- content/agreements/b.md --
---
title: "B"
signed: 2024
countries:
  - Hungry
---
`, `content/agreements/b.md:5:5: unknown country "Hungry" (did you mean "Hungary"?)`},
		{"interview naming a missing agreement", agreementA + `
-- content/interviews/i.md --
---
title: "I"
date: 2025-01-01
agreements: [a, b-missing]
---
`, `content/interviews/i.md:4:17: unknown agreement "b-missing": expected the slug of a file in content/agreements/`},
		{"misspelt agreement", agreementA + `
-- content/agreements/hungary-uzbekistan.md --
---
title: "HU-UZ"
signed: 2024
---
-- content/interviews/i.md --
---
title: "I"
date: 2025-01-01
agreements:
  - hungary-uzbekistn
---
`, `content/interviews/i.md:5:5: unknown agreement "hungary-uzbekistn" (did you mean "hungary-uzbekistan"?): expected the slug of a file in content/agreements/`},
		{"wiki link to a missing page", agreementA + `
-- content/about.md --
---
title: "About"
---
Intro.

See [[a]] and [[nowhere]].
`, `content/about.md:6:15: wiki link [[nowhere]]: no page with slug "nowhere", which does not exist`},
		{"link to a missing anchor", agreementA + `
-- content/about.md --
---
title: "About"
---
See [scope](agreements/a.md#scope) and [aims](agreements/a.md#aims).
`, `content/about.md:4:40: link to missing heading #aims on /agreements/a/`},
		{"link to a missing anchor on the same page", `
-- content/about.md --
---
title: "About"
---
## Intro

Back to [the top](#intro) or [the end](#end).
`, `content/about.md:6:30: link to missing heading #end on this page`},
		{"link to a missing file", `
-- content/about.md --
---
title: "About"
---
Read [the agreement](agreements/missing.md).
`, `content/about.md:4:6: link to content/agreements/missing.md, which does not exist`},
		{"link to a missing page", `
-- content/about.md --
---
title: "About"
---
Read [the agreement](/agreements/missing/).
`, `content/about.md:4:6: link to missing page "/agreements/missing/"`},
		{"two pages at one URL", agreementA + `
-- content/agreements/b.md --
---
title: "B"
signed: 2024
slug: a
---
`, `content/agreements/b.md:4:1: publishes to /agreements/a/, as content/agreements/a.md does`},
		{"strict mode, undeclared topic", `
-- config.toml --
strict = true
-- content/topics/digitalisation.md --
---
title: "Digitalisation"
---
-- content/agreements/b.md --
---
title: "B"
signed: 2024
topics: [digitalisation, Digitalization, trade]
---
`, `content/agreements/b.md:4:26: undeclared topic "Digitalization" (strict mode: add content/topics/digitalization.md, or did you mean "Digitalisation"?)` + "\n" +
			`content/agreements/b.md:4:42: undeclared topic "trade" (strict mode: add content/topics/trade.md)`},
		{"unknown field", `
-- content/interviews/i.md --
---
title: "I"
date: 2025-01-01
interviewe: "Someone"
---
`, `content/interviews/i.md:4:1: unknown field "interviewe" for an interview (did you mean "interviewee"?)`},
		{"several errors in several files", agreementA + `
-- content/interviews/i.md --
---
title: "I"
date: 2025-01-01
countries: [Hungry]
agreements: [b]
---
See [[c]].
-- content/about.md --
---
titel: "About"
---
-- content/agreements/b.md --
---
title: "B"
signed: 2024
status: signd
---
[A](a.md#aims)
`, `content/about.md:2:1: unknown field "titel" for a page (did you mean "title"?)` + "\n" +
			`content/agreements/b.md:4:1: status: unknown status "signd" (did you mean "signed"?)` + "\n" +
			`content/agreements/b.md:6:1: link to missing heading #aims on /agreements/a/` + "\n" +
			`content/interviews/i.md:4:13: unknown country "Hungry" (did you mean "Hungary"?)` + "\n" +
			`content/interviews/i.md:7:5: wiki link [[c]]: no page with slug "c", which does not exist`},
		{"link to a draft", agreementA + `
-- content/agreements/b.md --
---
title: "B"
signed: 2024
draft: true
---
-- content/about.md --
---
title: "About"
---
See [[b]] and [B](agreements/b.md).
`, `content/about.md:4:5: wiki link [[b]]: no page with slug "b", which is a draft (build with -drafts to publish it)` + "\n" +
			`content/about.md:4:15: link to content/agreements/b.md, which is a draft (build with -drafts to publish it)`},
		{"interview naming a future agreement", agreementA + `
-- content/agreements/b.md --
---
title: "B"
status: planned
date: 2026-01-01
---
-- content/interviews/i.md --
---
title: "I"
date: 2025-01-01
agreements: [b]
---
`, `content/interviews/i.md:4:14: agreement "b" is dated in the future, 2026-01-01 (build with -future to publish it)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSite(t, minimalTemplates+tc.site).BuildFails(tc.want)
			var list diag.Errors
			if !errors.As(s.err, &list) {
				t.Errorf("error is a %T, want diag.Errors", s.err)
			}
		})
	}
}
