// Package corpus writes synthetic knowledge bases for benchmarks: the same
// shape as the benchmark kit's gencorpus.py (60% agreements, 40%
// interviews, 600 to 1,500 words each with headings, lists, a table, a
// quote and internal links in the three forms), so that `go test -bench`
// needs nothing but Go. The same arguments give the same files.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

var (
	countries = []string{"Hungary", "Uzbekistan", "Kyrgyzstan", "Kazakhstan", "Azerbaijan", "Türkiye",
		"Tajikistan", "Turkmenistan", "Mongolia", "Georgia", "Armenia", "Moldova", "Ukraine", "Serbia",
		"Montenegro", "North Macedonia", "Albania", "Bosnia and Herzegovina", "Croatia", "Slovenia",
		"Slovakia", "Czechia", "Poland", "Romania", "Bulgaria", "Greece", "Austria", "Germany", "France",
		"Italy", "Spain", "Portugal", "Netherlands", "Belgium", "Lithuania", "Latvia", "Estonia",
		"Finland", "China", "Japan", "Russia"}
	topics = []string{"customs-training", "postal-inspection", "drug-smuggling", "digitalization",
		"risk-management-ai", "trade-facilitation", "border-management", "tariff-classification",
		"valuation", "rules-of-origin", "single-window", "authorised-economic-operator",
		"intellectual-property", "cites-wildlife", "excise-goods", "cigarette-smuggling",
		"money-laundering", "x-ray-scanning", "canine-units", "transit-corridors", "rail-freight",
		"e-commerce", "data-exchange", "mutual-assistance", "capacity-building", "anti-corruption",
		"laboratory-analysis", "post-clearance-audit", "container-control", "green-customs"}
	orgs     = []string{"WCO", "OTS", "EU", "OSCE", "UNODC", "CAREC", "ECO", "UPU", "WTO", "OECD", "UNECE", "BOMCA", "Interpol", "Europol", "EAEU", "CIS"}
	docTypes = []string{"Memorandum of Understanding", "Agreement", "Protocol", "Joint Action Plan", "Cooperation Programme", "Letter of Intent"}
	statuses = []string{"in-force", "in-force", "signed", "signed", "planned", "expired", "terminated"}
	places   = []string{"Budapest", "Tashkent", "Bishkek", "Astana", "Baku", "Ankara", "Istanbul", "Dushanbe", "Tbilisi", "Vienna", "Geneva"}
	people   = []string{"Aziz Karimov", "Eszter Tóth", "Nurlan Abdullayev", "Leyla Yilmaz", "Bakyt Nurbekov", "Gábor Nagy", "Zarina Usmonova", "Ana Novak"}
	roles    = []string{"Director General", "Deputy Head", "Head of Training", "Senior Inspector", "Commissioner"}
	outlets  = []string{"Customs Today", "The Border Review", "Silk Road Trade Journal", "Danube Dispatch"}
	subjects = []string{"the customs administration", "the joint working group", "each party", "the training centre", "the risk analysis unit", "the expert team", "the secretariat"}
	verbs    = []string{"shall exchange", "will strengthen", "has improved", "coordinates", "reviews", "supports", "monitors", "will develop"}
	objects  = []string{"advance cargo information", "risk profiles", "training curricula", "inspection procedures", "seizure statistics", "best practices", "electronic declarations"}
	tails    = []string{"on a quarterly basis", "within thirty days", "in line with national legislation", "at the main border crossings", "through the secure channel", "where resources permit"}
	headings = []string{"Background", "Scope of cooperation", "Key provisions", "Implementation", "Data exchange", "Results so far", "Challenges", "Next steps", "Financing", "Outlook"}
)

type page struct {
	kind, slug, title string
	date              time.Time
	countries, topics []string
	orgs              []string
	refs              []string
}

// Site writes a site of n pages under dir/content, from seed, with the
// templates/ and static/ of the site at theme.
func Site(dir string, n int, seed uint64, theme string) error {
	for _, d := range []string{"templates", "static"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(theme, d))); err != nil {
			return err
		}
	}
	return Write(dir, n, seed)
}

// Write writes the content of a site of n pages under dir/content, from
// seed.
func Write(dir string, n int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, 2))
	start := time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)
	nAgr := max(1, n*6/10)
	pages := make([]page, n)
	for i := range pages {
		p := &pages[i]
		p.countries = sample(r, countries, 2+r.IntN(3))
		p.topics = sample(r, topics, 2+r.IntN(4))
		p.orgs = sample(r, orgs, r.IntN(3))
		p.date = start.AddDate(0, 0, r.IntN(4700))
		if i < nAgr {
			p.kind = "agreements"
			doc := docTypes[r.IntN(len(docTypes))]
			p.title = fmt.Sprintf("%s between %s on %s", doc, strings.Join(p.countries, ", "), strings.ReplaceAll(p.topics[0], "-", " "))
			p.slug = fmt.Sprintf("%s-%s-%06d", slugOf(doc), p.topics[0], i+1)
		} else {
			p.kind = "interviews"
			who := people[r.IntN(len(people))]
			p.title = fmt.Sprintf("%s on %s", who, strings.ReplaceAll(p.topics[0], "-", " "))
			p.slug = fmt.Sprintf("%s-%s-%06d", slugOf(who), p.topics[0], i+1)
			for range 1 + r.IntN(2) {
				p.refs = append(p.refs, pages[r.IntN(nAgr)].slug)
			}
		}
	}
	// Interviews may name agreements made after them in the loop above,
	// whose slugs were not known yet.
	for i := nAgr; i < n; i++ {
		for j := range pages[i].refs {
			pages[i].refs[j] = pages[r.IntN(nAgr)].slug
		}
	}
	for _, sec := range []string{"agreements", "interviews"} {
		d := filepath.Join(dir, "content", sec)
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
		title := strings.ToUpper(sec[:1]) + sec[1:]
		if err := os.WriteFile(filepath.Join(d, "_index.md"), []byte("---\ntitle: "+title+"\n---\n"), 0o644); err != nil {
			return err
		}
	}
	var b strings.Builder
	for i := range pages {
		b.Reset()
		frontMatter(&b, r, &pages[i])
		body(&b, r, &pages[i], pages)
		p := filepath.Join(dir, "content", pages[i].kind, pages[i].slug+".md")
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func slugOf(s string) string {
	s = strings.ToLower(strings.NewReplacer(" ", "-", "á", "a", "ó", "o").Replace(s))
	return strings.ReplaceAll(s, "of-", "")
}

func sample(r *rand.Rand, from []string, k int) []string {
	idx := r.Perm(len(from))[:k]
	out := make([]string, k)
	for i, j := range idx {
		out[i] = from[j]
	}
	return out
}

func quoted(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func frontMatter(b *strings.Builder, r *rand.Rand, p *page) {
	fmt.Fprintf(b, "---\ntitle: %q\ndate: %s\ncountries: %s\ntopics: [%s]\n", p.title, p.date.Format("2006-01-02"), quoted(p.countries), strings.Join(p.topics, ", "))
	if len(p.orgs) > 0 {
		fmt.Fprintf(b, "organisations: [%s]\n", strings.Join(p.orgs, ", "))
	}
	if p.kind == "agreements" {
		fmt.Fprintf(b, "parties: %s\nsigned: %s\nplace: %q\nstatus: %q\n", quoted(p.countries[:2]), p.date.Format("2006-01-02"), places[r.IntN(len(places))], statuses[r.IntN(len(statuses))])
	} else {
		fmt.Fprintf(b, "interviewee: %q\nrole: %q\noutlet: %q\nagreements: [%s]\n", strings.SplitN(p.title, " on ", 2)[0], roles[r.IntN(len(roles))], outlets[r.IntN(len(outlets))], strings.Join(p.refs, ", "))
	}
	b.WriteString("---\n\n")
}

func sentence(r *rand.Rand, p *page, all []page) string {
	s := fmt.Sprintf("%s %s %s %s", subjects[r.IntN(len(subjects))], verbs[r.IntN(len(verbs))], objects[r.IntN(len(objects))], tails[r.IntN(len(tails))])
	switch roll := r.Float64(); {
	case roll < 0.1:
		s += fmt.Sprintf(", with a focus on *%s*", strings.ReplaceAll(p.topics[r.IntN(len(p.topics))], "-", " "))
	case roll < 0.16:
		o := &all[r.IntN(len(all))]
		s += fmt.Sprintf(" (see [%s](../%s/%s.md))", o.title, o.kind, o.slug)
	case roll < 0.22:
		o := &all[r.IntN(len(all))]
		s += fmt.Sprintf(", as described in [%s](/%s/%s/)", o.title, o.kind, o.slug)
	case roll < 0.24:
		s += fmt.Sprintf(", see [[%s]]", all[r.IntN(len(all))].slug)
	case roll < 0.3:
		s += ", which makes the process **measurable**"
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func paragraph(b *strings.Builder, r *rand.Rand, p *page, all []page) int {
	words := 0
	for i := range 3 + r.IntN(4) {
		if i > 0 {
			b.WriteByte(' ')
		}
		s := sentence(r, p, all)
		words += strings.Count(s, " ") + 1
		b.WriteString(s)
	}
	b.WriteString("\n\n")
	return words
}

func body(b *strings.Builder, r *rand.Rand, p *page, all []page) {
	target := 600 + r.IntN(901)
	words := paragraph(b, r, p, all)
	must := []string{"table", "quote", "list"}
	for i := 0; words < target || len(must) > 0; i++ {
		fmt.Fprintf(b, "## %s\n\n", headings[i%len(headings)])
		words += paragraph(b, r, p, all)
		kind := "para"
		if len(must) > 0 {
			kind, must = must[0], must[1:]
		} else if x := r.IntN(4); x > 0 {
			kind = []string{"", "list", "quote", "table"}[x]
		}
		switch kind {
		case "table":
			b.WriteString("| Year | Country | Value |\n|------|---------|------:|\n")
			for k := range 3 + r.IntN(4) {
				fmt.Fprintf(b, "| %d | %s | %d |\n", p.date.Year()-3+k, p.countries[r.IntN(len(p.countries))], 10+r.IntN(99990))
			}
			b.WriteString("\n")
		case "quote":
			fmt.Fprintf(b, "> %s %s\n>\n> — %s\n\n", sentence(r, p, all), sentence(r, p, all), people[r.IntN(len(people))])
		case "list":
			for range 3 + r.IntN(4) {
				fmt.Fprintf(b, "- %s %s %s\n", verbs[r.IntN(len(verbs))], objects[r.IntN(len(objects))], tails[r.IntN(len(tails))])
			}
			b.WriteString("\n")
		}
		words += paragraph(b, r, p, all)
	}
}

// LongText is the body of a treaty of n chapters, for tests of long
// texts: each chapter a heading of level 2 ("Chapter 3"), an article
// ("Article 3.1", whose ID is article-31) and about 13 KB of text, the
// third linking to the fourth's article. Five chapters or more are over
// markdown.LongSource, so published as pages of chapters.
func LongText(n int) string {
	var b strings.Builder
	b.WriteString("The parties, desiring to cooperate, have agreed as follows.\n\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "## Chapter %d\n\n### Article %d.1\n\n", i, i)
		if i == 3 {
			b.WriteString("As [article 4.1](#article-41) says.\n\n")
		}
		for range 150 {
			fmt.Fprintf(&b, "Text of chapter %d, which the parties shall apply in good faith and without delay. ", i)
		}
		b.WriteString("\n\n")
	}
	return b.String()
}
