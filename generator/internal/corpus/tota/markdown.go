package tota

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// statuses maps the WTO status of a card to the generator's status where
// the two mean the same. "Inactive" has no such status: it says the
// agreement is no longer in force, not whether it expired or was
// terminated, so it is left to the summary.
var statuses = map[string]string{
	"In Force":                  "in-force",
	"Early announcement-Signed": "signed",
}

// Markdown is the page of a: front matter in the generator's format, then
// the text, chapters as level-2 and articles as level-3 headings, each
// paragraph of the source a paragraph, then the attribution.
func (a *Agreement) Markdown() []byte {
	var b strings.Builder
	b.WriteString("---\n")
	field(&b, "title", a.Name)
	field(&b, "summary", a.Summary())
	field(&b, "signed", a.Signed)
	field(&b, "effective", a.IntoForce)
	// An inactive agreement's card dates when it stopped being in force;
	// whether it expired or was terminated, it does not say, so the
	// status is left for the generator to derive.
	if a.Status == "Inactive" {
		field(&b, "ended", a.Inactive)
	}
	field(&b, "status", statuses[a.Status])
	list(&b, "parties", a.PartiesOriginal)
	// Current signatories that did not sign first (accessions) are
	// countries concerned too.
	var joined []string
	for _, p := range a.Parties {
		if !contains(a.PartiesOriginal, p) && !contains(joined, p) {
			joined = append(joined, p)
		}
	}
	list(&b, "countries", joined)
	list(&b, "topics", a.Topics())
	field(&b, "source", a.TextSource())
	// The cards title every treaty in English, whatever its text's language.
	if a.Language != "en" {
		field(&b, "lang", a.Language)
	}
	b.WriteString("---\n")
	for _, c := range a.Chapters {
		if h := heading(c.Number, c.Name); h != "" {
			b.WriteString("\n## " + h + "\n")
		}
		for _, art := range c.Articles {
			if h := heading(art.Number, art.Name); h != "" {
				b.WriteString("\n### " + h + "\n")
			}
			for _, p := range Paragraphs(art.Text) {
				b.WriteString("\n" + p + "\n")
			}
		}
	}
	b.WriteString("\n---\n\n" + Escape(fmt.Sprintf("ToTA treaty %d (%s), WTO RTA %s. ", a.ID, path.Base(a.File), a.WTORTAID)+Attribution) + "\n")
	return []byte(b.String())
}

// Summary says in one or two sentences what the card says that has no
// field of its own: type, composition, region, notification and WTO status.
func (a *Agreement) Summary() string {
	var parts []string
	for _, s := range []string{a.Type, strings.ToLower(a.Composition), a.Region} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	s := strings.Join(parts, "; ") + "."
	if a.Notification != "" {
		s += " Notified to the WTO under " + a.Notification
		if a.Notified != "" {
			s += " on " + a.Notified
		}
		s += "."
	}
	if a.Status != "" {
		s += " WTO status: " + a.Status
		if a.Inactive != "" {
			s += " since " + a.Inactive
		}
		s += "."
	}
	return strings.TrimPrefix(s, ". ")
}

// Topics are the kinds of agreement its type names: "Free Trade Agreement
// & Economic Integration Agreement" gives two.
func (a *Agreement) Topics() []string {
	var out []string
	for _, t := range strings.Split(a.Type, "&") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// TextSource is the address of the full text in the language of the text,
// else of the first full text the card lists.
func (a *Agreement) TextSource() string {
	first := ""
	for _, s := range a.Sources {
		if s.Type != "full text" || s.URL == "" {
			continue
		}
		if s.Lang == a.Language {
			return s.URL
		}
		if first == "" {
			first = s.URL
		}
	}
	return first
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// field writes a YAML string field, double-quoted; an empty value is left
// out.
func field(b *strings.Builder, name, value string) {
	if value != "" {
		b.WriteString(name + ": " + quote(value) + "\n")
	}
}

func list(b *strings.Builder, name string, items []string) {
	if len(items) == 0 {
		return
	}
	b.WriteString(name + ":\n")
	for _, it := range items {
		b.WriteString("  - " + quote(it) + "\n")
	}
}

// quote is s as a YAML double-quoted scalar.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// heading is the text of the heading of a chapter or an article: its
// number and its name, as the source gives them, on one line.
func heading(number, name string) string {
	number, name = clean(number), clean(name)
	h := number
	switch {
	case h != "" && name != "":
		h += ": " + name
	case h == "":
		h = name
	}
	return Escape(h)
}

// Paragraphs splits the text of an article at its blank lines and makes
// each paragraph Markdown that renders as the text: the lines trimmed (an
// indented line would be code) and every character Markdown would read as
// syntax escaped. Line breaks within a paragraph are kept.
func Paragraphs(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
			cur = cur[:0]
		}
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			flush()
			continue
		}
		cur = append(cur, Escape(line))
	}
	flush()
	return out
}

// blockStart is what makes a line a list item, a setext underline or a
// definition when it begins a line; "#" and ">" are escaped everywhere.
var blockStart = regexp.MustCompile(`^(?:[+=:-]|[0-9]{1,9}[.)])`)

// Escape makes one line of text Markdown that renders as the text itself:
// the characters of inline syntax (emphasis, code, links, footnotes, raw
// HTML, entities, tables, strikethrough, and "#" which would close a
// heading) are escaped with a backslash, as is a line start that would
// open a block.
func Escape(line string) string {
	var b strings.Builder
	if loc := blockStart.FindStringIndex(line); loc != nil {
		// Escape the marker's last character: "\-", "1\.".
		b.WriteString(line[:loc[1]-1])
		b.WriteByte('\\')
		line = line[loc[1]-1:]
		b.WriteByte(line[0])
		line = line[1:]
	}
	for i := 0; i < len(line); i++ {
		switch c := line[i]; c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '#':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// WriteSite writes the pages of all under dir/content/agreements, with the
// section's _index.md, and returns the paths written.
func WriteSite(dir string, all []*Agreement) ([]string, error) {
	d := filepath.Join(dir, "content", "agreements")
	if err := os.MkdirAll(d, 0o755); err != nil {
		return nil, err
	}
	index := "---\ntitle: \"Agreements\"\nsummary: " + quote("Preferential trade agreements notified to the WTO, with their texts, from the ToTA corpus.") +
		"\n---\n\n" + Escape(Attribution) + "\n"
	paths := []string{filepath.Join(d, "_index.md")}
	if err := os.WriteFile(paths[0], []byte(index), 0o644); err != nil {
		return nil, err
	}
	for _, a := range all {
		p := filepath.Join(d, a.Slug+".md")
		if err := os.WriteFile(p, a.Markdown(), 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
