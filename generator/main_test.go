package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// site writes a small site with one template for every page kind into a
// new folder and returns it.
func site(t *testing.T, agreement string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"templates/base.html":          `{{block "main" .}}{{end}}`,
		"content/agreements/a.md":      agreement,
		"content/interviews/i.md":      "---\ntitle: I\ndate: 2024-05-01\nagreements: [a]\n---\n",
		"content/topics/customs.md":    "---\ntitle: Customs\n---\n",
		"content/countries/hungary.md": "---\ntitle: Hungary\n---\n",
		"config.toml":                  "baseURL = \"https://example.org/\"\n",
	}
	for _, kind := range []string{"home", "agreement", "interview", "page", "section", "agreements", "interviews", "countries", "country", "terms", "term", "404"} {
		files["templates/"+kind+".html"] = `{{define "main"}}` + kind + `{{end}}`
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const goodAgreement = "---\ntitle: A\nsigned: 2024-01-01\ncountries: [Hungary]\n---\n"

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRunBuild(t *testing.T) {
	dir := site(t, goodAgreement)
	code, stdout, stderr := runCmd("-root", dir)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "1 agreement, 1 interview, 0 pages; 1 country, 1 topic, 0 organisations; ") {
		t.Errorf("summary: %q", stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "agreements", "a", "index.html")); err != nil {
		t.Error(err)
	}
}

func TestRunErrors(t *testing.T) {
	dir := site(t, "---\ntitle: A\nsigned: 2024-01-01\ncountries: [Hungry]\nstatus: signd\n---\n")
	code, stdout, stderr := runCmd("build", "-root", dir)
	want := `content/agreements/a.md:4:13: unknown country "Hungry" (did you mean "Hungary"?)` + "\n" +
		`content/agreements/a.md:5:1: status: unknown status "signd" (did you mean "signed"?)` + "\n" +
		"2 errors: nothing was written\n"
	if code != 1 || stdout != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit 1, stderr:\n%s", code, stdout, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("public/ after a failed build: %v", err)
	}

	dir = site(t, "---\ntitle: A\n---\n")
	_, _, stderr = runCmd("-root", dir)
	if !strings.HasSuffix(stderr, "\n1 error: nothing was written\n") {
		t.Errorf("stderr %q, want a count of 1 error", stderr)
	}
}

func TestRunCommandLine(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		code       int
		stderrHave string
	}{
		{[]string{"frobnicate"}, 2, `generator: unknown command "frobnicate"`},
		{[]string{"-nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"build", "extra"}, 2, `generator: unexpected argument "extra"`},
		{[]string{"-root", filepath.Join(t.TempDir(), "missing")}, 1, "generator: site root "},
		{[]string{"-baseurl", "ftp://x", "-root", t.TempDir()}, 1, "generator: -baseurl: expected an absolute http(s) URL"},
	} {
		code, _, stderr := runCmd(tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.stderrHave) {
			t.Errorf("%q: exit %d, stderr:\n%s\nwant exit %d and %q", tc.args, code, stderr, tc.code, tc.stderrHave)
		}
	}
}

func TestRunHelp(t *testing.T) {
	code, stdout, stderr := runCmd("-h")
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	help := stdout + stderr
	if !strings.Contains(help, "usage: generator [build|check|serve|deploy] [flags]") {
		t.Errorf("no usage line in:\n%s", help)
	}
	for _, flag := range []string{"-root", "-out", "-drafts", "-future", "-baseurl", "-quiet"} {
		if !strings.Contains(help, "  "+flag) {
			t.Errorf("help does not list %s:\n%s", flag, help)
		}
	}
}

func TestRunCheckWritesNothing(t *testing.T) {
	dir := site(t, goodAgreement)
	code, stdout, stderr := runCmd("check", "-root", dir)
	if code != 0 || stderr != "" || !strings.Contains(stdout, "nothing written") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "content" && e.Name() != "templates" && e.Name() != "config.toml" {
			t.Errorf("check wrote %s", e.Name())
		}
	}
}

func TestRunQuiet(t *testing.T) {
	dir := site(t, goodAgreement)
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runCmd("-quiet", "-root", dir, "-out", out)
	if code != 0 || stdout != "" || stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0 and nothing printed", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
}

// TestRunWarnings builds a site whose agreement took effect before it was
// signed: a warning, printed and counted, that fails the build only with
// -warnings-fatal, and then as an error does, writing nothing.
func TestRunWarnings(t *testing.T) {
	dir := site(t, "---\ntitle: A\nsigned: 2024-05-01\neffective: 2024-01-01\ncountries: [Hungary]\n---\n")
	const warning = `content/agreements/a.md:4:1: warning: effective: 2024-01-01 is before the signing date 2024-05-01 (if it was applied before signature, give the date as "provisional")` + "\n"
	code, stdout, stderr := runCmd("check", "-root", dir)
	if code != 0 || stderr != warning || !strings.Contains(stdout, "; 1 warning; checked in ") {
		t.Errorf("check: exit %d, stdout %q, stderr %q; want exit 0, the warning and its count", code, stdout, stderr)
	}
	code, _, stderr = runCmd("-root", dir, "-warnings-fatal")
	if want := warning + "0 errors, 1 warning (-warnings-fatal): nothing was written\n"; code != 1 || stderr != want {
		t.Errorf("-warnings-fatal: exit %d, stderr %q, want exit 1 and %q", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("public/ after a build failed on warnings: %v", err)
	}
	if code, stdout, _ := runCmd("-root", dir); code != 0 || !strings.Contains(stdout, "; 1 warning; ") {
		t.Errorf("build: exit %d, stdout %q, want exit 0 and the count of warnings", code, stdout)
	}
}

// TestRunCheckListsMissingStrings: check says which of the theme's
// strings the site's language lacks; build does not.
func TestRunCheckListsMissingStrings(t *testing.T) {
	dir := site(t, goodAgreement)
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte("language = \"fr\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "templates", "i18n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "templates", "i18n", "en.toml"), []byte("skipToContent = \"Skip to content\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const want = `templates/i18n/fr.toml: no table for language "fr": the theme's words fall back to en` + "\n"
	if code, _, stderr := runCmd("check", "-root", dir); code != 0 || !strings.HasSuffix(stderr, want) {
		t.Errorf("check: exit %d, stderr %q, want exit 0 and %q", code, stderr, want)
	}
	if code, _, stderr := runCmd("-root", dir); code != 0 || strings.Contains(stderr, "fr.toml") {
		t.Errorf("build: exit %d, stderr %q, want exit 0 and nothing of fr.toml", code, stderr)
	}
}
