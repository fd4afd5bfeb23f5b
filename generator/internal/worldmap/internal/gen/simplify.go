package main

import "math"

// simplify drops the points of line that lie within tolerance of the
// simplified line (Douglas–Peucker). It keeps the end points, so arcs
// simplified one by one still meet, and a border shared by two countries
// stays one line. It also keeps the points for which fixed is true.
func simplify(line [][2]float64, tolerance float64, fixed []bool) [][2]float64 {
	keep := make([]bool, len(line))
	keep[0], keep[len(line)-1] = true, true
	var mark func(first, last int)
	mark = func(first, last int) {
		far, farthest := -1, tolerance
		for i := first + 1; i < last; i++ {
			if d := distance(line[i], line[first], line[last]); d > farthest {
				far, farthest = i, d
			}
		}
		if far >= 0 {
			keep[far] = true
			mark(first, far)
			mark(far, last)
		}
	}
	first := 0
	for i := 1; i < len(line); i++ {
		if fixed[i] || i == len(line)-1 {
			keep[i] = true
			mark(first, i)
			first = i
		}
	}
	var out [][2]float64
	for i, p := range line {
		if keep[i] {
			out = append(out, p)
		}
	}
	return out
}

// distance returns the distance from p to the segment from a to b. A
// closed arc, an island, starts and ends at one point, and then the
// distance is to that point.
func distance(p, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = max(0, min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l))
	}
	return math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy)
}
