package country

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/biter777/countries"
	"github.com/gosimple/slug"
)

func TestTablesBuild(t *testing.T) {
	if _, err := newRegistry(countries.All(), displayNames, aliases, formerCountries); err != nil {
		t.Fatalf("the name tables are inconsistent:\n%v", err)
	}
}

func TestNewRegistryRejectsMistakes(t *testing.T) {
	codes := []countries.CountryCode{countries.HUN, countries.AUT}
	ussr := formerCountry{alpha4: "SUHH", alpha2: "SU", alpha3: "SUN", ended: 1992, name: "Soviet Union", successors: []string{"AT"}}
	with := func(f formerCountry, change func(*formerCountry)) []formerCountry {
		change(&f)
		return []formerCountry{f}
	}
	tests := []struct {
		name    string
		display map[string]string
		aliases map[string][]string
		former  []formerCountry
		want    string
	}{
		{"alias of another country", nil, map[string][]string{"AT": {"hungary "}}, nil, `"hungary " names both HU and AT`},
		{"alias equal to another code", nil, map[string][]string{"AT": {"HUN"}}, nil, `"HUN" names both HU and AT`},
		{"shared slug", map[string]string{"AT": "Hungary!"}, nil, nil, `HU and AT share the slug "hungary"`},
		{"alias without letters", nil, map[string][]string{"AT": {"--"}}, nil, `AT: "--" has no letters or digits`},
		{"display name of an unknown code", map[string]string{"UK": "Britain"}, nil, nil, "mention UK, which is not a known alpha-2 code"},
		{"aliases of an unknown code", nil, map[string][]string{"YU": {"Serbia and Montenegro"}}, nil, "mention YU, which is not a known alpha-2 code"},
		{"former country named as a current one", nil, nil,
			with(ussr, func(f *formerCountry) { f.aliases = []string{"Austria"} }), `"Austria" names both AT and SUHH`},
		{"former country with a current slug", nil, nil,
			with(ussr, func(f *formerCountry) { f.name = "Hungary!" }), `HU and SUHH share the slug "hungary"`},
		// Only a current country's codes take a withdrawn code over.
		{"former code equal to an alias", nil, map[string][]string{"AT": {"SUN"}}, []formerCountry{ussr}, `"SUN" names both AT and SUHH`},
		{"unknown successor", nil, nil,
			with(ussr, func(f *formerCountry) { f.successors = []string{"RU"} }), "SUHH: successor RU is not a known alpha-2 or ISO 3166-3 code"},
		{"no successors", nil, nil,
			with(ussr, func(f *formerCountry) { f.successors = nil }), "SUHH has no successors"},
		{"successor of itself", nil, nil,
			with(ussr, func(f *formerCountry) { f.successors = []string{"SUHH"} }), "SUHH: successor SUHH ended in 1992, not after SUHH in 1992"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newRegistry(codes, tt.display, tt.aliases, tt.former)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("newRegistry error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		id        string // see id
		spellings []string
	}{
		{"HU", []string{"Hungary", "hungary", "HUNGARY", "HU", "hu", "HUN", "hun", "  Hungary  "}},
		{"TR", []string{"Türkiye", "Turkey", "Turkiye", "TÜRKİYE", "turkiye", "TR", "TUR", "Republic of Türkiye", "Republic of Turkey"}},
		{"KG", []string{"Kyrgyzstan", "Kyrgyz Republic", "kyrgyz  republic", "Kirghizia", "KG", "KGZ"}},
		{"UZ", []string{"Uzbekistan", "Republic of Uzbekistan", "UZB"}},
		{"KZ", []string{"Kazakhstan", "Kazakstan"}},
		{"TJ", []string{"Tajikistan"}},
		{"TM", []string{"Turkmenistan"}},
		{"AZ", []string{"Azerbaijan", "Republic of Azerbaijan"}},
		{"GE", []string{"Georgia", "GEO"}},
		{"AM", []string{"Armenia", "Republic of Armenia"}},
		{"MN", []string{"Mongolia"}},
		{"BY", []string{"Belarus", "Byelorussia"}},
		{"RU", []string{"Russia", "Russian Federation", "RUS"}},
		{"MD", []string{"Moldova", "Republic of Moldova", "Moldova (Republic of)", "Moldova, Republic of"}},
		{"CZ", []string{"Czechia", "Czech Republic", "CZE"}},
		{"SK", []string{"Slovakia", "Slovak Republic"}},
		{"MK", []string{"North Macedonia", "Macedonia", "FYROM", "Republic of North Macedonia", "North-Macedonia"}},
		{"BA", []string{"Bosnia and Herzegovina", "Bosnia & Herzegovina", "Bosnia-Herzegovina", "bosnia-and-herzegovina", "BIH"}},
		{"SZ", []string{"Eswatini", "Swaziland"}},
		{"MM", []string{"Myanmar", "Burma"}},
		{"CV", []string{"Cabo Verde", "Cape Verde"}},
		{"CI", []string{"Côte d'Ivoire", "Cote d'Ivoire", "Cote dIvoire", "cote-divoire", "Côte d’Ivoire", "Ivory Coast"}},
		{"TL", []string{"Timor-Leste", "Timor Leste", "East Timor"}},
		{"US", []string{"United States", "USA", "U.S.A.", "US", "United States of America"}},
		{"GB", []string{"United Kingdom", "UK", "Great Britain", "Britain", "GBR"}},
		{"KR", []string{"South Korea", "Korea", "Republic of Korea", "Korea, Republic of", "KOR"}},
		{"KP", []string{"North Korea", "DPRK", "Democratic People's Republic of Korea"}},
		{"IR", []string{"Iran", "Islamic Republic of Iran", "Iran (Islamic Republic of)"}},
		{"SY", []string{"Syria", "Syrian Arab Republic"}},
		{"LA", []string{"Laos", "Lao PDR", "Lao People's Democratic Republic"}},
		{"VN", []string{"Vietnam", "Viet Nam"}},
		{"BO", []string{"Bolivia", "Plurinational State of Bolivia"}},
		{"VE", []string{"Venezuela"}},
		{"TZ", []string{"Tanzania", "United Republic of Tanzania"}},
		{"VA", []string{"Holy See", "Vatican", "Vatican City"}},
		{"PS", []string{"Palestine", "State of Palestine"}},
		{"TW", []string{"Taiwan", "Chinese Taipei"}},
		{"CG", []string{"Congo", "Republic of the Congo", "Congo-Brazzaville", "COG"}},
		{"CD", []string{"Democratic Republic of the Congo", "DR Congo", "DRC", "Congo-Kinshasa", "COD"}},
		{"BN", []string{"Brunei", "Brunei Darussalam"}},
		{"FM", []string{"Micronesia", "Federated States of Micronesia"}},
		{"NL", []string{"Netherlands", "The Netherlands", "Holland"}},
		{"CN", []string{"China", "People's Republic of China", "CHN"}},
		{"JP", []string{"Japan", "JPN"}},
		{"XK", []string{"Kosovo", "XK", "XKX", "RKS", "rks", "Republic of Kosovo"}},
		{"AX", []string{"Åland Islands", "Aland Islands"}},
		{"GW", []string{"Guinea-Bissau", "Guinea Bissau"}},
		{"GN", []string{"Guinea"}},
		{"NE", []string{"Niger"}},
		{"NG", []string{"Nigeria"}},
		// Former countries, by their ISO 3166-3 code.
		{"YUCS", []string{"Yugoslavia", "yugoslavia", "YUG", "yug", "YU", "YUCS", "SFR Yugoslavia", "SFRY", "Socialist Federal Republic of Yugoslavia", "Federal Republic of Yugoslavia", "FR Yugoslavia"}},
		{"SUHH", []string{"Soviet Union", "soviet-union", "USSR", "U.S.S.R.", "SU", "SUN", "SUHH", "Union of Soviet Socialist Republics"}},
		{"CSHH", []string{"Czechoslovakia", "CSK", "CSHH", "ČSSR", "CSSR", "Czech and Slovak Federative Republic"}},
		{"CSXX", []string{"Serbia and Montenegro", "Serbia & Montenegro", "SCG", "CSXX", "State Union of Serbia and Montenegro"}},
		{"DDDE", []string{"East Germany", "German Democratic Republic", "GDR", "DDR", "DD", "DDDE"}},
		{"ANHH", []string{"Netherlands Antilles", "ANT", "ant", "AN", "ANHH"}},
		{"ZRCD", []string{"Zaire", "Zaïre", "ZAIRE", "ZR", "ZAR", "ZRCD"}},
		{"BUMM", []string{"Burma (until 1989)", "BU", "BUR", "BUMM"}},
		{"TPTL", []string{"East Timor (until 2002)", "Portuguese Timor", "TP", "TMP", "TPTL"}},
		{"BYAA", []string{"Byelorussian SSR", "BYS", "BYAA"}},
		{"GEHH", []string{"Gilbert and Ellice Islands", "GEL", "GEHH"}},
		{"SKIN", []string{"Sikkim", "SKM", "SKIN"}},
		{"FQHH", []string{"French Southern and Antarctic Territories", "FQ", "FQHH"}},
		{"AIDJ", []string{"French Afars and Issas", "AFI", "AIDJ"}},
		{"BQAQ", []string{"British Antarctic Territory", "ATB", "BQAQ"}},
		{"NTHH", []string{"Saudi-Iraqi Neutral Zone", "Saudi–Iraqi Neutral Zone", "Neutral Zone", "NT", "NTZ"}},
		{"VDVN", []string{"North Vietnam", "Democratic Republic of Vietnam", "VD", "VDR"}},
		{"YDYE", []string{"South Yemen", "Democratic Yemen", "YMD"}},
		{"RHZW", []string{"Southern Rhodesia", "Rhodesia", "RHO"}},
		{"HVBF", []string{"Upper Volta", "HVO"}},
		{"FXFR", []string{"Metropolitan France", "France, Metropolitan", "FX", "FXX"}},
	}
	r := Default()
	for _, tt := range tests {
		for _, s := range tt.spellings {
			if c, ok := r.Lookup(s); !ok || id(c) != tt.id {
				t.Errorf("Lookup(%q) = %v, %t, want %s", s, c, ok, tt.id)
			}
		}
	}
}

func TestLookupReturnsSharedCountry(t *testing.T) {
	r := Default()
	want, _ := r.Lookup("Hungary")
	for _, s := range []string{"hungary", "HU", "HUN", "hu"} {
		if c, _ := r.Lookup(s); c != want {
			t.Errorf("Lookup(%q) = %p, want the same *Country as Lookup(\"Hungary\") %p", s, c, want)
		}
	}
}

func TestLookupUnknown(t *testing.T) {
	r := Default()
	for _, s := range []string{"", "   ", "-", "Atlantis", "Hungry", "XX", "XXX", "Europe", "Burma (until 2002)", "CS", "cs"} {
		if c, ok := r.Lookup(s); ok {
			t.Errorf("Lookup(%q) = %s, want no country", s, c.Name)
		}
	}
}

func TestEverySpellingInTheTablesLooksUpItsCountry(t *testing.T) {
	r := Default()
	check := func(s, want string) {
		if c, ok := r.Lookup(s); !ok || id(c) != want {
			t.Errorf("Lookup(%q) = %v, %t, want %s", s, c, ok, want)
		}
	}
	for a2, name := range displayNames {
		check(name, a2)
	}
	for a2, names := range aliases {
		for _, s := range names {
			check(s, a2)
		}
	}
	for _, f := range formerCountries {
		for _, s := range append([]string{f.name, f.alpha4}, f.aliases...) {
			check(s, f.alpha4)
		}
	}
}

func TestDisplayNames(t *testing.T) {
	tests := map[string]string{
		"HU": "Hungary",
		"TR": "Türkiye",
		"KG": "Kyrgyzstan",
		"RU": "Russia",
		"MD": "Moldova",
		"CZ": "Czechia",
		"US": "United States",
		"GB": "United Kingdom",
		"KR": "South Korea",
		"KP": "North Korea",
		"IR": "Iran",
		"VN": "Vietnam",
		"LA": "Laos",
		"SY": "Syria",
		"BO": "Bolivia",
		"TZ": "Tanzania",
		"VE": "Venezuela",
		"MK": "North Macedonia",
		"BA": "Bosnia and Herzegovina",
		"CI": "Côte d'Ivoire",
		"SZ": "Eswatini",
		"XK": "Kosovo",
	}
	r := Default()
	for a2, want := range tests {
		if c, _ := r.Lookup(a2); c == nil || c.Name != want {
			t.Errorf("Lookup(%q).Name = %v, want %q", a2, c, want)
		}
	}
}

func TestCountryFields(t *testing.T) {
	c, _ := Default().Lookup("Türkiye")
	want := Country{Name: "Türkiye", Alpha2: "TR", Alpha3: "TUR", Numeric: "792", Slug: "turkiye", Flag: "🇹🇷"}
	if !reflect.DeepEqual(*c, want) {
		t.Errorf("Lookup(\"Türkiye\") = %+v, want %+v", *c, want)
	}
	if c, _ := Default().Lookup("HU"); c.Flag != "🇭🇺" {
		t.Errorf("flag of HU = %q, want 🇭🇺", c.Flag)
	}
	if c, _ := Default().Lookup("BA"); c.Slug != "bosnia-and-herzegovina" {
		t.Errorf("slug of BA = %q, want bosnia-and-herzegovina", c.Slug)
	}
}

func TestEveryCountry(t *testing.T) {
	r := Default()
	all := r.All()
	// The library's 252 codes, less the two withdrawn ones, and the 31
	// former countries of ISO 3166-3.
	if len(all) != 250+31 {
		t.Errorf("len(All()) = %d, want 281", len(all))
	}
	for _, c := range all {
		if got, ok := r.BySlug(c.Slug); !ok || got != c {
			t.Errorf("BySlug(%q) = %v, %t, want %s", c.Slug, got, ok, id(c))
		}
		for _, s := range []string{c.Name, c.Slug} {
			if got, ok := r.Lookup(s); !ok || got != c {
				t.Errorf("Lookup(%q) = %v, %t, want %s", s, got, ok, id(c))
			}
		}
		if !isSlug(c.Slug) {
			t.Errorf("%s: slug %q has characters outside [a-z0-9-]", id(c), c.Slug)
		}
		if len(c.Alpha2) != 2 || len(c.Alpha3) != 3 || c.Numeric != "" && len(c.Numeric) != 3 {
			t.Errorf("%s: codes %q, %q, %q have the wrong length", c.Name, c.Alpha2, c.Alpha3, c.Numeric)
		}
		if c.Ended != 0 {
			// former_test.go checks the codes of former countries.
			continue
		}
		for _, s := range []string{c.Alpha2, c.Alpha3, strings.ToLower(c.Alpha3)} {
			if got, ok := r.Lookup(s); !ok || got != c {
				t.Errorf("Lookup(%q) = %v, %t, want %s", s, got, ok, c.Alpha2)
			}
		}
		if want := regionalIndicators(c.Alpha2); c.Flag != want {
			t.Errorf("%s: Flag = %q, want %q", c.Alpha2, c.Flag, want)
		}
		if c.Alpha4 != "" || len(c.Successors) != 0 {
			t.Errorf("%s is current but has an ISO 3166-3 code %q or successors %v", c.Alpha2, c.Alpha4, c.Successors)
		}
	}
	if !slices.IsSortedFunc(all, func(a, b *Country) int { return strings.Compare(a.Slug, b.Slug) }) {
		t.Error("All() is not sorted by slug")
	}
	if all[0].Name != "Afghanistan" || all[1].Name != "Åland Islands" {
		t.Errorf("All() starts %s, %s, want Afghanistan, Åland Islands", all[0].Name, all[1].Name)
	}
	all[0] = nil
	if r.All()[0] == nil {
		t.Error("All() returned the registry's own slice")
	}
}

func regionalIndicators(alpha2 string) string {
	var b strings.Builder
	for _, r := range alpha2 {
		b.WriteRune(r - 'A' + '\U0001F1E6')
	}
	return b.String()
}

func TestBySlugUnknown(t *testing.T) {
	for _, s := range []string{"", "Hungary", "hu", "HUN", "turkey"} {
		if c, ok := Default().BySlug(s); ok {
			t.Errorf("BySlug(%q) = %s, want no country", s, c.Name)
		}
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hungry", "Hungary"},
		{"Hungray", "Hungary"},
		{"Uzbekstan", "Uzbekistan"},
		{"Kirgizstan", "Kyrgyzstan"},
		{"Kazahstan", "Kazakhstan"},
		{"Turkiey", "Türkiye"},
		{"Tukey", "Türkiye"},
		{"Czech Repulic", "Czechia"},
		{"Bosnia and Hercegovina", "Bosnia and Herzegovina"},
		{"Moldava", "Moldova"},
		{"Yugoslvia", "Yugoslavia"},
		{"Czechoslovkia", "Czechoslovakia"},
		{"Soviet Unoin", "Soviet Union"},
		{"East Germny", "East Germany"},
		{"Hungary", "Hungary"},
		{"", ""},
		{"xy", ""},
		{"Atlantis", ""},
		{"European Union", ""},
	}
	r := Default()
	for _, tt := range tests {
		if got := r.Suggest(tt.in); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLookupDoesNotAllocate(t *testing.T) {
	r := Default()
	allocs := testing.AllocsPerRun(100, func() {
		r.Lookup("Bosnia & Herzegovina")
		r.Lookup("Kyrgyz Republic")
		r.Lookup("HUN")
		r.Lookup("Atlantis")
	})
	if allocs != 0 {
		t.Errorf("Lookup of ASCII spellings allocates %v times, want 0", allocs)
	}
}

func BenchmarkLookup(b *testing.B) {
	r := Default()
	// Only the last needs transliterating.
	for _, s := range []string{"HUN", "Hungary", "Bosnia & Herzegovina", "Atlantis", "Türkiye"} {
		b.Run(s, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r.Lookup(s)
			}
		})
	}
}

func FuzzLookup(f *testing.F) {
	for _, s := range []string{"Hungary", "Türkiye", "TÜRKİYE", "Côte d’Ivoire", "Bosnia & Herzegovina", "HU", "hun", "  ", "@", "Россия", "\xff", "SFR Yugoslavia", "CS", "ČSSR"} {
		f.Add(s)
	}
	r := Default()
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := key(s), lettersAndDigits(slug.Make(s)); got != want {
			t.Errorf("key(%q) = %q, want %q", s, got, want)
		}
		c, ok := r.Lookup(s)
		if !ok {
			return
		}
		if got, ok := r.BySlug(c.Slug); !ok || got != c {
			t.Errorf("Lookup(%q) = %s, but BySlug(%q) = %v, %t", s, c.Alpha2, c.Slug, got, ok)
		}
	})
}

func lettersAndDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			return r
		}
		return -1
	}, s)
}
