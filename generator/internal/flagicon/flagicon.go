// Package flagicon holds the SVG flags of the countries, so that a page can
// show a country's flag as an image: the flag emoji of country.Country
// shows as two letters on Windows and as boxes where no emoji font is
// installed. It is not called flag so that it does not shadow the standard
// library's flag package in the generator's main package.
//
// The flags are the 4x3 set of the flag-icons npm package (MIT), kept in
// svg/ and embedded; README.md says which version and how to update them.
// Every country of the country registry has one, Kosovo (XK) too. Those of
// more than SmallAbove bytes, with a coat of arms, are published as the
// PNG images in small/ instead, drawn from them by update.sh: a browser
// draws an SVG image on the page's main thread, and a list of a hundred
// countries spent a quarter of a second of a phone's time on them.
//
// The build copies only the flags its pages use, each to File(alpha2) under
// the site's root. A flag is meant to be shown with <img>, not inlined:
// the files reuse ids such as "a" for their gradients and clip paths, which
// would clash within one page.
package flagicon

import (
	"embed"
	"io/fs"
	"path"
)

//go:embed svg/*.svg small
var flags embed.FS

// SmallAbove is the size in bytes above which a flag is published as a
// PNG image.
const SmallAbove = 4096

// PNGWidth and PNGHeight are the size of the PNG images: the largest flag
// a page shows, 40 by 30 CSS pixels, at two device pixels to the CSS pixel,
// or a flag in a list, 20 by 15, at four.
const PNGWidth, PNGHeight = 80, 60

//go:embed LICENSE.flag-icons
var license []byte

// LicenseFile is the path, relative to the site's root, at which a build
// that publishes flags publishes their licence, as the MIT licence asks.
const LicenseFile = "flags/LICENSE.txt"

// License returns the licence of the flags.
func License() []byte { return license }

// File returns the path, relative to the site's root and without a leading
// slash, that the flag of alpha2, in either case, is published at
// ("flags/hu.svg", "flags/rs.png"), or "" when there is no flag for alpha2.
func File(alpha2 string) string {
	name, ok := fileName(alpha2)
	if !ok {
		return ""
	}
	for _, f := range []string{"small/" + name + ".png", "svg/" + name + ".svg"} {
		if _, err := fs.Stat(flags, f); err == nil {
			return "flags/" + path.Base(f)
		}
	}
	return ""
}

// Data returns the content of file, a path File returned.
func Data(file string) ([]byte, bool) {
	dir, name := "svg/", path.Base(file)
	if path.Ext(name) == ".png" {
		dir = "small/"
	}
	b, err := fs.ReadFile(flags, dir+name)
	return b, err == nil
}

// fileName returns the name of the files of alpha2 without extension,
// and false unless alpha2 is two ASCII letters, so that no other input can
// name a path.
func fileName(alpha2 string) (string, bool) {
	if len(alpha2) != 2 {
		return "", false
	}
	name := []byte{alpha2[0], alpha2[1]}
	for i, c := range name {
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
