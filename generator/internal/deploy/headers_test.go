package deploy

import (
	"regexp"
	"testing"
)

func TestHeaders(t *testing.T) {
	rules := []Rule{
		// Feeds get their own type, and the cache time of the defaults.
		{Pattern: regexp.MustCompile(`feed\.xml$`), ContentType: "application/atom+xml; charset=utf-8"},
		// The data export is kept a day; a later rule cannot change that.
		{Pattern: regexp.MustCompile(`^data/`), CacheControl: "public, max-age=86400"},
		{Pattern: regexp.MustCompile(`\.json$`), CacheControl: "no-store", ContentType: "application/x-ndjson"},
	}
	for _, tt := range []struct {
		path string
		want Header
	}{
		{"index.html", Header{"text/html; charset=utf-8", Revalidate}},
		{"agreements/hu-kg/index.html", Header{"text/html; charset=utf-8", Revalidate}},
		{"css/style.3f9a1c2b.css", Header{"text/css; charset=utf-8", Immutable}},
		{"js/search.0123abcd.js", Header{"text/javascript; charset=utf-8", Immutable}},
		{"css/style.css", Header{"text/css; charset=utf-8", Short}},
		{"js/search.js", Header{"text/javascript; charset=utf-8", Short}},
		// Not a hash of eight hexadecimal digits: not immutable.
		{"css/style.3F9A1C2B.css", Header{"text/css; charset=utf-8", Short}},
		{"css/print.v2.css", Header{"text/css; charset=utf-8", Short}},
		{"feed.xml", Header{"application/atom+xml; charset=utf-8", Short}},
		{"countries/hungary/feed.xml", Header{"application/atom+xml; charset=utf-8", Short}},
		{"sitemap.xml", Header{"application/xml", Short}},
		{"data/knowledge-base.json", Header{"application/x-ndjson", "public, max-age=86400"}},
		{"search/index.json", Header{"application/x-ndjson", "no-store"}},
		{"flags/hu.svg", Header{"image/svg+xml", Short}},
		{"robots.txt", Header{"text/plain; charset=utf-8", Short}},
		{"LICENSE", Header{"application/octet-stream", Short}},
	} {
		if got := Headers(tt.path, rules); got != tt.want {
			t.Errorf("Headers(%q) = %+v, want %+v", tt.path, got, tt.want)
		}
	}
	if got := Headers("index.html", nil); got != (Header{"text/html; charset=utf-8", Revalidate}) {
		t.Errorf("Headers(index.html) without rules = %+v", got)
	}
}
