package build

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// fingerprinted reports whether a file of static/ is published a second
// time under a name that carries a hash of its content: the stylesheets
// and scripts, which every page names, so that a browser or a CDN may
// keep them for good and still never serve an old one with a new page.
func fingerprinted(name string) bool {
	ext := path.Ext(name)
	return ext == ".css" || ext == ".js"
}

// fingerprint returns name with the first eight hexadecimal digits of the
// SHA-256 of data before its extension: css/style.css becomes
// css/style.3f9a1c2b.css, in the same folder, so that the file's relative
// URLs lead where they did.
func fingerprint(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
}

// publishedNames maps each file of static/ (as "css/style.css") to the
// name pages link it by: its fingerprinted name where fingerprints is set,
// its own name otherwise. The development server does without
// fingerprints (Options.PlainAssets): nothing it serves is kept, and a
// changed stylesheet under the same name is swapped into open pages
// without reloading them, where a new name would change every page.
func publishedNames(fsys fs.FS, static []string, fingerprints bool) (map[string]string, error) {
	names := make(map[string]string, len(static))
	var errs diag.List
	for _, f := range static {
		name := strings.TrimPrefix(f, StaticDir+"/")
		names[name] = name
		if !fingerprints || !fingerprinted(name) {
			continue
		}
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			errs.Addf(diag.Pos{Path: f}, "cannot read: %v", err)
			continue
		}
		names[name] = fingerprint(name, data)
	}
	return names, errs.Err()
}
