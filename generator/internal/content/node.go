// The tree of front-matter values that the YAML, TOML and JSON decoders
// produce.

package content

// A node is one value of the front matter with the place it was written,
// whichever of YAML, TOML or JSON it came from.
type node struct {
	kind  nodeKind
	value string // scalars: the text as written
	tag   string // scalars: "str", "int", "float", "bool", "time" or "null"
	items []*node
	keys  []*node // maps: keys and values side by side
	vals  []*node
	line  int // 1-based, relative to the file
	col   int
}

type nodeKind uint8

const (
	scalarNode nodeKind = iota
	listNode
	mapNode
)

func (n *node) describe() string {
	switch n.kind {
	case listNode:
		return "a list"
	case mapNode:
		return "a mapping"
	}
	switch n.tag {
	case "int", "float":
		return "a number"
	case "bool":
		return "a boolean"
	case "null":
		return "nothing"
	case "time":
		return "a date"
	}
	return "a string"
}
