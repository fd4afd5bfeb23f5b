package content

import "testing"

func TestParseKinds(t *testing.T) {
	for _, tc := range []struct {
		path    string
		kind    Kind
		section string
		name    string
		bundle  bool
	}{
		{"content/_index.md", Home, "", "", false},
		{"content/agreements/_index.md", Section, "agreements", "agreements", false},
		{"content/agreements/a.md", Agreement, "agreements", "a", false},
		{"content/agreements/a/index.md", Agreement, "agreements", "a", true},
		{"content/interviews/b.md", Interview, "interviews", "b", false},
		{"content/countries/hungary.md", CountryTerm, "countries", "hungary", false},
		{"content/topics/t.md", TopicTerm, "topics", "t", false},
		{"content/organisations/o.md", OrganisationTerm, "organisations", "o", false},
		{"content/about.md", Page, "", "about", false},
		{"content/guides/how/index.md", Page, "guides", "how", true},
	} {
		f, _ := Parse(tc.path, []byte("---\ntitle: X\nsigned: 2024\ndate: 2024-01-01\n---\n"))
		if f == nil {
			t.Errorf("%s: no file", tc.path)
			continue
		}
		if f.Kind != tc.kind || f.Section != tc.section || f.Name != tc.name || f.Bundle != tc.bundle {
			t.Errorf("%s: kind %v section %q name %q bundle %v, want %v %q %q %v",
				tc.path, f.Kind, f.Section, f.Name, f.Bundle, tc.kind, tc.section, tc.name, tc.bundle)
		}
	}
}
