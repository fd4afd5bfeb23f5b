package country

import "github.com/biter777/countries"

// withdrawn holds the codes that the library still lists as current but ISO
// has withdrawn from ISO 3166-1. formerCountries holds these countries, with
// their successors.
var withdrawn = map[countries.CountryCode]bool{
	countries.ANT: true, // Netherlands Antilles, dissolved in 2010
	countries.YUG: true, // Yugoslavia, withdrawn in 2003
}

// displayNames holds, by alpha-2 code, the common English short name of each
// country whose name in the library is an official long form ("Russian
// Federation"), a former name ("Swaziland"), carries a qualifier ("Moldova
// (Republic of)") or has lost its diacritics ("Cote d'Ivoire").
var displayNames = map[string]string{
	"AX": "Åland Islands",
	"BL": "Saint Barthélemy",
	"BN": "Brunei",
	"BQ": "Bonaire, Sint Eustatius and Saba",
	"CD": "Democratic Republic of the Congo",
	"CG": "Republic of the Congo",
	"CI": "Côte d'Ivoire",
	"CV": "Cabo Verde",
	"CW": "Curaçao",
	"FK": "Falkland Islands",
	"FM": "Micronesia",
	"GS": "South Georgia and the South Sandwich Islands",
	"HK": "Hong Kong",
	"IM": "Isle of Man",
	"IR": "Iran",
	"KP": "North Korea",
	"KR": "South Korea",
	"LA": "Laos",
	"LY": "Libya",
	"MD": "Moldova",
	"MF": "Saint Martin",
	"MK": "North Macedonia",
	"MO": "Macao",
	"PN": "Pitcairn Islands",
	"PS": "Palestine",
	"RE": "Réunion",
	"RU": "Russia",
	"SJ": "Svalbard and Jan Mayen",
	"ST": "São Tomé and Príncipe",
	"SX": "Sint Maarten",
	"SY": "Syria",
	"SZ": "Eswatini",
	"TL": "Timor-Leste",
	"TR": "Türkiye",
	"TW": "Taiwan",
	"TZ": "Tanzania",
	"VA": "Holy See",
	"VG": "British Virgin Islands",
	"VI": "United States Virgin Islands",
	"WF": "Wallis and Futuna",
}

// aliases holds, by alpha-2 code, the other names that sources use for a
// country besides its display name and the library's name: former names,
// official long forms, acronyms and the inverted forms of UN lists. Spellings
// that differ from one of those only in case, diacritics or punctuation need
// no entry.
var aliases = map[string][]string{
	"AE": {"UAE"},
	"AM": {"Republic of Armenia"},
	"AZ": {"Republic of Azerbaijan"},
	"BA": {"Bosnia-Herzegovina", "Bosnia"},
	"BO": {"Plurinational State of Bolivia", "Bolivia, Plurinational State of"},
	"BS": {"The Bahamas"},
	"BY": {"Byelorussia", "Belorussia", "Republic of Belarus"},
	"CD": {"DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo", "Congo, Democratic Republic of the"},
	"CG": {"Republic of Congo", "Congo-Brazzaville", "Congo, Republic of the"},
	"CI": {"Ivory Coast"},
	"CN": {"People's Republic of China", "PRC"},
	"CZ": {"Czech Republic"},
	"FM": {"Federated States of Micronesia"},
	"GB": {"UK", "Great Britain", "Britain", "United Kingdom of Great Britain and Northern Ireland"},
	"GM": {"The Gambia"},
	"HK": {"Hong Kong SAR", "Hong Kong, China"},
	"IR": {"Islamic Republic of Iran", "Iran, Islamic Republic of"},
	"KG": {"Kyrgyz Republic", "Kirghizia", "Kirgizia"},
	"KN": {"St Kitts and Nevis"},
	"KP": {"DPRK", "Korea, Democratic People's Republic of"},
	// Sources that say "Korea" alone mean the Republic, as does the name of
	// its customs administration, the Korea Customs Service.
	"KR": {"Korea", "Korea, Republic of"},
	"KZ": {"Kazakstan", "Republic of Kazakhstan"},
	"LA": {"Lao PDR", "Lao"},
	"LC": {"St Lucia"},
	"MD": {"Republic of Moldova"},
	"MK": {"Republic of North Macedonia", "Macedonia", "FYROM", "Former Yugoslav Republic of Macedonia", "The former Yugoslav Republic of Macedonia"},
	"MM": {"Burma"},
	"MO": {"Macau", "Macao SAR", "Macao, China"},
	"NL": {"The Netherlands", "Holland", "Kingdom of the Netherlands"},
	"PS": {"State of Palestine", "Palestine, State of", "Occupied Palestinian Territory", "Palestinian Territories"},
	"SK": {"Slovak Republic"},
	"SZ": {"Swaziland", "Kingdom of Eswatini"},
	"TJ": {"Republic of Tajikistan"},
	"TL": {"East Timor"},
	"TR": {"Turkey", "Republic of Türkiye", "Republic of Turkey"},
	// The WTO member name, which customs agreements use.
	"TW": {"Chinese Taipei", "Separate Customs Territory of Taiwan, Penghu, Kinmen and Matsu"},
	"TZ": {"United Republic of Tanzania"},
	"US": {"USA", "United States of America"},
	"UZ": {"Republic of Uzbekistan"},
	"VA": {"Vatican", "Vatican City", "Vatican City State"},
	"VC": {"St Vincent and the Grenadines"},
	"VE": {"Bolivarian Republic of Venezuela", "Venezuela, Bolivarian Republic of"},
	"VI": {"US Virgin Islands"},
	"VN": {"Viet Nam", "Socialist Republic of Vietnam"},
	// Kosovo has no ISO code. Sources that want a three-letter one use XKX,
	// as the EU does, which the library gives as its alpha-3 code, or RKS,
	// its international vehicle registration code.
	"XK": {"RKS", "Republic of Kosovo"},
}
