package feed

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/config"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/country"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// limitSite makes a site of n dated agreements, newest first by index,
// whose rendered bodies are body(i).
func limitSite(t *testing.T, n int, body func(i int) string) *site.Site {
	t.Helper()
	set := &content.Set{}
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		src := fmt.Sprintf("---\ntitle: Agreement <%d> & co\nsummary: Summary %d.\nsigned: %s\ncountries: [Hungary]\n---\nBody.\n",
			i, i, start.AddDate(0, 0, n-i).Format("2006-01-02"))
		f, err := content.Parse(fmt.Sprintf("content/agreements/a%03d.md", i), []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		set.Files = append(set.Files, f)
	}
	cfg := config.Default()
	if err := cfg.SetBaseURL("https://example.org/"); err != nil {
		t.Fatal(err)
	}
	s, err := site.New(cfg, set, nil, site.Options{Now: start.AddDate(10, 0, 0)}, country.Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Agreements {
		var i int
		fmt.Sscanf(p.Slug, "a%d", &i)
		p.SetContent(template.HTML(body(i)))
	}
	return s
}

// paragraphs returns a body of paragraphs of about size bytes, each
// numbered so that a cut shows.
func paragraphs(size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "<p>Article %d: the parties shall <em>cooperate</em> &amp; exchange information.</p>\n", i)
	}
	return b.String()
}

type parsedAtom struct {
	Entries []struct {
		ID      string `xml:"id"`
		Content string `xml:"content"`
	} `xml:"entry"`
}

func TestFeedEntryLimits(t *testing.T) {
	long := paragraphs(FullBody + 1)
	s := limitSite(t, Entries+10, func(i int) string {
		if i%10 == 3 {
			return long
		}
		return fmt.Sprintf("<p>Short body %d.</p>\n", i)
	})
	data, err := Atom(s, "Feed", "", "feed.xml", s.Agreements)
	if err != nil {
		t.Fatal(err)
	}
	var f parsedAtom
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("the feed does not parse: %v", err)
	}
	if len(f.Entries) != Entries {
		t.Fatalf("%d entries, want %d", len(f.Entries), Entries)
	}
	for k, e := range f.Entries {
		i := k // the agreements are newest first by index
		if e.ID != fmt.Sprintf("https://example.org/agreements/a%03d/", i) {
			t.Fatalf("entry %d is %s", k, e.ID)
		}
		if i%10 != 3 {
			if want := fmt.Sprintf("<p>Short body %d.</p>\n", i); e.Content != want {
				t.Errorf("entry %d carries %q, want its whole body %q", k, e.Content, want)
			}
			continue
		}
		want := fmt.Sprintf(`<p><a href="https://example.org/agreements/a%03d/">Read the whole text: Agreement &lt;%d&gt; &amp; co</a></p>`, i, i)
		if !strings.HasSuffix(e.Content, want) {
			t.Errorf("entry %d ends %q, want a link to the page", k, e.Content[max(0, len(e.Content)-200):])
		}
		opening := strings.TrimSuffix(e.Content, want)
		if len(opening) < openingBytes || len(opening) > openingBytes+200 || !strings.HasPrefix(long, opening) ||
			!strings.HasSuffix(opening, "</p>\n") {
			t.Errorf("entry %d opens with %d bytes %q…, want the first whole paragraphs of about %d bytes",
				k, len(opening), opening[:min(80, len(opening))], openingBytes)
		}
	}
}

func TestFeedFileLimit(t *testing.T) {
	// Every body is under FullBody, but fifty of them are not under
	// MaxFile.
	body := paragraphs(FullBody - 100)
	s := limitSite(t, Entries, func(int) string { return body })
	for _, format := range []string{"atom", "json"} {
		var data []byte
		var err error
		var contents []string
		if format == "atom" {
			data, err = Atom(s, "Feed", "", "feed.xml", s.Agreements)
			var f parsedAtom
			if err == nil {
				err = xml.Unmarshal(data, &f)
			}
			for _, e := range f.Entries {
				contents = append(contents, e.Content)
			}
		} else {
			data, err = JSON(s, "feed.json", s.Agreements)
			var f struct {
				Items []struct {
					ContentHTML string `json:"content_html"`
				} `json:"items"`
			}
			if err == nil {
				err = json.Unmarshal(data, &f)
			}
			for _, it := range f.Items {
				contents = append(contents, it.ContentHTML)
			}
		}
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if len(data) > MaxFile || len(data) < MaxFile/2 {
			t.Errorf("%s: %d bytes, want at most %d and most of it used", format, len(data), MaxFile)
		}
		whole := 0
		for k, c := range contents {
			if c == body {
				if whole != k {
					t.Errorf("%s: entry %d is whole after an entry cut short, want the newest whole first", format, k)
				}
				whole++
			}
		}
		if len(contents) != Entries || whole < 5 || whole == Entries {
			t.Errorf("%s: %d entries, %d of them whole, want %d with some but not all whole", format, len(contents), whole, Entries)
		}
	}
}

func TestEscapedLengths(t *testing.T) {
	for _, s := range []string{"", "plain", `<p class="x">a & b's</p>` + "\n\t\r", "Türkiye — Ωμέγα", "bad \xff byte", "\u2028\x01\b\\"} {
		var b strings.Builder
		if err := xml.EscapeText(&b, []byte(s)); err != nil {
			t.Fatal(err)
		}
		if got := xmlLen(s); got != b.Len() {
			t.Errorf("xmlLen(%q) = %d, want %d", s, got, b.Len())
		}
		var j strings.Builder
		enc := json.NewEncoder(&j)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got, want := jsonLen(s), j.Len()-1; got != want {
			t.Errorf("jsonLen(%q) = %d, want %d", s, got, want)
		}
	}
}
