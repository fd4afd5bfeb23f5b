package search

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The folding here and in search.js must agree, since the index holds
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

// words calls f with each word of text, folded; buf is scratch space. A
// word is a run of letters and digits of two or more letters once folded,
// not a stopword.
func words(text []byte, buf []byte, f func(word []byte)) []byte {
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(text[i:])
		}
		if !isWordRune(r) {
			i += n
			continue
		}
		start := i
		for i < len(text) {
			r, n := rune(text[i]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRune(text[i:])
			}
			if !isWordRune(r) {
				break
			}
			i += n
		}
		buf = appendFold(buf[:0], text[start:i])
		if utf8.RuneCount(buf) < 2 || stopwords[string(buf)] {
			continue
		}
		f(buf)
	}
	return buf
}
