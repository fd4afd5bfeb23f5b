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

func TestParseDeploy(t *testing.T) {
	src := `[deploy]
target = "s3://kb-site?region=eu-central-1"
maxDeletes = 1000

[[deploy.headers]]
pattern = '^data/.*\.json$'
cacheControl = "public, max-age=86400"

[[deploy.headers]]
pattern = 'feed\.xml$'
contentType = "application/atom+xml; charset=utf-8"
`
	c, err := Parse([]byte(src), Default())
	if err != nil {
		t.Fatal(err)
	}
	d := c.Deploy
	if d.Target != "s3://kb-site?region=eu-central-1" || d.MaxDeletes != 1000 || len(d.Headers) != 2 {
		t.Fatalf("deploy = %+v", d)
	}
	if h := d.Headers[0]; !h.Match.MatchString("data/knowledge-base.json") || h.Match.MatchString("search/index.json") || h.CacheControl != "public, max-age=86400" || h.ContentType != "" {
		t.Errorf("first rule = %+v", h)
	}
	if h := d.Headers[1]; !h.Match.MatchString("countries/hungary/feed.xml") || h.ContentType != "application/atom+xml; charset=utf-8" {
		t.Errorf("second rule = %+v", h)
	}
	if got := Default().Deploy; got.MaxDeletes != DefaultMaxDeletes || got.Target != "" || got.Headers != nil {
		t.Errorf("default deploy = %+v", got)
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
		{"unknown deploy key", "[deploy]\ntarget = \"mem://\"\nmaxDeletions = 5\n",
			`config.toml:3:1: unknown key "deploy.maxDeletions" (did you mean "deploy.maxDeletes"?)`},
		{"deploy target without scheme", "[deploy]\ntarget = \"my-bucket\"\n",
			`config.toml:2:1: deploy.target: expected a bucket URL such as "s3://bucket?region=eu-west-1", got "my-bucket"`},
		{"negative delete limit", "[deploy]\nmaxDeletes = -1\n",
			`config.toml:2:1: deploy.maxDeletes: must not be negative, got -1`},
		{"headers as a table", "[deploy.headers]\npattern = \"x\"\n",
			`config.toml:1:1: deploy.headers: expected an array of tables, got a table`},
		// Each entry of [[deploy.headers]] is placed on its own lines.
		{"unknown key in the second rule", "[[deploy.headers]]\npattern = \"a\"\ncacheControl = \"x\"\n\n[[deploy.headers]]\npattern = \"b\"\ncachecontrol = \"x\"\n",
			`config.toml:7:1: unknown key "deploy.headers.cachecontrol" (did you mean "deploy.headers.cacheControl"?)`},
		{"pattern of the wrong type", "[[deploy.headers]]\npattern = \"a\"\ncacheControl = \"x\"\n[[deploy.headers]]\npattern = 5\n",
			`config.toml:5:1: deploy.headers.pattern: expected a string, got a whole number`},
		{"invalid pattern", "[[deploy.headers]]\npattern = \"a\"\ncacheControl = \"x\"\n\n[[deploy.headers]]\n  cacheControl = \"x\"\n  pattern = \"(css\"\n",
			`config.toml:7:3: deploy.headers[2].pattern: invalid regular expression "(css": missing closing ): ` + "`(css`"},
		{"rule without pattern", "[deploy]\ntarget = \"mem://\"\n\n[[deploy.headers]]\ncacheControl = \"no-store\"\n",
			`config.toml:4:1: deploy.headers[1]: missing pattern: every rule needs one`},
		{"rule without headers", "[[deploy.headers]]\npattern = \"a\"\ncacheControl = \"x\"\n[[deploy.headers]]\npattern = \"b\"\n",
			`config.toml:4:1: deploy.headers[2]: sets neither cacheControl nor contentType`},
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
