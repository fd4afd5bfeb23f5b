package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/cooperation-kb/kb/generator/internal/build"
)

// progressAfter is how long a build runs before it shows its progress: a
// quick build prints its summary line and nothing else.
var progressAfter = time.Second

// progressEvery is how often the progress line is drawn again.
var progressEvery = 100 * time.Millisecond

// isTerminal reports whether w is a terminal, the only place a progress
// line, drawn over itself with carriage returns, belongs.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// showProgress draws the state of p on the terminal w once the build has
// run for progressAfter, until the returned stop is called, which clears
// the line so that what the build prints next starts on a clean one.
func showProgress(w io.Writer, p *build.Progress) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		drawn := false
		wait := time.NewTimer(progressAfter)
		defer wait.Stop()
		tick := time.NewTicker(progressEvery)
		defer tick.Stop()
		select {
		case <-done:
			return
		case <-wait.C:
		}
		for {
			step, n, total := p.State()
			fmt.Fprint(w, "\r\x1b[K"+progressLine(step, n, total))
			drawn = true
			select {
			case <-done:
				if drawn {
					fmt.Fprint(w, "\r\x1b[K")
				}
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// progressWidth is the number of cells of the bar.
const progressWidth = 30

// progressLine is the line that shows a build at step, with n of total
// items done, or the step alone when it does not count its items.
func progressLine(step string, n, total int) string {
	if total <= 0 {
		return step + "…"
	}
	full := min(progressWidth, progressWidth*n/total)
	return fmt.Sprintf("%-6s [%s%s] %d/%d", step, strings.Repeat("#", full), strings.Repeat(".", progressWidth-full), n, total)
}
