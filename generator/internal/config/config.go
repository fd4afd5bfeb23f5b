// Package config reads a site's config.toml.
//
// Every key is optional: a site without config.toml builds with the defaults
// of Default. An unknown key, a value of the wrong type and an invalid value
// are errors that name the key and its line; keys are case-sensitive, as in
// every TOML file.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/suggest"
	"github.com/cooperation-kb/kb/generator/internal/tomlpos"
)

// File is the name of the configuration file in the site root.
const File = "config.toml"

// Config is the site configuration.
type Config struct {
	Title       string  `toml:"title"`
	Description string  `toml:"description"`
	BaseURL     string  `toml:"baseURL"`
	Language    string  `toml:"language"`
	Copyright   string  `toml:"copyright"`
	Strict      bool    `toml:"strict"`
	AllowHTML   bool    `toml:"allowHTML"`
	MaxFileSize string  `toml:"maxFileSize"`
	PageSize    int     `toml:"pageSize"` // entries on each page of a list
	Related     Related `toml:"related"`
	Deploy      Deploy  `toml:"deploy"`
	// Languages are the site's languages by code, the default language
	// among them or not; empty for a site in one language.
	Languages map[string]Language `toml:"languages"`
	// CMS publishes the editors' CMS at /admin/ (package cms).
	CMS        bool       `toml:"cms"`
	CMSBackend CMSBackend `toml:"cmsBackend"`

	// Derived from the fields above by Load.
	Base         *url.URL `toml:"-"` // BaseURL parsed; its path ends in "/"
	MaxFileBytes int64    `toml:"-"`
	// DefaultLanguage is Language as config.toml gives it, which In
	// keeps: the language published at the root.
	DefaultLanguage string `toml:"-"`
}

// Language is one language of a multilingual site.
type Language struct {
	Name        string `toml:"name"` // in the language itself, for the language switcher
	Title       string `toml:"title"`
	Description string `toml:"description"`
}

// Related holds the weights of the related-pages score: each country, topic
// and organisation two pages share adds its kind's weight.
type Related struct {
	Count         int     `toml:"count"`
	Countries     float64 `toml:"countries"`
	Topics        float64 `toml:"topics"`
	Organisations float64 `toml:"organisations"`
}

// Deploy holds the settings of the deploy command, each of which its flags
// may override.
type Deploy struct {
	Target     string       `toml:"target"`     // the bucket URL, as -target
	MaxDeletes int          `toml:"maxDeletes"` // as -max-deletes
	Headers    []HeaderRule `toml:"headers"`    // tried in order, before the defaults
}

// HeaderRule sets the Cache-Control and Content-Type headers of the
// published files whose slash path (as "css/style.css") Pattern matches.
// An empty field leaves the header to the next rule that matches.
type HeaderRule struct {
	Pattern      string `toml:"pattern"` // a Go regular expression
	CacheControl string `toml:"cacheControl"`
	ContentType  string `toml:"contentType"`

	Match *regexp.Regexp `toml:"-"` // Pattern compiled, by Load
}

// CMSBackend says where the CMS at /admin/ saves what editors write when
// it is not run on the editor's own machine, where it saves to their
// files (docs/cms.md).
type CMSBackend struct {
	Name   string `toml:"name"`   // one of CMSBackends
	Repo   string `toml:"repo"`   // "owner/name" of the repository, for every backend but git-gateway
	Branch string `toml:"branch"` // the branch it commits to
	// AuthURL is the address of the OAuth server that signs editors in
	// to github, gitlab or gitea, when it is not the host's own.
	AuthURL string `toml:"authURL"`
	// LocalURL is the API of decap-server, the local backend.
	LocalURL string `toml:"localURL"`
}

// CMSBackends are the backends the CMS can save to; the first is the
// default, which needs no repository.
var CMSBackends = []string{"git-gateway", "github", "gitlab", "gitea", "bitbucket", "azure"}

// DefaultCMSLocalURL is where decap-server listens unless told otherwise.
const DefaultCMSLocalURL = "http://localhost:8081/api/v1"

// DefaultMaxDeletes is how many files a deploy may delete unless told
// otherwise: enough for the pages of any ordinary edit, too few for a
// wrong target or an empty build to wipe a site.
const DefaultMaxDeletes = 256

// DefaultPageSize is how many entries a page of a list shows unless
// pageSize says otherwise: fifty list items are about 30 KB of HTML, light
// on a phone, and few enough pages to browse.
const DefaultPageSize = 50

// Default returns the configuration of a site without config.toml.
func Default() *Config {
	c := &Config{
		Title:       "Cooperation Knowledge Base",
		BaseURL:     "/",
		Language:    "en",
		MaxFileSize: "10MB",
		PageSize:    DefaultPageSize,
		Related:     Related{Count: 5, Countries: 1, Topics: 1, Organisations: 1},
		Deploy:      Deploy{MaxDeletes: DefaultMaxDeletes},
		CMSBackend:  CMSBackend{Name: CMSBackends[0], Branch: "main", LocalURL: DefaultCMSLocalURL},
	}
	if errs := c.derive(); errs != nil {
		panic(errs[0]) // the defaults above are valid
	}
	return c
}

// Load reads config.toml from the root of fsys, if there is one. Like
// Parse, it returns a usable configuration even with errors, which are a
// diag.Errors list.
func Load(fsys fs.FS) (*Config, error) {
	c := Default()
	src, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, diag.Errors{diag.Errorf(diag.Pos{Path: File}, "cannot read: %v", err)}
	}
	return Parse(src, c)
}

// keyTypes lists every key of config.toml with the TOML type of its value.
var keyTypes = map[string]string{
	"title": "String", "description": "String", "baseURL": "String", "language": "String",
	"copyright": "String", "strict": "Bool", "allowHTML": "Bool", "maxFileSize": "String",
	"pageSize": "Integer",
	"related":  "Hash", "related.count": "Integer", "related.countries": "Float",
	"related.topics": "Float", "related.organisations": "Float",
	"deploy": "Hash", "deploy.target": "String", "deploy.maxDeletes": "Integer",
	"deploy.headers": "ArrayHash", "deploy.headers.pattern": "String",
	"deploy.headers.cacheControl": "String", "deploy.headers.contentType": "String",
	"languages": "Hash", "languages.*": "Hash", "languages.*.name": "String",
	"languages.*.title": "String", "languages.*.description": "String",
	"cms": "Bool", "cmsBackend": "Hash", "cmsBackend.name": "String", "cmsBackend.repo": "String",
	"cmsBackend.branch": "String", "cmsBackend.authURL": "String", "cmsBackend.localURL": "String",
}

// keyType returns the type of key as keyTypes lists it, a language's
// table standing for every language.
func keyType(k toml.Key) (string, bool) {
	name := k.String()
	if len(k) > 1 && k[0] == "languages" {
		name = strings.Join(append([]string{"languages", "*"}, k[2:]...), ".")
	}
	t, ok := keyTypes[name]
	return t, ok
}

// Parse reads a config.toml document on top of c. It reports every unknown
// key, value of the wrong type and invalid value. With errors it returns c
// as it was, so that a build can go on to report the errors in the content
// too.
func Parse(src []byte, c *Config) (*Config, error) {
	var errs diag.List
	at := func(key []string) diag.Pos {
		line, col := tomlpos.Key(src, key)
		return diag.Pos{Path: File, Line: line, Col: col}
	}
	var raw map[string]any
	md, err := toml.Decode(string(src), &raw)
	if err != nil {
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			errs.Addf(diag.Pos{Path: File}, "%v", err)
			return c, errs.Err()
		}
		pos, msg := diag.Pos{Path: File, Line: pe.Position.Line, Col: pe.Position.Col}, tomlMessage(pe)
		if key, ok := tomlpos.Redefined(pe.Message); ok {
			if defs := tomlpos.Definitions(src, key); len(defs) > 1 {
				pos.Line, pos.Col = defs[1].Line, defs[1].Col
				msg = fmt.Sprintf("duplicate key %q (first given on line %d)", strings.Join(key, "."), defs[0].Line)
			}
		}
		errs.Addf(pos, "%s", msg)
		return c, errs.Err()
	}
	known := slices.Sorted(maps.Keys(keyTypes))
	// An array of tables is listed once per entry, followed by the keys of
	// that entry; entries counts the entries of each array so far.
	entries := map[string]int{}
	for _, k := range md.Keys() {
		name := k.String()
		pos, got := at(k), md.Type(k...)
		if got == "ArrayHash" {
			entries[name]++
			line, col := tomlpos.InEntry(src, k, entries[name]-1, "")
			pos = diag.Pos{Path: File, Line: line, Col: col}
		} else if parent := k[:len(k)-1]; entries[parent.String()] > 0 {
			i := entries[parent.String()] - 1
			line, col := tomlpos.InEntry(src, parent, i, k[len(k)-1])
			pos = diag.Pos{Path: File, Line: line, Col: col}
			// MetaData keeps one type per key, the last entry's.
			got = valueType(entryValue(raw, parent, i, k[len(k)-1]))
		}
		want, ok := keyType(k)
		_, parentKnown := keyType(k[:len(k)-1])
		switch {
		case !ok && len(k) > 1 && !parentKnown:
			// Inside an unknown table, which is reported itself.
		case !ok:
			msg := fmt.Sprintf("unknown key %q", name)
			if s := suggest.Closest(name, known); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			errs.Addf(pos, "%s", msg)
		case !accepts(want, got):
			errs.Addf(pos, "%s: expected %s, got %s", name, typeNames[want], typeNames[got])
		}
	}
	if errs.Len() > 0 {
		return c, errs.Err()
	}
	next := *c
	if _, err := toml.Decode(string(src), &next); err != nil {
		errs.Addf(diag.Pos{Path: File}, "%v", err)
		return c, errs.Err()
	}
	for _, ke := range next.derive() {
		key := strings.Split(ke.key, ".")
		if ke.entry == 0 {
			errs.Addf(at(key), "%s: %s", ke.key, ke.msg)
			continue
		}
		name := fmt.Sprintf("%s[%d]", ke.key, ke.entry)
		if ke.field != "" {
			name += "." + ke.field
		}
		line, col := tomlpos.InEntry(src, key, ke.entry-1, ke.field)
		errs.Addf(diag.Pos{Path: File, Line: line, Col: col}, "%s: %s", name, ke.msg)
	}
	if err := errs.Err(); err != nil {
		return c, err
	}
	return &next, nil
}

// accepts reports whether a value of TOML type got may be given where want
// is expected: a whole number is a fine weight.
func accepts(want, got string) bool {
	return got == want || want == "Float" && got == "Integer"
}

// entryValue returns the value of field in the entry numbered i (from 0)
// of the array of tables table.
func entryValue(raw map[string]any, table toml.Key, i int, field string) any {
	var v any = raw
	for _, name := range table {
		m, _ := v.(map[string]any)
		v = m[name]
	}
	if list, _ := v.([]map[string]any); i < len(list) {
		return list[i][field]
	}
	return nil
}

// valueType names the TOML type of a decoded value as MetaData.Type does.
func valueType(v any) string {
	switch v.(type) {
	case string:
		return "String"
	case bool:
		return "Bool"
	case int64:
		return "Integer"
	case float64:
		return "Float"
	case map[string]any:
		return "Hash"
	case []map[string]any:
		return "ArrayHash"
	case []any:
		return "Array"
	}
	return "Datetime"
}

// typeNames say what a TOML type is in messages.
var typeNames = map[string]string{
	"String": "a string", "Bool": "true or false", "Integer": "a whole number", "Float": "a number",
	"Hash": "a table", "ArrayHash": "an array of tables", "Array": "a list", "Datetime": "a date",
}

// SetBaseURL replaces the base URL, as the -baseurl flag does.
func (c *Config) SetBaseURL(s string) error {
	next := *c
	next.BaseURL = s
	for _, ke := range next.derive() {
		if ke.key == "baseURL" {
			return fmt.Errorf("-baseurl: %s", ke.msg)
		}
	}
	*c = next
	return nil
}

// A keyError is an invalid value of key. For an entry of an array of
// tables, key names the array, entry numbers the entry from 1 and field
// is the entry's key at fault, or "" for the entry as a whole.
type keyError struct {
	key, msg string
	entry    int
	field    string
}

func (e *keyError) Error() string { return e.key + ": " + e.msg }

// derive sets the fields computed from others, and reports every invalid
// value.
func (c *Config) derive() []*keyError {
	var errs []*keyError
	base, msg := parseBase(c.BaseURL)
	if msg != "" {
		errs = append(errs, &keyError{key: "baseURL", msg: msg})
	}
	c.Base = base
	n, err := parseSize(c.MaxFileSize)
	if err != nil {
		errs = append(errs, &keyError{key: "maxFileSize", msg: err.Error()})
	}
	c.MaxFileBytes = n
	if c.PageSize < 1 {
		errs = append(errs, &keyError{key: "pageSize", msg: fmt.Sprintf("must be at least 1, got %d", c.PageSize)})
	}
	if c.Related.Count < 0 {
		errs = append(errs, &keyError{key: "related.count", msg: fmt.Sprintf("must not be negative, got %d", c.Related.Count)})
	}
	if c.Related.Countries < 0 || c.Related.Topics < 0 || c.Related.Organisations < 0 {
		errs = append(errs, &keyError{key: "related", msg: "weights must not be negative"})
	}
	c.DefaultLanguage = c.Language
	errs = append(errs, c.deriveLanguages()...)
	errs = append(errs, c.Deploy.derive()...)
	return append(errs, c.CMSBackend.check()...)
}

// check reports every invalid value of the CMS's backend.
func (b *CMSBackend) check() []*keyError {
	var errs []*keyError
	switch {
	case !slices.Contains(CMSBackends, b.Name):
		msg := fmt.Sprintf("unknown backend %q (expected one of %s)", b.Name, strings.Join(CMSBackends, ", "))
		if s := suggest.Closest(b.Name, CMSBackends); s != "" {
			msg = fmt.Sprintf("unknown backend %q (did you mean %q?)", b.Name, s)
		}
		errs = append(errs, &keyError{key: "cmsBackend.name", msg: msg})
	case b.Name != CMSBackends[0] && !repoPattern.MatchString(b.Repo):
		key := "cmsBackend.repo"
		if b.Repo == "" {
			key = "cmsBackend.name"
		}
		errs = append(errs, &keyError{key: key, msg: fmt.Sprintf("the %s backend needs repo, the repository as \"owner/name\", got %q", b.Name, b.Repo)})
	}
	if b.Branch == "" {
		errs = append(errs, &keyError{key: "cmsBackend.branch", msg: "must not be empty"})
	}
	for _, u := range []struct{ key, value string }{{"cmsBackend.authURL", b.AuthURL}, {"cmsBackend.localURL", b.LocalURL}} {
		if p, err := url.Parse(u.value); u.value != "" && (err != nil || p.Scheme != "http" && p.Scheme != "https" || p.Host == "") {
			errs = append(errs, &keyError{key: u.key, msg: fmt.Sprintf("expected an absolute http(s) URL, got %q", u.value)})
		}
	}
	return errs
}

// repoPattern matches a repository's "owner/name", and Azure's
// "organisation/project/name".
var repoPattern = regexp.MustCompile(`^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+){1,2}$`)

// derive compiles the header rules, and reports every invalid value.
func (d *Deploy) derive() []*keyError {
	var errs []*keyError
	if d.Target != "" {
		if u, err := url.Parse(d.Target); err != nil || u.Scheme == "" {
			errs = append(errs, &keyError{key: "deploy.target", msg: fmt.Sprintf("expected a bucket URL such as \"s3://bucket?region=eu-west-1\", got %q", d.Target)})
		}
	}
	if d.MaxDeletes < 0 {
		errs = append(errs, &keyError{key: "deploy.maxDeletes", msg: fmt.Sprintf("must not be negative, got %d", d.MaxDeletes)})
	}
	for i := range d.Headers {
		h := &d.Headers[i]
		var err error
		switch h.Match, err = regexp.Compile(h.Pattern); {
		case h.Pattern == "":
			errs = append(errs, &keyError{key: "deploy.headers", msg: "missing pattern: every rule needs one", entry: i + 1})
		case err != nil:
			errs = append(errs, &keyError{key: "deploy.headers", field: "pattern", msg: fmt.Sprintf("invalid regular expression %q: %s", h.Pattern, strings.TrimPrefix(err.Error(), "error parsing regexp: ")), entry: i + 1})
		case h.CacheControl == "" && h.ContentType == "":
			errs = append(errs, &keyError{key: "deploy.headers", msg: "sets neither cacheControl nor contentType", entry: i + 1})
		}
	}
	return errs
}

// parseBase parses a base URL, or says what is wrong with it.
func parseBase(s string) (*url.URL, string) {
	base, err := url.Parse(s)
	switch {
	case err != nil:
		return nil, fmt.Sprintf("invalid URL %q", s)
	case base.Scheme == "" && base.Host == "" && strings.HasPrefix(base.Path, "/"):
		// A path alone serves the site under that path on any host.
	case base.Scheme != "http" && base.Scheme != "https" || base.Host == "":
		return nil, fmt.Sprintf("expected an absolute http(s) URL such as \"https://example.org/kb/\" or a path such as \"/\", got %q", s)
	case base.RawQuery != "" || base.Fragment != "":
		return nil, fmt.Sprintf("must not have a query or fragment, got %q", s)
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	return base, ""
}

// Permalink returns the absolute URL of a site path such as "agreements/x/".
// With a base URL that is only a path, it is that path.
func (c *Config) Permalink(path string) string {
	return c.Base.String() + path
}

// Absolute reports whether the base URL names a host, so that pages can
// have absolute URLs: canonical links, Open Graph, feeds and a sitemap
// need them, and are left out without one.
func (c *Config) Absolute() bool { return c.Base.Host != "" }

// RelURL returns the URL of a site path as it is written in links: the
// base URL's path followed by path, so that the site works under a sub-path.
func (c *Config) RelURL(path string) string {
	return c.Base.Path + path
}

func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("expected a size such as \"10MB\", got %q", s)
	}
	return n * mult, nil
}

func tomlMessage(pe toml.ParseError) string {
	msg := pe.Message
	if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
		msg = pe.LastKey + ": " + msg
	}
	return msg
}

// deriveLanguages checks the language codes and names each language that
// has no name in its own words.
func (c *Config) deriveLanguages() []*keyError {
	var errs []*keyError
	for _, code := range slices.Sorted(maps.Keys(c.Languages)) {
		l := c.Languages[code]
		tag, err := language.Parse(code)
		switch {
		case err != nil:
			errs = append(errs, &keyError{key: "languages." + code, msg: fmt.Sprintf("%q is not a language code: expected a BCP 47 tag such as \"hu\" or \"pt-BR\"", code)})
			continue
		case tag.String() != code:
			errs = append(errs, &keyError{key: "languages." + code, msg: fmt.Sprintf("write the language code as %q", tag.String())})
			continue
		}
		if l.Name == "" {
			l.Name = display.Self.Name(tag)
			c.Languages[code] = l
		}
	}
	if _, err := language.Parse(c.Language); err != nil {
		errs = append(errs, &keyError{key: "language", msg: fmt.Sprintf("%q is not a language code: expected a BCP 47 tag such as \"en\"", c.Language)})
	}
	return errs
}

// SiteLanguages returns the codes of the site's languages, the default
// first and the others in the order of their codes.
func (c *Config) SiteLanguages() []string {
	out := []string{c.DefaultLanguage}
	for _, code := range slices.Sorted(maps.Keys(c.Languages)) {
		if code != c.DefaultLanguage {
			out = append(out, code)
		}
	}
	return out
}

// Multilingual reports whether the site has more than one language.
func (c *Config) Multilingual() bool { return len(c.SiteLanguages()) > 1 }

// LanguageName returns the name of a site language in that language.
func (c *Config) LanguageName(code string) string {
	if l, ok := c.Languages[code]; ok && l.Name != "" {
		return l.Name
	}
	if tag, err := language.Parse(code); err == nil {
		return display.Self.Name(tag)
	}
	return code
}

// In returns the configuration of the site in one of its languages: its
// language, and its title and description where that language has its
// own.
func (c *Config) In(code string) *Config {
	if code == c.Language && c.Languages[code].Title == "" && c.Languages[code].Description == "" {
		return c
	}
	next := *c
	next.Language = code
	l := c.Languages[code]
	if l.Title != "" {
		next.Title = l.Title
	}
	if l.Description != "" {
		next.Description = l.Description
	}
	return &next
}

// LangPath returns the site path of the home page of the language code:
// "" for the default language, "hu/" for Hungarian.
func (c *Config) LangPath(code string) string {
	if code == c.DefaultLanguage || code == "" || c.DefaultLanguage == "" {
		return ""
	}
	return code + "/"
}
