package output

import (
	"bytes"
	"io"
	"sync"
	"testing"
)

// TestLiveReadsWholeFiles reads a file of the live folder while builds
// write it in place, one version after another: every read is one whole
// version.
func TestLiveReadsWholeFiles(t *testing.T) {
	versions := [][]byte{bytes.Repeat([]byte("a"), 4<<20), bytes.Repeat([]byte("bc"), 1<<20), []byte("d")}
	ways := map[string]func(l *Live, data []byte) error{
		"write": func(l *Live, data []byte) error { return l.Write("index.html", data) },
		// A spare written over in place, then swapped, in writes of 64 KB.
		"stream": func(l *Live, data []byte) error {
			return l.Stream("index.html", func(w io.Writer) error {
				for b := data; len(b) > 0; b = b[min(64<<10, len(b)):] {
					if _, err := w.Write(b[:min(64<<10, len(b))]); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
	for name, write := range ways {
		t.Run(name, func(t *testing.T) {
			l := NewLive(t.TempDir())
			l.Begin()
			if err := write(l, versions[0]); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			stop := make(chan struct{})
			reads, torn := 0, 0
			wg.Go(func() {
				for {
					select {
					case <-stop:
						return
					default:
					}
					data, err := l.ReadFile("index.html")
					if err != nil {
						t.Error(err)
						return
					}
					reads++
					whole := false
					for _, v := range versions {
						whole = whole || bytes.Equal(data, v)
					}
					if !whole {
						torn++
					}
				}
			})
			for i := range 60 {
				l.Begin()
				if err := write(l, versions[(i+1)%len(versions)]); err != nil {
					t.Error(err)
				}
			}
			close(stop)
			wg.Wait()
			if reads == 0 || torn > 0 {
				t.Errorf("%d of %d reads found part of a file", torn, reads)
			}
			if _, written, _ := l.Counts(); written != 1 {
				t.Errorf("the last build wrote %d files, want 1", written)
			}
		})
	}
}

// TestLiveFolderWhereAFileWas checks that a build writes a file below a
// path where an earlier build wrote a file, and a file where it wrote a
// folder of files, as a server's site does when a chapter's page comes
// where a copied file was and the other way round.
func TestLiveFolderWhereAFileWas(t *testing.T) {
	l := NewLive(t.TempDir())
	build := func(files ...string) {
		t.Helper()
		l.Begin()
		for _, f := range files {
			if err := l.Write(f, []byte(f)); err != nil {
				t.Fatal(err)
			}
		}
		if err := l.Commit(); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if data, err := l.ReadFile(f); err != nil || string(data) != f {
				t.Errorf("%s: read %q, %v", f, data, err)
			}
		}
	}
	build("a/b", "a/c/index.html")
	build("a/b/index.html", "a/b/d/index.html", "a/c/index.html")
	build("a/b", "a/c/index.html")
	if _, err := l.ReadFile("a/b/index.html"); err == nil {
		t.Error("a file of the folder replaced by a file is still read")
	}
	l.Begin()
	if err := l.Write("a/c/index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := l.Write("a/c", []byte("x")); err == nil {
		t.Error("a build wrote a file where it wrote a folder's file")
	}
	// A page too long to hold, streamed where a folder was.
	l.Begin()
	if err := l.Stream("a/b/index.html", func(w io.Writer) error { _, err := w.Write([]byte("long")); return err }); err != nil {
		t.Fatal(err)
	}
	l.Begin()
	if err := l.Stream("a/b", func(w io.Writer) error { _, err := w.Write([]byte("long")); return err }); err != nil {
		t.Fatal(err)
	}
	if data, err := l.ReadFile("a/b"); err != nil || string(data) != "long" {
		t.Errorf("read %q, %v", data, err)
	}
}
