package output

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// pageBuffer is the most of a page the writers of these tests hold, as a
// build's do.
const pageBuffer = 1 << 20

// writePage writes data through p in small pieces, as a template does,
// and ends the page with failed.
func writePage(t *testing.T, p *PageWriter, rel, data string, failed error) error {
	t.Helper()
	p.Begin(rel)
	for len(data) > 0 {
		n := min(len(data), 1000)
		if _, err := p.Write([]byte(data[:n])); err != nil {
			return p.End(err)
		}
		data = data[n:]
	}
	return p.End(failed)
}

// TestPageWriter writes pages shorter and longer than the buffer into each
// kind of sink, with one writer as a worker of a build does, and checks
// that each file holds its bytes, that a page rewritten alike is not
// written again, and that a page whose template fails leaves no file,
// whether it outgrew the buffer or not, and does not fail the stage.
func TestPageWriter(t *testing.T) {
	long := strings.Repeat("<li>a long list</li>\n", 3*pageBuffer/20)
	pages := []struct {
		rel, data string
		failed    error
	}{
		{"a/index.html", "<p>short</p>", nil},
		{"b/index.html", long, nil},
		{"c/index.html", long[:pageBuffer], nil},
		{"d/index.html", long[:pageBuffer+1], nil},
		{"e/index.html", long, errors.New("template failed")},
		{"f/index.html", "<p>short</p>", errors.New("template failed")},
	}
	for name, open := range sinks {
		t.Run(name, func(t *testing.T) {
			out, dir := open(t)
			p := NewPageWriter(out, pageBuffer)
			for round := range 2 {
				for _, pg := range pages {
					if err := writePage(t, p, pg.rel, pg.data, pg.failed); err != nil {
						t.Fatalf("round %d, %s: %v", round, pg.rel, err)
					}
					got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(pg.rel)))
					switch {
					case pg.failed != nil && !errors.Is(err, os.ErrNotExist):
						t.Errorf("round %d, %s: a page whose template failed was written (%d bytes, %v)", round, pg.rel, len(got), err)
					case pg.failed == nil && (err != nil || string(got) != pg.data):
						t.Errorf("round %d, %s: file holds %d bytes (%v), want the %d of the page", round, pg.rel, len(got), err, len(pg.data))
					}
				}
				if _, written, _ := out.Counts(); written != 4 {
					t.Errorf("round %d: %d files written, want the 4 pages written in round 0 alone", round, written)
				}
			}
			if w, ok := out.(*Stage); ok && w.failed.Load() {
				t.Error("a failed template marked the stage as failed, which removes it")
			}
			// The live folder keeps a spare of each long page beside it.
			want := map[string][]string{"b": {"index.html"}, "e": nil}
			if name == "live" {
				want["b"] = []string{".spare-index.html", "index.html"}
			}
			for d, names := range want {
				if got := fileNames(t, filepath.Join(dir, d)); !slices.Equal(got, names) {
					t.Errorf("%s/ holds %v, want %v: a temporary file was left", d, got, names)
				}
			}
		})
	}
}

// brokenSink fails every stream before it writes anything.
type brokenSink struct{ Sink }

var errBroken = errors.New("the disk is gone")

func (brokenSink) Stream(string, func(io.Writer) error) error { return errBroken }

// TestPageWriterStreamFails: when the file of a long page cannot be made,
// the template's writes fail rather than wait for a reader that is gone,
// and the page ends with the error of the file, not the template's.
func TestPageWriterStreamFails(t *testing.T) {
	p := NewPageWriter(brokenSink{}, pageBuffer)
	err := writePage(t, p, "x/index.html", strings.Repeat("x", 2*pageBuffer), nil)
	if !errors.Is(err, errBroken) {
		t.Errorf("got %v, want the error of writing the file", err)
	}
}
