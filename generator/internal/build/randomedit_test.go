package build

import (
	"fmt"
	"math/rand/v2"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// An edit is a change an editor made to the site.
type edit struct {
	what string
	// undo puts back what the edit changed. An edit that breaks the site
	// on purpose is undone by the next step, as editors fix what they
	// broke; any other edit is undone only if the build failed.
	undo   func() string
	breaks bool
}

// editCounts are how many builds of checkRandomEdits rendered bodies
// alone, rendered only some pages after a change to front matter, and
// gave pages their terms in the kept model.
type editCounts struct{ bodies, partial, retagged int }

// checkRandomEdits edits s, running, steps times at random and after
// every edit compares what its live builder wrote with a fresh build of
// the same files: the same errors, or the same files byte for byte.
func checkRandomEdits(t *testing.T, s *testSite, r *rand.Rand, steps int) editCounts {
	t.Helper()
	lastGood := snapshot(t, s.out)
	var n editCounts
	var pending func() string
	for step := range steps {
		e := edit{}
		if pending != nil {
			e.what = pending()
			pending = nil
		} else {
			e = randomEdit(t, r, s)
		}
		liveErr := s.build()
		want, warnings, fullErr := s.fresh()
		switch {
		case (liveErr == nil) != (fullErr == nil):
			t.Fatalf("step %d (%s): incremental error %v, full build error %v", step, e.what, liveErr, fullErr)
		case fullErr != nil:
			if liveErr.Error() != fullErr.Error() {
				t.Fatalf("step %d (%s): errors differ:\nincremental:\n%v\nfull:\n%v", step, e.what, liveErr, fullErr)
			}
			// A failed build leaves the served site as it was.
			assertSameFiles(t, snapshot(t, s.out), lastGood)
		default:
			got := snapshot(t, s.out)
			if !sameFiles(got, want) {
				t.Errorf("step %d (%s): the incremental build differs from a full build", step, e.what)
				assertSameFiles(t, got, want)
				t.FailNow()
			}
			s.assertWarnings(warnings)
			s.assertSignedAfresh()
			lastGood = got
			switch {
			case s.sum.Phases[1].Name == "relink":
				n.bodies++
			case s.sum.Rendered < htmlFiles(got):
				n.partial++
			}
			if s.sum.Phases[1].Name == "terms" {
				n.retagged++
			}
			t.Logf("step %d (%s): rendered %d of %d", step, e.what, s.sum.Rendered, htmlFiles(got))
		}
		if e.undo != nil && (e.breaks || liveErr != nil) {
			pending = e.undo
		}
	}
	return n
}

func htmlFiles(files map[string][]byte) int {
	n := 0
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			n++
		}
	}
	return n
}

// contentFiles lists the Markdown files of the site, but for the lists'
// own _index.md.
func contentFiles(s *testSite) []string {
	var files []string
	for _, sec := range []string{"agreements", "interviews", "topics", "countries", "organisations", "people"} {
		matches, _ := filepath.Glob(filepath.Join(s.root, "content", sec, "*.md"))
		for _, m := range matches {
			if filepath.Base(m) != "_index.md" {
				rel, _ := filepath.Rel(s.root, m)
				files = append(files, filepath.ToSlash(rel))
			}
		}
	}
	slices.Sort(files)
	return files
}

func slugOf(rel string) string { return strings.TrimSuffix(path.Base(rel), ".md") }

// randomEdit changes the site as an editor might: a body, front matter, a
// file added, removed or renamed.
func randomEdit(t *testing.T, r *rand.Rand, s *testSite) edit {
	t.Helper()
	files := contentFiles(s)
	rel := files[r.IntN(len(files))]
	text := s.read(rel)
	restore := func() string {
		s.EditFiles(rel, text)
		return "repair " + rel
	}
	other := slugOf(files[r.IntN(len(files))])
	switch r.IntN(13) {
	case 0:
		s.EditFiles(rel, text+fmt.Sprintf("\nA sentence added by an editor, number %d.\n", r.IntN(1000)))
		return edit{what: "edit the body of " + rel}
	case 1:
		s.EditFiles(rel, text+"\nSee also [["+other+"]].\n")
		return edit{what: "link " + rel + " to " + other, undo: restore}
	case 2:
		s.EditFiles(rel, text+"\nA [broken link](/agreements/does-not-exist/).\n")
		return edit{what: "add a broken link to " + rel, undo: restore, breaks: true}
	case 3:
		s.EditFiles(rel, strings.Replace(text, "---\n", "---\ntitle: [broken\n", 1))
		return edit{what: "break the front matter of " + rel, undo: restore, breaks: true}
	case 4:
		s.RemoveFiles(rel)
		return edit{what: "delete " + rel, undo: restore}
	case 5:
		to := strings.TrimSuffix(rel, ".md") + "-renamed.md"
		s.RenameFile(rel, to)
		return edit{what: "rename " + rel, undo: func() string {
			s.RenameFile(to, rel)
			return "rename back " + rel
		}}
	case 6:
		return addFile(r, s, files)
	case 7:
		return themeEdit(r, s)
	default:
		what, edited := frontMatterEdit(t, r, rel, text, files)
		s.EditFiles(rel, edited)
		return edit{what: what + " in " + rel, undo: restore}
	}
}

// articleTag is the opening tag of an agreement's page in the theme.
var articleTag = regexp.MustCompile(`<article class="doc"[^>]*>`)

// themeEdit changes the theme: the template of agreements, or the
// stylesheet.
func themeEdit(r *rand.Rand, s *testSite) edit {
	if r.IntN(2) == 0 {
		const name = "templates/agreement.html"
		s.EditFiles(name, articleTag.ReplaceAllString(s.read(name), fmt.Sprintf(`<article class="doc" data-edit="%d">`, r.IntN(1000))))
		return edit{what: "edit " + name}
	}
	const name = "static/css/style.css"
	s.EditFiles(name, s.read(name)+fmt.Sprintf("\n.edit-%d{color:red}\n", r.IntN(1000)))
	return edit{what: "edit " + name}
}

// addFile adds an agreement, an interview or a topic.
func addFile(r *rand.Rand, s *testSite, files []string) edit {
	n := r.IntN(1000)
	agreement := slugOf(pick(r, filesUnder(files, "agreements")))
	var name, text string
	switch r.IntN(3) {
	case 0:
		name = fmt.Sprintf("content/agreements/new-%d.md", n)
		text = fmt.Sprintf("---\ntitle: \"A new agreement %d\"\nsigned: 20%02d-05-01\nparties: [Hungary, Uzbekistan]\ntopics: [%s]\nstatus: in-force\n---\n\nIt links to [[%s]].\n",
			n, 10+r.IntN(15), pick(r, topicNames), agreement)
	case 1:
		name = fmt.Sprintf("content/interviews/new-%d.md", n)
		text = fmt.Sprintf("---\ntitle: \"A new interview %d\"\ndate: 20%02d-03-01\ninterviewee: \"Zsuzsa Kecskes\"\ncountries: [Kyrgyzstan]\nagreements: [%s]\n---\n\nA talk.\n",
			n, 10+r.IntN(15), agreement)
	default:
		name = fmt.Sprintf("content/topics/new-topic-%d.md", n)
		text = fmt.Sprintf("---\ntitle: \"New topic %d\"\ndescription: \"A topic added by an editor.\"\n---\n\nAbout [[%s]].\n", n, agreement)
	}
	s.EditFiles(name, text)
	return edit{what: "add " + name, undo: func() string {
		s.RemoveFiles(name)
		return "remove " + name
	}}
}

var (
	countryNames = []string{"Hungary", "Uzbekistan", "Kyrgyzstan", "Kazakhstan", "Türkiye", "Mongolia", "Georgia"}
	topicNames   = []string{"customs-training", "digitalisation", "drug-smuggling", "border-security", "Risk Management", "trade-facilitation"}
	orgNames     = []string{"ots", "wco", "eu", "UNODC"}
	statuses     = []string{"in-force", "signed", "planned", "expired", "terminated"}
)

func pick(r *rand.Rand, from []string) string {
	if len(from) == 0 {
		return ""
	}
	return from[r.IntN(len(from))]
}

func filesUnder(files []string, section string) []string {
	var out []string
	for _, f := range files {
		if strings.HasPrefix(f, "content/"+section+"/") {
			out = append(out, f)
		}
	}
	return out
}

// frontMatterEdit changes one field of the front matter of the file at
// rel, text, in a way its kind allows, and returns what it did and the
// new text.
func frontMatterEdit(t *testing.T, r *rand.Rand, rel, text string, files []string) (string, string) {
	t.Helper()
	agreements := filesUnder(files, "agreements")
	date := fmt.Sprintf("20%02d-%02d-%02d", 10+r.IntN(17), 1+r.IntN(12), 1+r.IntN(28))
	type change struct {
		what string
		do   func(m *yaml.Node)
	}
	changes := []change{
		{"retitle", func(m *yaml.Node) { setField(m, "title", fmt.Sprintf("Retitled %d", r.IntN(1000))) }},
		{"change the summary", func(m *yaml.Node) { setField(m, "summary", fmt.Sprintf("A summary, version %d.", r.IntN(1000))) }},
		{"draft", func(m *yaml.Node) { setField(m, "draft", "true") }},
		{"add a topic", func(m *yaml.Node) { addTo(m, "topics", pick(r, topicNames)) }},
		{"remove a topic", func(m *yaml.Node) { removeFrom(m, "topics", r) }},
		{"add a country", func(m *yaml.Node) { addTo(m, "countries", pick(r, countryNames)) }},
		{"remove a country", func(m *yaml.Node) { removeFrom(m, "countries", r) }},
		{"add an organisation", func(m *yaml.Node) { addTo(m, "organisations", pick(r, orgNames)) }},
	}
	switch {
	case strings.HasPrefix(rel, "content/agreements/"):
		changes = append(changes,
			change{"redate", func(m *yaml.Node) { setField(m, "signed", date) }},
			change{"change the status", func(m *yaml.Node) { setField(m, "status", pick(r, statuses)) }},
			change{"give an entry into force", func(m *yaml.Node) { setField(m, "effective", date) }},
			change{"change the parties", func(m *yaml.Node) { addTo(m, "parties", pick(r, countryNames)) }},
			change{"amend another", func(m *yaml.Node) { addTo(m, "amends", slugOf(pick(r, agreements))) }},
			change{"supersede another", func(m *yaml.Node) { addTo(m, "supersedes", slugOf(pick(r, agreements))) }},
			change{"implement another", func(m *yaml.Node) { addTo(m, "implements", slugOf(pick(r, agreements))) }},
			change{"become part of another", func(m *yaml.Node) { setField(m, "part-of", slugOf(pick(r, agreements))) }},
			change{"change the slug", func(m *yaml.Node) { setField(m, "slug", fmt.Sprintf("reslugged-%d", r.IntN(1000))) }})
	case strings.HasPrefix(rel, "content/interviews/"):
		changes = append(changes,
			change{"redate", func(m *yaml.Node) { setField(m, "date", date) }},
			change{"discuss another agreement", func(m *yaml.Node) { addTo(m, "agreements", slugOf(pick(r, agreements))) }},
			change{"drop a discussed agreement", func(m *yaml.Node) { removeFrom(m, "agreements", r) }},
			change{"change the interviewee", func(m *yaml.Node) { setField(m, "interviewee", pick(r, []string{"Zsuzsa Kecskes", "Someone Else"})) }})
	default:
		// Terms have no topics, countries or organisations of their own.
		changes = slices.DeleteFunc(changes[:3], func(c change) bool { return c.what == "change the summary" })
		changes = append(changes, change{"describe", func(m *yaml.Node) { setField(m, "description", fmt.Sprintf("Described %d.", r.IntN(1000))) }})
		if strings.HasPrefix(rel, "content/people/") {
			changes = append(changes, change{"rename the person", func(m *yaml.Node) { setField(m, "name", fmt.Sprintf("Person %d", r.IntN(1000))) }})
		}
	}
	c := changes[r.IntN(len(changes))]
	return c.what, editFrontMatter(t, text, c.do)
}

// editFrontMatter returns text with its YAML front matter changed by
// edit, which receives the front matter's mapping.
func editFrontMatter(t *testing.T, text string, edit func(m *yaml.Node)) string {
	t.Helper()
	fm, body, ok := strings.Cut(strings.TrimPrefix(text, "---\n"), "\n---\n")
	if !ok {
		t.Fatalf("no front matter in:\n%s", text)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(fm), &doc); err != nil {
		t.Fatal(err)
	}
	edit(doc.Content[0])
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	return "---\n" + string(out) + "---\n" + body
}

// field returns the value of key in the mapping m, or nil.
func field(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func setField(m *yaml.Node, key, value string) {
	if v := field(m, key); v != nil {
		*v = yaml.Node{Kind: yaml.ScalarNode, Value: value}
		return
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, &yaml.Node{Kind: yaml.ScalarNode, Value: value})
}

func addTo(m *yaml.Node, key, value string) {
	v := field(m, key)
	if v == nil || v.Kind != yaml.SequenceNode {
		v = &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		if old := field(m, key); old != nil {
			*old = *v
			v = old
		} else {
			m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
		}
	}
	v.Content = append(v.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: value})
}

func removeFrom(m *yaml.Node, key string, r *rand.Rand) {
	if v := field(m, key); v != nil && v.Kind == yaml.SequenceNode && len(v.Content) > 0 {
		i := r.IntN(len(v.Content))
		v.Content = slices.Delete(v.Content, i, i+1)
	}
}
