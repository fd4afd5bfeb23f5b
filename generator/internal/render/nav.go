package render

import (
	"slices"
	"strings"
	"unicode"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/i18n"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// NavItem is an entry of the site's main navigation.
type NavItem struct {
	Title string
	URL   string // relative to the base URL, as the site's links are
	// Current is what aria-current says of the entry: "page" on the
	// entry's own page, "true" on a page inside its section, "" elsewhere.
	Current string
}

// navSections are the sections the navigation lists before the site's
// top-level pages, in order; the search page comes after them.
var navSections = []string{"agreements", "interviews", "timeline", "countries", "topics", "organisations", "people"}

// navigation is a site's main navigation, made once per build: the list
// of entries as a page outside them sees it, and for every entry the
// lists in which it is current, by the name of the section or top-level
// page it links to.
type navigation struct {
	plain  []NavItem
	own    map[string][]NavItem // with the entry "page"
	inside map[string][]NavItem // with the entry "true"
}

// newNavigation lists the pages that jobs render among the fixed sections
// and the site's top-level plain pages, such as about/. A section's entry
// is titled with the section's name in the words of w ("Agreements"), a
// page's after its slug ("About").
func newNavigation(s *site.Site, jobs []Job, w *i18n.Words) *navigation {
	docs := map[string]*site.Doc{}
	var pages []string
	for _, j := range jobs {
		d := j.Data
		switch {
		case d.Section != nil && d.Pager.IsFirst():
			docs[d.Section.Name] = d.Doc
		case d.Page != nil && d.Page.Kind == content.Page && strings.Count(strings.TrimPrefix(d.Page.Path, s.Prefix), "/") == 1:
			name := strings.TrimSuffix(strings.TrimPrefix(d.Page.Path, s.Prefix), "/")
			docs[name] = d.Doc
			pages = append(pages, name)
		}
	}
	n := &navigation{own: map[string][]NavItem{}, inside: map[string][]NavItem{}}
	var names []string
	for _, name := range slices.Concat(navSections, pages, []string{"search"}) {
		if d := docs[name]; d != nil {
			r := []rune(strings.ReplaceAll(name, "-", " "))
			r[0] = unicode.ToUpper(r[0])
			title := string(r)
			if w.Has("section." + name) {
				title = w.T("section." + name)
			}
			n.plain = append(n.plain, NavItem{Title: title, URL: s.Config.RelURL(d.Path)})
			names = append(names, name)
		}
	}
	for i, name := range names {
		n.own[name] = slices.Clone(n.plain)
		n.own[name][i].Current = "page"
		n.inside[name] = slices.Clone(n.plain)
		n.inside[name][i].Current = "true"
	}
	return n
}

// of returns the navigation as the page of d sees it, and a key that
// names that form of it: pages with the same key see the same navigation.
func (n *navigation) of(d *Data) ([]NavItem, string) {
	var own, inside string
	switch {
	case d.Section != nil && d.Pager.IsFirst():
		own = d.Section.Name
	case d.Section != nil:
		inside = d.Section.Name
	case d.Page != nil:
		if own = strings.TrimSuffix(d.Page.Path, "/"); n.own[own] == nil {
			own, inside = "", d.Page.Section
		}
	case d.Term != nil:
		inside = d.Term.Section
	}
	if nav := n.own[own]; nav != nil {
		return nav, "page:" + own
	}
	if nav := n.inside[inside]; nav != nil {
		return nav, "inside:" + inside
	}
	return n.plain, ""
}
