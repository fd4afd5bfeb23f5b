package flagicon

import (
	"bytes"
	"encoding/xml"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/country"
)

// withoutFlag lists the countries of the registry that flag-icons has no
// flag for, with the reason. flag-icons 7.5.0 has a flag for all of them.
var withoutFlag = map[string]string{}

// notCountries lists the flags in svg/ that are no country of the
// registry; README.md names them.
var notCountries = []string{
	"cp", // Clipperton Island, an exceptional reservation of ISO 3166
	"dg", // Diego Garcia, likewise
	"eu", // European Union
	"ic", // Canary Islands, an exceptional reservation
	"pc", // Pacific Community
	"un", // United Nations
	"xx", // flag-icons's placeholder for an unknown flag
}

// current returns the registry's current countries: a former country
// has no flag of its own, and its withdrawn code may be a flag of
// something else ("PC" was the Pacific Islands trust territory).
func current() []*country.Country {
	var out []*country.Country
	for _, c := range country.Default().All() {
		if c.Ended == 0 {
			out = append(out, c)
		}
	}
	return out
}

func TestEveryCountryHasAFlag(t *testing.T) {
	for _, c := range current() {
		_, ok := SVG(c.Alpha2)
		if _, excused := withoutFlag[c.Alpha2]; ok == excused {
			t.Errorf("%s (%s): has a flag %v, listed in withoutFlag %v", c.Alpha2, c.Name, ok, excused)
		}
		if want := "flags/" + strings.ToLower(c.Alpha2) + ".svg"; ok && File(c.Alpha2) != want {
			t.Errorf("File(%q) = %q, want %q", c.Alpha2, File(c.Alpha2), want)
		}
	}
}

func TestFlagsThatAreNoCountry(t *testing.T) {
	codes := map[string]bool{}
	for _, c := range current() {
		codes[strings.ToLower(c.Alpha2)] = true
	}
	names, err := fs.Glob(flags, "svg/*.svg")
	if err != nil {
		t.Fatal(err)
	}
	var extra []string
	for _, name := range names {
		if code := strings.TrimSuffix(strings.TrimPrefix(name, "svg/"), ".svg"); !codes[code] {
			extra = append(extra, code)
		}
	}
	if !slices.Equal(extra, notCountries) {
		t.Errorf("flags of no country %v, want %v (update notCountries and README.md)", extra, notCountries)
	}
}

func TestLookup(t *testing.T) {
	hu, ok := SVG("HU")
	if !ok || !bytes.Contains(hu, []byte(`id="flag-icons-hu"`)) {
		t.Errorf("SVG(HU) = %.40q, %v", hu, ok)
	}
	if lower, _ := SVG("hu"); !bytes.Equal(lower, hu) {
		t.Error("SVG(hu) differs from SVG(HU)")
	}
	for _, bad := range []string{"", "H", "HUN", "..", "h/", "zz", "ÁÁ"} {
		if _, ok := SVG(bad); ok || File(bad) != "" {
			t.Errorf("SVG(%q) or File(%q) found a flag", bad, bad)
		}
	}
}

// TestFlagsAreSafeSVG checks that every flag is an svg with a 4:3 viewBox
// and, since the site serves the files from its own origin, that none runs
// a script or loads anything from elsewhere.
func TestFlagsAreSafeSVG(t *testing.T) {
	names, _ := fs.Glob(flags, "svg/*.svg")
	total := 0
	sizes := map[string]int{}
	for _, name := range names {
		b, _ := fs.ReadFile(flags, name)
		total += len(b)
		sizes[name] = len(b)
		d := xml.NewDecoder(bytes.NewReader(b))
		root := true
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			e, ok := tok.(xml.StartElement)
			if !ok {
				continue
			}
			if root {
				root = false
				if e.Name.Local != "svg" || !fourByThree(attr(e, "viewBox")) {
					t.Errorf("%s: root <%s viewBox=%q>, want an svg with a 4:3 viewBox", name, e.Name.Local, attr(e, "viewBox"))
				}
			}
			if e.Name.Local == "script" || e.Name.Local == "foreignObject" {
				t.Errorf("%s: has a <%s>", name, e.Name.Local)
			}
			for _, a := range e.Attr {
				if strings.HasPrefix(a.Name.Local, "on") || a.Name.Local == "href" && !strings.HasPrefix(a.Value, "#") {
					t.Errorf("%s: <%s %s=%q>", name, e.Name.Local, a.Name.Local, a.Value)
				}
			}
		}
	}
	largest := slices.SortedFunc(maps.Keys(sizes), func(a, b string) int { return sizes[b] - sizes[a] })[:6]
	var report []string
	for _, name := range largest {
		report = append(report, strings.TrimPrefix(name, "svg/")+" "+strconv.Itoa(sizes[name]))
	}
	t.Logf("%d flags, %d bytes; the largest, with coats of arms: %s", len(names), total, strings.Join(report, ", "))
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func fourByThree(viewBox string) bool {
	f := strings.Fields(viewBox)
	if len(f) != 4 {
		return false
	}
	w, err1 := strconv.ParseFloat(f[2], 64)
	h, err2 := strconv.ParseFloat(f[3], 64)
	return err1 == nil && err2 == nil && w*3 == h*4
}
