package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/build"
	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/watch"
)

// Options configure Run.
type Options struct {
	Root   string
	Addr   string // host:port to listen on; 127.0.0.1 unless asked otherwise
	Drafts bool
	Future bool
	// Ready, if set, is called with the site's URL once it is served.
	Ready func(url string)
	// Rebuilt, if set, is called after every rebuild with its result.
	Rebuilt func(sum *build.Summary, err error)
}

// Run builds the site into a temporary folder, serves it on opts.Addr and
// rebuilds it as its files change, until ctx is done. It never writes the
// site's own output folder. Build errors are printed and shown in the
// browser; they do not stop the server.
func Run(ctx context.Context, opts Options, stdout, stderr io.Writer) error {
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return err
	}
	url := "http://" + displayAddr(ln.Addr().String(), opts.Addr) + "/"
	dir, err := os.MkdirTemp("", "kb-serve-")
	if err != nil {
		ln.Close()
		return err
	}
	defer os.RemoveAll(dir)

	srv := New(dir, opts.Root)
	b, err := build.NewLiveBuilder(build.Options{Root: opts.Root, Drafts: opts.Drafts, Future: opts.Future, BaseURL: url, PlainAssets: true,
		Open: srv.Open, Early: srv.Early}, dir)
	if err != nil {
		ln.Close()
		return err
	}
	defer b.Close()
	srv.ReadWith(b.ReadFile)
	w, err := watch.New(opts.Root, watch.DefaultGap)
	if err != nil {
		ln.Close()
		return err
	}
	defer w.Close()

	rebuild := func(changed []string) {
		sum, err := b.Build(changed)
		report(stdout, stderr, changed, sum, err)
		if err != nil {
			srv.Failed(err)
		} else {
			srv.Built(sum.Changed)
		}
		if opts.Rebuilt != nil {
			opts.Rebuilt(sum, err)
		}
	}
	rebuild(nil)
	// Once no save has come for a moment, the builder collects the garbage
	// of the builds before while nobody waits (build.Builder.Idle).
	idle := time.After(idleAfter)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	hs := &http.Server{Handler: srv, BaseContext: func(net.Listener) context.Context { return ctx },
		ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	fmt.Fprintf(stdout, "serving %s (Ctrl-C to stop)\n", url)
	if opts.Ready != nil {
		opts.Ready(url)
	}

	batches, watchErrs := make(chan []string), make(chan error, 1)
	go w.Run(ctx, batches, watchErrs)
	for {
		select {
		case <-ctx.Done():
			shutdown, done := context.WithTimeout(context.Background(), 2*time.Second)
			defer done()
			err := hs.Shutdown(shutdown)
			if errors.Is(err, context.DeadlineExceeded) {
				err = hs.Close()
			}
			return err
		case err := <-served:
			return err
		case err := <-watchErrs:
			fmt.Fprintf(stderr, "watch: %v\n", err)
		case batch := <-batches:
			rebuild(batch)
			idle = time.After(idleAfter)
		case <-idle:
			idle = nil
			go b.Idle()
		}
	}
}

// idleAfter is how long the server waits after a build for another save
// before it takes the time to collect garbage.
const idleAfter = 250 * time.Millisecond

// displayAddr is the address to print: the one asked for, with the port
// the listener got, and "localhost" for all interfaces.
func displayAddr(got, asked string) string {
	host, port, err := net.SplitHostPort(got)
	if err != nil {
		return got
	}
	if askedHost, _, err := net.SplitHostPort(asked); err == nil && askedHost != "" {
		host = askedHost
	} else if host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// report prints one line for a build after the files at changed changed
// (nil for the first build): what changed, what the build did and how
// long it took; or the errors of a failed build.
func report(stdout, stderr io.Writer, changed []string, sum *build.Summary, err error) {
	stamp := time.Now().Format("15:04:05")
	if changed != nil {
		stamp += " " + describeChanges(changed) + ":"
	}
	if err != nil {
		var list diag.Errors
		n := 1
		if errors.As(err, &list) {
			n = len(list)
		}
		fmt.Fprintf(stderr, "%s build failed, %d %s; still serving the last good site:\n%v\n", stamp, n, plural(n, "error", "errors"), err)
		return
	}
	warned := ""
	if n := len(sum.Warnings); n > 0 {
		fmt.Fprintln(stderr, sum.Warnings)
		warned = fmt.Sprintf(", %d %s", n, plural(n, "warning", "warnings"))
	}
	fmt.Fprintf(stdout, "%s rendered %d %s, %d %s changed, in %s%s\n", stamp, sum.Rendered, plural(sum.Rendered, "page", "pages"),
		len(sum.Changed), plural(len(sum.Changed), "file", "files"), sum.Duration.Round(time.Millisecond), warned)
}

// describeChanges names the files that changed: the first two, and how
// many more.
func describeChanges(changed []string) string {
	const named = 2
	s := strings.Join(changed[:min(named, len(changed))], ", ")
	if len(changed) > named {
		s += fmt.Sprintf(" and %d more", len(changed)-named)
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
