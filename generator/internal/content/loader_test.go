package content

import (
	"testing"
	"testing/fstest"
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
