package country

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestReassignedCodes lists every withdrawn code that does not name its
// former country, so that a new one is a decision and not an accident.
func TestReassignedCodes(t *testing.T) {
	// By withdrawn code, the current country it names, or "" for none.
	want := map[string]string{
		"AI":  "AI", // Anguilla, not the French Afars and Issas
		"BQ":  "BQ", // Bonaire, Sint Eustatius and Saba, not the British Antarctic Territory
		"BY":  "BY", // Belarus, not the Byelorussian SSR
		"GE":  "GE", // Georgia, not the Gilbert and Ellice Islands
		"SK":  "SK", // Slovakia, not Sikkim
		"ATF": "TF", // the French Southern Territories, not the French Southern and Antarctic Territories
		"CS":  "",   // Czechoslovakia until 1993, Serbia and Montenegro until 2006
	}
	r := Default()
	got := map[string]string{}
	for _, c := range r.All() {
		if c.Ended == 0 {
			continue
		}
		for _, code := range []string{c.Alpha2, c.Alpha3} {
			switch other, ok := r.Lookup(code); {
			case !ok:
				got[code] = ""
			case other != c:
				got[code] = other.Alpha2
				if other.Ended != 0 {
					t.Errorf("Lookup(%q) = %s, a former country other than %s", code, other.Alpha4, c.Alpha4)
				}
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("withdrawn codes that name another country or none = %v, want %v", got, want)
	}
}

func TestFormerCountryFields(t *testing.T) {
	r := Default()
	c, _ := r.Lookup("East Germany")
	germany, _ := r.Lookup("DE")
	want := Country{
		Name: "East Germany", Alpha2: "DD", Alpha3: "DDR", Alpha4: "DDDE", Numeric: "278",
		Slug: "east-germany", Ended: 1990, Successors: []*Country{germany},
	}
	if !reflect.DeepEqual(*c, want) {
		t.Errorf("Lookup(\"East Germany\") = %+v, want %+v", *c, want)
	}
	if !reflect.DeepEqual(germany.Predecessors, []*Country{c}) {
		t.Errorf("predecessors of DE = %v, want East Germany", germany.Predecessors)
	}
}

func TestFormerSlugs(t *testing.T) {
	r := Default()
	for _, s := range []string{"soviet-union", "yugoslavia", "czechoslovakia", "east-germany", "serbia-and-montenegro", "netherlands-antilles", "burma-until-1989"} {
		if c, ok := r.BySlug(s); !ok || c.Ended == 0 {
			t.Errorf("BySlug(%q) = %v, %t, want a former country", s, c, ok)
		}
	}
}

func TestSuccessors(t *testing.T) {
	tests := []struct {
		code         string
		successors   string // by Alpha4 or Alpha2
		predecessors string
	}{
		{"YUCS", "BA HR MK CSXX SI", ""},
		{"CSXX", "ME RS", "YUCS"},
		{"SUHH", "AM AZ BY EE GE KZ KG LV LT MD RU TJ TM UA UZ", ""},
		{"CSHH", "CZ SK", ""},
		{"ANHH", "BQ CW SX", ""},
		{"BUMM", "MM", ""},
		{"RS", "", "CSXX"},
		{"BY", "", "BYAA SUHH"},
		{"KI", "", "CTKI GEHH"},
		{"UM", "", "JTUM MIUM PUUM WKUM"},
		{"AQ", "", "BQAQ NQAQ FQHH"},
		{"CD", "", "ZRCD"},
		{"HU", "", ""},
	}
	codes := func(cs []*Country) string {
		var s []string
		for _, c := range cs {
			s = append(s, id(c))
		}
		return strings.Join(s, " ")
	}
	r := Default()
	for _, tt := range tests {
		c, _ := r.Lookup(tt.code)
		if got := codes(c.Successors); got != tt.successors {
			t.Errorf("successors of %s = %s, want %s", tt.code, got, tt.successors)
		}
		if got := codes(c.Predecessors); got != tt.predecessors {
			t.Errorf("predecessors of %s = %s, want %s", tt.code, got, tt.predecessors)
		}
	}
}

func TestSuccessorsAndPredecessorsAgree(t *testing.T) {
	r := Default()
	all := r.All()
	bySlug := func(a, b *Country) int { return strings.Compare(a.Slug, b.Slug) }
	for _, c := range all {
		if c.Ended != 0 && len(c.Successors) == 0 {
			t.Errorf("former country %s has no successors", c.Alpha4)
		}
		if c.Ended == 0 && len(c.Successors) != 0 {
			t.Errorf("current country %s has successors", c.Alpha2)
		}
		for _, s := range c.Successors {
			if !slices.Contains(all, s) {
				t.Errorf("successor %s of %s is not in the registry", s.Name, c.Alpha4)
			}
			if s.Ended != 0 && s.Ended <= c.Ended {
				t.Errorf("successor %s of %s ended in %d, not after %d", s.Alpha4, c.Alpha4, s.Ended, c.Ended)
			}
			if !slices.Contains(s.Predecessors, c) {
				t.Errorf("%s succeeded %s, but its predecessors are %v", id(s), c.Alpha4, s.Predecessors)
			}
		}
		for _, p := range c.Predecessors {
			if !slices.Contains(p.Successors, c) {
				t.Errorf("%s is a predecessor of %s, but its successors are %v", p.Alpha4, id(c), p.Successors)
			}
		}
		if !slices.IsSortedFunc(c.Successors, bySlug) || !slices.IsSortedFunc(c.Predecessors, bySlug) {
			t.Errorf("successors or predecessors of %s are not sorted by slug", id(c))
		}
	}
}

// TestFormerCountryTable checks the table against the rules of ISO 3166-3.
func TestFormerCountryTable(t *testing.T) {
	if len(formerCountries) != 31 {
		t.Errorf("%d former countries, want the 31 of ISO 3166-3", len(formerCountries))
	}
	seen := map[string]bool{}
	for _, f := range formerCountries {
		// An alpha-4 code starts with the withdrawn alpha-2 code.
		if len(f.alpha4) != 4 || f.alpha4[:2] != f.alpha2 || len(f.alpha3) != 3 {
			t.Errorf("%s: codes %s, %s do not fit", f.alpha4, f.alpha2, f.alpha3)
		}
		if seen[f.alpha4] {
			t.Errorf("%s is in the table twice", f.alpha4)
		}
		seen[f.alpha4] = true
		// ISO 3166-1 was first published in 1974.
		if f.ended < 1974 || f.ended > 2010 {
			t.Errorf("%s: ended in %d, outside ISO 3166-3's 1974 to 2010", f.alpha4, f.ended)
		}
	}
}
