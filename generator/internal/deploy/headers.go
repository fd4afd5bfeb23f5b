package deploy

import (
	"mime"
	"path"
	"regexp"
)

// Header is what a file is published with.
type Header struct {
	ContentType  string
	CacheControl string
}

// A Rule sets the headers of the files whose slash path Pattern matches.
// An empty field leaves that header to the next rule that matches.
type Rule struct {
	Pattern      *regexp.Regexp
	CacheControl string
	ContentType  string
}

// The Cache-Control of the default rules.
const (
	// Immutable is for a file whose name carries a hash of its content:
	// a new content is a new name, so a browser may keep it for a year.
	Immutable = "public, max-age=31536000, immutable"
	// Revalidate is for pages, which change under the same URL: a browser
	// asks each time whether its copy is current.
	Revalidate = "no-cache"
	// Short is for every other file, which may change under the same name
	// (the search index, feeds, images): at most five minutes stale.
	Short = "public, max-age=300"
)

// DefaultRules come after the site's own: the stylesheet and scripts the
// build fingerprints (css/style.3f9a1c2b.css), pages, and the rest.
var DefaultRules = []Rule{
	{Pattern: regexp.MustCompile(`\.[0-9a-f]{8}\.(css|js)$`), CacheControl: Immutable},
	{Pattern: regexp.MustCompile(`\.html$`), CacheControl: Revalidate},
	{Pattern: regexp.MustCompile(``), CacheControl: Short},
}

// contentTypes are the types of the files a build writes; a fixed table,
// since mime.TypeByExtension reads the machine's own, which differ.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".json":        "application/json",
	".xml":         "application/xml",
	".txt":         "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".pdf":         "application/pdf",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".webmanifest": "application/manifest+json",
}

// Headers returns the headers of the file at name (a slash path): each
// header from the first of rules, then DefaultRules, that matches the path
// and sets it; a Content-Type that no rule sets from the file's extension.
func Headers(name string, rules []Rule) Header {
	var h Header
	for _, list := range [][]Rule{rules, DefaultRules} {
		for _, r := range list {
			if !r.Pattern.MatchString(name) {
				continue
			}
			if h.CacheControl == "" {
				h.CacheControl = r.CacheControl
			}
			if h.ContentType == "" {
				h.ContentType = r.ContentType
			}
		}
	}
	if h.ContentType == "" {
		h.ContentType = typeByExtension(path.Ext(name))
	}
	return h
}

func typeByExtension(ext string) string {
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}
