package build

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/corpus/tota"
)

// TestRealAgreements builds 57 real trade agreements of ToTA as the
// converter writes them: former countries (YUG, ANT) and Kosovo (RKS) as
// parties, agreements no longer in force, and three in force before they
// were signed, which are warnings, not errors. Two cards of 2017 say
// "Early announcement-Signed" of agreements whose entry into force they
// date years before: warnings too.
func TestRealAgreements(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "corpus", "tota", "testdata", "tota-subset.tar.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all, err := tota.LoadArchive(f)
	if err != nil {
		t.Fatal(err)
	}
	s := newSite(t, withBaseURL)
	if _, err := tota.WriteSite(s.root, all); err != nil {
		t.Fatal(err)
	}
	s.Build().AssertWarnings(`content/agreements/ecfa-2010.md:6:1: warning: status: "signed" contradicts the dates, which make it "in-force" since 2010-09-12 (as of the build date, 2025-06-01)
content/agreements/eco-2003.md:5:1: warning: effective: 1992-02-17 is before the signing date 2003-07-17 (if it was applied before signature, give the date as "provisional")
content/agreements/efta-gcc-2009.md:6:1: warning: status: "signed" contradicts the dates, which make it "in-force" since 2014-07-01 (as of the build date, 2025-06-01)
content/agreements/eu-ukraine-2014.md:5:1: warning: effective: 2014-04-23 is before the signing date 2014-06-27 (if it was applied before signature, give the date as "provisional")
content/agreements/poland-faeroe-islands-1998.md:5:1: warning: effective: 1998-06-01 is before the signing date 1998-11-03 (if it was applied before signature, give the date as "provisional")`).
		AssertFile("countries/yugoslavia/index.html", "Protocol on Trade Negotiations").
		AssertFile("countries/kosovo/index.html", "Albania - UNMIC/Kosovo").
		// A treaty whose text is in Spanish is listed and shown so.
		AssertFile("countries/nicaragua/index.html", `Central American Common Market (CACM)</a> <span class="lang">(Spanish)</span>`)
}
