package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"gocloud.dev/blob"
	// The drivers of the buckets deploy publishes to, registered by
	// scheme: azblob://, file://, gs://, mem:// and s3://.
	_ "gocloud.dev/blob/azureblob"
	_ "gocloud.dev/blob/fileblob"
	_ "gocloud.dev/blob/gcsblob"
	_ "gocloud.dev/blob/memblob"
	_ "gocloud.dev/blob/s3blob"

	"github.com/cooperation-kb/kb/generator/internal/build"
	"github.com/cooperation-kb/kb/generator/internal/config"
	"github.com/cooperation-kb/kb/generator/internal/deploy"
)

const deployUsage = `usage: generator deploy [-target URL] [-dry-run] [-no-build] [-max-deletes N] [flags]

Builds the site as build does, with the same flags, then publishes the
output folder to the bucket at -target: it uploads the files that are new
or changed, then deletes the files the site no longer has. With -no-build
it publishes the output folder as it is.

flags:
`

func runDeploy(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("deploy", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var opts build.Options
	var quiet bool
	buildFlags(fl, &opts, &quiet)
	target := fl.String("target", "", "`URL` of the bucket to publish to, as s3://bucket?region=eu-west-1 (default [deploy] target of config.toml)")
	maxDeletes := fl.Int("max-deletes", config.DefaultMaxDeletes, "refuse to delete more than `n` files (overrides [deploy] maxDeletes of config.toml)")
	dryRun := fl.Bool("dry-run", false, "print what would be uploaded and deleted, change nothing in the bucket")
	noBuild := fl.Bool("no-build", false, "publish the output folder as it is, without building first")
	fl.Usage = func() {
		fmt.Fprint(stderr, deployUsage)
		fl.PrintDefaults()
	}
	if code, done := parse(fl, args); done {
		return code
	}
	set := map[string]bool{}
	fl.Visit(func(f *flag.Flag) { set[f.Name] = true })

	if !*noBuild {
		if _, ok := buildSite(opts, quiet, stdout, stderr); !ok {
			return 1
		}
	}
	cfg, err := config.Load(os.DirFS(opts.Root))
	if err != nil {
		reportErrors(stderr, err, "nothing was deployed")
		return 1
	}
	if !set["target"] {
		*target = cfg.Deploy.Target
	}
	if !set["max-deletes"] {
		*maxDeletes = cfg.Deploy.MaxDeletes
	}
	if *target == "" {
		fmt.Fprintln(stderr, "generator: deploy: no bucket to publish to: give -target URL, or target in the [deploy] table of config.toml")
		return 2
	}
	out := opts.Out
	if out == "" {
		out = filepath.Join(opts.Root, "public")
	}
	if st, err := os.Stat(out); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "generator: deploy: no output folder %s to publish: build the site first\n", out)
		return 1
	}
	var rules []deploy.Rule
	for _, h := range cfg.Deploy.Headers {
		rules = append(rules, deploy.Rule{Pattern: h.Match, CacheControl: h.CacheControl, ContentType: h.ContentType})
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	start := time.Now()
	bucket, err := blob.OpenBucket(ctx, *target)
	if err != nil {
		fmt.Fprintf(stderr, "generator: deploy: %v\n", err)
		return 1
	}
	defer bucket.Close()
	site := os.DirFS(out)
	plan, err := deploy.NewPlan(ctx, bucket, site, rules)
	if err != nil {
		fmt.Fprintf(stderr, "generator: deploy: %v\n", err)
		return 1
	}
	printStep := func(s deploy.Step) {
		if !quiet {
			fmt.Fprintf(stdout, "%s %s\n", s.Op, s.Path)
		}
	}
	if *dryRun {
		for _, s := range plan.Steps {
			printStep(s)
		}
	}
	if err := plan.CheckDeletes(*maxDeletes); err != nil {
		var tooMany *deploy.TooManyDeletes
		errors.As(err, &tooMany)
		fmt.Fprintf(stderr, "generator: deploy: %v: nothing was changed; if that is meant, run again with -max-deletes %d\n", err, tooMany.Deletes)
		return 1
	}
	if *dryRun {
		if !quiet {
			fmt.Fprintf(stdout, "dry run for %s: %s; nothing was changed\n", *target, deploySummary(plan, "to upload", "to update", "to delete"))
		}
		return 0
	}
	if err := plan.Apply(ctx, bucket, site, *maxDeletes, printStep); err != nil {
		fmt.Fprintf(stderr, "generator: deploy: %v\n", err)
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "generator: deploy: interrupted; run it again to finish")
		}
		return 1
	}
	if !quiet {
		fmt.Fprintf(stdout, "deployed to %s: %s; %s sent in %s\n", *target, deploySummary(plan, "uploaded", "updated", "deleted"),
			size(plan.Bytes()), time.Since(start).Round(time.Millisecond))
	}
	return 0
}

// deploySummary counts the steps of a plan, in the words given for each.
func deploySummary(p *deploy.Plan, upload, update, del string) string {
	return fmt.Sprintf("%d %s, %d %s, %d %s, %d unchanged",
		p.Count(deploy.Upload), upload, p.Count(deploy.Update), update, p.Count(deploy.Delete), del, p.Unchanged)
}
