package site

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/markdown"
)

// Resolver returns the link resolver of d's body. It rewrites links to
// content files, site paths and [[wiki links]] to URLs, refuses links to
// what the site does not publish, and records every link for backlinks and
// for the anchor checks of Link. Each document's resolver touches only that
// document, so bodies can be rendered in parallel.
func (s *Site) Resolver(d *Doc) markdown.Resolver {
	return func(l markdown.Link) (markdown.Resolved, error) {
		if l.Wiki {
			return s.resolveWiki(d, l)
		}
		return s.resolveDest(d, l)
	}
}

var blockedSchemes = []string{"javascript", "vbscript", "data", "file"}

func (s *Site) resolveDest(d *Doc, l markdown.Link) (markdown.Resolved, error) {
	dest := strings.TrimSpace(l.Dest)
	u, err := url.Parse(dest)
	if err != nil {
		return markdown.Resolved{}, fmt.Errorf("invalid link %q: %v", dest, errors.Unwrap(err))
	}
	if u.Scheme != "" {
		if slices.Contains(blockedSchemes, strings.ToLower(u.Scheme)) {
			// Kept out of the page rather than failing the build: pasted
			// content may carry such links, and none of them may run.
			return markdown.Resolved{URL: ""}, nil
		}
		return markdown.Resolved{URL: dest, External: true}, nil
	}
	if u.Host != "" {
		return markdown.Resolved{URL: dest, External: true}, nil
	}
	frag := u.Fragment
	if u.Path == "" {
		if frag != "" {
			d.anchors = append(d.anchors, anchorLink{target: d, id: frag, pos: l.Pos})
		}
		return markdown.Resolved{URL: dest}, nil
	}
	var target *Doc
	switch {
	case strings.HasSuffix(u.Path, ".md"):
		file := path.Join(content.Dir, u.Path)
		if !strings.HasPrefix(u.Path, "/") && d.File != nil {
			file = path.Join(path.Dir(d.File.Path), u.Path)
		}
		if target = s.byFile[file]; target == nil {
			if s.broken[file] {
				return markdown.Resolved{}, nil
			}
			return markdown.Resolved{}, s.missing(fmt.Sprintf("link to %s", file), file)
		}
	default:
		p := u.Path
		if !strings.HasPrefix(p, "/") {
			p = "/" + d.Path + p
		}
		p = strings.TrimPrefix(path.Clean(p), "/")
		if base := strings.Trim(s.Config.Base.Path, "/"); base != "" && (p == base || strings.HasPrefix(p, base+"/")) {
			p = strings.TrimPrefix(strings.TrimPrefix(p, base), "/")
		}
		if s.files[p] {
			return markdown.Resolved{URL: s.Config.RelURL(p) + fragment(frag)}, nil
		}
		key := strings.TrimSuffix(strings.TrimSuffix(p, "index.html"), "/")
		if key != "" {
			key += "/"
		}
		target = s.byPath[key]
		// A site path written without the language's leads to this
		// language's page, as a link to a file does.
		if target == nil && s.Prefix != "" {
			target = s.byPath[s.Prefix+key]
		}
		if target == nil {
			if s.broken[path.Base(key)] {
				return markdown.Resolved{}, nil
			}
			if l.Image {
				return markdown.Resolved{}, fmt.Errorf("image %q not found: put it beside the page in a bundle or in static/", l.Dest)
			}
			return markdown.Resolved{}, fmt.Errorf("link to missing page %q", "/"+key)
		}
	}
	return s.linkTo(d, target, frag, l.Pos), nil
}

// linkTo resolves a link of d to target, keeping it for backlinks and the
// check of its heading. A text in another language than the site's (one
// not yet translated) links to a heading as its own language names it: to
// the page the target translates.
func (s *Site) linkTo(d, target *Doc, frag string, pos diag.Pos) markdown.Resolved {
	if p := target.page; frag != "" && p != nil && p.originalURL != "" && d.File != nil && s.fileLang(d.File) != s.Lang {
		return markdown.Resolved{URL: p.originalURL + fragment(frag), Label: target.Title}
	}
	s.keepLink(d, target, frag, pos)
	return markdown.Resolved{URL: target.URL + fragment(frag), Label: target.Title}
}

func (s *Site) resolveWiki(d *Doc, l markdown.Link) (markdown.Resolved, error) {
	name, frag, _ := strings.Cut(l.Dest, "#")
	name = strings.TrimSpace(name)
	var target *Doc
	switch {
	case name == "":
		target = d
	case strings.Contains(name, "/"):
		key := strings.Trim(name, "/") + "/"
		if target = s.byPath[key]; target == nil && s.Prefix != "" {
			target = s.byPath[s.Prefix+key]
		}
		if target == nil {
			return markdown.Resolved{}, fmt.Errorf("wiki link [[%s]]: no page at /%s", l.Dest, key)
		}
	default:
		cands := s.bySlug[name]
		if len(cands) == 0 {
			for _, sec := range []string{"countries", "topics", "organisations"} {
				if t := s.byPath[sec+"/"+Normalize(name)+"/"]; t != nil {
					cands = append(cands, t)
				}
			}
		}
		switch len(cands) {
		case 0:
			if s.broken[name] {
				return markdown.Resolved{}, nil
			}
			return markdown.Resolved{}, s.missing(fmt.Sprintf("wiki link [[%s]]: no page with slug %q", l.Dest, name), name)
		case 1:
			target = cands[0]
		default:
			var paths []string
			for _, c := range cands {
				paths = append(paths, "[["+strings.TrimSuffix(c.Path, "/")+"]]")
			}
			return markdown.Resolved{}, fmt.Errorf("wiki link [[%s]] is ambiguous: write %s", l.Dest, strings.Join(paths, " or "))
		}
	}
	return s.linkTo(d, target, frag, l.Pos), nil
}

// keepLink records a link of d to target for backlinks and, if it has a
// fragment, for the check of its heading. Only what those need is kept,
// as a large site holds every link until its last body is rendered: a page
// linked several times in a row is kept once.
func (s *Site) keepLink(d, target *Doc, frag string, pos diag.Pos) {
	if p := target.page; p != nil && (len(d.linked) == 0 || d.linked[len(d.linked)-1] != p) {
		d.linked = append(d.linked, p)
	}
	if frag != "" {
		d.anchors = append(d.anchors, anchorLink{target: target, id: frag, pos: pos})
	}
}

// missing explains a link to something the site does not publish: a draft,
// a page in the future, or nothing at all.
func (s *Site) missing(msg, name string) error {
	for p, why := range s.drafts {
		if p == name || strings.TrimSuffix(path.Base(p), ".md") == name {
			return fmt.Errorf("%s, which is %s", msg, why)
		}
	}
	return errors.New(msg + ", which does not exist")
}

func fragment(f string) string {
	if f == "" {
		return ""
	}
	return "#" + f
}
