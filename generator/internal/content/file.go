// File, one parsed content file, and how its body is dropped and read again.

package content

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// File is one Markdown file of the content folder.
type File struct {
	Path     string // relative to the site root, with forward slashes
	Kind     Kind
	Section  string // the first folder below content/, or "" at the top
	Name     string // the file name without ".md", or the bundle's folder name
	Bundle   bool   // an index.md whose folder holds its resources
	Meta     Meta
	Body     []byte
	BodyLine int

	// Lang is the language code its name ends in, as "hu" in
	// "x.hu.md", or "" for the default language (translate.go).
	Lang string
	// Key joins a file and its translations: the translationKey, or
	// the path without the language. Original is the file a translation
	// takes its facts from (ByLanguage), nil for that file itself.
	Key      string
	Original *File

	bodyStart, size int // where Body starts in the normalised file, and its length
	// parsedKey is Key as parsed, before a translationKey of another
	// file joined it (ByLanguage), which a later call may no longer do.
	parsedKey string
}

// Dir returns the folder of f relative to content/.
func (f *File) Dir() string {
	return path.Dir(strings.TrimPrefix(f.Path, Dir+"/"))
}

// DropBody forgets the body, which ReadBody reads again when it is needed:
// a large site would otherwise hold every file in memory from loading to
// rendering.
func (f *File) DropBody() { f.Body = nil }

// ReadBody returns the body, reading the file again if it was dropped. A
// dropped body is read into *buf, which grows as needed, so that a caller
// reading many bodies one after another can reuse one buffer: the body is
// then valid until *buf is used again.
func (f *File) ReadBody(fsys fs.FS, buf *[]byte) ([]byte, error) {
	if f.Body != nil || f.size == 0 {
		return f.Body, nil
	}
	src, err := readInto(fsys, f.Path, slices.Grow((*buf)[:0], f.size+bytes.MinRead))
	*buf = src
	if err != nil {
		return nil, err
	}
	src = normalize(src)
	if len(src) != f.size {
		return nil, fmt.Errorf("%s changed during the build", f.Path)
	}
	return src[f.bodyStart:], nil
}

// readInto reads the file name into buf, as fs.ReadFile does into a new
// slice.
func readInto(fsys fs.FS, name string, buf []byte) ([]byte, error) {
	file, err := fsys.Open(name)
	if err != nil {
		return buf, err
	}
	defer file.Close()
	b := bytes.NewBuffer(buf)
	_, err = b.ReadFrom(file)
	return b.Bytes(), err
}
