package content

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cooperation-kb/kb/generator/internal/corpus"
)

// TestLoaderLargeSite: a site over the limit drops its bodies, and the
// loader says so before it parses the first file.
func TestLoaderLargeSite(t *testing.T) {
	fsys := fstest.MapFS{
		"content/about/a.md": {Data: []byte("---\ntitle: A\n---\nThe body of A.\n")},
		"content/about/b.md": {Data: []byte("---\ntitle: B\n---\nThe body of B.\n")},
	}
	for _, tc := range []struct {
		limit int64
		large bool
	}{{0, false}, {1 << 20, false}, {10, true}} {
		l := NewLoader(fsys, 1<<20)
		l.DropBodiesAbove(tc.limit)
		called := false
		l.OnLarge(func() {
			called = true
			if l.entries["content/about/a.md"].file != nil {
				t.Errorf("limit %d: OnLarge called after parsing", tc.limit)
			}
		})
		set, _, err := l.Load(nil)
		if err != nil {
			t.Fatal(err)
		}
		if called != tc.large || l.Large() != tc.large {
			t.Errorf("limit %d: OnLarge called %v, Large %v; want %v", tc.limit, called, l.Large(), tc.large)
		}
		for _, f := range set.Files {
			if dropped := f.Body == nil; dropped != tc.large {
				t.Errorf("limit %d: %s body dropped %v, want %v", tc.limit, f.Path, dropped, tc.large)
			}
		}
	}
}

// TestLargeSiteFilesAreTheSame: a large site's files, read one after
// another into a buffer that each worker reuses, keep everything but their
// bodies as a small site's do, whether a file is longer or shorter than the
// one read before it.
func TestLargeSiteFilesAreTheSame(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range 40 {
		long := strings.Repeat(fmt.Sprintf("Paragraph %d of a long body.\n\n", i), 1+i%7*50)
		fsys[fmt.Sprintf("content/agreements/a%02d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: Agreement %d on customs training\ndate: 2025-03-%02d\nsummary: Summary number %d.\n"+
				"countries: [Hungary, Uzbekistan]\ntopics: [topic-%d]\nsigned: 2025-03-%02d\nplace: Place %d\n"+
				"parties: [Party %d, Party %d]\nstatus: signed\n---\n%s", i, 1+i%28, i, i, 1+i%28, i, i, i+1, long))}
	}
	load := func(limit int64) []*File {
		l := NewLoader(fsys, 1<<20)
		l.DropBodiesAbove(limit)
		set, _, err := l.Load(nil)
		if err != nil {
			t.Fatal(err)
		}
		if l.Large() != (limit > 0) {
			t.Fatalf("limit %d: Large %v", limit, l.Large())
		}
		return set.Files
	}
	small, large := load(0), load(10)
	if len(small) != len(large) {
		t.Fatalf("%d files in a small site, %d in a large one", len(small), len(large))
	}
	for i, f := range large {
		want := *small[i]
		want.Body = nil
		if !reflect.DeepEqual(*f, want) {
			t.Errorf("%s: large site's file\n%+v\nwant\n%+v", f.Path, *f, want)
		}
	}
}

// TestReadBodyReusesBuffer: the dropped bodies of a large site are read
// again one after another through one buffer, each whole and normalised,
// and a file edited since it was loaded is an error rather than a wrong
// body.
func TestReadBodyReusesBuffer(t *testing.T) {
	fsys := fstest.MapFS{
		"content/about/a.md": {Data: []byte("---\ntitle: A\n---\nThe body of A, a little longer than the other.\n")},
		"content/about/b.md": {Data: []byte("\xef\xbb\xbf---\r\ntitle: B\r\n---\r\nThe body of B.\r\n")},
	}
	l := NewLoader(fsys, 1<<20)
	l.DropBodiesAbove(10)
	set, _, err := l.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"The body of A, a little longer than the other.\n", "The body of B.\n"}
	var buf []byte
	for round := range 2 {
		for i, f := range set.Files {
			body, err := f.ReadBody(fsys, &buf)
			if err != nil {
				t.Fatal(err)
			}
			if string(body) != want[i] {
				t.Errorf("round %d: %s body %q, want %q", round, f.Path, body, want[i])
			}
		}
	}
	fsys["content/about/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\n---\nEdited.\n")}
	if _, err := set.Files[0].ReadBody(fsys, &buf); err == nil || !strings.Contains(err.Error(), "changed during the build") {
		t.Errorf("reading an edited file: got %v, want an error saying it changed during the build", err)
	}
}

// BenchmarkLoad loads the content of a generated site, keeping the bodies
// as a small site does and dropping them as a large one does.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, 1000, 1); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		drop int64
	}{{"bodies", 0}, {"dropped", 1}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				l := NewLoader(os.DirFS(dir), 10<<20)
				l.DropBodiesAbove(bc.drop)
				if _, _, err := l.Load(nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
