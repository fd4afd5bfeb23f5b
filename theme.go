// Package kb carries the default theme's string tables in the generator,
// so that a theme without tables of its own, or with a table that lacks
// a string, still gets every word the generator writes.
package kb

import "embed"

// Strings holds templates/i18n/*.toml: the default theme's words in each
// language it ships.
//
//go:embed templates/i18n/*.toml
var Strings embed.FS
