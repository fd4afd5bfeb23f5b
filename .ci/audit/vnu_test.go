package audit

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHTMLValid runs the Nu HTML Checker on every HTML file of the built
// site, in one run of java.
func TestHTMLValid(t *testing.T) {
	jar := tool(t, "vnu-jar/build/dist/vnu.jar")
	java, err := exec.LookPath("java")
	if err != nil {
		need(t, "java not found: install a Java runtime (Debian: default-jre-headless)")
	}
	_, pages := site(t)
	args := []string{"-jar", jar, "--errors-only", "--format", "json", "--stdout", "--exit-zero-always"}
	for _, p := range pages {
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		args = append(args, filepath.Join(served.public, filepath.FromSlash(p)))
	}
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
		file := strings.TrimPrefix(m.URL, "file:"+served.public+"/")
		t.Errorf("%s:%d:%d: %s: %s\n\tat %q", file, m.LastLine, m.FirstColumn, m.Type, m.Message, m.Extract)
	}
	t.Logf("%d HTML files checked, %d errors", len(pages), len(res.Messages))
}
