package output

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestSame compares files with data around the sizes where same reads
// another chunk.
func TestSame(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 100, sameChunk - 1, sameChunk, sameChunk + 1, 3*sameChunk + 7} {
		data := bytes.Repeat([]byte("abcdefg"), n/7+1)[:n]
		p := filepath.Join(dir, "f")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if !same(p, data) {
			t.Errorf("%d bytes: same file reported different", n)
		}
		if n == 0 {
			continue
		}
		changed := bytes.Clone(data)
		changed[n-1] ^= 1
		if same(p, changed) {
			t.Errorf("%d bytes: a changed last byte reported the same", n)
		}
		changed = bytes.Clone(data)
		changed[0] ^= 1
		if same(p, changed) {
			t.Errorf("%d bytes: a changed first byte reported the same", n)
		}
		if same(p, data[:n-1]) {
			t.Errorf("%d bytes: a longer file reported the same as its start", n)
		}
		if same(p, append(bytes.Clone(data), 'x')) {
			t.Errorf("%d bytes: a shorter file reported the same as data beyond it", n)
		}
	}
	if same(filepath.Join(dir, "missing"), nil) {
		t.Error("a missing file reported the same as no data")
	}
}
