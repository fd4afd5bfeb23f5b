// config.yml: the CMS's settings and a form for each kind of content file,
// made from content.Fields.

package cms

import (
	"bytes"
	"cmp"
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/cooperation-kb/kb/generator/internal/config"
	"github.com/cooperation-kb/kb/generator/internal/content"
)

// A collection is one kind of content file as the CMS lists and edits it.
type collection struct {
	kind   content.Kind
	name   string // the folder below content/
	label  string
	single string // the label of one
	// identifier is the field the CMS names a new file after.
	identifier string
}

// collections are the kinds of content file the CMS edits, in the order
// of its menu. Pages are the files directly in content/, the home page's
// text among them; each section's text is in its folder's collection.
var collections = []collection{
	{content.Agreement, "agreements", "Agreements", "Agreement", "title"},
	{content.Interview, "interviews", "Interviews", "Interview", "title"},
	{content.CountryTerm, "countries", "Countries", "Country", "title"},
	{content.TopicTerm, "topics", "Topics", "Topic", "title"},
	{content.OrganisationTerm, "organisations", "Organisations", "Organisation", "title"},
	{content.PersonTerm, "people", "People", "Person", "name"},
	{content.Page, "", "Pages", "Page", "title"},
}

// cmsConfig is config.yml.
type cmsConfig struct {
	Backend      backend      `yaml:"backend"`
	LocalBackend any          `yaml:"local_backend"`
	SiteURL      string       `yaml:"site_url,omitempty"`
	MediaFolder  string       `yaml:"media_folder"`
	PublicFolder string       `yaml:"public_folder"`
	Slug         slugConfig   `yaml:"slug"`
	I18n         *i18nConfig  `yaml:"i18n,omitempty"`
	Collections  []collConfig `yaml:"collections"`
}

type backend struct {
	Name    string `yaml:"name"`
	Repo    string `yaml:"repo,omitempty"`
	Branch  string `yaml:"branch"`
	BaseURL string `yaml:"base_url,omitempty"`
}

type localBackend struct {
	URL string `yaml:"url"`
}

type slugConfig struct {
	Encoding     string `yaml:"encoding"`
	CleanAccents bool   `yaml:"clean_accents"`
}

type i18nConfig struct {
	Structure     string   `yaml:"structure"`
	Locales       []string `yaml:"locales"`
	DefaultLocale string   `yaml:"default_locale"`
}

type collConfig struct {
	Name            string   `yaml:"name"`
	Label           string   `yaml:"label"`
	LabelSingular   string   `yaml:"label_singular"`
	Folder          string   `yaml:"folder"`
	Extension       string   `yaml:"extension"`
	Format          string   `yaml:"format"`
	Create          bool     `yaml:"create"`
	IdentifierField string   `yaml:"identifier_field"`
	Slug            string   `yaml:"slug"`
	I18n            bool     `yaml:"i18n,omitempty"`
	Fields          []widget `yaml:"fields"`
}

// mediaFolder is where the CMS puts the images editors upload; a file of
// static/ is published at its path below static/, mediaPath.
const (
	mediaFolder = "static/media"
	mediaPath   = "media"
)

// configFile returns config.yml for a site with configuration cfg in the
// languages given, the first being the site's own. With several, every
// form has a pane for each language, and a translation is a file of its
// own beside the original, "name.hu.md", with the fields a translation
// gives (content.Field.Translated); kb-cms.js keeps the original's name
// without its language's code.
func configFile(cfg *config.Config, languages []string) ([]byte, error) {
	b := cfg.CMSBackend
	c := cmsConfig{
		Backend:      backend{Name: b.Name, Repo: b.Repo, Branch: b.Branch, BaseURL: b.AuthURL},
		LocalBackend: true,
		MediaFolder:  mediaFolder,
		PublicFolder: cfg.RelURL(mediaPath),
		// File names as the generator makes slugs: ASCII, no accents.
		Slug: slugConfig{Encoding: "ascii", CleanAccents: true},
	}
	if b.LocalURL != config.DefaultCMSLocalURL {
		c.LocalBackend = localBackend{URL: b.LocalURL}
	}
	if cfg.Absolute() {
		c.SiteURL = cfg.Base.String()
	}
	if len(languages) > 1 {
		c.I18n = &i18nConfig{Structure: "multiple_files", Locales: languages, DefaultLocale: languages[0]}
	}
	w := newWidgets()
	for _, col := range collections {
		folder := content.Dir
		if col.name != "" {
			folder += "/" + col.name
		}
		cc := collConfig{
			Name: cmp.Or(col.name, "pages"), Label: col.label, LabelSingular: col.single, Folder: folder,
			Extension: "md", Format: "frontmatter", Create: true, IdentifierField: col.identifier, Slug: "{{slug}}",
			I18n: c.I18n != nil,
		}
		for _, f := range content.Fields(col.kind) {
			cc.Fields = append(cc.Fields, w.field(f, col, c.I18n != nil))
		}
		cc.Fields = append(cc.Fields, w.body(c.I18n != nil))
		c.Collections = append(c.Collections, cc)
	}
	var out bytes.Buffer
	out.WriteString("# Made by the generator from the content model at every build: an edit here is lost\n# at the next build. See docs/cms.md.\n")
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(c); err != nil {
		return nil, fmt.Errorf("config.yml: %w", err)
	}
	return out.Bytes(), enc.Close()
}
