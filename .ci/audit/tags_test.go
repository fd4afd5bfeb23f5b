package audit

import (
	"html"
	"reflect"
	"strings"
	"testing"
)

// attr is an attribute of a start tag, its name lower-cased and its value
// unescaped.
type attr struct{ name, value string }

// startTags calls yield with the name, lower-cased, and the attributes of
// each start tag of an HTML document, in order. It reads a document as a
// browser's tokenizer does where the generator's output is concerned:
// comments, doctypes and end tags are no tags, and the text of script,
// style, textarea and title elements is not markup. (golang.org/x/net/html
// is in the module graph but not required by go.mod, nor downloaded; this
// is all the audit needs of it.)
func startTags(doc string, yield func(name string, attrs []attr)) {
	for i := 0; i < len(doc); {
		lt := strings.IndexByte(doc[i:], '<')
		if lt < 0 {
			return
		}
		i += lt
		rest := doc[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest[4:], "-->")
			if end < 0 {
				return
			}
			i += 4 + end + 3
			continue
		case len(rest) > 1 && (rest[1] == '!' || rest[1] == '?' || rest[1] == '/'):
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				return
			}
			i += end + 1
			continue
		case len(rest) < 2 || !isLetter(rest[1]):
			i++
			continue
		}
		j := 1
		for j < len(rest) && !isSpace(rest[j]) && rest[j] != '/' && rest[j] != '>' {
			j++
		}
		name := strings.ToLower(rest[1:j])
		var attrs []attr
		for j < len(rest) && rest[j] != '>' {
			if isSpace(rest[j]) || rest[j] == '/' {
				j++
				continue
			}
			k := j
			// As in HTML, an attribute's name may start with "=".
			for j++; j < len(rest) && !isSpace(rest[j]) && rest[j] != '/' && rest[j] != '>' && rest[j] != '='; j++ {
			}
			a := attr{name: strings.ToLower(rest[k:j])}
			v := j
			for v < len(rest) && isSpace(rest[v]) {
				v++
			}
			if v < len(rest) && rest[v] == '=' {
				for v++; v < len(rest) && isSpace(rest[v]); v++ {
				}
				if v < len(rest) && (rest[v] == '"' || rest[v] == '\'') {
					end := strings.IndexByte(rest[v+1:], rest[v])
					if end < 0 {
						return
					}
					a.value = rest[v+1 : v+1+end]
					j = v + 1 + end + 1
				} else {
					for j = v; j < len(rest) && !isSpace(rest[j]) && rest[j] != '>'; j++ {
					}
					a.value = rest[v:j]
				}
				a.value = html.UnescapeString(a.value)
			}
			attrs = append(attrs, a)
		}
		yield(name, attrs)
		i += j + 1
		switch name {
		case "script", "style", "textarea", "title":
			i += endTag(doc[i:], name)
		}
	}
}

// endTag is where the end tag of element name starts in text, or its
// length if it has none.
func endTag(text, name string) int {
	for i := 0; ; {
		lt := strings.Index(text[i:], "</")
		if lt < 0 {
			return len(text)
		}
		i += lt
		if end := i + 2 + len(name); end <= len(text) && strings.EqualFold(text[i+2:end], name) {
			return i
		}
		i += 2
	}
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func TestStartTags(t *testing.T) {
	doc := `<!doctype html><HTML lang=en><head><title>a <b> title</title>
<!-- <a href="/comment/"> -->
<script>if (a<b) document.write('<a href="/script/">')</SCRIPT>
<link rel="stylesheet" href='/css/style.css'>
</head><body class = main>
<a href="/a/?x=1&amp;y=2#top" data-x="a > b">1 < 2</a><br/><img src=/i.png alt=""/>
<input disabled id="q">
</body></html>`
	type tag struct {
		name  string
		attrs []attr
	}
	want := []tag{
		{"html", []attr{{"lang", "en"}}},
		{"head", nil},
		{"title", nil},
		{"script", nil},
		{"link", []attr{{"rel", "stylesheet"}, {"href", "/css/style.css"}}},
		{"body", []attr{{"class", "main"}}},
		{"a", []attr{{"href", "/a/?x=1&y=2#top"}, {"data-x", "a > b"}}},
		{"br", nil},
		{"img", []attr{{"src", "/i.png"}, {"alt", ""}}},
		{"input", []attr{{"disabled", ""}, {"id", "q"}}},
	}
	var got []tag
	startTags(doc, func(name string, attrs []attr) { got = append(got, tag{name, attrs}) })
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
