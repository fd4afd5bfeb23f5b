package content

import (
	"slices"
	"strings"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// TestParseFields checks what a valid file decodes to, whatever its format.
func TestParseFields(t *testing.T) {
	for _, tc := range []struct{ name, src string }{
		{"yaml", "---\ntitle: \" The title \"\nsigned: 2024-11-06\nplace: Budapest\nstatus: in-force\ncountries:\n  - Hungary\n  - Türkiye\ntopics: [Digitalisation]\nsource: https://example.org/a\n---\n\nFirst line.\n"},
		{"toml", "+++\ntitle = \" The title \"\nsigned = 2024-11-06\nplace = \"Budapest\"\nstatus = \"in-force\"\ncountries = [\"Hungary\", \"Türkiye\"]\ntopics = [\"Digitalisation\"]\nsource = \"https://example.org/a\"\n+++\n\nFirst line.\n"},
		{"json", "{\n\"title\": \" The title \",\n\"signed\": \"2024-11-06\",\n\"place\": \"Budapest\",\n\"status\": \"in-force\",\n\"countries\": [\"Hungary\", \"Türkiye\"],\n\"topics\": [\"Digitalisation\"],\n\"source\": \"https://example.org/a\"\n}\n\nFirst line.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse(agreementPath, []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			m := f.Meta
			if f.Kind != Agreement || f.Section != "agreements" || f.Name != "x" || f.Bundle {
				t.Errorf("kind, section, name, bundle = %v, %q, %q, %v", f.Kind, f.Section, f.Name, f.Bundle)
			}
			if m.Title != "The title" || m.Place != "Budapest" || m.Status != "in-force" || m.Source != "https://example.org/a" {
				t.Errorf("title, place, status, source = %q, %q, %q, %q", m.Title, m.Place, m.Status, m.Source)
			}
			if m.Signed.ISO() != "2024-11-06" || m.Signed.Precision != Day {
				t.Errorf("signed = %s (precision %d), want 2024-11-06 (day)", m.Signed.ISO(), m.Signed.Precision)
			}
			var countries []string
			for _, c := range m.Countries {
				countries = append(countries, c.Text)
				if c.Pos.Path != agreementPath || c.Pos.Line < 2 {
					t.Errorf("country %q at %v", c.Text, c.Pos)
				}
			}
			if !slices.Equal(countries, []string{"Hungary", "Türkiye"}) || len(m.Topics) != 1 || m.Topics[0].Text != "Digitalisation" {
				t.Errorf("countries %q, topics %v", countries, m.Topics)
			}
			if got := m.Fields["place"]; got.Line != 4 {
				t.Errorf("place given at %v, want line 4", got)
			}
			lines := strings.Split(tc.src, "\n")
			if f.BodyLine < 1 || f.BodyLine > len(lines) {
				t.Fatalf("BodyLine = %d", f.BodyLine)
			}
			if got := strings.Split(string(f.Body), "\n")[0]; lines[f.BodyLine-1] != got {
				t.Errorf("line %d of the file is %q, but the body starts with %q", f.BodyLine, lines[f.BodyLine-1], got)
			}
		})
	}
}

// TestParseItemPositions checks that each list item keeps its own line, so
// that an unknown country is reported where it was written.
func TestParseItemPositions(t *testing.T) {
	f, err := Parse(agreementPath, []byte("---\ntitle: X\nsigned: 2024\ncountries:\n  - Hungary\n  - \"HU\"\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []diag.Pos{{Path: agreementPath, Line: 5, Col: 5}, {Path: agreementPath, Line: 6, Col: 5}}
	for i, it := range f.Meta.Countries {
		if it.Pos != want[i] {
			t.Errorf("country %q at %v, want %v", it.Text, it.Pos, want[i])
		}
	}
}

// TestWrongValueNotReportedMissing: a required field given with a wrong
// type or an invalid value is reported once, for its value, and not also
// as missing.
func TestWrongValueNotReportedMissing(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"---\ntitle: [a, b]\nsigned: 2024\n---\n",
			"content/agreements/x.md:2:8: title: expected a string, got a list"},
		{"---\ntitle: X\nsigned: 2024-13\n---\n",
			`content/agreements/x.md:3:9: signed: invalid date "2024-13": there is no month 13`},
	} {
		_, err := Parse(agreementPath, []byte(tc.src))
		if err == nil || err.Error() != tc.want {
			t.Errorf("Parse(%q) errors:\n%v\nwant only:\n%s", tc.src, err, tc.want)
		}
	}
}
