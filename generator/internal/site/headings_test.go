package site

import (
	"slices"
	"strings"
	"testing"

	"github.com/cooperation-kb/kb/generator/internal/markdown"
)

func TestHeadingsRoundTrip(t *testing.T) {
	long := strings.Repeat("ü", 200) // longer than a one-byte length
	for _, hs := range [][]markdown.Heading{
		nil,
		{{Level: 2, ID: "background", Text: "Background"}},
		{{Level: 1, ID: "", Text: ""}, {Level: 6, ID: long, Text: "Über " + long}, {Level: 3, ID: "x-1", Text: "X"}},
	} {
		var d Doc
		d.SetHeadings(hs)
		if got := d.Headings(); !slices.Equal(got, hs) {
			t.Errorf("Headings() = %+v, want %+v", got, hs)
		}
		for _, h := range hs {
			if !hasHeading(&d, h.ID) {
				t.Errorf("hasHeading(%q) = false", h.ID)
			}
		}
		if hasHeading(&d, "missing") {
			t.Error(`hasHeading("missing") = true`)
		}
	}
}
