package feed

import (
	"html"
	"strings"
	"unicode/utf8"

	"github.com/cooperation-kb/kb/generator/internal/site"
)

// Entries is how many pages a feed lists, newest first.
const Entries = 50

// FullBody is the longest rendered body, in bytes of HTML, that a feed
// entry carries whole; a longer one, such as the full text of a treaty,
// is cut to its opening and a link to the page, as feed readers refuse
// or choke on entries of megabytes.
const FullBody = 64 << 10

// MaxFile is the most bytes a feed file holds. Entries are given their
// whole body newest first for as long as the file stays under it, and
// their opening after that.
const MaxFile = 1_000_000

// openingBytes is about how much of a long body's text an entry opens
// with: its first paragraphs, never a paragraph cut in two.
const openingBytes = 1000

// entryOverhead bounds the bytes of an entry's markup besides its title,
// links, summary and content: element names, indentation, the date.
const entryOverhead = 512

// fileOverhead bounds the bytes of a feed besides its entries.
const fileOverhead = 4 << 10

// bodies returns the HTML that each of pages carries in a feed whose
// text is escaped by escaped, which returns the length of a string once
// escaped. A body of at most FullBody bytes is carried whole while the
// feed's estimated size stays under MaxFile; any other carries its
// opening and a link to the page.
func bodies(pages []*site.Page, escaped func(string) int, extra func(*site.Page) int) ([]string, error) {
	out := make([]string, len(pages))
	full := make([]string, len(pages))
	room := MaxFile - fileOverhead
	for i, p := range pages {
		body, err := p.Content()
		if err != nil {
			return nil, err
		}
		full[i] = string(body)
		if p.InChapters() {
			// A link between chapters leads from the chapter's page,
			// relative to it (markdown.ChapterPath); an entry is read
			// elsewhere, and holds the text whole.
			full[i] = strings.NewReplacer(`href="./`, `href="`+p.URL, `href="../`, `href="`+p.URL).Replace(full[i])
		}
		out[i] = opening(full[i], p)
		room -= entryOverhead + extra(p) + escaped(out[i])
	}
	for i := range pages {
		if len(full[i]) > FullBody || full[i] == out[i] {
			continue
		}
		more := escaped(full[i]) - escaped(out[i])
		if more <= room {
			out[i], room = full[i], room-more
		}
	}
	return out, nil
}

// opening returns the first paragraphs of a rendered body, about
// openingBytes of them, and a link to the whole page; or the body itself
// when it is no longer than that.
func opening(body string, p *site.Page) string {
	if len(body) <= openingBytes {
		return body
	}
	var b strings.Builder
	rest := body
	for b.Len() < openingBytes {
		start := strings.Index(rest, "<p>")
		if start < 0 {
			break
		}
		// A paragraph holds only inline elements, so the first "</p>"
		// after its start closes it.
		end := strings.Index(rest[start:], "</p>")
		if end < 0 {
			break
		}
		end += start + len("</p>")
		b.WriteString(rest[start:end])
		b.WriteByte('\n')
		rest = rest[end:]
	}
	b.WriteString(`<p><a href="` + html.EscapeString(p.Permalink) + `">Read the whole text: ` + html.EscapeString(p.Title) + `</a></p>`)
	return b.String()
}

// xmlLen returns the length of s escaped as encoding/xml escapes
// character data.
func xmlLen(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < utf8.RuneSelf {
			// Most of a body is ASCII text: only five of its bytes grow.
			n += asciiXMLLen[c]
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '"', r == '\'', r == '&':
			n += 5
		case r == '<', r == '>':
			n += 4
		case r == '\t', r == '\n', r == '\r':
			n += 5
		case r == utf8.RuneError && w == 1, r < 0x20, r > 0xD7FF && r < 0xE000, r == 0xFFFE, r == 0xFFFF:
			n += 3 // encoding/xml writes U+FFFD for what XML cannot hold
		default:
			n += w
		}
		i += w
	}
	return n
}

// asciiXMLLen is the escaped length of each printable ASCII byte.
var asciiXMLLen = func() (t [utf8.RuneSelf]int) {
	for c := range t {
		t[c] = 1
	}
	t['"'], t['\''], t['&'], t['<'], t['>'] = 5, 5, 5, 4, 4
	return t
}()

// jsonLen returns the length of s as a JSON string that does not escape
// HTML, with its quotes.
func jsonLen(s string) int {
	n := 2
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '"', r == '\\', r == '\n', r == '\r', r == '\t', r == '\b', r == '\f':
			n += 2
		case r < 0x20, r == '\u2028', r == '\u2029', r == utf8.RuneError && w == 1:
			n += 6
		default:
			n += w
		}
		i += w
	}
	return n
}
