package content

import (
	"strings"
	"testing"
)

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
