package main

import (
	"encoding/json"
	"fmt"
)

// topology is the part of a TopoJSON file (github.com/topojson/topojson-specification)
// that world-atlas uses: quantized, delta-encoded arcs and one object of
// Polygon and MultiPolygon geometries that refer to them.
type topology struct {
	Type      string
	Transform *struct {
		Scale     [2]float64
		Translate [2]float64
	}
	Arcs    [][][2]float64
	Objects map[string]struct {
		Geometries []geometry
	}
}

// geometry is one feature. Arcs holds, for a Polygon, rings of arc
// indexes and, for a MultiPolygon, polygons of such rings; an index i < 0
// stands for arc ^i read backwards.
type geometry struct {
	Type       string
	ID         string
	Properties struct{ Name string }
	Arcs       json.RawMessage
}

// feature is a geometry with its arcs decoded: polygons of rings of arc
// indexes.
type feature struct {
	ID, Name string
	Polygons [][][]int
}

// decode reads the arcs of a TopoJSON file, as (longitude, latitude)
// points in degrees, and the features of its object name.
func decode(data []byte, name string) ([][][2]float64, []feature, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, nil, err
	}
	if t.Type != "Topology" || t.Transform == nil {
		return nil, nil, fmt.Errorf("not a quantized TopoJSON topology")
	}
	obj, ok := t.Objects[name]
	if !ok {
		return nil, nil, fmt.Errorf("no object %q", name)
	}
	arcs := make([][][2]float64, len(t.Arcs))
	for i, arc := range t.Arcs {
		// A quantized arc's first position is absolute and every other
		// one is the difference from the position before it.
		var x, y float64
		for _, p := range arc {
			x, y = x+p[0], y+p[1]
			arcs[i] = append(arcs[i], [2]float64{
				x*t.Transform.Scale[0] + t.Transform.Translate[0],
				y*t.Transform.Scale[1] + t.Transform.Translate[1],
			})
		}
	}
	var out []feature
	for _, g := range obj.Geometries {
		var polygons [][][]int
		switch g.Type {
		case "Polygon":
			var rings [][]int
			if err := json.Unmarshal(g.Arcs, &rings); err != nil {
				return nil, nil, fmt.Errorf("%s: %w", g.Properties.Name, err)
			}
			polygons = [][][]int{rings}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polygons); err != nil {
				return nil, nil, fmt.Errorf("%s: %w", g.Properties.Name, err)
			}
		default:
			return nil, nil, fmt.Errorf("%s: geometry type %q, want Polygon or MultiPolygon", g.Properties.Name, g.Type)
		}
		for _, rings := range polygons {
			for _, ring := range rings {
				for _, i := range ring {
					if i < -len(arcs) || i >= len(arcs) {
						return nil, nil, fmt.Errorf("%s: arc %d of %d", g.Properties.Name, i, len(arcs))
					}
				}
			}
		}
		out = append(out, feature{ID: g.ID, Name: g.Properties.Name, Polygons: polygons})
	}
	return arcs, out, nil
}

// stitch joins the arcs of a ring. Consecutive arcs share their end and
// start point, which the ring keeps once.
func stitch(arcs [][][2]int, ring []int) [][2]int {
	var out [][2]int
	for _, i := range ring {
		backwards := i < 0
		if backwards {
			i = ^i
		}
		arc := arcs[i]
		for k := range arc {
			p := arc[k]
			if backwards {
				p = arc[len(arc)-1-k]
			}
			if k == 0 && len(out) > 0 {
				continue
			}
			out = append(out, p)
		}
	}
	return out
}
