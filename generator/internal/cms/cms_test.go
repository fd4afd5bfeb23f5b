package cms_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/cooperation-kb/kb/generator/internal/build"
	"github.com/cooperation-kb/kb/generator/internal/cms"
	"github.com/cooperation-kb/kb/generator/internal/config"
)

// TestBundle: the vendored archive holds decap-cms.js of the version
// decap/README.md names, its licence notices, and every chunk the bundle
// loads, except those of the WebP encoder that update.sh leaves out.
func TestBundle(t *testing.T) {
	readme, err := os.ReadFile("decap/README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "**"+cms.DecapVersion+"**") {
		t.Errorf("decap/README.md does not name version %s", cms.DecapVersion)
	}
	files, err := cms.Files(config.Default(), []string{"en"})
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	main := byPath["admin/decap-cms.js"]
	if !bytes.Contains(main, []byte(`console.log("decap-cms `+cms.DecapVersion+`")`)) {
		t.Errorf("admin/decap-cms.js is not version %s", cms.DecapVersion)
	}
	for _, name := range []string{"admin/index.html", "admin/config.yml", "admin/kb-cms.js", "admin/LICENSE.txt", "admin/decap-cms.js.LICENSE.txt"} {
		if len(byPath[name]) == 0 {
			t.Errorf("no %s", name)
		}
	}
	if !bytes.Contains(byPath["admin/LICENSE.txt"], []byte("MIT License")) {
		t.Error("admin/LICENSE.txt is not Decap CMS's MIT licence")
	}
	missing := 0
	for _, m := range regexp.MustCompile(`\.e\((\d+)\)`).FindAllSubmatch(main, -1) {
		if byPath["admin/"+string(m[1])+".decap-cms.js"] == nil {
			missing++
		}
	}
	// The encoder is three chunks, the first of which loads the others.
	if missing != 1 {
		t.Errorf("%d chunks that decap-cms.js loads are not in the archive, want 1, the WebP encoder's", missing)
	}
	data, err := os.ReadFile("decap/decap-cms.tar.gz")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	t.Logf("decap-cms %s: %d files, %d bytes gzipped, sha256 %s", cms.DecapVersion, len(files)-4, len(data), hex.EncodeToString(sum[:]))
}

// TestBuildPublishesCMS: a site with cms = true has /admin/, and one
// without has none.
func TestBuildPublishesCMS(t *testing.T) {
	site := `-- config.toml --
title = "KB"
cms = true
-- content/agreements/a.md --
---
title: "A"
signed: 2024-11-06
parties: [Hungary, Kyrgyzstan]
---
Text.
`
	for _, on := range []bool{true, false} {
		root := t.TempDir()
		for _, dir := range []string{"templates", "static"} {
			if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join(repo, dir))); err != nil {
				t.Fatal(err)
			}
		}
		src := site
		if !on {
			src = strings.Replace(site, "cms = true\n", "", 1)
		}
		for _, f := range txtar.Parse([]byte(src)).Files {
			p := filepath.Join(root, filepath.FromSlash(f.Name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(root, "public")
		if _, err := build.Build(build.Options{Root: root, Out: out}); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"admin/index.html", "admin/config.yml", "admin/decap-cms.js"} {
			_, err := os.Stat(filepath.Join(out, name))
			if on && err != nil {
				t.Errorf("cms = true: %v", err)
			}
			if !on && err == nil {
				t.Errorf("without cms = true, the build wrote %s", name)
			}
		}
		if !on {
			continue
		}
		index, _ := os.ReadFile(filepath.Join(out, "admin/index.html"))
		for _, want := range []string{`<html lang="en">`, `<title>Editing · KB</title>`, `<meta name="robots" content="noindex">`,
			`<script src="decap-cms.js"></script>`, `<script src="kb-cms.js"></script>`} {
			if !bytes.Contains(index, []byte(want)) {
				t.Errorf("admin/index.html lacks %s:\n%s", want, index)
			}
		}
	}
}
