package render

import (
	"fmt"
	"html/template"
	"strings"

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
