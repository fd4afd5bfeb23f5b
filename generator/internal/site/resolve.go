package site

import (
	"errors"
	"fmt"
	"hash/maphash"
	"maps"
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
		r := s.Route(d, l)
		return s.Follow(d, &r)
	}
}

// A Route is where a link of a body points, read from the link alone: an
// external URL, a fragment of the same page, or the key under which the
// model finds the document it names. Resolving a link is following its
// route in the model, and a body rendered again with the same path and
// base URL can follow the routes it recorded rather than read its links
// again. A route followed to a document remembers its ID, and follows it
// there without looking it up in a model whose documents and files are
// those it was followed in (routingSum), or in one that Retag made of such
// a model by numbering new terms after its documents (Site.earlier).
type Route struct {
	kind    routeKind
	link    markdown.Link
	err     string // for an invalid link
	url     string // for an external URL and a fragment of the page
	key     string // the content file, site path, wiki path or slug
	frag    string
	target  int    // the ID of the document it led to, plus one
	routing uint64 // of the model it was followed in
}

// Link returns the link r was read from.
func (r Route) Link() markdown.Link { return r.link }

// Target returns the ID of the document r led to when it was last
// followed in s, or -1 if it leads to none (an external URL, a heading of
// its own page, a copied file); ok is false if r was not followed in s,
// and may lead to any document.
func (s *Site) Target(r Route) (id int, ok bool) {
	switch {
	case r.target > 0 && s.routes(r.routing):
		return r.target - 1, true
	case r.kind == invalid || r.kind == blocked || r.kind == external || r.kind == heading || r.kind == wikiSelf,
		r.kind == sitePath && s.files[r.key]:
		return -1, true
	}
	return -1, false
}

type routeKind uint8

const (
	invalid     routeKind = iota
	blocked               // a scheme that could run, kept out of the page
	external              // leaves the site
	heading               // a heading of the page itself
	contentFile           // a content file
	sitePath              // a site path: a page or a copied file
	wikiSelf              // [[#heading]]
	wikiPath              // [[section/slug]]
	wikiSlug              // [[slug]]
)

var blockedSchemes = []string{"javascript", "vbscript", "data", "file"}

// Route reads the link l of d's body.
func (s *Site) Route(d *Doc, l markdown.Link) Route {
	r := Route{link: l}
	if l.Wiki {
		name, frag, _ := strings.Cut(l.Dest, "#")
		r.key, r.frag = strings.TrimSpace(name), frag
		switch {
		case r.key == "":
			r.kind = wikiSelf
		case strings.Contains(r.key, "/"):
			r.kind, r.key = wikiPath, strings.Trim(r.key, "/")+"/"
		default:
			r.kind = wikiSlug
		}
		return r
	}
	dest := strings.TrimSpace(l.Dest)
	u, err := url.Parse(dest)
	switch {
	case err != nil:
		r.err = fmt.Sprintf("invalid link %q: %v", dest, errors.Unwrap(err))
		return r
	case u.Scheme != "" && slices.Contains(blockedSchemes, strings.ToLower(u.Scheme)):
		r.kind = blocked
		return r
	case u.Scheme != "" || u.Host != "":
		r.kind, r.url = external, dest
		return r
	}
	r.frag = u.Fragment
	switch {
	case u.Path == "":
		r.kind, r.url = heading, dest
	case strings.HasSuffix(u.Path, ".md"):
		r.kind, r.key = contentFile, path.Join(content.Dir, u.Path)
		if !strings.HasPrefix(u.Path, "/") && d.File != nil {
			r.key = path.Join(path.Dir(d.File.Path), u.Path)
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
		r.kind, r.key = sitePath, p
	}
	return r
}

// Follow resolves the link of d's body whose route is r in the model,
// recording it for backlinks and the anchor checks of Link, and r's
// target for the next model.
func (s *Site) Follow(d *Doc, r *Route) (markdown.Resolved, error) {
	var target *Doc
	if r.target > 0 && s.routes(r.routing) {
		return s.linkTo(d, s.byID[r.target-1], r.frag, r.link.Pos), nil
	}
	switch r.kind {
	case invalid:
		return markdown.Resolved{}, errors.New(r.err)
	case blocked:
		// Kept out of the page rather than failing the build: pasted
		// content may carry such links, and none of them may run.
		return markdown.Resolved{URL: ""}, nil
	case external:
		return markdown.Resolved{URL: r.url, External: true}, nil
	case heading:
		if r.frag != "" {
			d.anchors = append(d.anchors, anchorLink{target: d, id: r.frag, pos: r.link.Pos})
		}
		return markdown.Resolved{URL: r.url}, nil
	case contentFile:
		if target = s.byFile[r.key]; target == nil {
			if s.broken[r.key] {
				return markdown.Resolved{}, nil
			}
			return markdown.Resolved{}, s.missing(fmt.Sprintf("link to %s", r.key), r.key)
		}
	case sitePath:
		if s.files[r.key] {
			return markdown.Resolved{URL: s.Config.RelURL(r.key) + fragment(r.frag)}, nil
		}
		key := strings.TrimSuffix(strings.TrimSuffix(r.key, "index.html"), "/")
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
			if r.link.Image {
				return markdown.Resolved{}, fmt.Errorf("image %q not found: put it beside the page in a bundle or in static/", r.link.Dest)
			}
			return markdown.Resolved{}, fmt.Errorf("link to missing page %q", "/"+key)
		}
	case wikiSelf:
		target = d
	case wikiPath:
		if target = s.byPath[r.key]; target == nil && s.Prefix != "" {
			target = s.byPath[s.Prefix+r.key]
		}
		if target == nil {
			return markdown.Resolved{}, fmt.Errorf("wiki link [[%s]]: no page at /%s", r.link.Dest, r.key)
		}
	case wikiSlug:
		var err error
		if target, err = s.wikiTarget(*r); target == nil {
			return markdown.Resolved{}, err
		}
	}
	r.target, r.routing = target.ID+1, s.routing
	return s.linkTo(d, target, r.frag, r.link.Pos), nil
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

// routingSum hashes what routes lead to: the documents, each by its ID,
// path, slug and file, and the files copied, broken and left out. Two
// models with the same sum resolve every route to the document of the
// same ID.
func (s *Site) routingSum() uint64 {
	var h maphash.Hash
	h.SetSeed(routingSeed)
	str := func(v string) {
		h.WriteString(v)
		h.WriteByte(0)
	}
	for _, d := range s.byID {
		str(d.Path)
		if d.page != nil {
			str(d.page.Slug)
		}
		if d.File != nil {
			str(d.File.Path)
		}
		h.WriteByte(1)
	}
	for _, set := range []map[string]bool{s.files, s.broken} {
		for _, k := range slices.Sorted(maps.Keys(set)) {
			str(k)
		}
		h.WriteByte(2)
	}
	for _, k := range slices.Sorted(maps.Keys(s.drafts)) {
		str(k)
	}
	return h.Sum64()
}

// routes reports whether a route followed in a model of the routing sum
// sum leads in s to the document of the same ID.
func (s *Site) routes(sum uint64) bool {
	return sum == s.routing || slices.Contains(s.earlier, sum)
}

// routingSeed seeds the routing sums of every model a process makes, which
// are compared with each other.
var routingSeed = maphash.MakeSeed()

// wikiTarget finds the document a [[slug]] names: a page of that slug, or
// else a country, topic or organisation.
func (s *Site) wikiTarget(r Route) (*Doc, error) {
	name := r.key
	cands := s.bySlug[name]
	if len(cands) == 0 {
		for _, sec := range []string{"countries", "topics", "organisations"} {
			if t := s.byPath[s.Prefix+sec+"/"+Normalize(name)+"/"]; t != nil {
				cands = append(cands, t)
			}
		}
	}
	switch len(cands) {
	case 0:
		if s.broken[name] {
			return nil, nil
		}
		return nil, s.missing(fmt.Sprintf("wiki link [[%s]]: no page with slug %q", r.link.Dest, name), name)
	case 1:
		return cands[0], nil
	}
	var paths []string
	for _, c := range cands {
		paths = append(paths, "[["+strings.TrimSuffix(c.Path, "/")+"]]")
	}
	return nil, fmt.Errorf("wiki link [[%s]] is ambiguous: write %s", r.link.Dest, strings.Join(paths, " or "))
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
