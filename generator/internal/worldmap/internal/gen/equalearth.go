package main

import "math"

// The coefficients of the Equal Earth projection, from Šavrič, Patterson
// and Jenny, "The Equal Earth map projection", International Journal of
// Geographical Information Science 33(3), 2019.
const (
	eeA1 = 1.340264
	eeA2 = -0.081106
	eeA3 = 0.000893
	eeA4 = 0.003796
)

// equalEarth projects a longitude and latitude in degrees to the Equal
// Earth plane, on a sphere of radius 1 with y growing north. It keeps
// areas true, which a map shaded by country needs: Mercator would make
// Greenland look like a continent.
func equalEarth(lon, lat float64) (x, y float64) {
	lambda, phi := lon*math.Pi/180, lat*math.Pi/180
	theta := math.Asin(math.Sqrt(3) / 2 * math.Sin(phi))
	t2 := theta * theta
	t6 := t2 * t2 * t2
	x = 2 * math.Sqrt(3) * lambda * math.Cos(theta) / (3 * (9*eeA4*t6*t2 + 7*eeA3*t6 + 3*eeA2*t2 + eeA1))
	y = theta * (eeA4*t6*t2 + eeA3*t6 + eeA2*t2 + eeA1)
	return x, y
}
