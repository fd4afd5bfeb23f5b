package feed

import (
	"bytes"
	"encoding/json"
	"slices"

	"github.com/cooperation-kb/kb/generator/internal/site"
)

// JSONFeedVersion is the URL that identifies the version of JSON Feed
// that JSON writes.
const JSONFeedVersion = "https://jsonfeed.org/version/1.1"

type jsonFeed struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Description string         `json:"description,omitempty"`
	Language    string         `json:"language,omitempty"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonFeedItem struct {
	ID            string   `json:"id"`
	URL           string   `json:"url"`
	Title         string   `json:"title"`
	ContentHTML   string   `json:"content_html"`
	Summary       string   `json:"summary,omitempty"`
	DatePublished string   `json:"date_published"`
	Tags          []string `json:"tags,omitempty"`
}

// JSON returns the JSON Feed of the site's pages (newest first), published
// at the site path at: the same entries as the Atom feed of the same
// pages, each tagged with the names of its countries, topics and
// organisations.
func JSON(s *site.Site, at string, pages []*site.Page) ([]byte, error) {
	f := jsonFeed{
		Version:     JSONFeedVersion,
		Title:       s.Config.Title,
		HomePageURL: s.Config.Permalink(""),
		FeedURL:     s.Config.Permalink(at),
		Description: s.Config.Description,
		Language:    s.Config.Language,
		Items:       []jsonFeedItem{},
	}
	pages = Dated(pages)
	texts, err := bodies(pages, jsonLen, func(p *site.Page) int {
		n := jsonLen(p.Title) + 2*jsonLen(p.Permalink) + jsonLen(p.Meta.Summary)
		for _, ts := range [][]*site.Term{p.Countries, p.Topics, p.Organisations} {
			for _, t := range ts {
				n += jsonLen(t.Title) + 8
			}
		}
		return n
	})
	if err != nil {
		return nil, err
	}
	for i, p := range pages {
		it := jsonFeedItem{
			ID:            p.Permalink,
			URL:           p.Permalink,
			Title:         p.Title,
			ContentHTML:   texts[i],
			Summary:       p.Meta.Summary,
			DatePublished: stamp(p.Date),
		}
		for _, ts := range [][]*site.Term{p.Countries, p.Topics, p.Organisations} {
			for _, t := range ts {
				if !slices.Contains(it.Tags, t.Title) {
					it.Tags = append(it.Tags, t.Title)
				}
			}
		}
		f.Items = append(f.Items, it)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	// The feed is data, not HTML to be embedded: "<" stays readable.
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
