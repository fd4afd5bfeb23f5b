// The fields of each kind as data: the tables of the package comment with
// what the programs that write front matter need to know, so that new's
// comments and the CMS's forms come from one place. TestFieldsAreTheModel
// holds this table to what Parse takes and check requires.

package content

// A Field describes one front-matter field of a kind.
type Field struct {
	Name string
	Type Type
	// Required is set when every file of the kind must give the field;
	// a requirement that depends on other fields is said in Doc.
	Required bool
	// Values are the values a string may take, when they are few; the
	// first is the default, where the field has one.
	Values []string
	// Names says what a string or the items of a list name.
	Names Ref
	Form  Form
	// Keys are the keys of an item of a list whose items are mappings
	// (parties, members, roles).
	Keys []Field
	// NameAlone is set when an item of Keys's list may also be a name
	// alone, which stands for a mapping with that name and nothing else.
	NameAlone bool
	// Doc says what the field holds, in words for an editor.
	Doc string
	// Example is a value in YAML for new to write; for a date, "" is the
	// day new runs.
	Example string
	// Starter is set for the fields new writes as lines to fill in; it
	// writes the others commented out.
	Starter bool
	// Translated is set when a translation gives its own value, as it does
	// a title; the facts (dates, parties, references) are the file's it
	// translates (translate.go).
	Translated bool
	// Ignored is set for a field that is taken but changes nothing (a
	// country's aliases: the registry knows its names), which new
	// leaves out.
	Ignored bool
}

// Type is the type of a field's value, as the package comment describes
// them.
type Type uint8

// The types of field.
const (
	TypeString Type = iota
	TypeList
	TypeDate
	TypeBool
)

func (t Type) String() string {
	return [...]string{"string", "list", "date", "bool"}[t]
}

// Ref is what a field's values name.
type Ref uint8

// The things a field may name.
const (
	RefNothing      Ref = iota
	RefCountry          // a country of the registry, by name or code
	RefTopic            // a topic, by slug, title or alias
	RefOrganisation     // an organisation, by slug, title or alias
	RefParty            // a country or an organisation
	RefAgreement        // an agreement, by the slug of its file
	RefPerson           // a person, by slug or name; plain text without a file
)

// Form is the form of a string's text.
type Form uint8

// The forms of text.
const (
	Line        Form = iota // a line of text
	Paragraph               // a few sentences
	URL                     // an absolute http or https URL
	Slug                    // lower-case letters and digits in words joined by single hyphens
	LanguageTag             // a BCP 47 language tag: "es", "pt-BR"
)

// Fields returns the fields of kind k in the order new writes them.
func Fields(k Kind) []Field {
	switch k {
	case Agreement:
		return agreementFields()
	case Interview:
		return interviewFields()
	case CountryTerm, TopicTerm, OrganisationTerm, PersonTerm:
		return termFieldList(k)
	}
	return pageFields(k)
}

// The fields several kinds share.
var (
	summaryField = Field{Name: "summary", Type: TypeString, Form: Paragraph, Translated: true,
		Doc: "one or two sentences for lists and search", Example: `""`}
	// Agreements and interviews start with a list of topics to fill in.
	topicsField = Field{Name: "topics", Type: TypeList, Names: RefTopic, Starter: true,
		Doc: "the topics it is about, by slug or name, such as customs-training", Example: "[]"}
	organisationsField = Field{Name: "organisations", Type: TypeList, Names: RefOrganisation,
		Doc: "the organisations it is about, by slug or name, such as OTS", Example: `["OTS"]`}
	slugField = Field{Name: "slug", Type: TypeString, Form: Slug, Translated: true,
		Doc: "the last part of its URL, in place of the file name", Example: `""`}
	draftField = Field{Name: "draft", Type: TypeBool, Translated: true,
		Doc: "keeps it out of the site until it is ready", Example: "true"}
	langField = Field{Name: "lang", Type: TypeString, Form: LanguageTag, Translated: true, Example: "es",
		Doc: "the language the text is written in, when it is not a language of the site: a code such as es or pt-BR"}
	translationKeyField = Field{Name: "translationKey", Type: TypeString, Translated: true, Example: `""`,
		Doc: "the same in files that translate each other but are named differently"}
	descriptionField = Field{Name: "description", Type: TypeString, Form: Paragraph, Translated: true,
		Doc: "one sentence shown under the title", Example: `""`}
)

func pageFields(k Kind) []Field {
	pageTopics := topicsField
	pageTopics.Starter = false
	title := Field{Name: "title", Type: TypeString, Required: k == Page, Translated: true, Starter: true,
		Doc: "the title of the page"}
	if k != Page {
		title.Doc = "the title of the list page; default: the section's name"
	}
	return []Field{
		title,
		{Name: "date", Type: TypeDate, Starter: k == Page, Doc: "when the page was published"},
		summaryField,
		{Name: "countries", Type: TypeList, Names: RefCountry,
			Doc: "the countries it is about, by name or ISO code", Example: "[]"},
		pageTopics, organisationsField, slugField, draftField, langField, translationKeyField,
	}
}

func agreementFields() []Field {
	return []Field{
		{Name: "title", Type: TypeString, Required: true, Translated: true, Starter: true,
			Doc: "the agreement's name, as pages show it"},
		{Name: "date", Type: TypeDate, Starter: true, Doc: "when this page was published"},
		{Name: "signed", Type: TypeDate, Starter: true,
			Doc: `the day it was signed; "2024" or "2024-11" if only that is known; required unless the status is planned or a party has a signing date of its own`},
		{Name: "effective", Type: TypeDate, Doc: "when it entered into force", Example: "2025-01-01"},
		{Name: "provisional", Type: TypeDate, Doc: "when its provisional application began", Example: "2025-01-01"},
		{Name: "ended", Type: TypeDate, Doc: "when it stopped being in force", Example: "2030-12-31"},
		{Name: "place", Type: TypeString, Translated: true, Doc: "where it was signed", Example: "Bishkek"},
		{Name: "status", Type: TypeString, Values: Statuses, Starter: true, Example: "signed",
			Doc: "planned, signed, in-force, expired or terminated; left out, the dates decide it"},
		{Name: "parties", Type: TypeList, Names: RefParty, NameAlone: true, Keys: partyKeys(), Starter: true,
			Doc: "the countries and organisations that take part, by name, such as Hungary or OTS, each with its own dates where they differ", Example: "[]"},
		{Name: "countries", Type: TypeList, Names: RefCountry,
			Doc: "more countries concerned, by name or ISO code", Example: "[]"},
		topicsField, organisationsField,
		{Name: "amends", Type: TypeList, Names: RefAgreement,
			Doc: "the agreements it amends, by the slugs of their files", Example: "[]"},
		{Name: "supersedes", Type: TypeList, Names: RefAgreement,
			Doc: "the agreements it replaces, by the slugs of their files", Example: "[]"},
		{Name: "implements", Type: TypeList, Names: RefAgreement,
			Doc: "the agreements it implements, by the slugs of their files", Example: "[]"},
		{Name: "part-of", Type: TypeString, Names: RefAgreement, Form: Slug,
			Doc: "the slug of the agreement of which it is a protocol or an annex", Example: `""`},
		summaryField,
		{Name: "source", Type: TypeString, Form: URL,
			Doc: "where the facts come from: an http or https address", Example: "https://"},
		slugField, draftField, langField, translationKeyField,
	}
}

func partyKeys() []Field {
	return []Field{
		{Name: "name", Type: TypeString, Required: true, Names: RefParty,
			Doc: "a country or an organisation, such as Hungary or OTS"},
		{Name: "role", Type: TypeString, Values: PartyRoles,
			Doc: "observer for one that takes part without being a party"},
		{Name: "signed", Type: TypeDate, Doc: "when it signed, if not the agreement's date"},
		{Name: "ratified", Type: TypeDate, Doc: "when it ratified, accepted or approved it"},
		{Name: "acceded", Type: TypeDate, Doc: "when it acceded"},
		{Name: "effective", Type: TypeDate, Doc: "when it entered into force for this party"},
		{Name: "withdrawn", Type: TypeDate, Doc: "when it withdrew"},
		{Name: "signatory", Type: TypeString, Names: RefPerson, Doc: "who signed for it"},
	}
}

func interviewFields() []Field {
	return []Field{
		{Name: "title", Type: TypeString, Required: true, Translated: true, Starter: true,
			Doc: "what was said, by whom, as pages show it"},
		{Name: "date", Type: TypeDate, Required: true, Starter: true, Doc: "the day of the interview"},
		{Name: "interviewee", Type: TypeString, Names: RefPerson, Starter: true, Example: `""`,
			Doc: "who was interviewed"},
		{Name: "role", Type: TypeString, Translated: true, Starter: true, Example: `""`, Doc: "their position"},
		{Name: "organisation", Type: TypeString, Translated: true, Starter: true, Example: `""`,
			Doc: "the organisation they speak for"},
		{Name: "outlet", Type: TypeString, Translated: true, Starter: true, Example: `""`, Doc: "who published the interview"},
		{Name: "source", Type: TypeString, Form: URL,
			Doc: "the published interview: an http or https address", Example: "https://"},
		{Name: "countries", Type: TypeList, Names: RefCountry, Starter: true,
			Doc: "the countries it is about, by name or ISO code, such as Hungary or UZ", Example: "[]"},
		topicsField, organisationsField,
		{Name: "agreements", Type: TypeList, Names: RefAgreement, Starter: true,
			Doc: "the agreements it discusses, by the slugs of their files, such as hungary-kyrgyzstan-customs-training", Example: "[]"},
		summaryField, slugField, draftField, langField, translationKeyField,
	}
}

// termFieldList returns the fields of a country, topic, organisation or
// person file.
func termFieldList(k Kind) []Field {
	noun := map[Kind]string{CountryTerm: "country", TopicTerm: "topic", OrganisationTerm: "organisation", PersonTerm: "person"}[k]
	title := Field{Name: "title", Type: TypeString, Translated: true, Starter: true, Doc: "the " + noun + "'s name, as pages show it"}
	aliases := Field{Name: "aliases", Type: TypeList, Translated: true, Example: `["OTS"]`,
		Doc: "other names by which files may name this " + noun}
	switch k {
	case CountryTerm:
		title.Names = RefCountry
		title.Doc = "the country's name; default: its name in the country registry"
		aliases.Doc = "not used: files name a country by any of its names and codes in the registry"
		aliases.Ignored = true
	case PersonTerm:
		title.Doc = "their name as pages show it; default: name"
		title.Starter = false
		aliases.Example = `[]`
	}
	fields := []Field{title}
	switch k {
	case OrganisationTerm:
		fields = append(fields, descriptionField, aliases,
			Field{Name: "members", Type: TypeList, Names: RefParty, NameAlone: true, Keys: memberKeys(),
				Doc: "its member countries and organisations, by name, each with its dates where they are known", Example: "[]"},
			Field{Name: "founded", Type: TypeDate, Doc: "when it was founded", Example: "1992"},
			Field{Name: "headquarters", Type: TypeString, Translated: true, Doc: "the city of its seat", Example: "Istanbul"},
			Field{Name: "website", Type: TypeString, Form: URL, Doc: "its website: an http or https address", Example: "https://"})
	case PersonTerm:
		fields = append(fields,
			Field{Name: "name", Type: TypeString, Translated: true, Starter: true, Example: `""`,
				Doc: "their full name; required unless title is given"},
			descriptionField, aliases,
			Field{Name: "roles", Type: TypeList, Translated: true, Keys: roleKeys(), Doc: "the positions they held", Example: "[]"},
			Field{Name: "countries", Type: TypeList, Names: RefCountry,
				Doc: "the countries they are from or serve, by name or ISO code", Example: "[]"},
			Field{Name: "sameAs", Type: TypeList, Form: URL,
				Doc: "addresses of the same person elsewhere, such as Wikidata or an official page", Example: "[]"})
	default:
		fields = append(fields, descriptionField, aliases)
	}
	return append(fields, draftField, translationKeyField)
}

func memberKeys() []Field {
	return []Field{
		{Name: "name", Type: TypeString, Required: true, Names: RefParty,
			Doc: "a country or an organisation, such as Hungary"},
		{Name: "role", Type: TypeString, Values: MemberRoles, Doc: "observer for one that is not a full member"},
		{Name: "since", Type: TypeDate, Doc: "when it joined"},
		{Name: "until", Type: TypeDate, Doc: "when it left"},
	}
}

func roleKeys() []Field {
	return []Field{
		{Name: "role", Type: TypeString, Required: true, Translated: true, Doc: "the position, such as Director"},
		{Name: "organisation", Type: TypeString, Names: RefOrganisation, Doc: "where, by name, alias or slug"},
		{Name: "from", Type: TypeDate, Doc: "when they took it up"},
		{Name: "to", Type: TypeDate, Doc: "when they left it"},
	}
}
