// Package scaffold starts new content files: a file with every
// front-matter field of its kind, explained in comments, ready to fill in.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/country"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// Kinds lists what New can start, in the order the usage shows them.
var Kinds = []string{"agreement", "interview", "country", "topic", "organisation", "page"}

// Path returns where a new file of kind with title goes, relative to the
// site root. The file is named by the slug the site makes of the title,
// transliterated to ASCII ("Türkiye" -> "turkiye"); a country is named by
// its registry slug, so "Turkey" becomes content/countries/turkiye.md.
func Path(kind, title string) (string, error) {
	s := site.Normalize(title)
	if kind == "country" {
		c, ok := country.Default().Lookup(title)
		if !ok {
			msg := fmt.Sprintf("unknown country %q", title)
			if sug := country.Default().Suggest(title); sug != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", sug)
			}
			return "", errors.New(msg)
		}
		s = c.Slug
	}
	if s == "" {
		return "", fmt.Errorf("title %q has no letters or digits to make a file name from", title)
	}
	switch kind {
	case "agreement":
		return "content/agreements/" + s + ".md", nil
	case "interview":
		return "content/interviews/" + s + ".md", nil
	case "country":
		return "content/countries/" + s + ".md", nil
	case "topic":
		return "content/topics/" + s + ".md", nil
	case "organisation":
		return "content/organisations/" + s + ".md", nil
	case "page":
		return "content/" + s + ".md", nil
	}
	return "", fmt.Errorf("unknown kind %q (expected one of %s)", kind, strings.Join(Kinds, ", "))
}

// New writes the file of kind with title under root, dated today, and
// returns its path relative to root. It never replaces an existing file.
func New(root, kind, title string, today time.Time) (string, error) {
	rel, err := Path(kind, title)
	if err != nil {
		return "", err
	}
	if kind == "country" {
		c, _ := country.Default().Lookup(title)
		title = c.Name
	}
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s already exists: not replaced", rel)
	}
	if err != nil {
		return "", err
	}
	_, err = f.WriteString(Text(kind, title, today))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return rel, err
}

// kinds are the content kinds of the kinds New starts.
var kinds = map[string]content.Kind{"agreement": content.Agreement, "interview": content.Interview,
	"country": content.CountryTerm, "topic": content.TopicTerm, "organisation": content.OrganisationTerm,
	"page": content.Page}

// bodies are the text of a new file of each kind below its front matter.
var bodies = map[string]string{
	"agreement":    "Describe the agreement: who signed it, when and where, what it covers, and what comes next.\n",
	"interview":    "What was said, with short quotes attributed to the speaker.\n",
	"country":      "What this country's cooperation looks like in the knowledge base.\n",
	"topic":        "What this topic covers.\n",
	"organisation": "What this organisation covers.\n",
	"page":         "",
}

// commentColumn is where the comments of the front matter start, when
// the line before leaves room.
const commentColumn = 26

// Text is the content of a new file of kind: every field of the kind
// (content.Fields), the starters as lines to fill in and the others
// commented out, each followed by what it holds.
func Text(kind, title string, today time.Time) string {
	var b strings.Builder
	b.WriteString("---\n")
	for _, f := range content.Fields(kinds[kind]) {
		if f.Ignored {
			continue
		}
		value := f.Example
		switch {
		case f.Name == "title":
			value = strconv.Quote(title)
		case f.Type == content.TypeDate && value == "":
			value = today.Format("2006-01-02")
		}
		line := f.Name + ": " + value
		if !f.Starter {
			line = "# " + line
		}
		doc := f.Doc
		if f.Required {
			doc += " (required)"
		}
		b.WriteString(line + strings.Repeat(" ", max(commentColumn-len(line), 1)) + "# " + doc + "\n")
	}
	b.WriteString("---\n\n" + bodies[kind])
	return b.String()
}
