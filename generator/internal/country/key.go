package country

import (
	"unicode/utf8"

	"github.com/gosimple/slug"
)

// key returns the key under which the registry files the spelling s.
func key(s string) string {
	return string(appendKey(nil, s))
}

// appendKey appends the key of s, the letters and digits of slug.Make(s), to
// dst. On ASCII, slug.Make only lower-cases and spells "&" and "@" out, so
// appendKey does that itself: Lookup runs for every country of every page,
// and slug.Make allocates several strings per call. Only other text, which
// needs transliterating, goes through slug.Make.
func appendKey(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			s = slug.Make(s)
			break
		}
	}
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case 'a' <= b && b <= 'z', '0' <= b && b <= '9':
			dst = append(dst, b)
		case 'A' <= b && b <= 'Z':
			dst = append(dst, b+'a'-'A')
		case b == '&':
			dst = append(dst, "and"...)
		case b == '@':
			dst = append(dst, "at"...)
		}
	}
	return dst
}
