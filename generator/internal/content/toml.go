// TOML front matter decoded into nodes with their positions.

package content

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/cooperation-kb/kb/generator/internal/tomlpos"
)

func parseTOML(data []byte, firstLine int) (*node, error) {
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			return nil, &frontError{firstLine, 0, "invalid TOML: " + err.Error()}
		}
		// Its byte offset, as the line it gives is sometimes the one after
		// the offending newline.
		line, col := lineCol(data, min(max(pe.Position.Start, 0), len(data)))
		msg := "invalid TOML: " + pe.Message
		if key, ok := tomlpos.Redefined(pe.Message); ok {
			if defs := tomlpos.Definitions(data, key); len(defs) > 1 {
				line, col = defs[1].Line, defs[1].Col
				msg = fmt.Sprintf("duplicate field %q (first given on line %d)", strings.Join(key, "."), firstLine+defs[0].Line-1)
			}
		}
		if v, ok := strings.CutPrefix(pe.Message, "invalid datetime: "); ok && pe.LastKey != "" {
			if _, err := ParseDate(strings.Trim(v, `"`)); err != nil {
				msg = pe.LastKey + ": " + err.Error()
			}
		}
		return nil, &frontError{firstLine + line - 1, col, msg}
	}
	root := &node{kind: mapNode, line: firstLine, col: 1}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	lineOf := func(k string) (int, int) {
		l, c := tomlpos.Key(data, []string{k})
		return firstLine + l - 1, c
	}
	slices.SortFunc(keys, func(a, b string) int {
		la, _ := lineOf(a)
		lb, _ := lineOf(b)
		return la - lb
	})
	for _, k := range keys {
		line, col := lineOf(k)
		root.keys = append(root.keys, &node{kind: scalarNode, value: k, tag: "str", line: line, col: col})
		root.vals = append(root.vals, fromTOML(m[k], line, col))
	}
	return root, nil
}

func fromTOML(v any, line, col int) *node {
	n := &node{kind: scalarNode, line: line, col: col}
	switch v := v.(type) {
	case string:
		n.value, n.tag = v, "str"
	case int64:
		n.value, n.tag = strconv.FormatInt(v, 10), "int"
	case float64:
		n.value, n.tag = strconv.FormatFloat(v, 'g', -1, 64), "float"
	case bool:
		n.value, n.tag = strconv.FormatBool(v), "bool"
	case time.Time:
		n.tag = "time"
		if v.Location().String() == "date-local" {
			n.value = v.Format("2006-01-02")
		} else {
			n.value = v.Format(time.RFC3339Nano)
		}
	case []any:
		n.kind = listNode
		for _, item := range v {
			n.items = append(n.items, fromTOML(item, line, col))
		}
	case []map[string]any:
		n.kind = listNode
		for _, item := range v {
			n.items = append(n.items, fromTOML(item, line, col))
		}
	case map[string]any:
		n.kind = mapNode
		for k, item := range v {
			n.keys = append(n.keys, &node{kind: scalarNode, value: k, tag: "str", line: line, col: col})
			n.vals = append(n.vals, fromTOML(item, line, col))
		}
	default:
		n.value, n.tag = fmt.Sprint(v), "str"
	}
	return n
}
