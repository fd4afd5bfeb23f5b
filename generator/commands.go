package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/scaffold"
	"github.com/cooperation-kb/kb/generator/internal/serve"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var opts serve.Options
	fl.StringVar(&opts.Root, "root", ".", "site root `dir`")
	fl.StringVar(&opts.Addr, "addr", "127.0.0.1:1313", "`host:port` to listen on; \":1313\" listens on all interfaces")
	fl.BoolVar(&opts.Drafts, "drafts", false, "include pages marked draft")
	fl.BoolVar(&opts.Future, "future", false, "include pages dated in the future")
	fl.Usage = func() {
		fmt.Fprint(stderr, "usage: generator serve [flags]\n\nServes the site from memory of a temporary folder, never public/, and\nrebuilds it as its files change.\n\nflags:\n")
		fl.PrintDefaults()
	}
	if code, done := parse(fl, args); done {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve.Run(ctx, opts, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 1
	}
	return 0
}

func runNew(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("new", flag.ContinueOnError)
	fl.SetOutput(stderr)
	root := fl.String("root", ".", "site root `dir`")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: generator new [-root DIR] KIND TITLE\n\nKIND is one of %s.\n\nflags:\n", strings.Join(scaffold.Kinds, ", "))
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fl.NArg() != 2 {
		fl.Usage()
		return 2
	}
	rel, err := scaffold.New(*root, fl.Arg(0), fl.Arg(1), time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, rel)
	return 0
}

// parse parses flags and reports whether the command is done, with its
// exit code: -h, a bad flag, or an argument left over.
func parse(fl *flag.FlagSet, args []string) (int, bool) {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, true
		}
		return 2, true
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(fl.Output(), "generator: unexpected argument %q\n", fl.Arg(0))
		fl.Usage()
		return 2, true
	}
	return 0, false
}
