package render

import (
	"fmt"
	"html/template"
	"strings"
	"text/template/parse"

	"github.com/cooperation-kb/kb/generator/internal/chart"
	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/i18n"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// wordFuncs are the template functions that write the theme's words, in
// the language of t.
func (t *Templates) wordFuncs() template.FuncMap {
	w := t.words
	return template.FuncMap{
		// t is a string of the tables: {{t "discussedIn"}},
		// {{t "home.agreements" 3}}.
		"t": t.translate,
		// date is a date for readers: "6 November 2024".
		"date": w.Date,
		// timeTag is a date as a <time> element, for a sentence of t.
		"timeTag": t.timeTag,
		// tjson gives strings to a script, as a JSON object.
		"tjson": func(keys ...string) (string, error) {
			b, err := w.JSON(keys...)
			return string(b), err
		},
		// statusLabel names an agreement status for readers.
		"statusLabel": func(s string) (string, error) {
			if s == "" {
				return "", nil
			}
			return w.Format("status." + s)
		},
		// kindName names a page's kind for readers: "Agreement".
		"kindName": t.kindName,
		// eventLabel says what happened at a step of the timeline:
		// "Entry into force", or the page's kind.
		"eventLabel": func(e site.Event) string {
			if w.Has("event." + e.Kind) {
				return w.T("event." + e.Kind)
			}
			return t.kindName(e.Page)
		},
		// cooperationMap draws the countries and the agreements they share.
		"cooperationMap": func(countries []*site.Term) template.HTML { return chart.Map(countries, w) },
		// partnerChart draws a country's partners as bars.
		"partnerChart": func(c *site.Term) template.HTML { return chart.Partners(c, w) },
		// worldMap draws countries on the map of the world by agreements.
		"worldMap": func(countries []*site.Term) template.HTML { return worldMap(countries, w) },
		// partnerMap marks a country and its partners on the world map.
		"partnerMap": func(s *site.Site, c *site.Term) template.HTML { return partnerMap(s, c, w) },
		// jsonld is the schema.org JSON-LD of the page, or "".
		"jsonld": func(d *Data) (template.JS, error) { return jsonLD(d, w) },
	}
}

// translate is the template function t: the string key filled from args,
// as i18n.Words.Format fills it. A value that is HTML, such as timeTag's,
// is written as it is, and the string is then HTML too, the rest of it
// escaped: {{t "membership.since" "date" (timeTag .Since)}}.
func (t *Templates) translate(key string, args ...any) (any, error) {
	html := false
	for _, a := range args {
		if _, ok := a.(template.HTML); ok {
			html = true
		}
	}
	if !html {
		return t.words.Format(key, args...)
	}
	count, counted, values, err := i18n.Args(args)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	msg, err := t.words.Message(key, count, counted)
	if err != nil {
		return nil, err
	}
	filled := make(map[string]string, len(values))
	for name, v := range values {
		if h, ok := v.(template.HTML); ok {
			filled[name] = string(h)
		} else {
			filled[name] = escapeHTML(fmt.Sprint(v))
		}
	}
	out, err := i18n.Fill(escapeHTML(msg), filled)
	return template.HTML(out), err
}

// foldWords replaces every {{t "key"}} without arguments in the escaped
// templates of set by the text it writes, the same on every page: a call
// of a template function costs a few allocations, and pages have dozens
// of them. Only calls in text and in quoted attributes are folded, where
// html/template escapes a string as escapeHTML does.
func (t *Templates) foldWords(set *template.Template) {
	for _, d := range set.Templates() {
		if d.Tree != nil {
			t.foldList(d.Tree.Root)
		}
	}
}

func (t *Templates) foldList(l *parse.ListNode) {
	if l == nil {
		return
	}
	for i, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if text, ok := t.folded(n.Pipe); ok {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(text)}
			}
		case *parse.IfNode:
			t.foldList(n.List)
			t.foldList(n.ElseList)
		case *parse.RangeNode:
			t.foldList(n.List)
			t.foldList(n.ElseList)
		case *parse.WithNode:
			t.foldList(n.List)
			t.foldList(n.ElseList)
		}
	}
}

// folded returns what the pipeline {{t "key" | escaper}} writes, if it is
// such a pipeline with an escaper of text or quoted attributes.
func (t *Templates) folded(p *parse.PipeNode) (string, bool) {
	if len(p.Decl) > 0 || len(p.Cmds) != 2 || len(p.Cmds[0].Args) != 2 || len(p.Cmds[1].Args) != 1 || !isCall(p.Cmds[0], "t") {
		return "", false
	}
	key, ok := p.Cmds[0].Args[1].(*parse.StringNode)
	if !ok || !isCall(p.Cmds[1], "_html_template_htmlescaper") && !isCall(p.Cmds[1], "_html_template_attrescaper") {
		return "", false
	}
	s, err := t.words.Format(key.Text)
	return escapeHTML(s), err == nil
}

// escapeHTML escapes text as html/template does in text and quoted
// attributes, so that what Go writes matches what a template would.
var escapeHTML = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;").Replace

// timeTag is d as a <time> element with its ISO date, or nothing for an
// unset date: the "date" template, and a value of t's sentences.
func (t *Templates) timeTag(d content.Date) template.HTML {
	if d.IsZero() {
		return ""
	}
	return template.HTML(`<time datetime="` + escapeHTML(d.ISO()) + `">` + escapeHTML(t.words.Date(d)) + `</time>`)
}

// kindName names the kind of p for readers: "Agreement", "Interview",
// "Page".
func (t *Templates) kindName(p *site.Page) string {
	switch p.Kind {
	case content.Agreement:
		return t.words.T("kind.agreement")
	case content.Interview:
		return t.words.T("kind.interview")
	}
	return t.words.T("kind.page")
}

// Words are the theme's words in the language of t, for what else shows
// them: the search index.
func (t *Templates) Words() *i18n.Words { return t.words }

// SectionTitles are the titles of the site's fixed sections in the
// language, by name, for site.Options: the strings section.<name>.
func (t *Templates) SectionTitles() map[string]string {
	titles := map[string]string{}
	for _, key := range t.words.Keys() {
		if name, ok := strings.CutPrefix(key, "section."); ok {
			titles[name] = t.words.T(key)
		}
	}
	return titles
}

// Missing lists the strings of the theme that the language's table lacks,
// and the plural forms its numbers need, each falling back to another
// language or form: what check reports.
func (t *Templates) Missing() diag.Errors { return t.words.Missing() }
