// Package content reads the files of a site's content/ folder into typed
// files, each with the file, line and column of everything it says.
//
// This comment is the specification of the content format; every rule
// below is enforced by Load and Parse, which report each problem of every
// file as "path:line:col: message" rather than stopping at the first.
//
// # Files
//
// Load walks content/ and everything below it. A name that starts with
// "." or "#", ends with "~", ".swp", ".swx", ".tmp", "___jb_tmp___" or
// "___jb_old___", or is "4913" belongs to an editor and is skipped, and so
// is everything in a folder of such a name (IsIgnored). A symbolic link or
// any other file that is not a regular file is an error.
//
// A file whose name ends in ".md" is a content file; every other file is
// an asset, copied to the output as it is. A content file:
//
//   - is at most maxFileSize bytes (config.toml);
//   - is UTF-8 without NUL bytes; a UTF-8 byte order mark is dropped, and
//     CRLF and a CR alone end a line as LF does;
//   - opens at most MaxNesting lists and block quotes on one line ("> -
//     1. text" opens three);
//   - is not empty or blank, unless it is the text of the home page or of
//     a section.
//
// # Kinds
//
// Where a file lies in content/ decides its Kind, its Section (the first
// folder below content/, or "" at the top) and its Name:
//
//	content/_index.md                    Home: the text of the home page
//	content/<dir>/.../_index.md          Section: the text of the list page
//	                                     of its folder, after which it is named
//	<name>.md below content/agreements/  Agreement
//	<name>.md below content/interviews/  Interview
//	content/countries/<name>.md          CountryTerm: describes a country
//	content/topics/<name>.md             TopicTerm: describes a topic
//	content/organisations/<name>.md      OrganisationTerm: describes an
//	                                     organisation
//	content/people/<name>.md             PersonTerm: describes a person
//	any other .md file                   Page
//
// An agreement, an interview or a page may also be a bundle: a folder
// <name>/ holding index.md and the assets it shows. A term file lies
// directly in its folder, and agreements/, interviews/ and the term
// folders hold no _index.md below their top.
//
// # Front matter
//
// A content file starts with front matter, after any blank lines, in one
// of these forms; each delimiter is a line of its own, white space around
// it ignored:
//
//	---            ---yaml        YAML, up to a line "---"
//	+++            ---toml        TOML, up to "+++" or "---" respectively
//	;;;            ---json        JSON, up to ";;;" or "---" respectively
//	{                             a JSON object whose closing "}" line is
//	                              followed by a blank line or the end
//
// The front matter is a mapping of field names to values (a JSON object).
// A field given twice, an opening line other than "{" that is never
// closed, a YAML tab in the indentation and any other syntax error are
// errors at their line.
// Everything after the closing line is the body, Markdown; BodyLine is the
// file line on which it starts, so positions in the body stay true.
//
// Only Home and Section files may leave out the front matter.
//
// # Fields
//
// A field has one of four types, whatever the format it is written in:
//
//   - string: any single value, taken as written and trimmed of white
//     space (null is "");
//   - list: a list of single values, each trimmed, empty ones dropped
//     (null is the empty list); a single value is not a list. The items
//     of parties and members may also be mappings, and those of roles
//     are: see Entries;
//   - date: a single value read as described under Dates (null or "" is
//     no date); TOML dates and date-times are accepted as they are;
//   - bool: true or false, nothing else.
//
// Fields returns the tables below as data, with what each field holds in
// an editor's words, for the programs that write front matter.
//
// An agreement, an interview, a page, the home page and a section take
// these fields:
//
//	title          string  required, except for the home page and sections
//	date           date    required for an interview
//	summary        string
//	countries      list    countries the file is about
//	topics         list    topics it is about
//	organisations  list    organisations it is about
//	slug           string  the last part of its URL in place of Name: lower-case
//	                       letters and digits in words joined by single hyphens
//	draft          bool    published only when drafts are
//	lang           string  the language the text is written in, when it is
//	                       not a language of the site: a BCP 47 tag ("es")
//	translationKey string  joins translations whose file names differ
//
// An agreement also takes:
//
//	signed         date    required unless status is "planned" or a party
//	                       has a signing date of its own
//	effective      date    when it entered into force
//	provisional    date    when its provisional application began
//	ended          date    when it stopped being in force
//	place          string  where it was signed
//	parties        list    the countries and organisations that take part:
//	                       names, or mappings (see Entries)
//	status         string  one of Statuses: planned, signed, in-force,
//	                       expired, terminated; derived when left out
//	source         string  an absolute http or https URL
//	amends         list    slugs of the agreements it amends
//	supersedes     list    slugs of the agreements it replaces
//	implements     list    slugs of the agreements it implements
//	part-of        string  the slug of the agreement of which it is a
//	                       protocol or an annex
//
// Each relation is written on one side; the site model computes the other
// (amended by, superseded by, implemented by, protocols and annexes). A
// slug that names no agreement is an error, and so is a cycle of one
// relation (a amends b amends a).
//
// When status is left out it is derived from the dates as of the build
// date: "planned" while nothing is signed, "signed" from the first
// signature, "in-force" from entry into force or provisional application
// (for some parties only, when the others are not yet bound), and after
// "ended", "terminated" if another agreement supersedes it, else
// "expired": dates alone cannot tell an end the agreement foresaw from one
// its parties decided, and replacing an agreement is such a decision. A
// status given that the dates contradict is a warning.
//
// An interview also takes:
//
//	interviewee    string
//	role           string
//	organisation   string
//	outlet         string  who published it
//	source         string  an absolute http or https URL
//	agreements     list    the slugs of the agreements it discusses
//
// A country, topic, organisation or person file takes:
//
//	title          string
//	description    string
//	aliases        list    other names by which files may refer to a
//	                       topic, an organisation or a person
//	draft          bool
//	translationKey string  joins translations whose file names differ
//
// An organisation also takes:
//
//	members        list    its member countries and organisations: names,
//	                       or mappings (see Entries)
//	founded        date
//	headquarters   string
//	website        string  an absolute http or https URL
//
// A person also takes:
//
//	name           string  required unless title is given; title defaults
//	                       to it
//	roles          list    positions held, mappings (see Entries)
//	countries      list    the countries they are from or serve
//	sameAs         list    URLs of the same person elsewhere (Wikidata, an
//	                       official page), absolute http or https
//
// A person is a term, as an organisation is, rather than a page kind: a
// person has a page listing what is about them (the interviews they gave,
// the agreements they signed), is named by slug or by any of their names,
// and a name with no file stays plain text, as interviewee always was. An
// interview's interviewee and a party's signatory name a person so.
//
// # Translations
//
// A file whose name ends in a language code before ".md" is a translation:
// content/agreements/x.hu.md is the Hungarian translation of
// content/agreements/x.md, for every kind, _index.md and term files
// included. The code must be one of the site's languages ([languages] in
// config.toml; the default language may be written or left out). Files
// whose names differ are translations of each other when they give the
// same translationKey.
//
// A translation has its own title, summary, description and body, and the
// other text fields; the facts (date, countries, topics, organisations,
// signed, effective, provisional, ended, status, parties, the relations,
// members, founded, website, sameAs, interviewee, agreements and source)
// are those of the file it translates (the default language's, else the
// first in the order of the site's languages), and a translation that
// gives one differently is an error naming that file. ByLanguage makes the
// files of each language: a translation where there is one, else the file
// in its own language, which that language's lists show marked with its
// language. Two files that are the same translation and translations of
// different kinds are errors.
//
// # Entries
//
// An item of parties is a name or a mapping with "name" and any of:
//
//	role: observer   takes part without being a party (default "party")
//	signed, ratified, acceded, effective, withdrawn: dates of this party,
//	                 which override the agreement's for it
//	signatory        who signed for it: a person by slug or name
//
// A party with no effective date of its own is bound from the
// agreement's effective (or provisional) date, or from its own signing,
// ratification or accession if that is later. An item of members is a
// name or a mapping with "name", "role" (member, the default, or
// observer), "since" and "until". An item of roles is a mapping with
// "role" (required), "organisation" (by name, alias or slug), "from" and
// "to". An unknown key is an error naming the closest known one.
//
// # Warnings
//
// What is odd but may be right is a warning, reported as
// "path:line:col: warning: message" and never failing a build unless
// asked to: dates out of their usual order (in force before signature
// with no provisional date, an end before signature or entry into force,
// a party that withdrew before it signed, a membership or role that ends
// before it begins), a status the dates contradict, and an interview
// dated before an agreement it discusses was signed.
//
// # Text
//
// Text is read as Unicode NFC: a name written with combining accents is
// the same name as the precomposed one, and pages are written so.
//
// Any other field is an error, which names the field meant where the name
// is close to one. The items of the list fields name terms and agreements;
// the site model (package site) resolves them and reports an item that
// names nothing at the item's own line.
//
// # Dates
//
// A date may be as precise as its source:
//
//	2024                       Year
//	2024-11                    Month
//	2024-11-06                 Day
//	2024-11-06T10:30:00Z       Instant: RFC 3339, with or without
//	2024-11-06T10:30:00        fractions of a second; without a zone,
//	2024-11-06 10:30:00        the time is in UTC
//
// A Date keeps its Precision, so that a date known to the month is written
// "November 2024" and never gains a day. A date that does not exist, such
// as 2024-02-30 or 2024-13, is an error.
package content
