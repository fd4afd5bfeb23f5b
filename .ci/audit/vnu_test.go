package audit

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestHTMLValid runs the Nu HTML Checker on every HTML file of the built
// site.
func TestHTMLValid(t *testing.T) {
	checkHTML(t, sample.get(t))
}

// checkHTML runs the Nu HTML Checker on every HTML file of a site, in one
// run of java, which walks the folder itself: the list of files of a large
// site would not fit on a command line.
func checkHTML(t *testing.T, s *builtSite) {
	jar := tool(t, "vnu-jar/build/dist/vnu.jar")
	java, err := exec.LookPath("java")
	if err != nil {
		need(t, "java not found: install a Java runtime (Debian: default-jre-headless)")
	}
	args := []string{"-jar", jar, "--errors-only", "--skip-non-html", "--format", "json", "--stdout", "--exit-zero-always", s.public}
	start := time.Now()
	out, err := exec.Command(java, args...).Output()
	if err != nil {
		t.Fatalf("java %s: %v", strings.Join(args, " "), err)
	}
	var res struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine, FirstColumn                int
		}
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("reading the checker's report: %v\n%s", err, out)
	}
	for _, m := range res.Messages {
		if m.Type == "info" {
			continue
		}
		file := strings.TrimPrefix(m.URL, "file:"+s.public+"/")
		t.Errorf("%s:%d:%d: %s: %s\n\tat %q", file, m.LastLine, m.FirstColumn, m.Type, m.Message, m.Extract)
	}
	t.Logf("%d HTML files checked in %v, %d errors", len(s.pages), time.Since(start).Round(time.Second), len(res.Messages))
}
