package content

import (
	"errors"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// FuzzParse checks that Parse never panics, that every error it returns is
// placed in the file it was given, and that a file it accepts is usable:
// an agreement always has a title and a body line within the file.
func FuzzParse(f *testing.F) {
	for _, tc := range parseCases {
		f.Add(cmpOr(tc.path, agreementPath), tc.src)
	}
	f.Add("content/interviews/x.md", "---\ntitle: X\ndate: 2025-01-02\n---\n[[a|b]]\n")
	f.Fuzz(func(t *testing.T, p, src string) {
		file, err := Parse(p, []byte(src))
		if err != nil {
			var list diag.Errors
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %v is a %T, want a non-empty diag.Errors", err, err)
			}
			for _, e := range list {
				if e.Pos.Path != p {
					t.Errorf("error %q placed in %q, want %q", e, e.Pos.Path, p)
				}
			}
			return
		}
		if file == nil {
			t.Fatal("no file and no error")
		}
		if file.Kind == Agreement && file.Meta.Title == "" {
			t.Errorf("accepted an agreement without a title: %q", src)
		}
		if file.BodyLine < 1 {
			t.Errorf("BodyLine = %d", file.BodyLine)
		}
	})
}
