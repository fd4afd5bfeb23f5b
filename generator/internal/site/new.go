package site

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/cooperation-kb/kb/generator/internal/compact"
	"github.com/cooperation-kb/kb/generator/internal/config"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/country"
	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/suggest"
)

// Sections with pages of their own kind, and the list pages every site has.
var fixedSections = []struct{ name, title string }{
	{"agreements", "Agreements"},
	{"interviews", "Interviews"},
	{"countries", "Countries"},
	{"topics", "Topics"},
	{"organisations", "Organisations"},
	{"people", "People"},
	{"search", "Search"},
	{"timeline", "Timeline"},
}

// New indexes the content: it decides what is published, gives every page
// and term its URL, resolves countries, topics, organisations and agreement
// references, and finds pages that would publish to the same URL. copied
// lists the output paths of files copied as they are (static files and
// page resources). Errors are a diag.Errors list; the Site is returned
// with them so that a build can go on to find more.
func New(cfg *config.Config, set *content.Set, copied []string, opts Options, reg *country.Registry) (*Site, error) {
	var errs diag.List
	s := &Site{
		Config: cfg, Built: opts.Now, opts: opts, countries: reg,
		byPath: map[string]*Doc{}, byFile: map[string]*Doc{},
		bySlug: map[string][]*Doc{}, drafts: map[string]string{}, files: map[string]bool{},
		broken: map[string]bool{}, termKeys: map[string]string{},
		Lang: cfg.Language, Prefix: cfg.LangPath(cfg.Language),
	}
	for _, p := range set.Broken {
		s.broken[p] = true
		s.broken[brokenSlug(p)] = true
	}
	s.terms = [4]*termIndex{
		newTermIndex(content.CountryTerm, "countries"),
		newTermIndex(content.TopicTerm, "topics"),
		newTermIndex(content.OrganisationTerm, "organisations"),
		newTermIndex(content.PersonTerm, "people"),
	}
	for _, f := range copied {
		s.files[f] = true
	}
	s.declareTerms(set.Files, &errs)
	s.makeSections(set.Files)
	s.makePages(set.Files, &errs)
	s.attachAssets(set.Assets, &errs)
	s.resolveReferences(&errs)
	s.resolveMembers(set.Files, &errs)
	s.resolvePeople(&errs)
	s.resolveRelations(&errs)
	// Where agreements stand and where every document is published come
	// from different fields into different fields: on two cores at once.
	var wg sync.WaitGroup
	wg.Go(func() { s.lifecycles(&errs) })
	s.nameUndeclared()
	s.route(&errs)
	s.linkCountries()
	wg.Wait()
	s.checkInterviewDates(&errs)
	if !cfg.Absolute() {
		errs.Warnf(diag.Pos{Path: config.File}, "baseURL %q names no host, so the site has no feeds, no sitemap and no canonical or Open Graph URLs: set it to the address the site is published at, such as \"https://example.org/\"", cfg.BaseURL)
	}
	s.Warnings = errs.Warnings()
	return s, errs.Err()
}

func (s *Site) makeSections(files []*content.File) {
	s.Home = &Section{Doc: Doc{Title: s.Config.Title}}
	bySection := map[string]*Section{}
	// Few sites have people; one without them has no list of people.
	people := slices.ContainsFunc(files, func(f *content.File) bool { return f.Kind == content.PersonTerm })
	for _, fs := range fixedSections {
		if fs.name == "people" && !people {
			continue
		}
		sec := &Section{Name: fs.name, Doc: Doc{Path: fs.name + "/", Title: cmp.Or(s.opts.SectionTitles[fs.name], fs.title)}}
		bySection[fs.name] = sec
		s.Sections = append(s.Sections, sec)
	}
	for _, f := range files {
		if f.Kind != content.Section && f.Kind != content.Home {
			continue
		}
		sec := s.Home
		if f.Kind == content.Section {
			dir := f.Dir()
			if sec = bySection[dir]; sec == nil {
				sec = &Section{Name: dir, Doc: Doc{Path: dir + "/", Title: humanize(path.Base(dir))}}
				bySection[dir] = sec
				s.Sections = append(s.Sections, sec)
			}
		}
		sec.File = f
		if f.Meta.Title != "" {
			sec.Title = f.Meta.Title
		}
	}
	slices.SortFunc(s.Sections, func(a, b *Section) int { return strings.Compare(a.Path, b.Path) })
}

func (s *Site) section(dir string) *Section {
	for _, sec := range s.Sections {
		if sec.Name == dir {
			return sec
		}
	}
	return nil
}

func (s *Site) makePages(files []*content.File, errs *diag.List) {
	isPage := func(f *content.File) bool {
		return f.Kind == content.Page || f.Kind == content.Agreement || f.Kind == content.Interview
	}
	// The pages are one allocation: the collector marks one object, not
	// one per page, each time it runs while a large site is built.
	n := 0
	for _, f := range files {
		if isPage(f) {
			n++
		}
	}
	slab := make([]Page, 0, n)
	for _, f := range files {
		if !isPage(f) {
			continue
		}
		m := &f.Meta
		switch {
		case m.Draft && !s.opts.Drafts:
			s.drafts[f.Path] = "a draft (build with -drafts to publish it)"
			continue
		case !s.opts.Future && !m.Date.IsZero() && m.Date.Time.After(s.opts.Now):
			s.drafts[f.Path] = fmt.Sprintf("dated in the future, %s (build with -future to publish it)", m.Date.ISO())
			continue
		}
		slab = append(slab, Page{Kind: f.Kind, Section: f.Section, Meta: m})
		p := &slab[len(slab)-1]
		p.File, p.Title, p.Key = f, m.Title, f.Key
		lang := s.fileLang(f)
		if p.Untranslated = lang != s.Lang; p.Untranslated {
			p.Lang = lang
		}
		if m.Lang != "" && m.Lang != s.Lang {
			lang = m.Lang
		}
		if lang != s.Lang {
			p.TextLang, p.LangName = lang, languageName(lang, s.Lang)
		}
		p.Slug = cmp.Or(m.Slug, Normalize(f.Name))
		p.Path = pagePath(f, p.Slug)
		if o := f.Original; o != nil {
			p.originalURL = s.Config.RelURL(s.Config.LangPath(s.fileLang(o)) + pagePath(o, cmp.Or(o.Meta.Slug, Normalize(o.Name))))
		}
		p.Date = m.Date
		if f.Kind == content.Agreement {
			p.Date = firstDate(m.Signed, m.Date, m.Effective)
		}
		p.page = p
		s.Pages = append(s.Pages, p)
		switch f.Kind {
		case content.Agreement:
			s.Agreements = append(s.Agreements, p)
		case content.Interview:
			s.Interviews = append(s.Interviews, p)
		}
	}
	sortNewest(s.Agreements)
	sortNewest(s.Interviews)
}

// pagePath is the site path of a page of file f with its slug, in the
// default language.
func pagePath(f *content.File, slug string) string {
	switch f.Kind {
	case content.Agreement, content.Interview:
		return f.Section + "/" + slug + "/"
	}
	dir := f.Dir()
	if f.Bundle {
		dir = path.Dir(dir)
	}
	return strings.TrimPrefix(path.Join(dir, slug)+"/", "./")
}

func firstDate(ds ...content.Date) content.Date {
	for _, d := range ds {
		if !d.IsZero() {
			return d
		}
	}
	return content.Date{}
}

// attachAssets gives each bundle the files beside its index.md. Any other
// file under content/ that is not Markdown is not published, which a
// warning says once: a link to it is broken.
func (s *Site) attachAssets(assets []string, errs *diag.List) {
	bundles := map[string]*Page{}
	for _, p := range s.Pages {
		if p.File.Bundle {
			bundles[path.Dir(p.File.Path)] = p
		}
	}
	for _, a := range assets {
		if p := bundles[path.Dir(a)]; p != nil {
			p.Assets = append(p.Assets, a)
			s.files[p.Path+path.Base(a)] = true
		} else if s.Prefix == "" {
			errs.Warnf(diag.Pos{Path: a}, "not published: a file that is not Markdown is published beside a bundle's index.md or from static/")
		}
	}
}

// AssetPath returns where a content file that is not Markdown is published.
func (s *Site) AssetPath(p *Page, asset string) string {
	return p.Path + path.Base(asset)
}

// resolveReferences turns the names in front matter into terms and pages.
func (s *Site) resolveReferences(errs *diag.List) {
	topics, orgs := s.termIndex(content.TopicTerm), s.termIndex(content.OrganisationTerm)
	for _, p := range s.Pages {
		m := p.Meta
		for _, it := range m.Countries {
			p.Countries = appendUnique(p.Countries, s.resolveCountry(it, errs))
		}
		for _, it := range m.Topics {
			p.Topics = appendUnique(p.Topics, s.resolveTerm(topics, it, errs))
		}
		for _, it := range m.Organisations {
			p.Organisations = appendUnique(p.Organisations, s.resolveTerm(orgs, it, errs))
		}
	}
	// Parties come after organisations so that a party can name any
	// organisation used anywhere in the site.
	agreements := map[string]*Page{}
	for _, a := range s.Agreements {
		for _, slug := range a.slugs() {
			agreements[slug] = a
		}
	}
	for _, p := range s.Pages {
		for _, it := range p.Meta.Parties {
			t := s.resolveParty(it.Item, "party", errs)
			if t == nil {
				continue
			}
			p.PartyDates = append(p.PartyDates, Party{Term: t, Role: it.Role, src: it})
			if !it.IsObserver() {
				p.Parties = appendUnique(p.Parties, t)
			}
			if t.Kind == content.CountryTerm {
				p.Countries = appendUnique(p.Countries, t)
			} else {
				p.Organisations = appendUnique(p.Organisations, t)
			}
		}
		for _, it := range p.Meta.Agreements {
			a, ok := agreements[it.Text]
			if !ok && s.broken[it.Text] {
				continue
			}
			if !ok {
				errs.Addf(it.Pos, "%s", s.missingAgreement(it.Text, agreements))
				continue
			}
			if !slices.Contains(p.Agreements, a) {
				p.Agreements = append(p.Agreements, a)
			}
		}
	}
	compact.Lists(func(yield func(*[]*Term) bool) {
		for _, p := range s.Pages {
			if !yield(&p.Countries) || !yield(&p.Topics) || !yield(&p.Organisations) || !yield(&p.Parties) {
				return
			}
		}
	})
	compact.Lists(func(yield func(*[]*Page) bool) {
		for _, p := range s.Pages {
			if !yield(&p.Agreements) {
				return
			}
		}
	})
}

// resolveParty finds the country or organisation named as a party or as
// a member (what says which).
func (s *Site) resolveParty(it content.Item, what string, errs *diag.List) *Term {
	if c, ok := s.countries.Lookup(it.Text); ok {
		return s.countryTerm(c.Slug)
	}
	orgs := s.termIndex(content.OrganisationTerm)
	key := s.termKey(it.Text)
	if declared, ok := orgs.alias[key]; ok {
		key = declared
	}
	if t, ok := orgs.bySlug[key]; ok {
		return t
	}
	msg := fmt.Sprintf("unknown %s %q: not a country", what, it.Text)
	if sug := s.countries.Suggest(it.Text); sug != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", sug)
	}
	errs.Addf(it.Pos, "%s nor an organisation of the site (add it to organisations or content/organisations/)", msg)
	return nil
}

// brokenSlug is the slug a file that did not parse would most likely have.
func brokenSlug(p string) string {
	name := strings.TrimSuffix(path.Base(p), ".md")
	if name == "index" {
		name = path.Base(path.Dir(p))
	}
	return Normalize(name)
}

func (s *Site) missingAgreement(slug string, agreements map[string]*Page) string {
	for p, why := range s.drafts {
		if strings.HasPrefix(p, content.Dir+"/agreements/") && (path.Base(p) == slug+".md" || path.Base(path.Dir(p)) == slug) {
			return fmt.Sprintf("agreement %q is %s", slug, why)
		}
	}
	msg := fmt.Sprintf("unknown agreement %q", slug)
	slugs := make([]string, 0, len(agreements))
	for k := range agreements {
		slugs = append(slugs, k)
	}
	slices.Sort(slugs)
	if sug := suggest.Closest(slug, slugs); sug != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", sug)
	}
	return msg + ": expected the slug of a file in content/agreements/"
}

// route gives every document its URL and reports documents and files that
// would be published at the same place.
func (s *Site) route(errs *diag.List) {
	docs := s.allDocs()
	for _, d := range docs {
		switch {
		case d.page == nil || d.File == nil:
			d.Key = d.Path
			d.Path = s.Prefix + d.Path
		case d.page.Untranslated:
			d.Path = s.Config.LangPath(s.fileLang(d.File)) + d.Path
		default:
			d.Path = s.Prefix + d.Path
		}
	}
	setURLs(s.Config, docs)
	origin := map[string]string{}
	claim := func(d *Doc, what string) bool {
		if first, taken := origin[d.Path]; taken {
			pos := diag.Pos{Path: what}
			if d.File != nil {
				pos.Path = d.File.Path
				if at, ok := d.File.Meta.Fields["slug"]; ok {
					pos = at
				}
			}
			errs.Addf(pos, "publishes to /%s, as %s does", d.Path, first)
			return false
		}
		origin[d.Path] = what
		s.byPath[d.Path] = d
		return true
	}
	describe := func(d *Doc, fallback string) string {
		if d.File != nil {
			return d.File.Path
		}
		return fallback
	}
	claim(&s.Home.Doc, describe(&s.Home.Doc, "the home page"))
	for _, sec := range s.Sections {
		claim(&sec.Doc, describe(&sec.Doc, "the list of "+sec.Name))
	}
	for _, idx := range s.terms {
		for _, t := range s.sortedTerms(idx) {
			claim(&t.Doc, describe(&t.Doc, "the page of "+strings.TrimSuffix(idx.section, "s")+" "+t.Title))
		}
	}
	for _, p := range s.Pages {
		claimed := claim(&p.Doc, p.File.Path)
		// The slug ends the path, and so can be part of its string.
		if i := len(p.Path) - 1 - len(p.Slug); i >= 0 && p.Path[i:len(p.Path)-1] == p.Slug {
			p.Slug = p.Path[i : len(p.Path)-1]
		}
		if claimed {
			for _, slug := range p.slugs() {
				s.bySlug[slug] = append(s.bySlug[slug], &p.Doc)
			}
		}
	}
	// Nearly every slug names one page: see package compact.
	compact.Lists(func(yield func(*[]*Doc) bool) {
		for slug, docs := range s.bySlug {
			if !yield(&docs) {
				return
			}
			s.bySlug[slug] = docs
		}
	})
	for _, f := range slices.Sorted(maps.Keys(s.files)) {
		if first, taken := origin[strings.TrimSuffix(f, "index.html")]; taken && strings.HasSuffix(f, "index.html") {
			errs.Addf(diag.Pos{Path: f}, "file publishes to /%s, as %s does", f, first)
		}
	}
	s.numDocs, s.byID = len(docs), docs
	for i, d := range docs {
		d.ID = i
		if d.File != nil {
			s.byFile[d.File.Path] = d
			// A link to a file leads to its translation where there is one.
			if o := d.File.Original; o != nil {
				s.byFile[o.Path] = d
			}
			s.Docs = append(s.Docs, d)
		}
	}
	s.routing = s.routingSum()
	s.Countries = s.sortedTerms(s.termIndex(content.CountryTerm))
	s.setFlags()
	s.Topics = s.sortedTerms(s.termIndex(content.TopicTerm))
	s.Organisations = s.sortedTerms(s.termIndex(content.OrganisationTerm))
	s.People = s.sortedTerms(s.termIndex(content.PersonTerm))
}

// setURLs gives each document its permalink and URL. The permalinks are
// parts of one string, and each URL and path a part of its permalink: see
// package compact.
func setURLs(cfg *config.Config, docs []*Doc) {
	for _, d := range docs {
		d.Permalink = cfg.Permalink(d.Path)
	}
	compact.Strings(func(yield func(*string) bool) {
		for _, d := range docs {
			if !yield(&d.Permalink) {
				return
			}
		}
	})
	for _, d := range docs {
		d.URL = cfg.RelURL(d.Path)
		if strings.HasSuffix(d.Permalink, d.URL) {
			d.URL = d.Permalink[len(d.Permalink)-len(d.URL):]
		}
		if strings.HasSuffix(d.URL, d.Path) {
			d.Path = d.URL[len(d.URL)-len(d.Path):]
		}
	}
}

func (s *Site) allDocs() []*Doc {
	docs := []*Doc{&s.Home.Doc}
	for _, sec := range s.Sections {
		docs = append(docs, &sec.Doc)
	}
	for _, idx := range s.terms {
		for _, t := range s.sortedTerms(idx) {
			docs = append(docs, &t.Doc)
		}
	}
	for _, p := range s.Pages {
		docs = append(docs, &p.Doc)
	}
	return docs
}

// sortedTerms returns the terms of idx in the alphabetical order of the
// site's language: "Üzbegisztán" after "Török" in Hungarian, where a
// comparison of bytes would put it after "Zambia".
func (s *Site) sortedTerms(idx *termIndex) []*Term {
	ts := make([]*Term, 0, len(idx.bySlug))
	for _, t := range idx.bySlug {
		ts = append(ts, t)
	}
	byTitle := func(a, b *Term) int { return strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)) }
	if c := s.collator(); c != nil {
		byTitle = func(a, b *Term) int { return c.CompareString(a.Title, b.Title) }
	}
	slices.SortFunc(ts, func(a, b *Term) int { return cmp.Or(byTitle(a, b), strings.Compare(a.Slug, b.Slug)) })
	return ts
}

// fileLang returns the language a file is written in.
func (s *Site) fileLang(f *content.File) string {
	return cmp.Or(f.Lang, s.Config.DefaultLanguage, s.Config.Language)
}
