package render

import (
	"reflect"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/site/sitetest"
)

// signedLists is a site whose lists are split into pages of one entry,
// with an agreement in force for Hungary, so that the data of its list
// pages has a value in every field.
const signedLists = `
-- config.toml --
pageSize = 1
-- content/agreements/a.md --
---
title: A
signed: 2024-01-01
effective: 2024-02-01
parties: [Hungary, Kyrgyzstan]
---
A.
-- content/agreements/b.md --
---
title: B
signed: 2023-01-01
parties: [Hungary, Uzbekistan]
---
B.
-- content/interviews/i.md --
---
title: I
date: 2024-05-01
countries: [Hungary]
---
Talk.
`

// TestSignatureCoversEveryField changes every field of the data of pages
// of each kind, one at a time, and checks that their signature changes;
// the site itself is signed apart (site.Signer.Site and Lists).
func TestSignatureCoversEveryField(t *testing.T) {
	s := sitetest.New(t, signedLists)
	tmpls, err := Load(templates("home", `{{define "main"}}{{end}}`), "en", "en")
	if err != nil {
		t.Fatal(err)
	}
	g := s.Signer(nil)
	kinds := map[string]bool{}
	inForceChecked := false
	for _, j := range tmpls.Jobs(s) {
		// The second page of a list of several, or the first of a
		// country, which lists its agreement in force.
		if kinds[j.Kind] || j.Data.Pager != nil && j.Data.Pager.Total > 1 && j.Data.Pager.Number != 2 && j.Kind != "country" {
			continue
		}
		kinds[j.Kind] = true
		check := func(what string, v reflect.Value) {
			base := j.Data.Signature(g)
			// A page shows whether its own entries are in force.
			inForce := j.Data.Pager != nil && len(j.Data.Pager.InForce()) > 0
			inForceChecked = inForceChecked || inForce
			sitetest.Mutate(v, func(path string) {
				if path == "Site" || path == "inForce" && !inForce {
					return
				}
				if j.Data.Signature(g) == base {
					t.Errorf("%s: a change to %s%s leaves its signature as it was", j.Out, what, path)
				}
			})
		}
		check("", reflect.ValueOf(j.Data).Elem())
		if j.Data.Pager != nil {
			check("Pager.", reflect.ValueOf(j.Data.Pager).Elem())
		}
	}
	if !inForceChecked {
		t.Error("no page with an agreement in force checked")
	}
	for _, k := range []string{"home", "agreement", "agreements", "country", "countries", "timeline"} {
		if !kinds[k] {
			t.Errorf("no page of kind %s checked", k)
		}
	}
}
