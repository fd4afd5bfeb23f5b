// Parse, which turns the bytes of one file into a File.

package content

import (
	"bytes"
	"cmp"
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// Parse reads one content file from its path relative to the site root and
// its bytes. It returns the file even when there are errors, so that the
// rest of a build can go on and report more of them.
func Parse(p string, src []byte) (*File, error) {
	var errs diag.List
	f := &File{Path: p}
	f.Kind, f.Section, f.Name, f.Bundle = classify(p, &errs)
	_, f.Lang = splitLang(strings.TrimSuffix(path.Base(p), ".md"))
	src = normalize(src)
	if len(bytes.TrimSpace(src)) == 0 && f.Kind != Home && f.Kind != Section {
		errs.Addf(diag.Pos{Path: p, Line: 1, Col: 1}, "empty file: expected front matter with at least a title")
		return nil, errs.Err()
	}
	if line, col, msg := checkText(src); msg != "" {
		errs.Addf(diag.Pos{Path: p, Line: line, Col: col}, "%s", msg)
		return nil, errs.Err()
	}
	fm, body, bodyLine, err := splitFrontMatter(src)
	if err != nil {
		fe := err.(*frontError)
		errs.Addf(diag.Pos{Path: p, Line: fe.line, Col: fe.col}, "%s", fe.msg)
		return nil, errs.Err()
	}
	f.Meta = decodeMeta(p, f.Kind, f.Lang != "", fm, &errs)
	f.Key = cmp.Or(f.Meta.TranslationKey, f.ownKey())
	f.parsedKey = f.Key
	f.Body, f.BodyLine = body, bodyLine
	f.bodyStart, f.size = len(src)-len(body), len(src)
	return f, errs.Err()
}

// normalize drops a UTF-8 byte order mark and turns CRLF line ends into
// LF, keeping line numbers. A CR alone becomes LF too: Markdown and YAML
// end a line there, so counting only LFs would put errors after it on the
// wrong line.
//
// Text is kept in Unicode NFC, so that a name typed with a combining
// accent ("Türkiye" as u and U+0308) is the same name, slug and search
// word as the precomposed one, and pages are written in the form the web
// expects. Invalid UTF-8 is left as it is, for checkText to report where.
func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	if !norm.NFC.IsNormal(src) && utf8.Valid(src) {
		src = norm.NFC.Bytes(src)
	}
	return src
}

func lineCol(src []byte, off int) (int, int) {
	before := src[:off]
	return 1 + bytes.Count(before, []byte("\n")), off - bytes.LastIndexByte(before, '\n')
}
