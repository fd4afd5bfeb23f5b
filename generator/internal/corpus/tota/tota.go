// Package tota converts ToTA, the "Texts of Trade Agreements" corpus
// (github.com/mappingtreaties/tota: XML full texts of the preferential trade
// agreements notified to the WTO, with the metadata of the WTO RTA database),
// into agreement pages of a site, so that the generator can be tried on
// hundreds of real agreements with long texts and odd parties.
//
// The data is taken as it is: party codes are written as the source has
// them (YUG, ANT, RKS included), and dates as they are, even when entry
// into force comes before signature. What has no field of its own in the
// front matter goes into the summary. The same files give the same output,
// byte for byte.
//
// ToTA is by Wolfgang Alschner, Julia Seiermann and Dmitriy Skougarevskiy,
// under the Creative Commons Attribution-NonCommercial 4.0 International
// licence; every page written says so.
package tota

import (
	"archive/tar"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gosimple/slug"
)

// Attribution is the credit the licence asks for, written on every page.
const Attribution = "Text and metadata: ToTA, Texts of Trade Agreements, by Wolfgang Alschner, Julia Seiermann and Dmitriy Skougarevskiy " +
	"(github.com/mappingtreaties/tota), licensed under CC BY-NC 4.0 (creativecommons.org/licenses/by-nc/4.0/); " +
	"converted to Markdown, annexes and schedules not included in the source."

// Agreement is one treaty of the corpus: the metadata of its WTO RTA card
// and its text.
type Agreement struct {
	ID       int    // ToTA treaty identifier, the n of xml/pta_n.xml
	File     string // the file it was read from, as named in the source
	Slug     string // set by Load
	Name     string // "Agreement name" of the WTO RTA card
	Type     string // "Free Trade Agreement & Economic Integration Agreement"
	WTORTAID string // WTO RTA identifier
	Status   string // WTO status: "In Force", "Inactive", "Early announcement-Signed"

	Notification      string
	Signed            string // date of signature, as written
	IntoForce         string // date of entry into force, as written; may be empty
	Notified          string
	EndImplementation string
	Inactive          string

	PartiesOriginal []string // original signatories, codes as written
	Parties         []string // current signatories, codes as written
	Composition     string
	Region          string
	PartiesWTO      string
	CrossRegional   string
	Related         []string // WTO RTA identifiers of related agreements
	Language        string   // language of the text: en, es or fr
	Sources         []Source
	Chapters        []Chapter
}

// Source is one link the card gives for the text or its annexes.
type Source struct {
	Lang string `xml:"lang,attr"`
	Type string `xml:"type,attr"`
	URL  string `xml:",chardata"`
}

// Chapter is one chapter of a text; the preamble and the concluding
// provisions are chapters too.
type Chapter struct {
	Number   string    `xml:"number,attr"`
	Name     string    `xml:"name,attr"`
	ID       string    `xml:"chapter_identifier,attr"`
	Articles []Article `xml:"article"`
}

// Article is one article of a chapter, its text with the source's line
// breaks.
type Article struct {
	Number string `xml:"number,attr"`
	Name   string `xml:"name,attr"`
	ID     string `xml:"article_identifier,attr"`
	Text   string `xml:",chardata"`
}

type xmlParty struct {
	Code string `xml:",chardata"`
}

type xmlTreaty struct {
	Meta struct {
		Name              string     `xml:"name"`
		Type              string     `xml:"type"`
		WTORTAID          string     `xml:"wto_rta_id"`
		ID                string     `xml:"treaty_identifier"`
		Status            string     `xml:"status"`
		Notification      string     `xml:"notification"`
		DateSigned        string     `xml:"date_signed"`
		DateIntoForce     string     `xml:"date_into_force"`
		DateNotification  string     `xml:"date_notification"`
		EndImplementation string     `xml:"end_implementation"`
		DateInactive      string     `xml:"date_inactive"`
		PartiesOriginal   []xmlParty `xml:"parties_original>partyisocode"`
		Parties           []xmlParty `xml:"parties>partyisocode"`
		Composition       string     `xml:"composition"`
		Region            string     `xml:"region"`
		PartiesWTO        string     `xml:"parties_wto"`
		CrossRegional     string     `xml:"crossregional"`
		Related           []string   `xml:"related_agreement_wto_id"`
		Language          string     `xml:"language"`
		Sources           []Source   `xml:"source"`
	} `xml:"meta"`
	Chapters []Chapter `xml:"body>chapter"`
}

// Parse reads one ToTA XML file.
func Parse(r io.Reader) (*Agreement, error) {
	var t xmlTreaty
	if err := xml.NewDecoder(r).Decode(&t); err != nil {
		return nil, err
	}
	m := t.Meta
	id, err := strconv.Atoi(strings.TrimSpace(m.ID))
	if err != nil {
		return nil, fmt.Errorf("treaty_identifier %q: %v", m.ID, err)
	}
	codes := func(ps []xmlParty) []string {
		var out []string
		for _, p := range ps {
			if c := strings.TrimSpace(p.Code); c != "" {
				out = append(out, c)
			}
		}
		return out
	}
	a := &Agreement{
		ID: id, Name: clean(m.Name), Type: clean(m.Type), WTORTAID: clean(m.WTORTAID), Status: clean(m.Status),
		Notification: clean(m.Notification), Signed: clean(m.DateSigned), IntoForce: clean(m.DateIntoForce),
		Notified: clean(m.DateNotification), EndImplementation: clean(m.EndImplementation), Inactive: clean(m.DateInactive),
		PartiesOriginal: codes(m.PartiesOriginal), Parties: codes(m.Parties), Composition: clean(m.Composition),
		Region: clean(m.Region), PartiesWTO: clean(m.PartiesWTO), CrossRegional: clean(m.CrossRegional),
		Language: clean(m.Language), Chapters: t.Chapters,
	}
	for _, r := range m.Related {
		a.Related = append(a.Related, clean(r))
	}
	for _, s := range m.Sources {
		a.Sources = append(a.Sources, Source{Lang: clean(s.Lang), Type: clean(s.Type), URL: strings.TrimSpace(s.URL)})
	}
	return a, nil
}

// clean folds the runs of white space of a metadata value into one space.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// Load reads every file named *.xml in fsys (at any depth, such as the
// source's xml/pta_1.xml), in the order of their ToTA identifiers, and gives
// each agreement its slug.
func Load(fsys fs.FS) ([]*Agreement, error) {
	var all []*Agreement
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".xml" {
			return err
		}
		f, err := fsys.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		a, err := Parse(f)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		a.File = p
		all = append(all, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return all, finish(all)
}

// LoadArchive reads the *.xml files of a gzipped tar archive, such as the
// test subset, like Load.
func LoadArchive(r io.Reader) ([]*Agreement, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	var all []*Agreement
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag != tar.TypeReg || path.Ext(h.Name) != ".xml" {
			continue
		}
		a, err := Parse(tr)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", h.Name, err)
		}
		a.File = path.Clean(h.Name)
		all = append(all, a)
	}
	return all, finish(all)
}

// finish sorts the agreements by identifier and sets their slugs.
func finish(all []*Agreement) error {
	slices.SortFunc(all, func(a, b *Agreement) int { return a.ID - b.ID })
	for i := 1; i < len(all); i++ {
		if all[i].ID == all[i-1].ID {
			return fmt.Errorf("%s and %s: both are treaty %d", all[i-1].File, all[i].File, all[i].ID)
		}
	}
	assignSlugs(all)
	return nil
}

var (
	// acronym is a short title in brackets: "(CEFTA)", "(CAFTA-DR)".
	acronym = regexp.MustCompile(`\(([A-Z][A-Z0-9-]*[A-Z0-9])\)`)
	// separator splits a name into its parties: "EU – Albania", "Japan - Thailand".
	separator = regexp.MustCompile(`\s+[-–—]\s+`)
)

// ShortTitle is the name of a with every long form that is followed by its
// acronym replaced by the acronym: "Central European Free Trade Agreement
// (CEFTA) 2006" gives "CEFTA 2006", "EU – Overseas Countries and Territories
// (OCT)" gives "EU – OCT".
func ShortTitle(name string) string {
	parts := separator.Split(name, -1)
	for i, p := range parts {
		if loc := acronym.FindStringSubmatchIndex(p); loc != nil {
			parts[i] = p[loc[2]:loc[3]] + p[loc[1]:]
		}
	}
	return strings.Join(parts, " - ")
}

// assignSlugs sets the slug of each agreement: its short title and the year
// of signature, unless the title has it already. Agreements that would
// share a slug get their language as well when that tells them apart, and
// their ToTA identifier otherwise.
func assignSlugs(all []*Agreement) {
	base := make([]string, len(all))
	count := map[string]int{}
	for i, a := range all {
		s := strings.ReplaceAll(slug.Make(ShortTitle(a.Name)), "_", "-")
		if y := year(a.Signed); y != "" && !slices.Contains(strings.Split(s, "-"), y) {
			s += "-" + y
		}
		if s == "" {
			s = "tota"
		}
		base[i] = s
		count[s]++
	}
	langs := map[string]int{}
	for i, a := range all {
		if count[base[i]] > 1 {
			langs[base[i]+"-"+a.Language]++
		}
	}
	for i, a := range all {
		s := base[i]
		if count[s] > 1 {
			if l := s + "-" + a.Language; a.Language != "" && langs[l] == 1 && count[l] == 0 {
				s = l
			} else {
				s += "-tota-" + strconv.Itoa(a.ID)
			}
		}
		a.Slug = s
	}
}

func year(date string) string {
	if len(date) >= 4 {
		if _, err := strconv.Atoi(date[:4]); err == nil {
			return date[:4]
		}
	}
	return ""
}
