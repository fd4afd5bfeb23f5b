package content

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// kindPaths are a path of a file of each kind.
var kindPaths = map[Kind]string{
	Page: "content/about.md", Home: "content/_index.md", Section: "content/guides/_index.md",
	Agreement: "content/agreements/a.md", Interview: "content/interviews/i.md",
	CountryTerm: "content/countries/hungary.md", TopicTerm: "content/topics/t.md",
	OrganisationTerm: "content/organisations/o.md", PersonTerm: "content/people/p.md",
}

// TestFieldsAreTheModel: Fields names every field that Parse takes for
// each kind, with its type, and no other; the keys of mapping items are
// those Parse takes; and a field is Required exactly when leaving it out
// of a file that is otherwise complete is an error. A field added to the
// parser fails this test until the table, and so new and the CMS, know it.
func TestFieldsAreTheModel(t *testing.T) {
	itemTypes := map[fieldType]bool{partiesField: true, membersField: true, rolesField: true}
	for k, p := range kindPaths {
		t.Run(k.Noun(), func(t *testing.T) {
			fields := Fields(k)
			table := map[string]string{}
			for _, f := range fields {
				if _, dup := table[f.Name]; dup {
					t.Errorf("field %q listed twice", f.Name)
				}
				table[f.Name] = f.Type.String()
			}
			parsed := map[string]string{}
			for name, typ := range fieldsOf(k) {
				parsed[name] = map[fieldType]string{stringField: "string", listField: "list", dateField: "date",
					boolField: "bool", partiesField: "list", membersField: "list", rolesField: "list"}[typ]
			}
			if !maps.Equal(table, parsed) {
				t.Errorf("Fields(%s) = %v, Parse takes %v", k.Noun(), table, parsed)
			}
			for _, f := range fields {
				typ := fieldsOf(k)[f.Name]
				if itemTypes[typ] != (f.Keys != nil) {
					t.Errorf("%s: Keys %v, but its items are mappings: %v", f.Name, f.Keys, itemTypes[typ])
				}
				if f.Keys != nil {
					checkKeys(t, f, typ)
				}
				isFact := slices.ContainsFunc(facts, func(fact struct {
					name  string
					field func(*Meta) any
				}) bool {
					return fact.name == f.Name
				})
				if f.Translated == isFact {
					t.Errorf("%s: Translated %v, but a translation takes it from the file it translates: %v", f.Name, f.Translated, isFact)
				}
				if f.Name == "status" && !slices.Equal(f.Values, Statuses) {
					t.Errorf("status: Values %v, want Statuses %v", f.Values, Statuses)
				}
			}
			checkRequired(t, p, fields)
		})
	}
}

// checkKeys compares the keys of the mapping items of f with those Parse
// takes, and their required key with the one Parse requires.
func checkKeys(t *testing.T, f Field, typ fieldType) {
	t.Helper()
	keys := map[string]string{}
	for _, key := range f.Keys {
		keys[key.Name] = key.Type.String()
		if want := key.Name == "name" || typ == rolesField && key.Name == "role"; key.Required != want {
			t.Errorf("%s.%s: Required %v, Parse requires it: %v", f.Name, key.Name, key.Required, want)
		}
	}
	parsed := map[string]string{}
	for name, kt := range entryFields[typ] {
		parsed[name] = map[fieldType]string{stringField: "string", dateField: "date"}[kt]
	}
	if !maps.Equal(keys, parsed) {
		t.Errorf("%s: Keys %v, Parse takes %v", f.Name, keys, parsed)
	}
	if f.NameAlone == (typ == rolesField) {
		t.Errorf("%s: NameAlone %v, but Parse takes names alone: %v", f.Name, f.NameAlone, typ != rolesField)
	}
}

// checkRequired parses a file of every field of fields, which must have
// no error, and the same file without each field in turn, which must
// report that field missing if and only if it is Required.
func checkRequired(t *testing.T, p string, fields []Field) {
	t.Helper()
	file := func(without string) string {
		var b strings.Builder
		b.WriteString("---\n")
		for _, f := range fields {
			if f.Name != without {
				fmt.Fprintf(&b, "%s: %s\n", f.Name, sample(f))
			}
		}
		return b.String() + "---\n\nText.\n"
	}
	if _, err := Parse(p, []byte(file(""))); err != nil {
		t.Fatalf("a file with every field:\n%s\n%v", file(""), err)
	}
	for _, f := range fields {
		_, err := Parse(p, []byte(file(f.Name)))
		missing := err != nil && strings.Contains(err.Error(), "missing") && strings.Contains(err.Error(), `"`+f.Name+`"`)
		if missing != f.Required {
			t.Errorf("without %s: error %v; Required is %v", f.Name, err, f.Required)
		}
		for _, key := range f.Keys {
			_, err := Parse(p, []byte(strings.Replace(file(""), sampleItem(f, ""), sampleItem(f, key.Name), 1)))
			missing := err != nil && strings.Contains(err.Error(), `missing "`+key.Name+`"`)
			if missing != key.Required {
				t.Errorf("an item of %s without %s: error %v; Required is %v", f.Name, key.Name, err, key.Required)
			}
		}
	}
}

// sample is a valid value of f, in YAML.
func sample(f Field) string {
	switch {
	case f.Keys != nil:
		return "[" + sampleItem(f, "") + "]"
	case f.Values != nil:
		return f.Values[0]
	case f.Type == TypeDate:
		return "2024-11-06"
	case f.Type == TypeBool:
		return "false"
	case f.Form == URL && f.Type == TypeList:
		return `["https://example.org/"]`
	case f.Form == URL:
		return "https://example.org/"
	case f.Form == Slug:
		return "some-slug"
	case f.Form == LanguageTag:
		return "es"
	case f.Type == TypeList:
		return `["Hungary"]`
	}
	return "Hungary"
}

// sampleItem is a mapping item of f with every key but without.
func sampleItem(f Field, without string) string {
	var keys []string
	for _, key := range f.Keys {
		if key.Name != without {
			keys = append(keys, key.Name+": "+sample(key))
		}
	}
	return "{" + strings.Join(keys, ", ") + "}"
}
