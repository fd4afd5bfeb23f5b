package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAppendText(t *testing.T) {
	tests := []struct{ name, html, want string }{
		{"inline tags keep a word whole", `<p><a href="/countries/hungary/">Hungary</a>'s <em>customs</em>service</p>`,
			"Hungary's customsservice "},
		{"block tags split words", "<h2>Background</h2><p>Text</p><ul><li>one</li><li>two</li></ul>",
			"Background Text one two "},
		{"a line break splits words", "line<br>break<br/>again",
			"line break again"},
		{"attributes do not matter", `<a class="x" href="a b">link</a><span title="t">ed</span>`,
			"linked"},
		{"entities decoded", "Tom &amp; Jerry &lt;b&gt; caf&eacute; &#233;t&#xE9;",
			"Tom & Jerry <b> café été"},
		{"a lone ampersand stays", "AT & T, R&D",
			"AT & T, R&D"},
		{"white space collapses", "  one \n\t two\r\n\nthree  ",
			"one two three "},
		{"white space around tags collapses", "<p> one </p>\n\n<p>\ttwo</p>\n",
			"one two "},
		{"a tag cut short ends the text", "text <a href", "text "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(appendText(nil, []byte(tt.html))); got != tt.want {
				t.Errorf("appendText(%q) = %q, want %q", tt.html, got, tt.want)
			}
		})
	}
	if got := string(appendText([]byte("kept "), []byte("<p>more</p>"))); got != "kept more " {
		t.Errorf("appending to %q gave %q, want %q", "kept ", got, "kept more ")
	}
}

func TestAppendTextWords(t *testing.T) {
	text := appendText(nil, []byte(`<p><a href="/countries/hungary/">Hungary</a>&rsquo;s <strong>Türk</strong>iye</p><p>next</p>`))
	want := "hungary turkiye next"
	if got := strings.Join(splitWords(string(text)), " "); got != want {
		t.Errorf("words of %q = %q, want %q", text, got, want)
	}
}

func TestExcerpt(t *testing.T) {
	if got := excerpt([]byte(" short text "), 100); got != "short text" {
		t.Errorf("excerpt of a short text = %q, want it whole and trimmed", got)
	}
	if got := excerpt([]byte("exactly ten"), 11); got != "exactly ten" {
		t.Errorf("excerpt of a text of exactly n bytes = %q, want it whole", got)
	}
	long := []byte("the customs administrations shall exchange information on a quarterly basis")
	if got, want := excerpt(long, 40), "the customs administrations shall …"; got != want {
		t.Errorf("excerpt(long, 40) = %q, want %q (cut at the last space before byte 40)", got, want)
	}

	// Without a space in the second half, the cut falls inside a word, but
	// never inside a letter.
	for n := 10; n < 40; n++ {
		text := []byte("ab " + strings.Repeat("Türkiye", 10))
		got := excerpt(text, n)
		if !utf8.ValidString(got) {
			t.Fatalf("excerpt(%q, %d) = %q: not valid UTF-8", text, n, got)
		}
		body := strings.TrimSuffix(got, " …")
		if body == got || len(body) > n || len(body) < n-1 {
			t.Errorf("excerpt(%q, %d) = %q, want at most %d bytes and at least %d, then \" …\"", text, n, got, n, n-1)
		}
	}
}
