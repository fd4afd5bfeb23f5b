// Checks of the fields of a file taken together: slugs, URLs, statuses and
// dates.

package content

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/suggest"
	"github.com/gosimple/slug"
	"golang.org/x/text/language"
)

// Statuses lists the valid values of an agreement's status.
var Statuses = []string{"planned", "signed", "in-force", "expired", "terminated"}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// check reports what is wrong in the fields taken together.
func (m *Meta) check(path string, k Kind, translation bool, fm *node, refused map[string]bool, errs *diag.List) {
	at := func(field string) diag.Pos {
		if p, ok := m.Fields[field]; ok {
			return p
		}
		return diag.Pos{Path: path, Line: fm.line, Col: 1}
	}
	// A translation may leave out the facts it takes from the file it
	// translates; they are missing only if that is itself a translation.
	need := errs
	var missing diag.List
	if translation {
		need = &missing
		defer func() { m.missing = missing.Err() }()
	}
	if m.Title == "" && !refused["title"] && !k.IsTerm() && k != Home && k != Section {
		errs.Addf(at("title"), "missing required field \"title\"")
	}
	if m.Slug != "" && !slugPattern.MatchString(m.Slug) {
		example := `, such as "hungary-kyrgyzstan-training"`
		if s := strings.ReplaceAll(slug.Make(m.Slug), "_", "-"); slugPattern.MatchString(s) {
			example = fmt.Sprintf(" (did you mean %q?)", s)
		}
		errs.Addf(at("slug"), "slug %q: expected lower-case letters, digits and single hyphens%s", m.Slug, example)
	}
	if m.Lang != "" {
		if tag, err := language.Parse(m.Lang); err != nil {
			errs.Addf(at("lang"), "lang: %q is not a language code: expected a BCP 47 tag such as \"es\" or \"pt-BR\"", m.Lang)
		} else if tag.String() != m.Lang {
			errs.Addf(at("lang"), "lang: write the language code as %q", tag.String())
		}
	}
	if m.Source != "" && !isHTTP(m.Source) {
		errs.Addf(at("source"), "source: expected an absolute http(s) URL, got %q", m.Source)
	}
	if m.Website != "" && !isHTTP(m.Website) {
		errs.Addf(at("website"), "website: expected an absolute http(s) URL, got %q", m.Website)
	}
	for _, it := range m.SameAs {
		if !isHTTP(it.Text) {
			errs.Addf(it.Pos, "sameAs: expected an absolute http(s) URL, got %q", it.Text)
		}
	}
	switch k {
	case Agreement:
		if m.Status != "" && !slices.Contains(Statuses, m.Status) {
			msg := fmt.Sprintf("status: unknown status %q (expected one of %s)", m.Status, strings.Join(Statuses, ", "))
			if s := suggest.Closest(m.Status, Statuses); s != "" {
				msg = fmt.Sprintf("status: unknown status %q (did you mean %q?)", m.Status, s)
			}
			errs.Addf(at("status"), "%s", msg)
		}
		if m.Signed.IsZero() && !refused["signed"] && m.Status != "planned" && !m.partySigned() {
			need.Addf(at("signed"), "missing field \"signed\": an agreement needs the date it was signed unless its status is \"planned\"")
		}
		if m.PartOf.Text != "" && !slugPattern.MatchString(m.PartOf.Text) {
			errs.Addf(m.PartOf.Pos, "part-of: expected the slug of one agreement, got %q", m.PartOf.Text)
		}
	case Interview:
		if m.Date.IsZero() && !refused["date"] {
			need.Addf(at("date"), "missing required field \"date\" (the date of the interview)")
		}
	case PersonTerm:
		if m.Name == "" && m.Title == "" && !refused["name"] {
			need.Addf(at("name"), "missing field \"name\": a person needs a name")
		}
	}
}

// partySigned reports whether a party of an agreement has a signing date
// of its own, which then stands for the agreement's.
func (m *Meta) partySigned() bool {
	for _, p := range m.Parties {
		if !p.Signed.IsZero() {
			return true
		}
	}
	return false
}

func isHTTP(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// reportMissing reports the required facts that a file named as a
// translation left out, when no file gives them.
func (f *File) reportMissing(errs *diag.List) {
	if f.Meta.missing != nil {
		errs.AddErr(diag.Pos{Path: f.Path}, f.Meta.missing)
	}
}
