// Package cms publishes a CMS for editors at /admin/ of a site whose
// config.toml says cms = true: Decap CMS, vendored in decap/, the page
// that starts it, and its config.yml, which is made from the content
// model (content.Fields) at every build, so that its forms take what the
// generator takes and no more.
//
// On an editor's machine the CMS saves to their files through
// decap-server, its local backend; elsewhere it commits to the repository
// that config.toml's [cmsBackend] names. docs/cms.md is the editors' guide.
package cms

import (
	"bytes"
	"embed"
	"html/template"

	"github.com/cooperation-kb/kb/generator/internal/config"
)

// Dir is the folder of the CMS in the output.
const Dir = "admin"

// A File is a file of the CMS, at Path relative to the output folder.
type File struct {
	Path string
	Data []byte
}

//go:embed admin
var admin embed.FS

var page = template.Must(template.ParseFS(admin, "admin/index.html"))

// Files returns the files of the CMS of a site with configuration cfg in
// languages, the site's own language first.
func Files(cfg *config.Config, languages []string) ([]File, error) {
	var index bytes.Buffer
	if err := page.Execute(&index, cfg); err != nil {
		return nil, err
	}
	yml, err := configFile(cfg, languages)
	if err != nil {
		return nil, err
	}
	script, err := admin.ReadFile("admin/kb-cms.js")
	if err != nil {
		return nil, err
	}
	license, err := decap.ReadFile("decap/LICENSE.decap-cms")
	if err != nil {
		return nil, err
	}
	decapFiles, err := bundle()
	if err != nil {
		return nil, err
	}
	files := []File{
		{Dir + "/index.html", index.Bytes()},
		{Dir + "/config.yml", yml},
		{Dir + "/kb-cms.js", script},
		{Dir + "/LICENSE.txt", license},
	}
	return append(files, decapFiles...), nil
}
