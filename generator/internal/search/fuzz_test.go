package search

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzText feeds any bytes, as a rendered body cut anywhere would be, to
// the functions that read text for the index: they must not panic, every
// word must be folded and of two letters or more, and an excerpt of
// valid text must be valid and within its bound.
func FuzzText(f *testing.F) {
	for _, s := range []string{
		"<p>Hungary&rsquo;s <a href=\"/x/\">customs</a> cooperation with Türkiye</p>",
		"<", "&", "<p", "&amp", "a<b>c</b>d", "İstanbul ŁÓDŹ straße", "Tu\u0308rkiye",
		"<pre><code>x := 1</code></pre>", "\xff\xfe<\x00>", strings.Repeat("word ", 300),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, html []byte) {
		var got []string
		htmlWords(html, nil, func(w []byte, h uint32) {
			if utf8.RuneCount(w) < 2 {
				t.Errorf("word %q has fewer than two letters", w)
			}
			if s := string(w); Fold(s) != s {
				t.Errorf("word %q is not folded: Fold gives %q", s, Fold(s))
			}
			if hash(w) != h {
				t.Errorf("word %q comes with hash %d, want %d", w, h, hash(w))
			}
			got = append(got, string(w))
		})
		text := appendText(nil, html)
		if bytes.Contains(text, []byte("  ")) {
			t.Errorf("text %q has a run of spaces", text)
		}
		e := excerpt(text, 64)
		if len(e) > 64+len(" …") {
			t.Errorf("excerpt of %d bytes, want at most 64 and an ellipsis", len(e))
		}
		if utf8.Valid(html) && !utf8.ValidString(e) {
			t.Errorf("excerpt %q of valid text is not valid UTF-8", e)
		}
	})
}
