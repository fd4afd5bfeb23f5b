// Package config reads a site's config.toml.
//
// Every key is optional: a site without config.toml builds with the defaults
// of Default. An unknown key, a value of the wrong type and an invalid value
// are errors that name the key and its line.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

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
	Related     Related `toml:"related"`

	// Derived from the fields above by Load.
	Base         *url.URL `toml:"-"` // BaseURL parsed; its path ends in "/"
	MaxFileBytes int64    `toml:"-"`
}

// Related holds the weights of the related-pages score: each country, topic
// and organisation two pages share adds its kind's weight.
type Related struct {
	Count         int     `toml:"count"`
	Countries     float64 `toml:"countries"`
	Topics        float64 `toml:"topics"`
	Organisations float64 `toml:"organisations"`
}

// Default returns the configuration of a site without config.toml.
func Default() *Config {
	c := &Config{
		Title:       "Cooperation Knowledge Base",
		BaseURL:     "/",
		Language:    "en",
		MaxFileSize: "10MB",
		Related:     Related{Count: 5, Countries: 1, Topics: 1, Organisations: 1},
	}
	if err := c.derive(); err != nil {
		panic(err) // the defaults above are valid
	}
	return c
}

// Load reads config.toml from the root of fsys, if there is one. The
// returned errors are a diag.Errors list.
func Load(fsys fs.FS) (*Config, error) {
	c := Default()
	src, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, diag.Errors{diag.Errorf(diag.Pos{Path: File}, "cannot read: %v", err)}
	}
	return Parse(src, c)
}

// Parse reads a config.toml document on top of c.
func Parse(src []byte, c *Config) (*Config, error) {
	var errs diag.List
	md, err := toml.Decode(string(src), c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			errs.Addf(diag.Pos{Path: File, Line: pe.Position.Line, Col: pe.Position.Col}, "%s", tomlMessage(pe))
		} else if m := typeError.FindStringSubmatch(err.Error()); m != nil {
			line, col := tomlpos.Key(src, strings.Split(m[1], "."))
			errs.Addf(diag.Pos{Path: File, Line: line, Col: col}, "%s: %s", m[1], m[2])
		} else {
			errs.Addf(diag.Pos{Path: File}, "%v", err)
		}
		return nil, errs.Err()
	}
	known := knownKeys()
	for _, k := range md.Undecoded() {
		line, col := tomlpos.Key(src, k)
		name := k.String()
		msg := fmt.Sprintf("unknown key %q", name)
		if s := suggest.Closest(name, known); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		errs.Addf(diag.Pos{Path: File, Line: line, Col: col}, "%s", msg)
	}
	if err := c.derive(); err != nil {
		var ke *keyError
		if errors.As(err, &ke) {
			line, col := tomlpos.Key(src, strings.Split(ke.key, "."))
			errs.Addf(diag.Pos{Path: File, Line: line, Col: col}, "%s: %s", ke.key, ke.msg)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// SetBaseURL replaces the base URL, as the -baseurl flag does.
func (c *Config) SetBaseURL(s string) error {
	c.BaseURL = s
	if err := c.derive(); err != nil {
		var ke *keyError
		if errors.As(err, &ke) {
			return fmt.Errorf("-baseurl: %s", ke.msg)
		}
		return err
	}
	return nil
}

type keyError struct{ key, msg string }

func (e *keyError) Error() string { return e.key + ": " + e.msg }

func (c *Config) derive() error {
	base, err := url.Parse(c.BaseURL)
	switch {
	case err != nil:
		return &keyError{"baseURL", fmt.Sprintf("invalid URL %q", c.BaseURL)}
	case base.Scheme == "" && base.Host == "" && strings.HasPrefix(base.Path, "/"):
		// A path alone serves the site under that path on any host.
	case base.Scheme != "http" && base.Scheme != "https" || base.Host == "":
		return &keyError{"baseURL", fmt.Sprintf("expected an absolute http(s) URL such as \"https://example.org/kb/\" or a path such as \"/\", got %q", c.BaseURL)}
	case base.RawQuery != "" || base.Fragment != "":
		return &keyError{"baseURL", fmt.Sprintf("must not have a query or fragment, got %q", c.BaseURL)}
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	c.Base = base
	n, err := parseSize(c.MaxFileSize)
	if err != nil {
		return &keyError{"maxFileSize", err.Error()}
	}
	c.MaxFileBytes = n
	switch {
	case c.Related.Count < 0:
		return &keyError{"related.count", fmt.Sprintf("must not be negative, got %d", c.Related.Count)}
	case c.Related.Countries < 0 || c.Related.Topics < 0 || c.Related.Organisations < 0:
		return &keyError{"related", "weights must not be negative"}
	}
	return nil
}

// Permalink returns the absolute URL of a site path such as "agreements/x/".
// With a base URL that is only a path, it is that path.
func (c *Config) Permalink(path string) string {
	return c.Base.String() + path
}

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

func knownKeys() []string {
	return []string{"title", "description", "baseURL", "language", "copyright", "strict", "allowHTML",
		"maxFileSize", "related", "related.count", "related.countries", "related.topics", "related.organisations"}
}

// typeError matches BurntSushi/toml's message for a value of the wrong
// type, which comes without a position of its own.
var typeError = regexp.MustCompile(`^toml: (?:line \d+ )?\(last key "([^"]+)"\): (.*)$`)

func tomlMessage(pe toml.ParseError) string {
	msg := pe.Message
	if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
		msg = pe.LastKey + ": " + msg
	}
	return msg
}
