package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
)

// TestDocLinks checks every relative link of the repository's Markdown
// documentation: the file or folder it names exists, and its #anchor is a
// heading of the file it points into. External links are not fetched.
func TestDocLinks(t *testing.T) {
	repo := os.DirFS("..")
	docs, err := fs.Glob(repo, "docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	files := append([]string{"README.md", "CONTRIBUTING.md"}, docs...)
	for _, e := range checkDocLinks(repo, files) {
		t.Error(e)
	}
}

// TestDocLinksReportsBrokenLinks shows what the checker refuses, so that
// TestDocLinks cannot pass by checking nothing.
func TestDocLinksReportsBrokenLinks(t *testing.T) {
	repo := fstest.MapFS{
		"README.md": {Data: []byte("# Title\n\n" +
			"See [the guide](docs/guide.md#set-up-serve), [code](generator/) and [top](#title).\n" +
			"[gone](docs/missing.md) and [bad anchor](docs/guide.md#nope).\n" +
			"```\n[in a fence](nowhere.md)\n```\n" +
			"`[inline code](nowhere.md)` and [web](https://example.org/nowhere.md).\n")},
		"docs/guide.md": {Data: []byte("# Guide\n\n## Set up `serve`!\n\n## Notes\n\n## Notes\n\n" +
			"[second notes](#notes-1), [third notes](#notes-2), [back](../README.md#title), [self](guide.md)\n")},
		"generator/main.go": {Data: []byte("package main\n")},
	}
	got := checkDocLinks(repo, []string{"README.md", "docs/guide.md"})
	want := []string{
		`README.md:4: link "docs/missing.md": no file or folder docs/missing.md`,
		`README.md:4: link "docs/guide.md#nope": no heading "nope" in docs/guide.md`,
		`docs/guide.md:9: link "#notes-2": no heading "notes-2" in docs/guide.md`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestHeadingAnchor(t *testing.T) {
	for heading, want := range map[string]string{
		"Quick start":                            "quick-start",
		"The editing loop: `serve`":              "the-editing-loop-serve",
		"Front matter reference":                 "front-matter-reference",
		"Agreements: `content/agreements/`":      "agreements-contentagreements",
		"Countries, topics and organisations":    "countries-topics-and-organisations",
		"Search download sizes (10,000 pages)":   "search-download-sizes-10000-pages",
		"Snake_case and kebab-case stay":         "snake_case-and-kebab-case-stay",
		"A [linked](https://example.org/) title": "a-linked-title",
		"Türkiye":                                "türkiye",
	} {
		if got := headingAnchor(heading); got != want {
			t.Errorf("headingAnchor(%q) = %q, want %q", heading, got, want)
		}
	}
}

// mdLink matches an inline link or image, [text](target "title"), and
// mdRef a link reference definition, [label]: target.
var (
	mdLink    = regexp.MustCompile(`\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)`)
	mdRef     = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:\s+<?([^\s>]+)>?`)
	atxHead   = regexp.MustCompile(`^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$`)
	fenceOpen = regexp.MustCompile("^ {0,3}(```+|~~~+)")
)

// mdLine is a line of a Markdown file outside fenced code blocks: as
// written, and with its code spans taken out.
type mdLine struct {
	n     int
	raw   string
	prose string
}

// readMarkdown returns the lines of a Markdown file that are prose.
func readMarkdown(src []byte) []mdLine {
	var lines []mdLine
	var fence string
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if m := fenceOpen.FindStringSubmatch(line); m != nil {
			switch {
			case fence == "":
				fence = m[1]
				continue
			case m[1][0] == fence[0] && len(m[1]) >= len(fence) && strings.TrimSpace(line) == m[1]:
				fence = ""
				continue
			}
		}
		if fence == "" {
			lines = append(lines, mdLine{n, line, withoutCode(line)})
		}
	}
	return lines
}

// withoutCode drops the code spans of a line: a run of backticks up to the
// next run of the same length.
func withoutCode(line string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(line, '`')
		if i < 0 {
			b.WriteString(line)
			return b.String()
		}
		b.WriteString(line[:i])
		n := len(line[i:]) - len(strings.TrimLeft(line[i:], "`"))
		rest := line[i+n:]
		end := -1
		for j := 0; j < len(rest); {
			k := strings.IndexByte(rest[j:], '`')
			if k < 0 {
				break
			}
			j += k
			m := len(rest[j:]) - len(strings.TrimLeft(rest[j:], "`"))
			if m == n {
				end = j
				break
			}
			j += m
		}
		if end < 0 { // no closing run: the backticks are literal
			b.WriteString(line[i : i+n])
			line = rest
			continue
		}
		line = rest[end+n:]
	}
}

// headingAnchor is the id GitHub gives a heading: its text lower-cased,
// spaces turned to hyphens, and every punctuation mark but - and _ dropped.
func headingAnchor(heading string) string {
	heading = mdLink.ReplaceAllStringFunc(heading, func(l string) string {
		return l[1:strings.Index(l, "](")]
	})
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// anchors returns the anchors of a Markdown file's headings; a repeated
// heading gets -1, -2 and so on, as on GitHub.
func anchors(src []byte) map[string]bool {
	seen := map[string]int{}
	ids := map[string]bool{}
	for _, l := range readMarkdown(src) {
		// A code span's text is part of a heading's anchor.
		m := atxHead.FindStringSubmatch(l.raw)
		if m == nil {
			continue
		}
		id := headingAnchor(m[2])
		if n := seen[id]; n > 0 {
			seen[id]++
			id = fmt.Sprintf("%s-%d", id, n)
		} else {
			seen[id] = 1
		}
		ids[id] = true
	}
	return ids
}

// checkDocLinks checks the relative links of the named Markdown files of
// repo and returns an error, file:line: link: problem, for each broken one.
func checkDocLinks(repo fs.FS, files []string) []string {
	var errs []string
	headings := map[string]map[string]bool{}
	headingsOf := func(name string) (map[string]bool, error) {
		if h, ok := headings[name]; ok {
			return h, nil
		}
		src, err := fs.ReadFile(repo, name)
		if err != nil {
			return nil, err
		}
		headings[name] = anchors(src)
		return headings[name], nil
	}
	for _, file := range files {
		src, err := fs.ReadFile(repo, file)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", file, err))
			continue
		}
		for _, l := range readMarkdown(src) {
			var targets []string
			for _, m := range mdLink.FindAllStringSubmatch(l.prose, -1) {
				targets = append(targets, m[1])
			}
			if m := mdRef.FindStringSubmatch(l.prose); m != nil {
				targets = append(targets, m[1])
			}
			for _, target := range targets {
				if msg := checkLink(repo, file, target, headingsOf); msg != "" {
					errs = append(errs, fmt.Sprintf("%s:%d: link %q: %s", file, l.n, target, msg))
				}
			}
		}
	}
	return errs
}

// checkLink checks one link target of file and says what is wrong with it,
// or returns "".
func checkLink(repo fs.FS, file, target string, headingsOf func(string) (map[string]bool, error)) string {
	if target == "" {
		return "empty link"
	}
	if i := strings.IndexByte(target, ':'); i > 0 && !strings.ContainsAny(target[:i], "/#.") {
		return "" // a URL with a scheme: http, https, mailto
	}
	ref, anchor, _ := strings.Cut(target, "#")
	name := file
	if ref != "" {
		if strings.HasPrefix(ref, "/") {
			name = path.Clean(strings.TrimPrefix(ref, "/"))
		} else {
			name = path.Join(path.Dir(file), ref)
		}
		if name == ".." || strings.HasPrefix(name, "../") {
			return "leaves the repository"
		}
		if _, err := fs.Stat(repo, name); err != nil {
			return "no file or folder " + name
		}
	}
	if anchor == "" || !strings.HasSuffix(name, ".md") {
		return ""
	}
	ids, err := headingsOf(name)
	if err != nil {
		return err.Error()
	}
	if !ids[anchor] {
		return fmt.Sprintf("no heading %q in %s", anchor, name)
	}
	return ""
}
