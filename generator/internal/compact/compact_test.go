package compact

import (
	"slices"
	"testing"
	"unsafe"
)

func TestStrings(t *testing.T) {
	a, b, c, d := "customs", "", "training", "trade"
	Strings(slices.Values([]*string{&a, &b, &c, &d}))
	if a != "customs" || b != "" || c != "training" || d != "trade" {
		t.Fatalf("got %q %q %q %q", a, b, c, d)
	}
	// Each string is a part of one: they follow each other in memory.
	if unsafe.StringData(c) != (*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(a)), len(a))) ||
		unsafe.StringData(d) != (*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(c)), len(c))) {
		t.Error("the strings are not parts of one")
	}
}

func TestLists(t *testing.T) {
	x, y, z := []int{1, 2}, []int(nil), append(make([]int, 0, 10), 3)
	empty := []int{}
	Lists(slices.Values([]*[]int{&x, &y, &empty, &z}))
	if !slices.Equal(x, []int{1, 2}) || y != nil || empty == nil || len(empty) != 0 || !slices.Equal(z, []int{3}) {
		t.Fatalf("got %v %v %v %v", x, y, empty, z)
	}
	if cap(x) != 2 || &z[0] != (*int)(unsafe.Add(unsafe.Pointer(&x[0]), 2*unsafe.Sizeof(x[0]))) {
		t.Error("the lists are not parts of one array, one after the other")
	}
	// Appending to one list must not write over the next.
	x = append(x, 99)
	if z[0] != 3 {
		t.Errorf("appending to the first list changed the next: %v", z)
	}
}

func TestBlocks(t *testing.T) {
	b := Blocks[int]{Size: 4}
	var got []*int
	allocs := testing.AllocsPerRun(1, func() {
		got = got[:0]
		for i := range 8 {
			got = append(got, b.Put(i))
		}
	})
	for i, p := range got {
		if *p != i {
			t.Errorf("place %d holds %d", i, *p)
		}
	}
	// Two blocks of four, the places of each one after the other; the
	// slice of places itself is allocated once, in the first run.
	if got[1] != (*int)(unsafe.Add(unsafe.Pointer(got[0]), unsafe.Sizeof(0))) || got[3] == got[4] {
		t.Error("the places are not laid out in blocks")
	}
	if allocs != 2 {
		t.Errorf("%v allocations for 8 values in blocks of 4, want 2", allocs)
	}
}
