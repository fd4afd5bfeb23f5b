package build

import (
	"fmt"

	"github.com/cooperation-kb/kb/generator/internal/cms"
	"github.com/cooperation-kb/kb/generator/internal/flagicon"
	"github.com/cooperation-kb/kb/generator/internal/render"
	"github.com/cooperation-kb/kb/generator/internal/site"
	"github.com/cooperation-kb/kb/generator/internal/worldmap"
)

// assetFile is a file the generator ships and a build publishes when its
// pages use it.
type assetFile struct {
	path string
	data func() ([]byte, error)
}

// assets returns the files that the site's pages use from the generator:
// the flags of its countries, with their licence, the map of the world
// that country pages draw their partners over, and the CMS if the site
// has one.
func assets(s *site.Site) []assetFile {
	var out []assetFile
	for _, f := range s.FlagFiles() {
		out = append(out, assetFile{f, func() ([]byte, error) {
			data, ok := flagicon.Data(f)
			if !ok {
				return nil, fmt.Errorf("no flag %s", f)
			}
			return data, nil
		}})
	}
	if len(out) > 0 {
		out = append(out, assetFile{flagicon.LicenseFile, func() ([]byte, error) { return flagicon.License(), nil }})
	}
	if len(s.Countries) > 0 {
		out = append(out, assetFile{render.WorldMapFile, func() ([]byte, error) { return worldmap.Base(), nil }})
	}
	if s.Config.CMS {
		out = append(out, cmsFiles(s)...)
	}
	return out
}

// cmsFiles returns the files of the CMS at /admin/.
func cmsFiles(s *site.Site) []assetFile {
	files, err := cms.Files(s.Config, s.Config.SiteLanguages())
	if err != nil {
		return []assetFile{{cms.Dir + "/", func() ([]byte, error) { return nil, err }}}
	}
	out := make([]assetFile, len(files))
	for i, f := range files {
		out[i] = assetFile{f.Path, func() ([]byte, error) { return f.Data, nil }}
	}
	return out
}
