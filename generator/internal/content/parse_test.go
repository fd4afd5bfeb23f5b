package content

import (
	"errors"
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
	// Markdown and YAML end a line at a CR alone, and yaml.v3 also at
	// U+0085, U+2028 and U+2029, which editors show inside a line. Errors
	// after them are on the file's own lines.
	{name: "cr line ends", src: "---\rtitle: X\rsigned: 2024\rcolour: red\r---\rbody\r",
		want: `content/agreements/x.md:4:1: unknown field "colour" for an agreement (expected one of amends, countries, date, draft, effective, ended, implements, lang, organisations, part-of, parties, place, provisional, signed, slug, source, status, summary, supersedes, title, topics, translationKey)`},
	{name: "yaml line separator in a value", src: "---\ntitle: \"A\u2028B\"\nsigned: 2024\ncolour: red\n---\n",
		want: `content/agreements/x.md:4:1: unknown field "colour" for an agreement (expected one of amends, countries, date, draft, effective, ended, implements, lang, organisations, part-of, parties, place, provisional, signed, slug, source, status, summary, supersedes, title, topics, translationKey)`},
	{name: "yaml next line inside a line", src: "---\ntitle: X\nsigned: 2024\u0085colour: red\n---\n",
		want: `content/agreements/x.md:3:14: unknown field "colour" for an agreement (expected one of amends, countries, date, draft, effective, ended, implements, lang, organisations, part-of, parties, place, provisional, signed, slug, source, status, summary, supersedes, title, topics, translationKey)`},
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
		want: `content/topics/x.md:3:1: unknown field "signed" for a topic (expected one of aliases, description, draft, title, translationKey)`},
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

// FuzzParse checks that Parse never panics, that every error it returns is
// placed in the file it was given, on one of its lines and within that
// line where it has a column, and that a file it accepts is usable: an
// agreement always has a title and a body line within the file.
func FuzzParse(f *testing.F) {
	for _, tc := range parseCases {
		f.Add(cmpOr(tc.path, agreementPath), tc.src)
	}
	f.Add("content/interviews/x.md", "---\ntitle: X\ndate: 2025-01-02\n---\n[[a|b]]\n")
	f.Fuzz(func(t *testing.T, p, src string) {
		file, err := Parse(p, []byte(src))
		if err != nil {
			var list diag.Errors
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %v is a %T, want a non-empty diag.Errors", err, err)
			}
			lines := strings.Split(lineEnds.Replace(strings.TrimPrefix(src, "\ufeff")), "\n")
			for _, e := range list {
				i := e.Pos.Line - 1
				switch {
				case e.Pos.Path != p:
					t.Errorf("error %q placed in %q, want %q", e, e.Pos.Path, p)
				case e.Pos.Line == 0 && e.Pos.Col == 0:
					// About the file as a whole, such as where it lies.
				case i < 0 || i >= len(lines):
					t.Errorf("error %q is not on a line of the file, 1 to %d", e, len(lines))
				case e.Pos.Col < 0 || e.Pos.Col > len(lines[i])+1:
					t.Errorf("error %q is outside its line %q", e, lines[i])
				}
			}
			return
		}
		if file == nil {
			t.Fatal("no file and no error")
		}
		if file.Kind == Agreement && file.Meta.Title == "" {
			t.Errorf("accepted an agreement without a title: %q", src)
		}
		if file.BodyLine < 1 {
			t.Errorf("BodyLine = %d", file.BodyLine)
		}
	})
}

// lineEnds turns the line ends a content file may have into LF.
var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n")
