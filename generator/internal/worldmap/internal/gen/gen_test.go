package main

import (
	"bytes"
	"math"
	"os"
	"slices"
	"testing"
)

// TestCountriesTxtIsCurrent fails when countries.txt is not what this
// program makes of the atlas, after a change to either without running
// go generate.
func TestCountriesTxtIsCurrent(t *testing.T) {
	atlas, err := os.ReadFile("countries-110m.json")
	if err != nil {
		t.Fatal(err)
	}
	got, err := convert(atlas)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../countries.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("countries.txt is out of date: run go generate in generator/internal/worldmap")
	}
}

// The expected values are d3-geo's geoEqualEarthRaw (d3-geo 3).
func TestEqualEarth(t *testing.T) {
	tests := []struct{ lon, lat, x, y float64 }{
		{0, 0, 0, 0},
		{180, 0, 2.706629984, 0},
		{0, 90, 0, 1.317362759},
		{-74, 40.7, -0.981862090, 0.786841444},
		{19.04, 47.5, 0.240867802, 0.901465233},
		{151.2, -33.87, 2.086965078, -0.664705766},
	}
	for _, tt := range tests {
		x, y := equalEarth(tt.lon, tt.lat)
		if math.Abs(x-tt.x) > 1e-8 || math.Abs(y-tt.y) > 1e-8 {
			t.Errorf("equalEarth(%v, %v) = %.9f, %.9f, want %.9f, %.9f", tt.lon, tt.lat, x, y, tt.x, tt.y)
		}
	}
}

func TestSimplifyKeepsEndsAndFixedPoints(t *testing.T) {
	line := [][2]float64{{0, 0}, {1, 0.1}, {2, 0}, {3, 2.6}, {4, 5}, {5, 0}}
	fixed := []bool{false, false, true, false, false, false}
	got := simplify(line, 0.5, fixed)
	want := [][2]float64{{0, 0}, {2, 0}, {4, 5}, {5, 0}}
	if !slices.Equal(got, want) {
		t.Errorf("simplify = %v, want %v", got, want)
	}
}

func TestSimplifyClosedArc(t *testing.T) {
	// An island: one arc that starts and ends at the same point.
	line := [][2]float64{{0, 0}, {4, 0}, {4, 4}, {2, 4.1}, {0, 4}, {0, 0}}
	got := simplify(line, 0.5, make([]bool, len(line)))
	want := [][2]float64{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}
	if !slices.Equal(got, want) {
		t.Errorf("simplify = %v, want %v", got, want)
	}
}

func TestCutRingAtAntimeridian(t *testing.T) {
	// A ring that runs east along the top edge, jumps from the right
	// edge to the left one, and jumps back.
	ring := [][2]int{{90, 0}, {100, 0}, {0, 0}, {10, 5}, {0, 10}, {100, 10}, {90, 5}, {90, 0}}
	got := cutRing(ring, 50)
	want := [][][2]int{{{0, 0}, {10, 5}, {0, 10}}, {{100, 10}, {90, 5}, {90, 0}, {100, 0}}}
	if len(got) != len(want) {
		t.Fatalf("cutRing = %v, want %v", got, want)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("piece %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestAppendRing(t *testing.T) {
	got := string(appendRing(nil, [][2]int{{10, 20}, {13, 18}, {13, 25}, {10, 20}}))
	if want := "M10 20l3-2 0 7z"; got != want {
		t.Errorf("appendRing = %q, want %q", got, want)
	}
	if got := appendRing(nil, [][2]int{{1, 1}, {2, 2}, {1, 1}}); len(got) != 0 {
		t.Errorf("appendRing of a ring of two points = %q, want nothing", got)
	}
}
