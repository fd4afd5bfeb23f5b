package config

import (
	"testing"
	"testing/fstest"
)

func TestParseValid(t *testing.T) {
	src := `title = "Knowledge base"
description = "Agreements"
baseURL = "https://example.org/kb"
language = "hu"
copyright = "CC BY 4.0"
strict = true
allowHTML = true
maxFileSize = "2MB"

[related]
count = 3
countries = 2.5
topics = 1
organisations = 0
`
	c, err := Parse([]byte(src), Default())
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Knowledge base" || c.Description != "Agreements" || c.Language != "hu" || c.Copyright != "CC BY 4.0" {
		t.Errorf("title %q, description %q, language %q, copyright %q", c.Title, c.Description, c.Language, c.Copyright)
	}
	if !c.Strict || !c.AllowHTML {
		t.Errorf("strict %v, allowHTML %v, want both true", c.Strict, c.AllowHTML)
	}
	if c.MaxFileBytes != 2<<20 {
		t.Errorf("MaxFileBytes = %d, want %d", c.MaxFileBytes, 2<<20)
	}
	if want := (Related{Count: 3, Countries: 2.5, Topics: 1, Organisations: 0}); c.Related != want {
		t.Errorf("related = %+v, want %+v", c.Related, want)
	}
	// The base URL gains its trailing slash, and links are written under its path.
	if got := c.Base.String(); got != "https://example.org/kb/" {
		t.Errorf("Base = %q", got)
	}
	if got := c.RelURL("agreements/"); got != "/kb/agreements/" {
		t.Errorf(`RelURL("agreements/") = %q, want "/kb/agreements/"`, got)
	}
	if got := c.Permalink("agreements/x/"); got != "https://example.org/kb/agreements/x/" {
		t.Errorf("Permalink = %q", got)
	}
}

func TestLoadWithoutConfig(t *testing.T) {
	c, err := Load(fstest.MapFS{"content/_index.md": {Data: []byte("")}})
	if err != nil {
		t.Fatal(err)
	}
	d := Default()
	if c.Title != "Cooperation Knowledge Base" || c.Language != "en" || c.Strict || c.AllowHTML {
		t.Errorf("defaults: title %q, language %q, strict %v, allowHTML %v", c.Title, c.Language, c.Strict, c.AllowHTML)
	}
	if c.BaseURL != "/" || c.RelURL("agreements/") != "/agreements/" || c.Permalink("") != "/" {
		t.Errorf("base %q: RelURL %q, Permalink %q", c.BaseURL, c.RelURL("agreements/"), c.Permalink(""))
	}
	if c.MaxFileBytes != 10<<20 || c.Related != d.Related || c.Related.Count != 5 {
		t.Errorf("MaxFileBytes %d, related %+v", c.MaxFileBytes, c.Related)
	}
}

func TestLoadReadsConfig(t *testing.T) {
	c, err := Load(fstest.MapFS{File: {Data: []byte("title = \"Mine\"\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Mine" || c.Language != "en" {
		t.Errorf("title %q, language %q: want the file's title over the defaults", c.Title, c.Language)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"unknown key", "titel = \"x\"\n",
			`config.toml:1:1: unknown key "titel" (did you mean "title"?)`},
		{"unknown key without suggestion", "title = \"x\"\ncolour = \"red\"\n",
			`config.toml:2:1: unknown key "colour"`},
		{"unknown key in table", "[related]\ncount = 2\ncontries = 1\n",
			`config.toml:3:1: unknown key "related.contries" (did you mean "related.countries"?)`},
		{"unknown table", "[theme]\ncolour = \"red\"\n",
			`config.toml:1:1: unknown key "theme"`},
		{"key in the wrong case", "baseUrl = \"https://example.org/\"\n",
			`config.toml:1:1: unknown key "baseUrl" (did you mean "baseURL"?)`},
		// Values of the wrong type: see TestWrongTypes.
		{"duplicate key", "title = \"x\"\n\n[related]\ncount = 1\ncount = 2\n",
			`config.toml:5:1: duplicate key "related.count" (first given on line 4)`},
		{"syntax", "title = \"x\n",
			`config.toml:1:11: title: strings cannot contain newlines`},
		{"ftp base URL", "title = \"x\"\nbaseURL = \"ftp://x\"\n",
			`config.toml:2:1: baseURL: expected an absolute http(s) URL such as "https://example.org/kb/" or a path such as "/", got "ftp://x"`},
		{"relative base URL", "baseURL = \"kb/\"\n",
			`config.toml:1:1: baseURL: expected an absolute http(s) URL such as "https://example.org/kb/" or a path such as "/", got "kb/"`},
		{"base URL with query", "baseURL = \"https://example.org/?a=1\"\n",
			`config.toml:1:1: baseURL: must not have a query or fragment, got "https://example.org/?a=1"`},
		{"bad size", "\nmaxFileSize = \"lots\"\n",
			`config.toml:2:1: maxFileSize: expected a size such as "10MB", got "lots"`},
		{"negative count", "[related]\ncount = -1\n",
			`config.toml:2:1: related.count: must not be negative, got -1`},
		{"empty pages", "title = \"KB\"\npageSize = 0\n",
			`config.toml:2:1: pageSize: must be at least 1, got 0`},
		{"page size as text", "pageSize = \"20\"\n",
			`config.toml:1:1: pageSize: expected a whole number, got a string`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse([]byte(tc.src), Default())
			if err == nil {
				t.Fatalf("no error, config %+v", c)
			}
			if err.Error() != tc.want {
				t.Errorf("error:\n%s\nwant:\n%s", err, tc.want)
			}
		})
	}
}

func TestSetBaseURL(t *testing.T) {
	c := Default()
	if err := c.SetBaseURL("https://example.org/kb"); err != nil {
		t.Fatal(err)
	}
	if got := c.RelURL("agreements/"); got != "/kb/agreements/" {
		t.Errorf("RelURL = %q, want /kb/agreements/", got)
	}
	err := c.SetBaseURL("ftp://x")
	want := `-baseurl: expected an absolute http(s) URL such as "https://example.org/kb/" or a path such as "/", got "ftp://x"`
	if err == nil || err.Error() != want {
		t.Errorf("SetBaseURL(ftp://x) = %v, want %s", err, want)
	}
}

// TestWrongTypes: every value of the wrong type is reported at its key,
// in words an editor knows; a whole number is a fine weight.
func TestWrongTypes(t *testing.T) {
	src := "title = \"x\"\nstrict = \"yes\"\nbaseURL = 5\n\n[related]\ncount = \"five\"\ntopics = 2\n"
	_, err := Parse([]byte(src), Default())
	want := "config.toml:2:1: strict: expected true or false, got a string\n" +
		"config.toml:3:1: baseURL: expected a string, got a whole number\n" +
		"config.toml:6:1: related.count: expected a whole number, got a string"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

// TestErrorsKeepDefaults: with errors, Parse still returns a usable
// configuration, so that a build can report the content's errors too.
func TestErrorsKeepDefaults(t *testing.T) {
	for _, src := range []string{
		"title = \"x\nstrict = true\n",
		"title = \"x\"\ncolour = \"red\"\n",
		"title = \"x\"\nbaseURL = \"kb.example.org\"\nmaxFileSize = \"lots\"\n",
	} {
		c, err := Parse([]byte(src), Default())
		if err == nil {
			t.Errorf("%q: no error", src)
			continue
		}
		if c == nil || c.Base == nil || c.Title != Default().Title || c.MaxFileBytes != 10<<20 {
			t.Errorf("%q: config %+v, want the defaults", src, c)
		}
	}
	_, err := Parse([]byte("baseURL = \"kb.example.org\"\nmaxFileSize = \"lots\"\n"), Default())
	want := `config.toml:1:1: baseURL: expected an absolute http(s) URL such as "https://example.org/kb/" or a path such as "/", got "kb.example.org"` + "\n" +
		`config.toml:2:1: maxFileSize: expected a size such as "10MB", got "lots"`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}
