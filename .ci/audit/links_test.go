package audit

import (
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestLinks checks the links of every page of the sample site.
func TestLinks(t *testing.T) {
	checkLinks(t, sample.get(t))
}

// urlAttrs are the attributes whose value is a URL that a reader's browser
// follows or loads.
var urlAttrs = []string{"href", "src", "action"}

// checkLinks checks that every internal URL in an href, src or action of
// any HTML page of a site, relative or on the site's origin, leads to a
// file of the build (a folder to its index.html), and its fragment, if it
// has one, to an element of the target page with that id. Links to other
// origins and schemes other than http(s) are not checked.
func checkLinks(t *testing.T, s *builtSite) {
	base, err := url.Parse(s.base)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	err = filepath.WalkDir(s.public, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(s.public, path)
			files[filepath.ToSlash(rel)] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	type link struct{ page, target string }
	var links []link
	// ids holds the ids of the elements of each page, by its file.
	ids := map[string]map[string]bool{}
	for _, page := range s.pages {
		b, err := os.ReadFile(s.file(page))
		if err != nil {
			t.Fatal(err)
		}
		// The values are cloned so that the page's text is not kept.
		own := map[string]bool{}
		startTags(string(b), func(name string, attrs []attr) {
			for _, a := range attrs {
				switch {
				case a.name == "id", a.name == "name" && name == "a":
					own[strings.Clone(a.value)] = true
				case slices.Contains(urlAttrs, a.name):
					links = append(links, link{page, strings.Clone(a.value)})
				}
			}
		})
		ids[fileOf(page)] = own
	}
	// broken lists, for each broken target and why, the pages that link
	// to it.
	broken := map[string][]string{}
	for _, l := range links {
		if why := resolve(base, l.page, l.target, files, ids); why != "" {
			key := fmt.Sprintf("%q: %s", l.target, why)
			// A page's links come together: one that links twice
			// is listed once.
			if pages := broken[key]; len(pages) == 0 || pages[len(pages)-1] != "/"+l.page {
				broken[key] = append(pages, "/"+l.page)
			}
		}
	}
	for _, key := range slices.Sorted(maps.Keys(broken)) {
		pages := broken[key]
		more := ""
		if len(pages) > 5 {
			more = ", …"
		}
		t.Errorf("%s, linked from %d pages: %s%s", key, len(pages), strings.Join(pages[:min(5, len(pages))], ", "), more)
	}
	t.Logf("%d links on %d pages checked, %d broken targets", len(links), len(s.pages), len(broken))
}

// resolve says why a link on a page is broken, or "" if it is not.
func resolve(base *url.URL, page, target string, files map[string]bool, ids map[string]map[string]bool) string {
	u, err := base.Parse(page)
	if err == nil {
		u, err = u.Parse(target)
	}
	if err != nil {
		return err.Error()
	}
	if u.Scheme != base.Scheme || u.Host != base.Host {
		return ""
	}
	rel, ok := strings.CutPrefix(u.Path, base.Path)
	if !ok {
		return "outside the site"
	}
	file := fileOf(rel)
	if !files[file] {
		if !files[file+"/index.html"] {
			return "no file " + file
		}
		file += "/index.html"
	}
	if u.Fragment == "" || !strings.HasSuffix(file, ".html") {
		return ""
	}
	if !ids[file][u.Fragment] {
		return fmt.Sprintf("no element with id %q in %s", u.Fragment, file)
	}
	return ""
}

// fileOf is the file, relative to the site's folder, that a page's path
// is served from.
func fileOf(page string) string {
	if page == "" || strings.HasSuffix(page, "/") {
		return page + "index.html"
	}
	return page
}
