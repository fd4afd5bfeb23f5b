package output

import (
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
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
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	// build writes the files of a site of 20 pages, each holding version,
	// through a stage whose disk is disk.
	build := func(version string, disk *fullDisk) error {
		st, err := NewStage(out)
		if err != nil {
			t.Fatal(err)
		}
		st.writeFile = disk.writeFile
		for i := range 20 {
			if err := st.Write(fmt.Sprintf("p%d/index.html", i), fmt.Appendf(nil, "<p>page %d of %s</p>\n", i, version)); err != nil {
				st.Abort()
				return err
			}
		}
		return st.Commit()
	}
	// Two builds, so that the stage holds the first, every file of which
	// the builds below change.
	if err := build("v0", &fullDisk{room: math.MaxInt}); err != nil {
		t.Fatal(err)
	}
	counted := &fullDisk{room: math.MaxInt}
	if err := build("v1", counted); err != nil {
		t.Fatal(err)
	}
	total := math.MaxInt - counted.room
	before := readTree(t, out)
	want := "cannot write the new site into " + filepath.Join(dir, ".public.stage") + ": no space left on device"
	for _, room := range []int{0, total / 2, total - 1} {
		err := build("v2", &fullDisk{room: room})
		if err == nil || err.Error() != want {
			t.Fatalf("room for %d bytes: error\n%v\nwant:\n%s", room, err, want)
		}
		if got := readTree(t, out); !maps.Equal(got, before) {
			t.Errorf("room for %d bytes: the output changed", room)
		}
		if _, err := os.Lstat(filepath.Join(dir, ".public.stage")); err == nil {
			t.Errorf("room for %d bytes: the half-written stage was left", room)
		}
	}
	if err := build("v2", &fullDisk{room: math.MaxInt}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "p3", "index.html")); string(got) != "<p>page 3 of v2</p>\n" {
		t.Errorf("after the disk has room again, p3/index.html holds %q", got)
	}
}

// readTree returns the files under dir by slash path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
