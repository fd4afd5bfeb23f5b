package search

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The folding here and in search-worker.js must agree, since the index holds
// folded words and the page folds what the reader types: lower case,
// accents removed (NFD, then every nonspacing mark dropped), and the
// letters that do not decompose spelt as ASCII. So "Türkiye" is indexed
// as "turkiye", and "Turkiye" finds it.
var extraFolds = map[rune]string{
	'ı': "i", 'ø': "o", 'ł': "l", 'đ': "d", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ð': "d",
}

// stopwords are too common to help find a page; they are not indexed.
var stopwords = map[string]bool{}

func init() {
	for _, w := range []string{
		"a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "in",
		"is", "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were",
		"which", "will", "with",
	} {
		stopwords[w] = true
	}
}

// appendFold appends the folded form of word to dst.
func appendFold(dst []byte, word []byte) []byte {
	ascii := true
	for _, c := range word {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for _, c := range word {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	var it norm.Iter
	it.Init(norm.NFD, word)
	for !it.Done() {
		seg := it.Next()
		for len(seg) > 0 {
			r, n := utf8.DecodeRune(seg)
			seg = seg[n:]
			if unicode.Is(unicode.Mn, r) {
				continue
			}
			r = unicode.ToLower(r)
			if s, ok := extraFolds[r]; ok {
				dst = append(dst, s...)
				continue
			}
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// Fold returns the form in which the index holds a word.
func Fold(word string) string { return string(appendFold(nil, []byte(word))) }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// asciiWord marks the ASCII letters and digits, and asciiLower lowers
// ASCII: most text is ASCII, and these make it cheap.
var asciiWord, asciiLower [utf8.RuneSelf]byte

func init() {
	for c := range utf8.RuneSelf {
		asciiLower[c] = byte(c)
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			asciiWord[c] = 1
		case 'A' <= c && c <= 'Z':
			asciiWord[c] = 1
			asciiLower[c] = byte(c) + 'a' - 'A'
		}
	}
}

// words calls f with each word of text, folded, and its hash (see hash);
// buf is scratch space and is returned. A word is a run of letters, digits
// and combining marks of two or more letters once folded, and not a
// stopword.
func words(text []byte, buf []byte, f func(word []byte, h uint32)) []byte {
	i := 0
	for i < len(text) {
		// Find the start of a word.
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiWord[c] == 0 {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRune(text[i:]); !isWordRune(r) {
			i += n
			continue
		}
		start, ascii := i, true
		for i < len(text) {
			c := text[i]
			if c < utf8.RuneSelf {
				if asciiWord[c] == 0 {
					break
				}
				i++
				continue
			}
			r, n := utf8.DecodeRune(text[i:])
			if !isWordRune(r) {
				break
			}
			i, ascii = i+n, false
		}
		word := text[start:i]
		h := uint32(offset32)
		if ascii {
			if len(word) < 2 {
				continue
			}
			buf = buf[:0]
			for _, c := range word {
				c = asciiLower[c]
				buf = append(buf, c)
				h = (h ^ uint32(c)) * prime32
			}
		} else if buf = appendFold(buf[:0], word); utf8.RuneCount(buf) < 2 {
			continue
		} else {
			h = hash(buf)
		}
		if len(buf) <= 5 && stopwords[string(buf)] {
			continue
		}
		f(buf, h)
	}
	return buf
}

// FNV-1a, 32 bits: cheap to compute while a word is copied.
const (
	offset32 = 2166136261
	prime32  = 16777619
)

func hash(w []byte) uint32 {
	h := uint32(offset32)
	for _, c := range w {
		h = (h ^ uint32(c)) * prime32
	}
	return h
}
