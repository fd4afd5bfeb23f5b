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
//     (null is the empty list); a single value is not a list;
//   - date: a single value read as described under Dates (null or "" is
//     no date); TOML dates and date-times are accepted as they are;
//   - bool: true or false, nothing else.
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
//
// An agreement also takes:
//
//	signed         date    required unless status is "planned"
//	effective      date    not before signed
//	place          string  where it was signed
//	parties        list    the countries and organisations that signed it
//	status         string  one of Statuses: planned, signed, in-force,
//	                       expired, terminated
//	source         string  an absolute http or https URL
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
// A country, topic or organisation file takes only:
//
//	title          string
//	description    string
//	aliases        list    other names by which files may refer to a topic
//	                       or an organisation
//	draft          bool
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
