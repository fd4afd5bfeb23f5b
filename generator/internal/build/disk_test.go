package build

import (
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// fullDisk writes files as os.WriteFile does until room bytes are written,
// then writes what still fits of a file and fails, as a full disk does.
type fullDisk struct {
	mu   sync.Mutex
	room int
}

func (d *fullDisk) writeFile(name string, data []byte, perm fs.FileMode) error {
	d.mu.Lock()
	n := min(len(data), d.room)
	d.room -= n
	d.mu.Unlock()
	if err := os.WriteFile(name, data[:n], perm); err != nil {
		return err
	}
	if n < len(data) {
		return &fs.PathError{Op: "write", Path: name, Err: syscall.ENOSPC}
	}
	return nil
}

// TestFullDiskLeavesOutputUntouched fills the disk at points spread over a
// build's writes. Each build fails with one error that says so, leaves the
// previous output as it was, and takes its half-written stage away, so
// that the next build, with room again, succeeds.
func TestFullDiskLeavesOutputUntouched(t *testing.T) {
	// A new base URL changes every page.
	s := newSite(t, minimalTemplates+smallSite).Build().EditFiles("config.toml", "baseURL = \"/kb/\"\n")
	build := func(disk *fullDisk) error {
		b, err := NewBuilder(s.opts)
		if err != nil {
			t.Fatal(err)
		}
		b.sink = func() (sink, error) {
			w, err := newWriter(b.out)
			if err == nil {
				w.writeFile = disk.writeFile
			}
			return w, err
		}
		_, err = b.Build(nil)
		return err
	}
	// How much a build writes through the writer's files, which a
	// streamed file (the data export) does not use. The stage then holds
	// the first build, every page of which the builds below change.
	counted := &fullDisk{room: math.MaxInt}
	if err := build(counted); err != nil {
		t.Fatal(err)
	}
	total := math.MaxInt - counted.room
	before := snapshot(t, s.out)
	want := "cannot write the new site into " + filepath.Join(s.root, ".public.stage") + ": no space left on device"
	for _, room := range []int{0, total / 2, total - 1} {
		err := build(&fullDisk{room: room})
		if err == nil || err.Error() != want {
			t.Fatalf("room for %d bytes: error\n%v\nwant:\n%s", room, err, want)
		}
		var list diag.Errors
		if errors.As(err, &list) {
			t.Errorf("room for %d bytes: a full disk is reported as an error in the site", room)
		}
		assertSameFiles(t, snapshot(t, s.out), before)
		assertExists(t, s.root, ".public.stage", false)
		assertNoTemporaryFolders(t, s.root)
	}
	s.Build().AssertFile("index.html", `<a href="/kb/agreements/">`)
}
