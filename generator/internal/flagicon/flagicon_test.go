package flagicon

import (
	"bytes"
	"crypto/sha256"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"io/fs"
	"maps"
	"path"
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
		svg, ok := fs.ReadFile(flags, "svg/"+strings.ToLower(c.Alpha2)+".svg")
		if _, excused := withoutFlag[c.Alpha2]; (ok == nil) == excused {
			t.Errorf("%s (%s): has a flag %v, listed in withoutFlag %v", c.Alpha2, c.Name, ok == nil, excused)
		}
		if ok != nil {
			continue
		}
		want := "flags/" + strings.ToLower(c.Alpha2) + ".svg"
		if len(svg) > SmallAbove {
			want = strings.TrimSuffix(want, ".svg") + ".png"
		}
		if File(c.Alpha2) != want {
			t.Errorf("File(%q) = %q, want %q", c.Alpha2, File(c.Alpha2), want)
		}
		if _, found := Data(want); !found {
			t.Errorf("Data(%q) found nothing", want)
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
	if f := File("HU"); f != "flags/hu.svg" || File("hu") != f {
		t.Errorf("File(HU) = %q, File(hu) = %q, want flags/hu.svg", f, File("hu"))
	}
	if hu, ok := Data("flags/hu.svg"); !ok || !bytes.Contains(hu, []byte(`id="flag-icons-hu"`)) {
		t.Errorf("Data(flags/hu.svg) = %.40q, %v", hu, ok)
	}
	if rs, ok := Data(File("RS")); !ok || !bytes.HasPrefix(rs, []byte("\x89PNG")) {
		t.Errorf("Data(File(RS)) = %.8q, %v, want Serbia's PNG", rs, ok)
	}
	for _, bad := range []string{"", "H", "HUN", "..", "h/", "zz", "ÁÁ"} {
		if File(bad) != "" {
			t.Errorf("File(%q) found a flag", bad)
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

// TestSmallFlags checks that small/ holds a PNG of every flag above
// SmallAbove bytes and of no other, each of PNGWidth × PNGHeight opaque
// pixels and drawn from the flag svg/ holds now: update.sh draws them
// again when it replaces the flags.
func TestSmallFlags(t *testing.T) {
	sources, err := fs.ReadFile(flags, "small/SOURCES")
	if err != nil {
		t.Fatal(err)
	}
	drawnFrom := map[string]string{}
	for line := range strings.Lines(string(sources)) {
		sum, name, ok := strings.Cut(strings.TrimSpace(line), "  ")
		if !ok {
			t.Fatalf("small/SOURCES: line %q", line)
		}
		drawnFrom[strings.TrimSuffix(name, ".svg")] = sum
	}
	svgs, _ := fs.Glob(flags, "svg/*.svg")
	want := map[string]bool{}
	for _, name := range svgs {
		b, _ := fs.ReadFile(flags, name)
		if len(b) <= SmallAbove {
			continue
		}
		code := strings.TrimSuffix(path.Base(name), ".svg")
		want[code] = true
		if got := fmt.Sprintf("%x", sha256.Sum256(b)); drawnFrom[code] != got {
			t.Errorf("small/%s.png was drawn from an SVG of SHA-256 %q, svg/%s.svg has %s: run update.sh", code, drawnFrom[code], code, got)
		}
		data, err := fs.ReadFile(flags, "small/"+code+".png")
		if err != nil {
			t.Errorf("%s (%d bytes) has no PNG: run update.sh", name, len(b))
			continue
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Errorf("small/%s.png: %v", code, err)
			continue
		}
		if b := img.Bounds(); b.Dx() != PNGWidth || b.Dy() != PNGHeight {
			t.Errorf("small/%s.png is %dx%d, want %dx%d", code, b.Dx(), b.Dy(), PNGWidth, PNGHeight)
		}
		if o, ok := img.(interface{ Opaque() bool }); !ok || !o.Opaque() {
			t.Errorf("small/%s.png is not opaque: a flag fills its rectangle", code)
		}
	}
	pngs, _ := fs.Glob(flags, "small/*.png")
	for _, name := range pngs {
		if code := strings.TrimSuffix(path.Base(name), ".png"); !want[code] {
			t.Errorf("%s: no flag of more than %d bytes is drawn as it", name, SmallAbove)
		}
	}
	if len(drawnFrom) != len(want) {
		t.Errorf("small/SOURCES names %d flags, want %d", len(drawnFrom), len(want))
	}
}
