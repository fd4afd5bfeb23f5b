package render

import (
	"encoding/json"
	"html/template"
	"slices"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/i18n"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// thing is a schema.org node. One type with every property the site uses
// keeps the properties in a fixed order and leaves out those not set.
type thing struct {
	Context     string `json:"@context,omitempty"`
	Type        any    `json:"@type,omitempty"` // a type name, or a list of them; none in @reverse
	Name        string `json:"name,omitempty"`
	Headline    string `json:"headline,omitempty"`
	URL         string `json:"url,omitempty"`
	Description string `json:"description,omitempty"`
	InLanguage  string `json:"inLanguage,omitempty"`

	DatePublished string   `json:"datePublished,omitempty"`
	JobTitle      string   `json:"jobTitle,omitempty"`
	WorksFor      *thing   `json:"worksFor,omitempty"`
	Affiliation   []*thing `json:"affiliation,omitempty"`
	SameAs        []string `json:"sameAs,omitempty"`
	Member        []*thing `json:"member,omitempty"`

	// A Role wraps a member with its role and dates (schema.org's
	// OrganizationRole): its member is in Member.
	RoleName  string   `json:"roleName,omitempty"`
	StartDate string   `json:"startDate,omitempty"`
	EndDate   string   `json:"endDate,omitempty"`
	Publisher *thing   `json:"publisher,omitempty"`
	About     []*thing `json:"about,omitempty"`
	Mentions  []*thing `json:"mentions,omitempty"`

	LegislationType       string   `json:"legislationType,omitempty"`
	LegislationDate       string   `json:"legislationDate,omitempty"`
	LegislationLegalForce string   `json:"legislationLegalForce,omitempty"`
	LegislationPassedBy   []*thing `json:"legislationPassedBy,omitempty"`
	LocationCreated       *thing   `json:"locationCreated,omitempty"`
	TemporalCoverage      string   `json:"temporalCoverage,omitempty"`
	LegislationAmends     []*thing `json:"legislationAmends,omitempty"`
	LegislationChanges    []*thing `json:"legislationChanges,omitempty"`
	LegislationApplies    []*thing `json:"legislationApplies,omitempty"`
	// Reverse holds the same relations seen from the other side: the
	// agreements that amend, replace or apply this one.
	Reverse *thing `json:"@reverse,omitempty"`

	IsBasedOn *thing `json:"isBasedOn,omitempty"`
	SubjectOf *thing `json:"subjectOf,omitempty"`
	// IsPartOf is the website, or for a protocol or annex a list of the
	// website and the agreement it is part of; HasPart are an agreement's
	// protocols and annexes.
	IsPartOf any      `json:"isPartOf,omitempty"`
	HasPart  []*thing `json:"hasPart,omitempty"`

	// A page in the default language lists its translations; a
	// translation names the page it translates.
	WorkTranslation   []*thing `json:"workTranslation,omitempty"`
	TranslationOfWork *thing   `json:"translationOfWork,omitempty"`
}

// jsonLD returns the schema.org description of the document d renders, as
// the text of a <script type="application/ld+json"> element, or "" for a
// kind of page that has none. json.Marshal writes "<", ">" and "&" as
// \u escapes, so no title can end the script element early. Its few
// words of the theme's own are in the words of w.
func jsonLD(d *Data, w *i18n.Words) (template.JS, error) {
	v := describe(d, w)
	if v == nil {
		return "", nil
	}
	v.Context = "https://schema.org"
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return template.JS(b), nil
}

func describe(d *Data, w *i18n.Words) *thing {
	if d.chapter > 0 {
		// The document is described on its own page.
		return nil
	}
	switch d.Kind {
	case "home":
		t := website(d.Site)
		t.Description, t.InLanguage = d.Site.Config.Description, d.Site.Config.Language
		if f := d.Doc.File; f != nil && f.Meta.Summary != "" {
			t.Description = f.Meta.Summary
		}
		return t
	case "agreement":
		return inLanguage(legislation(d.Site, d.Page, w.T("agreementType")), d)
	case "interview":
		return inLanguage(article(d.Site, d.Page), d)
	case "country", "term":
		if d.Term.Kind == content.TopicTerm {
			return nil
		}
		t := termThing(d.Term)
		t.Description = d.Term.Description
		for _, m := range d.Term.Members {
			t.Member = append(t.Member, memberThing(m))
		}
		return t
	case "person":
		return person(d.Term)
	}
	return nil
}

// inLanguage gives t, the description of a page, its language and its
// translations, on a site in several languages or for a page written in a
// language that is not the site's.
func inLanguage(t *thing, d *Data) *thing {
	c := d.Site.Config
	switch {
	case d.Page.TextLang != "":
		t.InLanguage = d.Page.TextLang
	case c.Multilingual():
		t.InLanguage = d.Site.Lang
	}
	for _, tr := range d.Doc.Translations {
		other := &thing{Type: t.Type, URL: tr.Permalink, InLanguage: tr.Lang}
		if tr.Lang == c.DefaultLanguage {
			t.TranslationOfWork = other
		} else {
			t.WorkTranslation = append(t.WorkTranslation, other)
		}
	}
	return t
}

// legalForce maps an agreement's status to schema.org's LegalForceStatus;
// a planned or merely signed agreement has none that fits.
var legalForce = map[string]string{
	"in-force":   "https://schema.org/InForce",
	"expired":    "https://schema.org/NotInForce",
	"terminated": "https://schema.org/NotInForce",
}

// force is the LegalForceStatus of an agreement: PartiallyInForce when it
// binds some of its parties only.
func force(p *site.Page) string {
	if p.Status == "in-force" && p.Partly {
		return "https://schema.org/PartiallyInForce"
	}
	return legalForce[p.Status]
}

// legislationRefs names and links agreements in a relation.
func legislationRefs(pages []*site.Page) []*thing {
	var out []*thing
	for _, p := range pages {
		out = append(out, &thing{Type: "Legislation", Name: p.Title, URL: p.Permalink})
	}
	return out
}

// relate adds the change relations of schema.org: amends is
// legislationAmends; supersedes, a replacement, legislationChanges, of
// which legislationAmends is a sub-property; implements is
// legislationApplies. The other side of each is under @reverse.
func relate(t *thing, p *site.Page) {
	t.LegislationAmends = legislationRefs(p.Amends)
	t.LegislationChanges = legislationRefs(p.Supersedes)
	t.LegislationApplies = legislationRefs(p.Implements)
	if len(p.AmendedBy)+len(p.SupersededBy)+len(p.ImplementedBy) > 0 {
		t.Reverse = &thing{
			LegislationAmends:  legislationRefs(p.AmendedBy),
			LegislationChanges: legislationRefs(p.SupersededBy),
			LegislationApplies: legislationRefs(p.ImplementedBy),
		}
	}
}

// person describes a person's page: their current role as jobTitle, the
// organisations of their roles as affiliation.
func person(t *site.Term) *thing {
	out := &thing{Type: "Person", Name: t.Title, URL: t.Permalink, Description: t.Description, SameAs: t.SameAs}
	for _, r := range t.Roles {
		if out.JobTitle == "" && r.To.IsZero() {
			out.JobTitle = r.Role
		}
		if r.Organisation != nil && !slices.ContainsFunc(out.Affiliation, func(a *thing) bool { return a.URL == r.Organisation.Permalink }) {
			out.Affiliation = append(out.Affiliation, termThing(r.Organisation))
		}
	}
	return out
}

// memberThing is a member of an organisation: the country or
// organisation itself, or, for an observer or a membership with dates,
// an OrganizationRole that says so.
func memberThing(m site.Membership) *thing {
	member := termThing(m.Member)
	if !m.IsObserver() && m.Since.IsZero() && m.Until.IsZero() {
		return member
	}
	return &thing{Type: "OrganizationRole", RoleName: m.Role, StartDate: m.Since.ISO(), EndDate: m.Until.ISO(),
		Member: []*thing{member}}
}

// legislation describes an agreement as schema.org Legislation. Its parties
// are what legislationPassedBy expects, an Organization; a country party
// is typed both Country and GovernmentOrganization, the state acting
// through its government. typ is its legislationType, "International
// agreement" in the site's language.
func legislation(s *site.Site, p *site.Page, typ string) *thing {
	m := p.Meta
	t := &thing{
		Type: "Legislation", Name: p.Title, URL: p.Permalink, Description: m.Summary,
		LegislationType: typ, LegislationDate: m.Signed.ISO(),
		LegislationLegalForce: force(p), IsPartOf: website(s),
	}
	relate(t, p)
	if p.PartOf != nil {
		t.IsPartOf = append([]*thing{website(s)}, legislationRefs([]*site.Page{p.PartOf})...)
	}
	t.HasPart = legislationRefs(p.Parts)
	for _, party := range p.Parties {
		pt := termThing(party)
		if party.Kind == content.CountryTerm {
			pt.Type = []string{"Country", "GovernmentOrganization"}
		}
		t.LegislationPassedBy = append(t.LegislationPassedBy, pt)
	}
	if m.Place != "" {
		t.LocationCreated = &thing{Type: "Place", Name: m.Place}
	}
	if !m.Effective.IsZero() {
		// An ISO 8601 interval open at its end.
		t.TemporalCoverage = m.Effective.ISO() + "/.."
	}
	// It is about its topics, and about the countries and organisations
	// it concerns that are not parties to it.
	for _, ts := range [][]*site.Term{p.Countries, p.Organisations, p.Topics} {
		for _, term := range ts {
			if !slices.Contains(p.Parties, term) {
				t.About = append(t.About, termThing(term))
			}
		}
	}
	if m.Source != "" {
		t.SubjectOf = &thing{Type: "CreativeWork", URL: m.Source}
	}
	return t
}

// article describes an interview page as a schema.org Article about the
// interviewee and the page's countries, organisations and topics, which
// mentions the agreements discussed and is based on the published
// interview.
func article(s *site.Site, p *site.Page) *thing {
	m := p.Meta
	t := &thing{
		Type: "Article", Headline: p.Title, URL: p.Permalink, Description: m.Summary,
		DatePublished: p.Date.ISO(), IsPartOf: website(s),
	}
	if m.Interviewee != "" {
		person := &thing{Type: "Person", Name: m.Interviewee, JobTitle: m.Role}
		if p.Interviewee != nil {
			person.URL = p.Interviewee.Permalink
		}
		if m.Organisation != "" {
			person.WorksFor = &thing{Type: "Organization", Name: m.Organisation}
		}
		t.About = append(t.About, person)
	}
	for _, ts := range [][]*site.Term{p.Countries, p.Organisations, p.Topics} {
		for _, term := range ts {
			t.About = append(t.About, termThing(term))
		}
	}
	for _, a := range p.Agreements {
		t.Mentions = append(t.Mentions, &thing{Type: "Legislation", Name: a.Title, URL: a.Permalink})
	}
	if m.Source != "" || m.Outlet != "" {
		t.IsBasedOn = &thing{Type: "CreativeWork", URL: m.Source}
		if m.Outlet != "" {
			t.IsBasedOn.Publisher = &thing{Type: "Organization", Name: m.Outlet}
		}
	}
	return t
}

// termThing is a country as a Country, an organisation as an
// Organization and a topic as a Thing, named and linked to its page.
func termThing(t *site.Term) *thing {
	typ := "Thing"
	switch t.Kind {
	case content.CountryTerm:
		typ = "Country"
	case content.OrganisationTerm:
		typ = "Organization"
	}
	return &thing{Type: typ, Name: t.Title, URL: t.Permalink}
}

func website(s *site.Site) *thing {
	return &thing{Type: "WebSite", Name: s.Config.Title, URL: s.Home.Permalink}
}
