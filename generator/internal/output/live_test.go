package output

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestLiveReadsWholeFiles reads a file of the live folder while builds
// write it in place, one version after another: every read is one whole
// version.
func TestLiveReadsWholeFiles(t *testing.T) {
	l := NewLive(t.TempDir())
	versions := [][]byte{bytes.Repeat([]byte("a"), 4<<20), bytes.Repeat([]byte("bc"), 1<<20), []byte("d")}
	l.Begin()
	if err := l.Write("index.html", versions[0]); err != nil {
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
		if err := l.Write("index.html", versions[(i+1)%len(versions)]); err != nil {
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
}

// TestLiveWritesAgainAfterAFailedWrite checks that a file whose write
// failed is written by the next build, even with the bytes it had before.
func TestLiveWritesAgainAfterAFailedWrite(t *testing.T) {
	dir := t.TempDir()
	l := NewLive(dir)
	l.Begin()
	if err := l.Write("a/index.html", []byte("one")); err != nil {
		t.Fatal(err)
	}
	// A folder where the file was makes the next write fail.
	p := filepath.Join(dir, "a", "index.html")
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(p, 0o755); err != nil {
		t.Fatal(err)
	}
	l.Begin()
	if err := l.Write("a/index.html", []byte("two")); err == nil {
		t.Fatal("a file was written over a folder")
	}
	l.Begin()
	if err := l.Write("a/index.html", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if data, err := l.ReadFile("a/index.html"); err != nil || string(data) != "one" {
		t.Errorf("read %q, %v; want the file written again", data, err)
	}
}
