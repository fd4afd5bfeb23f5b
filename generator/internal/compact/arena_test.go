package compact

import (
	"fmt"
	"strings"
	"testing"
)

// TestArenaKeepsBytes: strings kept from one reused buffer stay as they
// were kept, across blocks and for a string too long to share a block.
func TestArenaKeepsBytes(t *testing.T) {
	var a Arena
	var buf []byte
	var kept, want []string
	for i := range 3000 {
		buf = fmt.Appendf(buf[:0], "<li>fragment %d</li>", i)
		if i%1000 == 999 {
			buf = append(buf, strings.Repeat("x", arenaBlock)...)
		}
		kept = append(kept, a.Keep(buf))
		want = append(want, string(buf))
	}
	a.Reset()
	buf = append(buf[:0], strings.Repeat("y", 100)...)
	a.Keep(buf)
	for i := range kept {
		if kept[i] != want[i] {
			t.Fatalf("string %d is %.40q, want %.40q", i, kept[i], want[i])
		}
	}
}
