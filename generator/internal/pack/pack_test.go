package pack

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
