package content

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/diag"
)

const agreementPath = "content/agreements/x.md"

// parseCases are files that Parse accepts or refuses, with every error it
// must report, one "path:line:col: message" per line in sorted order. They
// also seed FuzzParse.
var parseCases = []struct {
	name string
	path string // agreementPath when empty
	src  string
	want string // the errors; "" for a valid file
}{
	// Valid files in each front-matter format.
	{name: "yaml", src: "---\ntitle: X\nsigned: 2024-11-06\ncountries: [Hungary, HU]\n---\nbody\n"},
	{name: "toml", src: "+++\ntitle = \"X\"\nsigned = 2024-11-06\ncountries = [\"Hungary\"]\n+++\nbody\n"},
	{name: "json object", src: "{\n  \"title\": \"X\",\n  \"signed\": \"2024-11-06\"\n}\n\nbody\n"},
	{name: "json between ;;;", src: ";;;\n{\"title\": \"X\", \"signed\": \"2024-11-06\"}\n;;;\nbody\n"},
	{name: "only front matter", src: "---\ntitle: X\nsigned: 2024\n---"},
	{name: "bom and crlf", src: "\xef\xbb\xbf---\r\ntitle: X\r\nsigned: 2024-11\r\n---\r\n\r\nbody\r\n"},
	{name: "planned without signed", src: "---\ntitle: X\nstatus: planned\n---\n"},
	{name: "signed year only", src: "---\ntitle: X\nsigned: \"2022\"\n---\n"},
	{name: "signed year and month", src: "---\ntitle: X\nsigned: 2024-11\n---\n"},
	{name: "empty home page", path: "content/_index.md", src: ""},
	{name: "interview", path: "content/interviews/x.md", src: "---\ntitle: X\ndate: 2025-01-02\nagreements: [a]\n---\n"},

	// Syntax.
	{name: "unclosed yaml", src: "---\ntitle: X\n",
		want: `content/agreements/x.md:1:1: front matter opened with "---" is never closed (expected a line "---")`},
	{name: "unclosed toml", src: "\n+++\ntitle = \"X\"\n",
		want: `content/agreements/x.md:2:1: front matter opened with "+++" is never closed (expected a line "+++")`},
	// yaml.v3 reports the line of a syntax error but not its column; the
	// column is found where the cause is clear.
	{name: "invalid yaml", src: "---\ntitle: X\nsigned: 2024: 5\n---\n",
		want: `content/agreements/x.md:3:13: invalid YAML: a ": " inside a value that is not quoted (put the value in quotes)`},
	{name: "colon in a title", src: "---\ntitle: Hungary: a story\nsigned: 2024\n---\n",
		want: `content/agreements/x.md:2:15: invalid YAML: a ": " inside a value that is not quoted (put the value in quotes)`},
	{name: "unclosed yaml string", src: "---\ntitle: X\nsigned: \"2024\n---\n",
		want: `content/agreements/x.md:3:9: invalid YAML: this quoted string is never closed (expected a closing ")`},
	{name: "unclosed single-quoted yaml string", src: "---\ntitle: 'It''s\nsigned: 2024\n---\n",
		want: "content/agreements/x.md:2:8: invalid YAML: this quoted string is never closed (expected a closing ')"},
	{name: "tab in yaml", src: "---\ntitle: X\n\tsigned: 2024\n---\n",
		want: "content/agreements/x.md:3:1: invalid YAML: a tab in the indentation (YAML indents with spaces only)"},
	{name: "tab in a yaml list", src: "---\ntitle: \"X\"\nsigned: 2024\ncountries:\n  \t- Hungary\n---\n",
		want: "content/agreements/x.md:5:3: invalid YAML: a tab in the indentation (YAML indents with spaces only)"},
	{name: "invalid toml", src: "+++\ntitle = \"X\"\nsigned = \n+++\n",
		want: `content/agreements/x.md:3:10: invalid TOML: expected value but found '\n' instead`},
	{name: "invalid toml table name", src: "+++\n[\n\n+++\n",
		want: `content/agreements/x.md:2:2: invalid TOML: expected '.' or ']' to end table name, but got '\n' instead`},
	{name: "invalid json", src: "{\n  \"title\": \"X\",\n}\n",
		want: "content/agreements/x.md:3:1: invalid JSON: invalid character '}' looking for beginning of object key string"},
	{name: "invalid json between ;;;", src: ";;;\n{\"title\": 1 2}\n;;;\n",
		want: "content/agreements/x.md:2:13: invalid JSON: invalid character '2' after object key:value pair"},
	// Found by fuzzing: Markdown and YAML end a line at a CR alone, and
	// yaml.v3 also at U+0085, U+2028 and U+2029, which editors show
	// inside a line. Errors after them are on the file's own lines.
	{name: "cr line ends", src: "---\rtitle: X\rsigned: 2024\rcolour: red\r---\rbody\r",
		want: `content/agreements/x.md:4:1: unknown field "colour" for an agreement (expected one of countries, date, draft, effective, organisations, parties, place, signed, slug, source, status, summary, title, topics)`},
	{name: "yaml line separator in a value", src: "---\ntitle: \"A\u2028B\"\nsigned: 2024\ncolour: red\n---\n",
		want: `content/agreements/x.md:4:1: unknown field "colour" for an agreement (expected one of countries, date, draft, effective, organisations, parties, place, signed, slug, source, status, summary, title, topics)`},
	{name: "yaml next line inside a line", src: "---\ntitle: X\nsigned: 2024\u0085colour: red\n---\n",
		want: `content/agreements/x.md:3:14: unknown field "colour" for an agreement (expected one of countries, date, draft, effective, organisations, parties, place, signed, slug, source, status, summary, title, topics)`},
	{name: "yaml syntax error after a paragraph separator", src: "---\ntitle: X\u2029signed: 2024: 5\n---\n",
		want: "content/agreements/x.md:2: invalid YAML: mapping values are not allowed in this context"},
	{name: "yaml list", src: "---\n- a\n---\n",
		want: `content/agreements/x.md:2:1: front matter must be a mapping of fields such as "title: ..."`},
	{name: "duplicate yaml key", src: "---\ntitle: X\nsigned: 2024\ntitle: Y\n---\n",
		want: `content/agreements/x.md:4:1: duplicate field "title" (first given on line 2)`},
	{name: "duplicate toml key", src: "+++\ntitle = \"X\"\nsigned = 2024\n  title = \"Y\"\n+++\n",
		want: `content/agreements/x.md:4:3: duplicate field "title" (first given on line 2)`},
	{name: "duplicate json key", src: "{\n  \"title\": \"X\",\n  \"title\": \"Y\"\n}\n",
		want: `content/agreements/x.md:3:3: duplicate field "title" (first given on line 2)`},
	{name: "empty file", src: "",
		want: "content/agreements/x.md:1:1: empty file: expected front matter with at least a title"},
	{name: "blank file", src: " \n\n",
		want: "content/agreements/x.md:1:1: empty file: expected front matter with at least a title"},
	{name: "no front matter", src: "just text\n",
		want: `content/agreements/x.md:1:1: no front matter: expected a block starting with "---" and a title`},
	{name: "invalid utf-8", src: "---\ntitle: X\nsigned: 2024\n---\nab\xffc\n",
		want: "content/agreements/x.md:5:3: invalid UTF-8: save the file as UTF-8"},
	{name: "invalid utf-8 in front matter", src: "---\ntitle: \xe9t\xe9\n---\n",
		want: "content/agreements/x.md:2:8: invalid UTF-8: save the file as UTF-8"},
	{name: "nul byte", src: "---\ntitle: X\nsigned: 2024\n---\nab\x00c\n",
		want: "content/agreements/x.md:5:3: NUL byte: this looks like a binary file, not Markdown"},

	{name: "nested lists", src: "---\ntitle: X\nsigned: 2024\n---\nIntro.\n\n" + strings.Repeat("- ", 10000) + "deep\n",
		want: "content/agreements/x.md:7:201: lists and block quotes nested 10000 levels deep: at most 100 are allowed"},
	{name: "nested quotes and lists", src: "---\ntitle: X\nsigned: 2024\n---\n" + strings.Repeat(">", 60) + " " + strings.Repeat("1. ", 60) + "deep\n",
		want: "content/agreements/x.md:5:182: lists and block quotes nested 120 levels deep: at most 100 are allowed"},
	{name: "nesting at the limit", src: "---\ntitle: X\nsigned: 2024\n---\n" + strings.Repeat("> ", 50) + strings.Repeat("+ ", 50) + "x\n"},
	{name: "a long thematic break", src: "---\ntitle: X\nsigned: 2024\n---\n" + strings.Repeat("- ", 500) + "\n"},
	{name: "markers without space", src: "---\ntitle: X\nsigned: 2024\n---\n" + strings.Repeat("-", 500) + "x " + strings.Repeat("1.", 500) + "\n"},

	// Fields.
	// A title given as a list: see TestWrongValueNotReportedMissing.
	{name: "summary list", src: "---\ntitle: X\nsigned: 2024\nsummary: [a, b]\n---\n",
		want: "content/agreements/x.md:4:10: summary: expected a string, got a list"},
	{name: "countries string", src: "---\ntitle: X\nsigned: 2024\ncountries: Hungary\n---\n",
		want: `content/agreements/x.md:4:12: countries: expected a list such as ["a", "b"], got a string`},
	{name: "unknown field", src: "---\ntitle: X\nsigned: 2024\nplcae: Budapest\n---\n",
		want: `content/agreements/x.md:4:1: unknown field "plcae" for an agreement (did you mean "place"?)`},
	{name: "misspelt title", src: "---\ntitel: X\nsigned: 2024\n---\n",
		want: `content/agreements/x.md:2:1: unknown field "titel" for an agreement (did you mean "title"?)`},
	{name: "misspelt signed", src: "---\ntitle: X\nsignd: 2024\n---\n",
		want: `content/agreements/x.md:3:1: unknown field "signd" for an agreement (did you mean "signed"?)`},
	{name: "agreement field on a topic", path: "content/topics/x.md", src: "---\ntitle: X\nsigned: 2024\n---\n",
		want: `content/topics/x.md:3:1: unknown field "signed" for a topic (expected one of aliases, description, draft, title)`},
	{name: "impossible date", src: "---\ntitle: X\nsigned: 2024\ndate: 2024-02-30\n---\n",
		want: `content/agreements/x.md:4:7: date: invalid date "2024-02-30": February 2024 has 29 days`},
	{name: "impossible date in toml", src: "+++\ntitle = \"X\"\nsigned = 2023-02-29\n+++\n",
		want: `content/agreements/x.md:3:10: signed: invalid date "2023-02-29": February 2023 has 28 days`},
	{name: "no such month", src: "---\ntitle: X\nsigned: 2024-00\n---\n",
		want: `content/agreements/x.md:3:9: signed: invalid date "2024-00": there is no month 0`},
	{name: "draft not a boolean", src: "---\ntitle: X\nsigned: 2024\ndraft: yes\n---\n",
		want: "content/agreements/x.md:4:8: draft: expected true or false, got a string"},
	{name: "missing title", src: "---\nsigned: 2024\n---\n",
		want: `content/agreements/x.md:2:1: missing required field "title"`},
	{name: "missing title in toml", src: "+++\nsigned = 2024\n+++\n",
		want: `content/agreements/x.md:2:1: missing required field "title"`},
	{name: "agreement without signed", src: "---\ntitle: X\nstatus: signed\n---\n",
		want: `content/agreements/x.md:2:1: missing field "signed": an agreement needs the date it was signed unless its status is "planned"`},
	{name: "misspelt status", src: "---\ntitle: X\nsigned: 2024\nstatus: in-forse\n---\n",
		want: `content/agreements/x.md:4:1: status: unknown status "in-forse" (did you mean "in-force"?)`},
	{name: "unknown status", src: "---\ntitle: X\nsigned: 2024\nstatus: whatever\n---\n",
		want: `content/agreements/x.md:4:1: status: unknown status "whatever" (expected one of planned, signed, in-force, expired, terminated)`},
	{name: "effective before signed", src: "---\ntitle: X\nsigned: 2024-11\neffective: 2024-01\n---\n",
		want: "content/agreements/x.md:4:1: effective: 2024-01 is before the signing date 2024-11"},
	{name: "bad slug", src: "---\ntitle: X\nsigned: 2024\nslug: Bad_Slug\n---\n",
		want: `content/agreements/x.md:4:1: slug "Bad_Slug": expected lower-case letters, digits and single hyphens (did you mean "bad-slug"?)`},
	{name: "slug with a slash", src: "---\ntitle: X\nsigned: 2024\nslug: a/b\n---\n",
		want: `content/agreements/x.md:4:1: slug "a/b": expected lower-case letters, digits and single hyphens (did you mean "a-b"?)`},
	{name: "slug without letters", src: "---\ntitle: X\nsigned: 2024\nslug: ../..\n---\n",
		want: `content/agreements/x.md:4:1: slug "../..": expected lower-case letters, digits and single hyphens, such as "hungary-kyrgyzstan-training"`},
	{name: "javascript source", src: "---\ntitle: X\nsigned: 2024\nsource: javascript:alert(1)\n---\n",
		want: `content/agreements/x.md:4:1: source: expected an absolute http(s) URL, got "javascript:alert(1)"`},
	{name: "interview without date", path: "content/interviews/x.md", src: "---\ntitle: X\n---\n",
		want: `content/interviews/x.md:2:1: missing required field "date" (the date of the interview)`},
	{name: "several errors", src: "---\ntitle: X\nsigned: 2024\nplace: [a]\nstatus: old\nslug: A\n---\n",
		want: `content/agreements/x.md:4:8: place: expected a string, got a list` + "\n" +
			`content/agreements/x.md:5:1: status: unknown status "old" (expected one of planned, signed, in-force, expired, terminated)` + "\n" +
			`content/agreements/x.md:6:1: slug "A": expected lower-case letters, digits and single hyphens (did you mean "a"?)`},
}

func TestParse(t *testing.T) {
	for _, tc := range parseCases {
		t.Run(tc.name, func(t *testing.T) {
			p := cmpOr(tc.path, agreementPath)
			f, err := Parse(p, []byte(tc.src))
			got := ""
			if err != nil {
				got = err.Error()
				var list diag.Errors
				if !errors.As(err, &list) {
					t.Errorf("error is a %T, want diag.Errors", err)
				}
			}
			if got != tc.want {
				t.Errorf("Parse errors:\n%s\nwant:\n%s", got, tc.want)
			}
			if tc.want == "" && f == nil {
				t.Fatal("Parse returned no file for a valid source")
			}
		})
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

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

func TestParseBOMAndCRLF(t *testing.T) {
	src := "\xef\xbb\xbf---\r\ntitle: X\r\nsigned: 2024-11\r\n---\r\n\r\nThe body.\r\n"
	f, err := Parse(agreementPath, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if f.Meta.Title != "X" {
		t.Errorf("title = %q", f.Meta.Title)
	}
	if f.BodyLine != 5 || string(f.Body) != "\nThe body.\n" {
		t.Errorf("body on line %d: %q, want line 5: %q", f.BodyLine, f.Body, "\nThe body.\n")
	}
}

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

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in        string
		precision Precision
		iso, text string
	}{
		{"2024", Year, "2024", "2024"},
		{"2024-11", Month, "2024-11", "November 2024"},
		{"2024-11-06", Day, "2024-11-06", "6 November 2024"},
		{" 2024-11-06 ", Day, "2024-11-06", "6 November 2024"},
		{"2024-11-06T10:30:00Z", Instant, "2024-11-06T10:30:00Z", "6 November 2024"},
		{"2024-11-06T10:30:00+01:00", Instant, "2024-11-06T10:30:00+01:00", "6 November 2024"},
		{"2024-11-06 10:30:00", Instant, "2024-11-06T10:30:00Z", "6 November 2024"},
	} {
		d, err := ParseDate(tc.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tc.in, err)
			continue
		}
		if d.Precision != tc.precision || d.ISO() != tc.iso || d.String() != tc.text || d.IsZero() {
			t.Errorf("ParseDate(%q) = precision %d, ISO %q, String %q; want %d, %q, %q",
				tc.in, d.Precision, d.ISO(), d.String(), tc.precision, tc.iso, tc.text)
		}
	}
	for _, in := range []string{"", "24", "2024-1", "6 November 2024", "20245", "yesterday"} {
		d, err := ParseDate(in)
		if err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", in, d)
			continue
		}
		want := `invalid date "` + strings.TrimSpace(in) + `" (expected a date such as 2024-11-06, 2024-11, 2024 or an RFC 3339 time)`
		if err.Error() != want {
			t.Errorf("ParseDate(%q) error:\n%s\nwant:\n%s", in, err, want)
		}
	}
	for in, want := range map[string]string{
		"2024-13":              `invalid date "2024-13": there is no month 13`,
		"2024-02-30":           `invalid date "2024-02-30": February 2024 has 29 days`,
		"2023-02-29":           `invalid date "2023-02-29": February 2023 has 28 days`,
		"2024-04-31T10:00:00Z": `invalid date "2024-04-31T10:00:00Z": April 2024 has 30 days`,
		"2024-01-00":           `invalid date "2024-01-00": there is no day 0`,
	} {
		if _, err := ParseDate(in); err == nil || err.Error() != want {
			t.Errorf("ParseDate(%q) error:\n%v\nwant:\n%s", in, err, want)
		}
	}
	var zero Date
	if !zero.IsZero() || zero.ISO() != "" || zero.String() != "" {
		t.Errorf("zero Date: IsZero %v, ISO %q, String %q", zero.IsZero(), zero.ISO(), zero.String())
	}
	y, _ := ParseDate("2024")
	m, _ := ParseDate("2024-11")
	if !zero.Before(y) || !y.Before(m) || m.Before(y) {
		t.Error("Before does not order unset < 2024 < 2024-11")
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

// TestYAMLErrorLine: yaml.v3 numbers the line of some parser errors one
// too early; the stray "- a" is on line 4.
func TestYAMLErrorLine(t *testing.T) {
	_, err := Parse(agreementPath, []byte("---\ntitle: X\nsigned: 2024\n- a\n---\n"))
	want := "content/agreements/x.md:4: invalid YAML: did not find expected key"
	if err == nil || err.Error() != want {
		t.Errorf("errors:\n%v\nwant:\n%s", err, want)
	}
}

// TestParseBody checks that the body starts right after the front matter
// in every format, also when the front matter or the body is longer than
// what the front matter parser reads at once.
func TestParseBody(t *testing.T) {
	long := strings.Repeat("A line of the body.\n", 500)
	summary := strings.Repeat("x", 5000)
	for _, tc := range []struct{ name, front, body string }{
		{"yaml", "---\ntitle: X\nsigned: 2024\n---\n", "body\n"},
		{"yaml, long body", "---\ntitle: X\nsigned: 2024\n---\n", long},
		{"yaml, long front matter", "---\ntitle: X\nsigned: 2024\nsummary: " + summary + "\n---\n", long},
		{"yaml, closing line with spaces", "---\ntitle: X\nsigned: 2024\n---  \n", long},
		{"toml", "+++\ntitle = \"X\"\nsigned = 2024-11-06\n+++\n", long},
		{"json object", "{\n  \"title\": \"X\",\n  \"signed\": \"2024-11-06\"\n}\n\n", long},
		{"json between ;;;", ";;;\n{\"title\": \"X\", \"signed\": \"2024-11-06\"}\n;;;\n", long},
		{"no body", "---\ntitle: X\nsigned: 2024\n---", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse(agreementPath, []byte(tc.front+tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if string(f.Body) != tc.body {
				t.Errorf("body of %d bytes starting %.20q, want %d bytes starting %.20q", len(f.Body), f.Body, len(tc.body), tc.body)
			}
			if want := 1 + strings.Count(tc.front, "\n"); f.BodyLine != want {
				t.Errorf("BodyLine = %d, want %d", f.BodyLine, want)
			}
		})
	}
}
