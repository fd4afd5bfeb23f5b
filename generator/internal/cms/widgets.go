// The form of each front-matter field: the CMS widget for its type, what
// it names and its form of text.

package cms

import (
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/country"
)

// widget is a field of a form in config.yml.
type widget struct {
	Name  string `yaml:"name"`
	Label string `yaml:"label"`
	// LabelSingular names an item of a list, as on its "Add" button.
	LabelSingular string `yaml:"label_singular,omitempty"`
	Widget        string `yaml:"widget"`
	Required      bool   `yaml:"required"`
	Hint          string `yaml:"hint,omitempty"`
	// I18n is set when a translation has a value of its own; without it
	// the original's stands for it.
	I18n bool `yaml:"i18n,omitempty"`

	// select
	Options  any  `yaml:"options,omitempty"`
	Multiple bool `yaml:"multiple,omitempty"`

	// relation
	Collection    string   `yaml:"collection,omitempty"`
	SearchFields  []string `yaml:"search_fields,omitempty"`
	ValueField    string   `yaml:"value_field,omitempty"`
	DisplayFields []string `yaml:"display_fields,omitempty"`

	// string, text and list
	Pattern []string `yaml:"pattern,omitempty"`

	// list, and the entries widget of kb-cms.js, whose items may be names
	// alone: their keys are item_fields rather than fields, which the CMS
	// would expect every item to be a mapping of.
	Fields     []widget `yaml:"fields,omitempty"`
	ItemFields []widget `yaml:"item_fields,omitempty"`

	// markdown
	Modes           []string `yaml:"modes,omitempty"`
	SanitizePreview bool     `yaml:"sanitize_preview,omitempty"`
}

// entriesWidget is the widget of kb-cms.js, not Decap's: a list whose
// items are each a name or a mapping.
const entriesWidget = "entries"

// datePattern is a date as content.ParseDate reads it: a year, a month, a
// day, or an instant.
var datePattern = []string{`^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?| \d{2}:\d{2}:\d{2}(\.\d+)?)?)?)?$`,
	"a date such as 2024-11-06, or 2024-11 or 2024 when only that is known"}

// widgets makes the widgets of config.yml. The options of a choice of
// countries are written once, and named by the other fields that offer
// them.
type widgets struct {
	countries *yaml.Node
	named     bool
}

func newWidgets() *widgets {
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, c := range country.Default().All() {
		label := c.Name
		if c.Ended != 0 {
			label += " (until " + strconv.Itoa(c.Ended) + ")"
		}
		seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle, Content: []*yaml.Node{
			str("label"), str(label), str("value"), str(c.Name),
		}})
	}
	return &widgets{countries: seq}
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// countryOptions returns the options of a choice of countries: the list
// itself the first time, anchored, and an alias of it after that.
func (w *widgets) countryOptions() *yaml.Node {
	if !w.named {
		w.named = true
		w.countries.Anchor = "countries"
		return w.countries
	}
	return &yaml.Node{Kind: yaml.AliasNode, Alias: w.countries, Value: "countries"}
}

// field returns the widget of the field f of collection col.
func (w *widgets) field(f content.Field, col collection, i18n bool) widget {
	out := w.widget(f)
	// The CMS names a new file after its identifier, which it so needs.
	out.Required = f.Required || f.Name == col.identifier
	out.I18n = i18n && f.Translated
	return out
}

// widget returns the widget of f, required or not as f is.
func (w *widgets) widget(f content.Field) widget {
	out := widget{Name: f.Name, Label: label(f.Name), Widget: "string", Required: f.Required, Hint: hint(f)}
	switch {
	case f.Ignored:
		// Kept as it is, and not shown.
		out.Widget, out.Hint = "hidden", ""
	case f.Type == content.TypeDate:
		// Text, not Decap's datetime widget: a date may be known to the
		// year or the month only, which that widget cannot hold, and it
		// rewrites the year while it is typed.
		out.Pattern = datePattern
		out.Hint += " (YYYY-MM-DD)"
	case f.Type == content.TypeBool:
		out.Widget = "boolean"
	case f.Keys != nil:
		var keys []widget
		for _, k := range f.Keys {
			keys = append(keys, w.widget(k))
		}
		out.Widget, out.Fields, out.LabelSingular = "list", keys, singular(f.Name)
		if f.NameAlone {
			out.Widget, out.Fields, out.ItemFields = entriesWidget, nil, keys
		}
	case f.Values != nil:
		out.Widget, out.Options = "select", f.Values
	case f.Names == content.RefCountry:
		out.Widget, out.Options, out.Multiple = "select", w.countryOptions(), f.Type == content.TypeList
	case f.Names == content.RefTopic, f.Names == content.RefOrganisation, f.Names == content.RefAgreement:
		out.Widget, out.Multiple = "relation", f.Type == content.TypeList
		out.Collection = map[content.Ref]string{content.RefTopic: "topics", content.RefOrganisation: "organisations",
			content.RefAgreement: "agreements"}[f.Names]
		// By the file's name, which is the slug a reference names.
		out.ValueField, out.SearchFields, out.DisplayFields = "{{slug}}", []string{"title"}, []string{"title"}
	case f.Type == content.TypeList:
		// Items separated by commas.
		out.Widget = "list"
	case f.Form == content.Paragraph:
		out.Widget = "text"
	}
	switch f.Form {
	case content.URL:
		if f.Type == content.TypeString {
			out.Pattern = []string{`^https?://\S+$`, "an address starting with https:// or http://"}
		}
	case content.Slug:
		if out.Widget == "string" {
			out.Pattern = []string{`^[a-z0-9]+(-[a-z0-9]+)*$`, "lower-case letters and digits in words joined by single hyphens"}
		}
	case content.LanguageTag:
		out.Pattern = []string{`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`, "a language code such as es or pt-BR"}
	}
	return out
}

// body is the widget of the Markdown text below the front matter. It has
// no rich-text mode: that editor writes the whole text again in its own
// Markdown on every change, with "[[" escaped, so that every wiki link
// would become text.
func (w *widgets) body(i18n bool) widget {
	out := widget{Name: "body", Label: "Text", Widget: "markdown", Modes: []string{"raw"},
		SanitizePreview: true, Hint: "Markdown; a link to another page is [[slug|text]]"}
	out.I18n = i18n
	return out
}

// label makes a field's name a label: "part-of" is "Part of", "sameAs"
// "Same as".
func label(name string) string {
	var b strings.Builder
	for i, r := range name {
		switch {
		case i == 0:
			b.WriteRune(unicode.ToUpper(r))
		case r == '-':
			b.WriteByte(' ')
		case unicode.IsUpper(r):
			b.WriteByte(' ')
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// singular is the name of one item of the list name: "party" of
// "parties".
func singular(name string) string {
	if s, ok := strings.CutSuffix(name, "ies"); ok {
		return s + "y"
	}
	return strings.TrimSuffix(name, "s")
}

// hint is the help a form shows under a field: what new writes beside it.
func hint(f content.Field) string {
	return strings.ToUpper(f.Doc[:1]) + f.Doc[1:]
}
