// Command generator builds the cooperation knowledge base: the Markdown
// files of content/ become the static HTML site in public/.
//
// Usage:
//
//	go run ./generator [build] [flags]   build the site into public/
//	go run ./generator check [flags]     check everything, write nothing
//	go run ./generator serve [flags]     serve the site, rebuilding it as files change
//	go run ./generator deploy [flags]    build the site and publish it to a bucket
//	go run ./generator new KIND TITLE    start a content file
//
// Run with -h for the flags.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/build"
	"github.com/cooperation-kb/kb/generator/internal/diag"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage: generator [build|check|serve|deploy] [flags]
       generator new [-root DIR] KIND TITLE

  build   build the site into the output folder (the default)
  check   check everything build checks, write nothing
  serve   serve the site on -addr and rebuild it as its files change
  deploy  build the site and publish it to the bucket at -target
  new     start a content file: KIND is agreement, interview, country,
          topic, organisation or page

flags:
`

// run is the whole command; it returns the exit code: 0 on success, 1 for
// errors in the site, 2 for a wrong command line.
func run(args []string, stdout, stderr io.Writer) int {
	cmd := "build"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return runServe(args, stdout, stderr)
	case "new":
		return runNew(args, stdout, stderr)
	case "deploy":
		return runDeploy(args, stdout, stderr)
	}
	if cmd != "build" && cmd != "check" {
		fmt.Fprintf(stderr, "generator: unknown command %q\n", cmd)
		fmt.Fprint(stderr, usage)
		return 2
	}
	fl := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fl.SetOutput(stderr)
	var opts build.Options
	var quiet, timings bool
	buildFlags(fl, &opts, &quiet)
	fl.BoolVar(&timings, "timings", false, "print how long each step of the build took")
	cpuProfile := fl.String("cpuprofile", "", "write a CPU profile of the build to `file`")
	memProfile := fl.String("memprofile", "", "write a heap profile at the end of the build to `file`")
	fl.Usage = func() {
		fmt.Fprint(stderr, usage)
		fl.PrintDefaults()
	}
	if code, done := parse(fl, args); done {
		return code
	}
	opts.Check = cmd == "check"

	stop, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 2
	}
	sum, ok := buildSite(opts, quiet, stdout, stderr)
	if perr := stop(); perr != nil {
		fmt.Fprintf(stderr, "generator: %v\n", perr)
	}
	if !ok {
		return 1
	}
	if timings {
		var prev time.Duration
		for _, p := range sum.Phases {
			fmt.Fprintf(stderr, "%-9s %8s\n", p.Name, (p.End - prev).Round(time.Millisecond))
			prev = p.End
		}
	}
	return 0
}

// buildFlags defines the flags that say what to build, which build, check
// and deploy share.
func buildFlags(fl *flag.FlagSet, opts *build.Options, quiet *bool) {
	fl.StringVar(&opts.Root, "root", ".", "site root `dir`: config.toml, content/, templates/, static/")
	fl.StringVar(&opts.Out, "out", "", "output `dir` (default ROOT/public)")
	fl.BoolVar(&opts.Drafts, "drafts", false, "include pages marked draft")
	fl.BoolVar(&opts.Future, "future", false, "include pages dated in the future")
	fl.StringVar(&opts.BaseURL, "baseurl", "", "base `URL` of the published site (overrides config.toml)")
	fl.BoolVar(&opts.WarningsFatal, "warnings-fatal", false, "fail on warnings as on errors, writing nothing (for CI)")
	fl.BoolVar(quiet, "quiet", false, "print nothing on success")
}

// buildSite builds (or checks) the site with its progress on a terminal,
// then prints the summary line, or every error; it reports whether the
// build succeeded.
func buildSite(opts build.Options, quiet bool, stdout, stderr io.Writer) (*build.Summary, bool) {
	stopProgress := func() {}
	if !quiet && isTerminal(stderr) {
		opts.Progress = new(build.Progress)
		stopProgress = showProgress(stderr, opts.Progress)
	}
	sum, err := build.Build(opts)
	stopProgress()
	if err != nil {
		reportErrors(stderr, err, "nothing was written")
		return nil, false
	}
	if len(sum.Warnings) > 0 && !quiet {
		fmt.Fprintln(stderr, sum.Warnings)
	}
	if len(sum.Missing) > 0 && !quiet {
		fmt.Fprintln(stderr, sum.Missing)
	}
	if !quiet {
		fmt.Fprintln(stdout, summary(sum, opts.Check))
	}
	return sum, true
}

// reportErrors prints the errors of a site, sorted, one per line, with
// their count and what became of the output; or any other error.
func reportErrors(stderr io.Writer, err error, outcome string) {
	var list diag.Errors
	if errors.As(err, &list) {
		fmt.Fprintln(stderr, err)
		fmt.Fprintf(stderr, "%s: %s\n", count(list), outcome)
	} else {
		fmt.Fprintf(stderr, "generator: %v\n", err)
	}
}

func summary(s *build.Summary, check bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s, %d %s, %d %s; %d %s, %d %s, %d %s",
		s.Agreements, plural(s.Agreements, "agreement", "agreements"),
		s.Interviews, plural(s.Interviews, "interview", "interviews"),
		s.Pages, plural(s.Pages, "page", "pages"),
		s.Countries, plural(s.Countries, "country", "countries"),
		s.Topics, plural(s.Topics, "topic", "topics"),
		s.Organisations, plural(s.Organisations, "organisation", "organisations"))
	if s.People > 0 {
		fmt.Fprintf(&b, ", %d %s", s.People, plural(s.People, "person", "people"))
	}
	if n := len(s.Warnings); n > 0 {
		fmt.Fprintf(&b, "; %d %s", n, plural(n, "warning", "warnings"))
	}
	if check {
		fmt.Fprintf(&b, "; checked in %s, nothing written", s.Duration.Round(1e6))
	} else {
		fmt.Fprintf(&b, "; %d files, %s (%d changed) in %s", s.Files, size(s.Bytes), s.Written, s.Duration.Round(1e6))
	}
	return b.String()
}

// count says how many errors and warnings a failed build had; warnings
// fail a build only with -warnings-fatal.
func count(list diag.Errors) string {
	warnings := 0
	for _, e := range list {
		if e.Warning {
			warnings++
		}
	}
	errs := len(list) - warnings
	msg := fmt.Sprintf("%d %s", errs, plural(errs, "error", "errors"))
	if warnings > 0 {
		msg += fmt.Sprintf(", %d %s (-warnings-fatal)", warnings, plural(warnings, "warning", "warnings"))
	}
	return msg
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
