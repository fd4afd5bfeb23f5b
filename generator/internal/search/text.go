package search

import (
	"bytes"
	"html"
	"unicode/utf8"
)

// inline are the tags inside a run of text, which must not split a word:
// "<a>Hungary</a>'s" is one word.
var inline = map[string]bool{
	"a": true, "abbr": true, "b": true, "code": true, "del": true, "em": true, "i": true, "ins": true,
	"kbd": true, "mark": true, "q": true, "s": true, "small": true, "span": true, "strong": true,
	"sub": true, "sup": true, "time": true, "u": true,
}

// appendText appends the text of rendered HTML to dst: tags of blocks
// become spaces, entities are decoded and runs of white space collapse
// to one.
func appendText(dst, src []byte) []byte {
	space := len(dst) == 0 || dst[len(dst)-1] == ' '
	for len(src) > 0 {
		i := bytes.IndexAny(src, "<&")
		if i < 0 {
			i = len(src)
		}
		dst, space = appendSpaced(dst, src[:i], space)
		src = src[i:]
		switch {
		case len(src) == 0:
		case src[0] == '<':
			// An unclosed tag runs to the end, as where a body was cut.
			tag := src[1:]
			src = nil
			if end := bytes.IndexByte(tag, '>'); end >= 0 {
				tag, src = tag[:end], tag[end+1:]
			}
			if !space && !inline[tagName(tag)] {
				dst, space = append(dst, ' '), true
			}
		default:
			end := bytes.IndexByte(src, ';')
			if end < 0 || end > 32 {
				end = 0
			}
			dst, space = appendSpaced(dst, []byte(html.UnescapeString(string(src[:end+1]))), space)
			src = src[end+1:]
		}
	}
	return dst
}

// tagName returns the name of the tag whose text between < and > is tag.
func tagName(tag []byte) string {
	tag = bytes.TrimPrefix(tag, []byte("/"))
	if i := bytes.IndexAny(tag, " \t\n/"); i >= 0 {
		tag = tag[:i]
	}
	return string(tag)
}

func appendSpaced(dst, s []byte, space bool) ([]byte, bool) {
	for _, c := range s {
		switch c {
		case ' ', '\n', '\t', '\r', '\f':
			if !space {
				dst, space = append(dst, ' '), true
			}
		default:
			dst, space = append(dst, c), false
		}
	}
	return dst, space
}

// excerpt cuts text to at most n bytes, at the end of a word.
func excerpt(text []byte, n int) string {
	if len(text) <= n {
		return string(bytes.TrimSpace(text))
	}
	cut := bytes.LastIndexByte(text[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return string(bytes.TrimSpace(text[:cut])) + " …"
}
