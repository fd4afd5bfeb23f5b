package build

import (
	"regexp"
	"strings"
	"testing"
)

// fingerprintTheme links its stylesheet and script through asset, and its
// icon, which is not fingerprinted, too.
const fingerprintTheme = `
-- templates/base.html --
<link rel="stylesheet" href="{{asset "css/style.css"}}"><link rel="icon" href="{{asset "favicon.svg"}}">
{{block "main" .}}{{end}}
-- templates/search.html --
{{define "main"}}<script src="{{asset "js/search.js"}}" defer></script>{{end}}
-- static/css/style.css --
body { color: black; }
-- static/js/search.js --
"use strict";
-- static/favicon.svg --
<svg/>
`

// TestFingerprints: a build for publishing writes the stylesheet and
// scripts a second time under a name that carries a hash of their content,
// and pages link that name under the base URL's path; an edit gives a new
// name and the old one goes. The development server's builds link the
// plain names, which it swaps in open pages.
func TestFingerprints(t *testing.T) {
	site := minimalTemplates + smallSite + fingerprintTheme
	s := newSite(t, site).EditFiles("config.toml", "title = \"KB\"\nbaseURL = \"https://example.org/kb/\"\n").Build().
		AssertFile("css/style.css", "color: black").
		AssertFile("css/style.494f4abf.css", "color: black").
		AssertFile("js/search.js", `"use strict"`).
		AssertFile("js/search.77f5eec3.js", `"use strict"`).
		AssertFile("index.html", `<link rel="stylesheet" href="/kb/css/style.494f4abf.css">`, `<link rel="icon" href="/kb/favicon.svg">`).
		AssertFile("search/index.html", `<script src="/kb/js/search.77f5eec3.js" defer></script>`)
	s.EditFiles("static/css/style.css", "body { color: navy; }\n").Build().
		AssertFile("index.html", `<link rel="stylesheet" href="/kb/css/style.b697f407.css">`).
		AssertFile("css/style.b697f407.css", "color: navy").
		AssertNoFile("css/style.494f4abf.css")

	newSite(t, site).WithOptions(Options{PlainAssets: true}).Running().Build().
		AssertFile("index.html", `<link rel="stylesheet" href="/css/style.css">`).
		AssertNoFile("css/style.494f4abf.css")
}

// TestFingerprintName: the name keeps the folder and the extension, with
// eight hexadecimal digits before it, as the deploy command's rule for
// files it may cache for a year expects.
func TestFingerprintName(t *testing.T) {
	got := fingerprint("css/print/style.min.css", []byte("body{}"))
	if !regexp.MustCompile(`^css/print/style\.min\.[0-9a-f]{8}\.css$`).MatchString(got) {
		t.Errorf("fingerprint = %q", got)
	}
	if fingerprint("a.js", []byte("1")) == fingerprint("a.js", []byte("2")) {
		t.Error("two contents, one name")
	}
}

// TestAssetMissing: asset names a file of static/, and a missing one is
// an error at the template's line, with the name meant.
func TestAssetMissing(t *testing.T) {
	s := newSite(t, minimalTemplates+smallSite+fingerprintTheme+`
-- templates/base.html --
<link rel="stylesheet"
  href="{{asset "css/styles.css"}}">
`)
	err := s.build()
	want := `templates/base.html:2:11: rendering /404.html: executing "base.html" at <asset "css/styles.css">: ` +
		`error calling asset: no file static/css/styles.css (did you mean "css/style.css"?)` + "\n"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error:\n%v\nwant first:\n%s", err, want)
	}
}
