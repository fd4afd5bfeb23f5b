package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/cooperation-kb/kb/generator/internal/corpus"
)

func TestProgressLine(t *testing.T) {
	tests := []struct {
		step     string
		n, total int
		want     string
	}{
		{"load", 0, 0, "load…"},
		{"bodies", 0, 300, "bodies [..............................] 0/300"},
		{"pages", 150, 300, "pages  [###############...............] 150/300"},
		{"pages", 300, 300, "pages  [##############################] 300/300"},
	}
	for _, tt := range tests {
		if got := progressLine(tt.step, tt.n, tt.total); got != tt.want {
			t.Errorf("progressLine(%q, %d, %d) = %q, want %q", tt.step, tt.n, tt.total, got, tt.want)
		}
	}
}

// TestProgressOnATerminal builds a site with stderr on a pseudo-terminal,
// as a person at a terminal runs the generator: the progress line is
// drawn and cleared, and the summary line is the last thing printed. On
// anything else, or with -quiet, nothing is added.
func TestProgressOnATerminal(t *testing.T) {
	defer func(after, every time.Duration) { progressAfter, progressEvery = after, every }(progressAfter, progressEvery)
	// Drawn from the start and often, every step shows.
	progressAfter, progressEvery = 0, time.Millisecond
	root := t.TempDir()
	if err := corpus.Site(root, 300, 1, filepath.Join("..")); err != nil {
		t.Fatal(err)
	}
	master, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("opening a pseudo-terminal: %v", err)
	}
	defer master.Close()
	seen := make(chan string)
	go func() {
		b, _ := io.ReadAll(master)
		seen <- string(b)
	}()
	var stdout bytes.Buffer
	code := run([]string{"-root", root}, &stdout, tty)
	tty.Close()
	drawn := <-seen
	if code != 0 {
		t.Fatalf("exit %d, terminal:\n%q", code, drawn)
	}
	for _, want := range []string{"\r\x1b[Kload…", "\r\x1b[Kbodies [", "\r\x1b[Kpages  ["} {
		if !strings.Contains(drawn, want) {
			t.Errorf("the terminal shows %q, want it to hold %q", drawn, want)
		}
	}
	// After the line is cleared come only the build's warnings, if any.
	last := strings.LastIndex(drawn, "\r\x1b[K") + len("\r\x1b[K")
	for _, line := range strings.Split(strings.TrimSpace(drawn[last:]), "\n") {
		if line != "" && !strings.Contains(line, ": warning: ") {
			t.Errorf("after the progress line is cleared, the terminal shows %q", line)
			break
		}
	}
	if !strings.HasPrefix(stdout.String(), "180 agreements, 120 interviews") {
		t.Errorf("summary %q", stdout.String())
	}

	for _, args := range [][]string{{"-root", root}, {"-root", root, "-quiet"}} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != 0 || strings.ContainsAny(errOut.String(), "\r\x1b") {
			t.Errorf("%v with stderr not a terminal: exit %d, a progress line in stderr %q", args, code, errOut.String()[:min(200, errOut.Len())])
		}
	}
}
