package output

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// sinks open each kind of sink, the stage of a build and the live folder
// of the development server, and return it and the folder it writes to.
var sinks = map[string]func(t *testing.T) (Sink, string){
	"stage": func(t *testing.T) (Sink, string) {
		w, err := NewStage(filepath.Join(t.TempDir(), "public"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(w.Abort)
		return w, w.stage
	},
	"live": func(t *testing.T) (Sink, string) {
		l := NewLive(t.TempDir())
		l.Begin()
		return l, l.dir
	},
}

// TestStream streams one file again and again into each kind of sink, two
// bytes at a time, and checks that it is replaced exactly when its bytes
// change, including when the new bytes are a prefix of the old or the old a
// prefix of the new, and when they first differ in the first, a middle or
// the last write.
func TestStream(t *testing.T) {
	const rel = "data/x.json"
	steps := []struct {
		data    string
		written int // files the sink has written so far
	}{
		{"abc", 1},
		{"abc", 1},
		{"ab", 2},
		{"abcd", 3},
		{"abcd", 3},
		{"", 4},
		{"abcdefgh", 5},
		{"abcdXfgh", 6},
		{"abcdXfgh", 6},
		{"abcdXfgY", 7},
		{"Zbcdefgh", 8},
		{"Zbcdefg", 9},
	}
	for name, open := range sinks {
		t.Run(name, func(t *testing.T) {
			out, dir := open(t)
			var total int64
			for i, st := range steps {
				err := out.Stream(rel, func(w io.Writer) error {
					for b := []byte(st.data); len(b) > 0; b = b[min(2, len(b)):] {
						if _, err := w.Write(b[:min(2, len(b))]); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
				got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
				if err != nil || string(got) != st.data {
					t.Fatalf("step %d: file holds %q (%v), want %q", i, got, err, st.data)
				}
				total += int64(len(st.data))
				files, written, bytes := out.Counts()
				if files != i+1 || written != st.written || bytes != total {
					t.Errorf("step %d (%q): %d files, %d written, %d bytes; want %d, %d, %d", i, st.data, files, written, bytes, i+1, st.written, total)
				}
			}
			want := []string{"x.json"}
			if name == "live" {
				// The spare that the next stream writes over.
				want = []string{".spare-x.json", "x.json"}
			}
			if got := fileNames(t, filepath.Join(dir, "data")); !slices.Equal(got, want) {
				t.Errorf("data/ holds %v, want %v: no temporary file left", got, want)
			}
		})
	}
}

// fileNames returns the names in dir, sorted, or none if it is missing.
func fileNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
