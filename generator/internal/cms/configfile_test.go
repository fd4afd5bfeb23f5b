package cms

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"github.com/cooperation-kb/kb/generator/internal/config"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/country"
)

// readConfig makes config.yml for cfg in languages and reads it back as
// the CMS does, anchors and all.
func readConfig(t *testing.T, cfg *config.Config, languages []string) map[string]any {
	t.Helper()
	src, err := configFile(cfg, languages)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := yaml.Unmarshal(src, &out); err != nil {
		t.Fatalf("config.yml does not parse: %v\n%s", err, src)
	}
	return out
}

func list(v any) []map[string]any {
	var out []map[string]any
	for _, x := range v.([]any) {
		out = append(out, x.(map[string]any))
	}
	return out
}

// TestConfigIsTheModel: config.yml has a collection for every kind of
// content file, in its folder, and each collection's form has a field
// for every field of its kind (content.Fields) and no other but the text,
// with the widget of its type, required as the model requires it, its
// values, what it names and its description as hint. content's
// TestFieldsAreTheModel holds content.Fields to what the generator
// parses: together they fail when a field is added to the parser without
// the CMS knowing it.
func TestConfigIsTheModel(t *testing.T) {
	c := readConfig(t, config.Default(), []string{"en"})
	folders := map[string]content.Kind{
		"content/agreements": content.Agreement, "content/interviews": content.Interview,
		"content/countries": content.CountryTerm, "content/topics": content.TopicTerm,
		"content/organisations": content.OrganisationTerm, "content/people": content.PersonTerm,
		"content": content.Page,
	}
	cols := list(c["collections"])
	if len(cols) != len(folders) {
		t.Errorf("%d collections, want one for each of %d folders", len(cols), len(folders))
	}
	names := map[string]bool{}
	for _, col := range cols {
		names[col["name"].(string)] = true
	}
	for _, col := range cols {
		folder := col["folder"].(string)
		kind, ok := folders[folder]
		if !ok {
			t.Errorf("collection %s of folder %s, which holds no kind of content file", col["name"], folder)
			continue
		}
		delete(folders, folder)
		t.Run(col["name"].(string), func(t *testing.T) {
			if col["create"] != true || col["extension"] != "md" {
				t.Errorf("create %v, extension %v; want true, md", col["create"], col["extension"])
			}
			fields := list(col["fields"])
			want := content.Fields(kind)
			if len(fields) != len(want)+1 || fields[len(fields)-1]["name"] != "body" {
				var got []string
				for _, f := range fields {
					got = append(got, f["name"].(string))
				}
				t.Fatalf("fields %v, want those of content.Fields and body", got)
			}
			identifier := col["identifier_field"].(string)
			for i, f := range want {
				checkWidget(t, f, fields[i], f.Required || f.Name == identifier, names)
			}
		})
	}
	for folder := range folders {
		t.Errorf("no collection for %s", folder)
	}
}

// checkWidget compares the widget w of config.yml with the field f of the
// model.
func checkWidget(t *testing.T, f content.Field, w map[string]any, required bool, collections map[string]bool) {
	t.Helper()
	if w["name"] != f.Name {
		t.Errorf("field %q in the place of %q", w["name"], f.Name)
		return
	}
	if w["required"] != required {
		t.Errorf("%s: required %v, want %v", f.Name, w["required"], required)
	}
	widget := w["widget"].(string)
	if !f.Ignored && !strings.HasPrefix(w["hint"].(string), strings.ToUpper(f.Doc[:1])+f.Doc[1:]) {
		t.Errorf("%s: hint %q, want the description %q", f.Name, w["hint"], f.Doc)
	}
	ok, multiple := true, w["multiple"] == true
	switch {
	case f.Ignored:
		ok = widget == "hidden"
	case f.Type == content.TypeBool:
		ok = widget == "boolean"
	case f.Type == content.TypeDate:
		ok = widget == "string" && matchesDates(t, w)
	case f.Keys != nil:
		items := w["fields"]
		if f.NameAlone {
			ok, items = widget == "entries", w["item_fields"]
		} else {
			ok = widget == "list"
		}
		if ok {
			keys := list(items)
			if len(keys) != len(f.Keys) {
				t.Fatalf("%s: %d keys, want %d", f.Name, len(keys), len(f.Keys))
			}
			for i, k := range f.Keys {
				checkWidget(t, k, keys[i], k.Required, collections)
			}
		}
	case f.Values != nil:
		var options []string
		for _, o := range w["options"].([]any) {
			options = append(options, o.(string))
		}
		ok = widget == "select" && slices.Equal(options, f.Values)
	case f.Names == content.RefCountry:
		ok = widget == "select" && multiple == (f.Type == content.TypeList) && offersCountries(t, w)
	case f.Names == content.RefTopic, f.Names == content.RefOrganisation, f.Names == content.RefAgreement:
		ok = widget == "relation" && collections[w["collection"].(string)] && w["value_field"] == "{{slug}}" &&
			multiple == (f.Type == content.TypeList)
	case f.Type == content.TypeList:
		ok = widget == "list"
	case f.Form == content.Paragraph:
		ok = widget == "text"
	default:
		ok = widget == "string" || widget == "select"
	}
	if !ok {
		t.Errorf("%s (%s, names %d, form %d): widget %+v", f.Name, f.Type, f.Names, f.Form, w)
	}
}

// matchesDates reports whether the pattern of a date widget takes exactly
// the dates content.ParseDate takes, of those below.
func matchesDates(t *testing.T, w map[string]any) bool {
	t.Helper()
	re := regexp.MustCompile(w["pattern"].([]any)[0].(string))
	for _, s := range []string{"2024", "2024-11", "2024-11-06", "2024-11-06T10:30:00Z", "2024-11-06T10:30:00.5+02:00",
		"2024-11-06T10:30:00", "2024-11-06 10:30:00", "24", "2024-1", "2024/11/06", "6 November 2024",
		"2024-11-06T10:30", "2024-11-06 10:30:00Z", "2024-11-06T10:30:00+0200"} {
		_, err := content.ParseDate(s)
		if re.MatchString(s) != (err == nil) {
			t.Errorf("the date pattern takes %q: %v; ParseDate: %v", s, re.MatchString(s), err)
			return false
		}
	}
	return true
}

// offersCountries reports whether a choice of countries offers every
// country of the registry by its name.
func offersCountries(t *testing.T, w map[string]any) bool {
	t.Helper()
	options := w["options"].([]any)
	all := country.Default().All()
	if len(options) != len(all) {
		t.Errorf("%d countries offered, the registry has %d", len(options), len(all))
		return false
	}
	for i, c := range all {
		if o := options[i].(map[string]any); o["value"] != c.Name {
			t.Errorf("option %d is %v, want %s", i, o, c.Name)
			return false
		}
	}
	return true
}

// TestConfigSettings: the backend of config.toml, the local backend, the
// media folder under the base URL's path, and a tab for each language of
// a site that has several, where a translation has its own text and takes
// the facts of the original.
func TestConfigSettings(t *testing.T) {
	cfg, err := config.Parse([]byte(`cms = true
baseURL = "https://example.org/kb/"
[cmsBackend]
name = "github"
repo = "cooperation-kb/kb"
branch = "content"
authURL = "https://auth.example.org"
`), config.Default())
	if err != nil {
		t.Fatal(err)
	}
	c := readConfig(t, cfg, []string{"en"})
	want := map[string]any{"name": "github", "repo": "cooperation-kb/kb", "branch": "content", "base_url": "https://auth.example.org"}
	if got := c["backend"].(map[string]any); !mapsEqual(got, want) {
		t.Errorf("backend %v, want %v", got, want)
	}
	if c["local_backend"] != true || c["site_url"] != "https://example.org/kb/" || c["media_folder"] != "static/media" ||
		c["public_folder"] != "/kb/media" || c["i18n"] != nil {
		t.Errorf("local_backend %v, site_url %v, media_folder %v, public_folder %v, i18n %v",
			c["local_backend"], c["site_url"], c["media_folder"], c["public_folder"], c["i18n"])
	}

	cfg.CMSBackend.LocalURL = "http://127.0.0.1:9000/api/v1"
	c = readConfig(t, cfg, []string{"en", "hu"})
	if got := c["local_backend"].(map[string]any); got["url"] != "http://127.0.0.1:9000/api/v1" {
		t.Errorf("local_backend %v, want the url of localURL", got)
	}
	i18n := c["i18n"].(map[string]any)
	if i18n["structure"] != "multiple_files" || i18n["default_locale"] != "en" || len(i18n["locales"].([]any)) != 2 {
		t.Errorf("i18n %v, want multiple_files in en and hu", i18n)
	}
	for _, col := range list(c["collections"]) {
		kind := content.Page
		for _, cc := range collections {
			if cmpName(cc) == col["name"] {
				kind = cc.kind
			}
		}
		fields := list(col["fields"])
		for i, f := range content.Fields(kind) {
			var want any
			if f.Translated {
				want = true
			}
			if fields[i]["i18n"] != want {
				t.Errorf("%s.%s: i18n %v, want %v", col["name"], f.Name, fields[i]["i18n"], want)
			}
		}
		if col["i18n"] != true || fields[len(fields)-1]["i18n"] != true {
			t.Errorf("%s: i18n %v, its text's %v; want true", col["name"], col["i18n"], fields[len(fields)-1]["i18n"])
		}
	}
}

func cmpName(c collection) string {
	if c.name == "" {
		return "pages"
	}
	return c.name
}

func mapsEqual(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// decapSlug is the name Decap CMS gives the file of a new entry titled
// title, with config.yml's slug settings (ascii, clean_accents): a copy of
// its prepareSlug and sanitizeSlug.
func decapSlug(title string) string {
	s := strings.ToLower(strings.TrimSpace(title))
	s = strings.ReplaceAll(strings.ReplaceAll(s, "'", ""), ".", "-")
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	s = regexp.MustCompile(`[^\w\-.~]`).ReplaceAllString(b.String(), "-")
	return strings.Trim(regexp.MustCompile(`-+`).ReplaceAllString(s, "-"), "-")
}

// TestCountryFileNames: a country's file, which the CMS names after the
// name chosen as its title, is named by the country's slug, as the
// generator requires.
func TestCountryFileNames(t *testing.T) {
	for _, c := range country.Default().All() {
		if s := decapSlug(c.Name); s != c.Slug {
			t.Errorf("the CMS names the file of %s %s.md; the generator wants %s.md", c.Name, s, c.Slug)
		}
	}
}
