// Package site is the model of a knowledge base, built from its content
// files without any I/O: every page with its URL, the country, topic and
// organisation terms, the links between pages, backlinks and related pages.
//
// A site is made in two phases, as Zola does. New indexes every file and
// gives every page its URL; the caller then renders each body with the
// Resolver of its document, which checks and rewrites every link against
// the finished URLs; Link then checks heading anchors and computes
// backlinks, related pages and the per-term lists in one pass each. The
// per-term lists and related pages come from front matter alone
// (LinkTerms, LinkRelated), so a build makes them while the bodies are
// rendered, and finishes with LinkBodies.
package site

import (
	"cmp"
	"html/template"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/collate"

	"github.com/cooperation-kb/kb/generator/internal/compact"
	"github.com/cooperation-kb/kb/generator/internal/config"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/country"
	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/flagicon"
)

// Options select which pages a build publishes.
type Options struct {
	Drafts bool      // publish pages marked draft
	Future bool      // publish pages whose date is after Now
	Now    time.Time // the moment that decides what is in the future
	// SectionTitles title the site's fixed sections ("agreements") whose
	// _index.md gives no title, in the site's language; a section it
	// leaves out is titled in English.
	SectionTitles map[string]string
}

// Doc is what every published document has: pages, terms and list pages.
type Doc struct {
	File      *content.File // nil for a page made without a file
	Path      string        // the site path, such as "agreements/x/"; "" is the home page
	URL       string        // the path as linked: the base URL's path and Path
	Permalink string        // the absolute URL
	Title     string
	// ID numbers the documents of a site from 0 to NumDocs, so that a
	// table of what is derived from each document can be a slice. Nothing
	// is to be read from the order: Retag numbers the terms it adds after
	// the pages, and leaves the numbers of the topics it takes out unused.
	ID int
	// Lang is the language of the document's title and text when it is
	// not the site's, a page not yet translated into it; else "".
	Lang string
	// Key is the same for a document and its translations.
	Key string
	// Translations are the document in the site's other languages,
	// where it is published in them (translations.go).
	Translations []Translation

	headings     headingList
	lead         string
	long         bool
	chapters     []int         // markdown.Outline.Chapters
	chapterLines []int         // markdown.Outline.ChapterLines
	content      template.HTML // the rendered body of File
	stored       StoredBody    // or where to read it from
	page         *Page         // the page whose document this is, if any
	linked       []*Page       // pages this document links to, kept by Resolver
	anchors      []anchorLink  // its links to headings, kept by Resolver
}

// A StoredBody is a rendered body kept out of memory: a large site keeps
// bodies so between rendering the Markdown and rendering the pages.
type StoredBody interface {
	// AppendTo appends the body to dst.
	AppendTo(dst []byte) ([]byte, error)
}

// Content returns the rendered body of File.
func (d *Doc) Content() (template.HTML, error) {
	if d.stored == nil {
		return d.content, nil
	}
	buf, err := d.stored.AppendTo(nil)
	if err != nil {
		return "", err
	}
	// Nothing else holds buf, and every body of a large site is read back.
	return template.HTML(compact.Freeze(buf)), nil
}

// AppendContent appends the rendered body of File to dst. A reader of
// every body that reuses its buffer reads a stored body without
// allocating it.
func (d *Doc) AppendContent(dst []byte) ([]byte, error) {
	if d.stored != nil {
		return d.stored.AppendTo(dst)
	}
	return append(dst, d.content...), nil
}

// SetContent sets the rendered body.
func (d *Doc) SetContent(html template.HTML) { d.content, d.stored = html, nil }

// StoreContent sets where to read the rendered body from when it is
// needed.
func (d *Doc) StoreContent(b StoredBody) { d.content, d.stored = "", b }

// anchorLink is a link to a heading, checked once every body is rendered.
type anchorLink struct {
	target *Doc
	id     string
	pos    diag.Pos
}

// Page is an agreement, an interview or a plain page.
type Page struct {
	Doc
	Kind    content.Kind
	Slug    string
	Section string
	Date    content.Date // the date it is listed by: signed for agreements, else date
	Meta    *content.Meta

	Countries     []*Term
	Topics        []*Term
	Organisations []*Term
	Parties       []*Term // countries and organisations; observers are not parties
	Agreements    []*Page // agreements an interview discusses
	Interviewee   *Term   // an interview's interviewee, when a person file names them

	// Agreements: where they stand (lifecycle.go) and how they relate to
	// each other (relations.go).
	Lifecycle
	Amends        []*Page
	AmendedBy     []*Page
	Supersedes    []*Page
	SupersededBy  []*Page
	Implements    []*Page
	ImplementedBy []*Page
	PartOf        *Page   // the base agreement of a protocol or annex
	Parts         []*Page // its protocols and annexes

	// Untranslated is a page not translated into the site's language: the
	// site lists it, and publishes it only in its own language.
	Untranslated bool
	// TextLang is the language of the page's text when it is not the
	// site's: Lang, or the lang of its front matter (a treaty text in
	// Spanish, titled in English). LangName names it in the site's
	// language: "English" in an English site, "angol" in a Hungarian one.
	TextLang string
	LangName string
	// originalURL is the URL of the page a translation translates.
	originalURL string

	Backlinks   []*Page // pages that link to or reference this one
	Related     []Scored
	SameParties []*Page // other agreements between the same parties
	Assets      []string
}

// Scored is a related page with its score.
type Scored struct {
	Page  *Page
	Score float64
}

// IsAgreement reports whether p is an agreement; templates use it.
func (p *Page) IsAgreement() bool { return p.Kind == content.Agreement }

// IsInterview reports whether p is an interview.
func (p *Page) IsInterview() bool { return p.Kind == content.Interview }

// Term is a country, topic, organisation or person with its page.
type Term struct {
	Doc
	Kind        content.Kind // content.CountryTerm, TopicTerm, OrganisationTerm or PersonTerm
	Section     string       // "countries", "topics", "organisations" or "people"
	Slug        string
	Description string
	Country     *country.Country // for countries
	Declared    bool             // has a file in content/
	aliases     []string
	flag        string

	Pages      []*Page // newest first
	Agreements []*Page
	Interviews []*Page
	Partners   []Count // countries: countries sharing agreements with it
	Countries  []Count // topics and organisations: the countries active on it
	Topics     []Count // countries: their topics
	Orgs       []Count // countries: their organisations

	// Countries and organisations: the organisations they belong to;
	// organisations: their members. Members first, then observers, each
	// by the date they joined. See members.go.
	Memberships []Membership
	Members     []Membership
	// InForce are the agreements in force for a country or organisation
	// at the build date, newest first; Other its other agreements.
	InForce []*Page
	Other   []*Page
	// Successors and Predecessors of a country as ISO 3166 records them,
	// linked where the site has their pages.
	Successors   []CountryRef
	Predecessors []CountryRef

	// People: see people.go.
	Roles     []PersonRole
	SameAs    []string
	Homes     []*Term // the countries a person is from or works for
	Signatory []*Page // agreements the person signed for a party
}

// Flag returns the URL of the SVG flag of a country term, or "" for
// other terms and for a former country, which has none.
func (t *Term) Flag() string { return t.flag }

// FlagFiles returns the site paths of the flags that country terms show,
// sorted: a build publishes those and no others.
func (s *Site) FlagFiles() []string { return s.flagFiles }

// setFlags gives each current country its flag.
func (s *Site) setFlags() {
	s.flagFiles = nil
	for _, t := range s.Countries {
		if t.Country == nil || t.Country.Ended != 0 {
			continue
		}
		if f := flagicon.File(t.Country.Alpha2); f != "" {
			t.flag = s.Config.RelURL(f)
			s.flagFiles = append(s.flagFiles, f)
		}
	}
	slices.Sort(s.flagFiles)
}

// Count is a term with how many pages it shares with another.
type Count struct {
	Term *Term
	N    int
}

// Section is a list page: the home page, the list of agreements or
// interviews, the index of a term kind, or a folder of plain pages.
type Section struct {
	Doc
	Name  string // the folder, such as "agreements"; "" for home
	Pages []*Page
}

// Site is the whole knowledge base.
type Site struct {
	Config *config.Config
	Built  time.Time

	Pages      []*Page // every published page, sorted by path
	Agreements []*Page // newest first
	Interviews []*Page // newest first

	Countries     []*Term // sorted by name; only terms with pages or a file
	Topics        []*Term
	Organisations []*Term
	People        []*Term

	// Warnings are what is odd in the content without being wrong, such
	// as an agreement in force before it was signed, sorted by position.
	Warnings diag.Errors

	Home     *Section
	Sections []*Section // sorted by path, the home page excluded

	// Docs are every document whose body must be rendered, in path order.
	Docs []*Doc

	// Lang is the language of this model of the site, and Prefix the path
	// of its home page: "" for the default language, "hu/" for Hungarian.
	Lang   string
	Prefix string

	opts      Options
	countries *country.Registry
	newest    []*Page       // every page, newest first
	terms     [4]*termIndex // by content.Kind - content.CountryTerm
	byPath    map[string]*Doc
	byFile    map[string]*Doc
	bySlug    map[string][]*Doc
	drafts    map[string]string // excluded files by content path: why
	broken    map[string]bool   // content paths and slugs of files that did not parse
	files     map[string]bool   // output paths of copied files
	termKeys  map[string]string // names of terms as written -> Normalize
	flagFiles []string
	numDocs   int
	byID      []*Doc
	routing   uint64 // of what links are resolved against: see Route
	// earlier are the routing sums of the model before Retag numbered
	// terms after its documents: a route followed then leads where it did.
	earlier []uint64
	collate *collate.Collator // see collator
}

// SectionTitles returns the titles of the fixed sections the site was
// made with (Options.SectionTitles).
func (s *Site) SectionTitles() map[string]string { return s.opts.SectionTitles }

// NumDocs returns the number of documents, home, sections, terms and
// pages: every ID is below it.
func (s *Site) NumDocs() int { return s.numDocs }

// HasFile reports whether a file copied to the output (from static/ or a
// content folder) is published at the site path p.
func (s *Site) HasFile(p string) bool { return s.files[p] }

func (s *Site) termIndex(k content.Kind) *termIndex { return s.terms[k-content.CountryTerm] }

// sortNewest sorts pages newest first, then by path, so lists are stable.
func sortNewest(pages []*Page) {
	slices.SortFunc(pages, func(a, b *Page) int {
		return cmp.Or(b.Date.Time.Compare(a.Date.Time), strings.Compare(a.Path, b.Path))
	})
}
