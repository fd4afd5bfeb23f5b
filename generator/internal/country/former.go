package country

// formerCountry is an entry of ISO 3166-3: a country whose ISO 3166-1 codes
// ISO has withdrawn, because it split up, merged into another or changed its
// name.
type formerCountry struct {
	alpha4  string // ISO 3166-3 code: "YUCS"
	alpha2  string // withdrawn ISO 3166-1 alpha-2 code: "YU"
	alpha3  string // withdrawn ISO 3166-1 alpha-3 code: "YUG"
	numeric string // withdrawn ISO 3166-1 numeric code, "" where ISO defined none
	ended   int    // the year ISO withdrew the codes
	name    string // common English short name
	aliases []string
	// successors names the countries that took over the former country's
	// territory, each by the alpha-2 code of a current country or the
	// ISO 3166-3 code of a former one. They are the countries of ISO
	// 3166-3's remark ("Divided into", "Merged into", "Name changed to")
	// unless a comment on the entry gives another source.
	successors []string
}

// formerCountries holds ISO 3166-3 as of 2010, when it gained its last entry
// (ANHH), by alpha-4 code.
//
// Where the former country's name still names a current country, as "Burma"
// still names Myanmar and "East Timor" Timor-Leste, the name stays with the
// current country, which is what front matter written today means by it, and
// the former country's name carries the year its codes ended.
var formerCountries = []formerCountry{
	{alpha4: "AIDJ", alpha2: "AI", alpha3: "AFI", numeric: "262", ended: 1977, name: "French Afars and Issas",
		aliases: []string{"French Territory of the Afars and the Issas"}, successors: []string{"DJ"}},
	{alpha4: "ANHH", alpha2: "AN", alpha3: "ANT", numeric: "530", ended: 2010, name: "Netherlands Antilles",
		successors: []string{"BQ", "CW", "SX"}},
	{alpha4: "BQAQ", alpha2: "BQ", alpha3: "ATB", ended: 1979, name: "British Antarctic Territory",
		successors: []string{"AQ"}},
	{alpha4: "BUMM", alpha2: "BU", alpha3: "BUR", numeric: "104", ended: 1989, name: "Burma (until 1989)",
		aliases: []string{"Socialist Republic of the Union of Burma"}, successors: []string{"MM"}},
	{alpha4: "BYAA", alpha2: "BY", alpha3: "BYS", numeric: "112", ended: 1992, name: "Byelorussian SSR",
		aliases: []string{"Byelorussian Soviet Socialist Republic"}, successors: []string{"BY"}},
	{alpha4: "CSHH", alpha2: "CS", alpha3: "CSK", numeric: "200", ended: 1993, name: "Czechoslovakia",
		aliases:    []string{"Czechoslovak Socialist Republic", "Czech and Slovak Federative Republic", "ČSSR", "ČSFR"},
		successors: []string{"CZ", "SK"}},
	{alpha4: "CSXX", alpha2: "CS", alpha3: "SCG", numeric: "891", ended: 2006, name: "Serbia and Montenegro",
		aliases: []string{"State Union of Serbia and Montenegro"}, successors: []string{"ME", "RS"}},
	{alpha4: "CTKI", alpha2: "CT", alpha3: "CTE", numeric: "128", ended: 1984, name: "Canton and Enderbury Islands",
		successors: []string{"KI"}},
	{alpha4: "DDDE", alpha2: "DD", alpha3: "DDR", numeric: "278", ended: 1990, name: "East Germany",
		aliases: []string{"German Democratic Republic", "GDR"}, successors: []string{"DE"}},
	{alpha4: "DYBJ", alpha2: "DY", alpha3: "DHY", numeric: "204", ended: 1977, name: "Dahomey",
		aliases: []string{"Republic of Dahomey"}, successors: []string{"BJ"}},
	{alpha4: "FQHH", alpha2: "FQ", alpha3: "ATF", ended: 1979, name: "French Southern and Antarctic Territories",
		successors: []string{"AQ", "TF"}},
	{alpha4: "FXFR", alpha2: "FX", alpha3: "FXX", numeric: "249", ended: 1997, name: "Metropolitan France",
		aliases: []string{"France, Metropolitan"}, successors: []string{"FR"}},
	{alpha4: "GEHH", alpha2: "GE", alpha3: "GEL", numeric: "296", ended: 1979, name: "Gilbert and Ellice Islands",
		successors: []string{"KI", "TV"}},
	{alpha4: "HVBF", alpha2: "HV", alpha3: "HVO", numeric: "854", ended: 1984, name: "Upper Volta",
		aliases: []string{"Republic of Upper Volta"}, successors: []string{"BF"}},
	{alpha4: "JTUM", alpha2: "JT", alpha3: "JTN", numeric: "396", ended: 1986, name: "Johnston Island",
		aliases: []string{"Johnston Atoll"}, successors: []string{"UM"}},
	{alpha4: "MIUM", alpha2: "MI", alpha3: "MID", numeric: "488", ended: 1986, name: "Midway Islands",
		aliases: []string{"Midway Atoll"}, successors: []string{"UM"}},
	{alpha4: "NHVU", alpha2: "NH", alpha3: "NHB", numeric: "548", ended: 1980, name: "New Hebrides",
		successors: []string{"VU"}},
	{alpha4: "NQAQ", alpha2: "NQ", alpha3: "ATN", numeric: "216", ended: 1983, name: "Dronning Maud Land",
		aliases: []string{"Queen Maud Land"}, successors: []string{"AQ"}},
	{alpha4: "NTHH", alpha2: "NT", alpha3: "NTZ", numeric: "536", ended: 1993, name: "Saudi-Iraqi Neutral Zone",
		aliases: []string{"Neutral Zone"}, successors: []string{"IQ", "SA"}},
	{alpha4: "PCHH", alpha2: "PC", alpha3: "PCI", numeric: "582", ended: 1986, name: "Trust Territory of the Pacific Islands",
		aliases: []string{"Pacific Islands (Trust Territory)"}, successors: []string{"FM", "MH", "MP", "PW"}},
	{alpha4: "PUUM", alpha2: "PU", alpha3: "PUS", numeric: "849", ended: 1986, name: "United States Miscellaneous Pacific Islands",
		aliases: []string{"US Miscellaneous Pacific Islands"}, successors: []string{"UM"}},
	{alpha4: "PZPA", alpha2: "PZ", alpha3: "PCZ", ended: 1980, name: "Panama Canal Zone",
		aliases: []string{"Canal Zone"}, successors: []string{"PA"}},
	{alpha4: "RHZW", alpha2: "RH", alpha3: "RHO", numeric: "716", ended: 1980, name: "Southern Rhodesia",
		aliases: []string{"Rhodesia", "Zimbabwe Rhodesia"}, successors: []string{"ZW"}},
	{alpha4: "SKIN", alpha2: "SK", alpha3: "SKM", ended: 1975, name: "Sikkim",
		successors: []string{"IN"}},
	// ISO 3166-3 lists thirteen successors: Belarus and Ukraine, members
	// of the United Nations since 1945, had ISO codes of their own beside
	// the Soviet Union's. All fifteen Union republics took its territory
	// over, so all fifteen are listed.
	{alpha4: "SUHH", alpha2: "SU", alpha3: "SUN", numeric: "810", ended: 1992, name: "Soviet Union",
		aliases:    []string{"USSR", "Union of Soviet Socialist Republics"},
		successors: []string{"AM", "AZ", "BY", "EE", "GE", "KG", "KZ", "LT", "LV", "MD", "RU", "TJ", "TM", "UA", "UZ"}},
	{alpha4: "TPTL", alpha2: "TP", alpha3: "TMP", numeric: "626", ended: 2002, name: "East Timor (until 2002)",
		aliases: []string{"Portuguese Timor"}, successors: []string{"TL"}},
	{alpha4: "VDVN", alpha2: "VD", alpha3: "VDR", ended: 1977, name: "North Vietnam",
		aliases: []string{"Democratic Republic of Vietnam", "Democratic Republic of Viet-Nam"}, successors: []string{"VN"}},
	{alpha4: "WKUM", alpha2: "WK", alpha3: "WAK", numeric: "872", ended: 1986, name: "Wake Island",
		successors: []string{"UM"}},
	{alpha4: "YDYE", alpha2: "YD", alpha3: "YMD", numeric: "720", ended: 1990, name: "South Yemen",
		aliases: []string{"Democratic Yemen", "People's Democratic Republic of Yemen"}, successors: []string{"YE"}},
	// YU and YUG stood for the Socialist Federal Republic of Yugoslavia and
	// then, until 2003, for the Federal Republic of Yugoslavia, so both are
	// this one country. ISO 3166-3 names one successor, Serbia and
	// Montenegro, the Federal Republic renamed. The four republics that left
	// in 1991 and 1992 are added from the Agreement on Succession Issues of
	// 2001, which names the five successor states.
	{alpha4: "YUCS", alpha2: "YU", alpha3: "YUG", numeric: "891", ended: 2003, name: "Yugoslavia",
		aliases: []string{
			"SFR Yugoslavia", "Socialist Federal Republic of Yugoslavia", "SFRY",
			"FR Yugoslavia", "Federal Republic of Yugoslavia",
		},
		successors: []string{"BA", "CSXX", "HR", "MK", "SI"}},
	{alpha4: "ZRCD", alpha2: "ZR", alpha3: "ZAR", numeric: "180", ended: 1997, name: "Zaire",
		aliases: []string{"Republic of Zaire"}, successors: []string{"CD"}},
}
