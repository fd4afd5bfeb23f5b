package content

import (
	"errors"
	"strings"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// FuzzParse checks that Parse never panics, that every error it returns is
// placed in the file it was given, on one of its lines and within that
// line where it has a column, and that a file it accepts is usable: an
// agreement always has a title and a body line within the file.
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
			lines := strings.Split(lineEnds.Replace(strings.TrimPrefix(src, "\ufeff")), "\n")
			for _, e := range list {
				i := e.Pos.Line - 1
				switch {
				case e.Pos.Path != p:
					t.Errorf("error %q placed in %q, want %q", e, e.Pos.Path, p)
				case e.Pos.Line == 0 && e.Pos.Col == 0:
					// About the file as a whole, such as where it lies.
				case i < 0 || i >= len(lines):
					t.Errorf("error %q is not on a line of the file, 1 to %d", e, len(lines))
				case e.Pos.Col < 0 || e.Pos.Col > len(lines[i])+1:
					t.Errorf("error %q is outside its line %q", e, lines[i])
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

// lineEnds turns the line ends a content file may have into LF.
var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n")
