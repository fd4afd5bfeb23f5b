// Package scaffold starts new content files: a file with every
// front-matter field of its kind, explained in comments, ready to fill in.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/country"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// Kinds lists what New can start, in the order the usage shows them.
var Kinds = []string{"agreement", "interview", "country", "topic", "organisation", "page"}

// Path returns where a new file of kind with title goes, relative to the
// site root. The file is named by the slug the site makes of the title,
// transliterated to ASCII ("Türkiye" -> "turkiye"); a country is named by
// its registry slug, so "Turkey" becomes content/countries/turkiye.md.
func Path(kind, title string) (string, error) {
	s := site.Normalize(title)
	if kind == "country" {
		c, ok := country.Default().Lookup(title)
		if !ok {
			msg := fmt.Sprintf("unknown country %q", title)
			if sug := country.Default().Suggest(title); sug != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", sug)
			}
			return "", errors.New(msg)
		}
		s = c.Slug
	}
	if s == "" {
		return "", fmt.Errorf("title %q has no letters or digits to make a file name from", title)
	}
	switch kind {
	case "agreement":
		return "content/agreements/" + s + ".md", nil
	case "interview":
		return "content/interviews/" + s + ".md", nil
	case "country":
		return "content/countries/" + s + ".md", nil
	case "topic":
		return "content/topics/" + s + ".md", nil
	case "organisation":
		return "content/organisations/" + s + ".md", nil
	case "page":
		return "content/" + s + ".md", nil
	}
	return "", fmt.Errorf("unknown kind %q (expected one of %s)", kind, strings.Join(Kinds, ", "))
}

// New writes the file of kind with title under root, dated today, and
// returns its path relative to root. It never replaces an existing file.
func New(root, kind, title string, today time.Time) (string, error) {
	rel, err := Path(kind, title)
	if err != nil {
		return "", err
	}
	if kind == "country" {
		c, _ := country.Default().Lookup(title)
		title = c.Name
	}
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s already exists: not replaced", rel)
	}
	if err != nil {
		return "", err
	}
	_, err = f.WriteString(Text(kind, title, today))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return rel, err
}

// Text is the content of a new file of kind.
func Text(kind, title string, today time.Time) string {
	q := strconv.Quote(title)
	date := today.Format("2006-01-02")
	switch kind {
	case "agreement":
		return `---
title: ` + q + `
date: ` + date + `            # when this page was published
signed: ` + date + `          # the day it was signed; "2024" or "2024-11" if only that is known; required unless status is planned
# effective: 2025-01-01   # when it takes effect
# place: Bishkek          # where it was signed
status: signed            # planned, signed, in-force, expired or terminated
parties: []               # countries and/or organisations, e.g. ["Hungary", "Kyrgyzstan"]
# countries: []           # more countries concerned, by name or ISO code
topics: []                # e.g. ["customs-training"]
# organisations: []       # e.g. ["OTS"]
# summary: ""             # one or two sentences for lists and search
# source: https://        # where the facts come from
# slug: ""                # the URL's last part; default: the file name
# draft: true             # keep it out of the site until ready
---

Describe the agreement: who signed it, when and where, what it covers, and what comes next.
`
	case "interview":
		return `---
title: ` + q + `
date: ` + date + `            # the day of the interview (required)
interviewee: ""           # who was interviewed
role: ""                  # their position
organisation: ""          # the organisation they speak for
outlet: ""                # who published the interview
# source: https://        # the published interview
countries: []             # by name or ISO code, e.g. ["Hungary", "UZ"]
topics: []
# organisations: []
agreements: []            # slugs of the agreements discussed, e.g. ["hungary-kyrgyzstan-customs-training"]
# summary: ""
# slug: ""
# draft: true
---

What was said, with short quotes attributed to the speaker.
`
	case "country":
		return `---
title: ` + q + `
# description: ""         # one sentence shown under the name
---

What this country's cooperation looks like in the knowledge base.
`
	case "topic", "organisation":
		return `---
title: ` + q + `
# description: ""         # one sentence shown under the title
# aliases: []             # other names that lead here, e.g. ["OTS"]
---

What this ` + kind + ` covers.
`
	}
	return `---
title: ` + q + `
date: ` + date + `
# summary: ""
# countries: []
# topics: []
# organisations: []
# slug: ""
# draft: true
---

`
}
