// Command totaconvert writes a site of the agreements of the ToTA corpus
// (github.com/mappingtreaties/tota).
//
//	totaconvert -src tota/ -out site -theme .
//
// -src is a checkout of the corpus (or any folder of its XML files), or a
// .tar.gz of them such as the test subset. The pages go to
// OUT/content/agreements; with -theme, the templates/ and static/ of that
// site are copied in and a config.toml is written unless OUT has one.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/corpus/tota"
)

func main() {
	src := flag.String("src", "", "the corpus: a folder of its XML files (at any depth) or a .tar.gz of them")
	out := flag.String("out", "", "the site to write")
	theme := flag.String("theme", "", "a site whose templates/ and static/ are copied to the output")
	title := flag.String("title", "Trade agreements (ToTA)", "the site title for config.toml")
	baseURL := flag.String("baseurl", "https://example.org/", "the baseURL for config.toml")
	flag.Parse()
	if *src == "" || *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*src, *out, *theme, *title, *baseURL); err != nil {
		fmt.Fprintln(os.Stderr, "totaconvert:", err)
		os.Exit(1)
	}
}

func run(src, out, theme, title, baseURL string) error {
	var all []*tota.Agreement
	if strings.HasSuffix(src, ".tar.gz") || strings.HasSuffix(src, ".tgz") {
		f, err := os.Open(src)
		if err != nil {
			return err
		}
		defer f.Close()
		if all, err = tota.LoadArchive(f); err != nil {
			return err
		}
	} else {
		var err error
		if all, err = tota.Load(os.DirFS(src)); err != nil {
			return err
		}
	}
	if theme != "" {
		for _, d := range []string{"templates", "static"} {
			if err := os.CopyFS(filepath.Join(out, d), os.DirFS(filepath.Join(theme, d))); err != nil {
				return err
			}
		}
		cfg := filepath.Join(out, "config.toml")
		if _, err := os.Stat(cfg); os.IsNotExist(err) {
			text := fmt.Sprintf("title = %q\nbaseURL = %q\nlanguage = \"en\"\n", title, baseURL)
			if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
				return err
			}
		}
	}
	paths, err := tota.WriteSite(out, all)
	if err != nil {
		return err
	}
	fmt.Printf("%d agreements, %d files written under %s\n", len(all), len(paths), filepath.Join(out, "content", "agreements"))
	return nil
}
