// Command gencorpus writes a synthetic site of the corpus package's shape,
// content and theme, for the tests outside the generator that need one (the
// audit of a large site, .ci/audit):
//
//	go run ./generator/internal/corpus/gencorpus -pages 1000 -out /tmp/site
//
// It writes no config.toml: the caller writes the one it needs.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/cooperation-kb/kb/generator/internal/corpus"
)

func main() {
	pages := flag.Int("pages", 1000, "how many `pages` to write")
	seed := flag.Uint64("seed", 1, "the `seed`: the same seed gives the same site")
	theme := flag.String("theme", ".", "the site `dir` whose templates/ and static/ are copied")
	out := flag.String("out", "", "the `dir` to write the site in")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := corpus.Site(*out, *pages, *seed, *theme); err != nil {
		fmt.Fprintf(os.Stderr, "gencorpus: %v\n", err)
		os.Exit(1)
	}
}
