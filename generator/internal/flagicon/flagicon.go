// Package flagicon holds the SVG flags of the countries, so that a page can
// show a country's flag as an image: the flag emoji of country.Country
// shows as two letters on Windows and as boxes where no emoji font is
// installed. It is not called flag so that it does not shadow the standard
// library's flag package in the generator's main package.
//
// The flags are the 4x3 set of the flag-icons npm package (MIT), kept in
// svg/ and embedded; README.md says which version and how to update them.
// Every country of the country registry has one, Kosovo (XK) too.
//
// The build copies only the flags its pages use, each to File(alpha2) under
// the site's root. A flag is meant to be shown with <img>, not inlined:
// the files reuse ids such as "a" for their gradients and clip paths, which
// would clash within one page.
package flagicon

import (
	"embed"
	"io/fs"
)

//go:embed svg/*.svg
var flags embed.FS

//go:embed LICENSE.flag-icons
var license []byte

// LicenseFile is the path, relative to the site's root, at which a build
// that publishes flags publishes their licence, as the MIT licence asks.
const LicenseFile = "flags/LICENSE.txt"

// License returns the licence of the flags.
func License() []byte { return license }

// SVG returns the flag of the country with the ISO 3166-1 alpha-2 code
// alpha2, in either case, or false when there is none.
func SVG(alpha2 string) ([]byte, bool) {
	name, ok := fileName(alpha2)
	if !ok {
		return nil, false
	}
	b, err := fs.ReadFile(flags, "svg/"+name)
	return b, err == nil
}

// File returns the path, relative to the site's root and without a leading
// slash, that the flag of alpha2 is published at ("flags/hu.svg"), or ""
// when there is no flag for alpha2.
func File(alpha2 string) string {
	name, ok := fileName(alpha2)
	if !ok {
		return ""
	}
	if _, err := fs.Stat(flags, "svg/"+name); err != nil {
		return ""
	}
	return "flags/" + name
}

// fileName returns the name of the file of alpha2, and false unless alpha2
// is two ASCII letters, so that no other input can name a path.
func fileName(alpha2 string) (string, bool) {
	if len(alpha2) != 2 {
		return "", false
	}
	name := []byte{alpha2[0], alpha2[1], '.', 's', 'v', 'g'}
	for i, c := range name[:2] {
		switch {
		case 'A' <= c && c <= 'Z':
			name[i] = c + 'a' - 'A'
		case 'a' <= c && c <= 'z':
		default:
			return "", false
		}
	}
	return string(name), true
}
