// The kinds of content file and how a file's place in content/ decides its
// kind.

package content

import (
	"path"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// Dir is the folder of the content files, relative to the site root.
const Dir = "content"

// Kind is what a content file describes.
type Kind uint8

// The kinds of content file.
const (
	Page Kind = iota
	Home
	Section
	Agreement
	Interview
	CountryTerm
	TopicTerm
	OrganisationTerm
	PersonTerm
)

// IsTerm reports whether files of kind k describe a country, topic,
// organisation or person rather than being pages of their own.
func (k Kind) IsTerm() bool { return k >= CountryTerm }

// Noun names the kind in messages.
func (k Kind) Noun() string {
	return [...]string{"a page", "the home page", "a section", "an agreement", "an interview",
		"a country", "a topic", "an organisation", "a person"}[k]
}

// termSections maps the folders of term files to their kinds.
var termSections = map[string]Kind{"countries": CountryTerm, "topics": TopicTerm, "organisations": OrganisationTerm,
	"people": PersonTerm}

// classify tells the kind of a file from where it lies in content/.
func classify(p string, errs *diag.List) (kind Kind, section, name string, bundle bool) {
	rel := strings.TrimPrefix(p, Dir+"/")
	parts := strings.Split(rel, "/")
	base, _ := splitLang(strings.TrimSuffix(parts[len(parts)-1], ".md"))
	name, bundle = base, base == "index" && len(parts) > 1
	if bundle {
		name = parts[len(parts)-2]
	}
	if len(parts) > 1 {
		section = parts[0]
	}
	switch {
	case len(parts) == 1 && base == "_index":
		return Home, "", "", false
	case base == "_index":
		if len(parts) > 2 && (section == "agreements" || section == "interviews" || termSections[section] != 0) {
			errs.Addf(diag.Pos{Path: p}, "sections inside %s/ are not supported: move the text to content/%s/_index.md", section, section)
		}
		return Section, section, path.Base(path.Dir(rel)), false
	case section == "agreements":
		return Agreement, section, name, bundle
	case section == "interviews":
		return Interview, section, name, bundle
	case termSections[section] != 0:
		if len(parts) != 2 {
			errs.Addf(diag.Pos{Path: p}, "expected content/%s/<slug>.md: a %s file cannot be in a subfolder", section, strings.TrimSuffix(section, "s"))
		}
		return termSections[section], section, name, false
	}
	return Page, section, name, bundle
}
