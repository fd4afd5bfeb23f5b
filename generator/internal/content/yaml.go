// YAML front matter decoded into nodes with their positions, and its errors
// made plain.

package content

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func parseYAML(data []byte, firstLine int) (*node, error) {
	pos := yamlPos(data, firstLine)
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		// yaml.v3 reports some common mistakes near them, in words that do
		// not say what they are; where the cause is clear, naming it at
		// its place is more help.
		if line, col := tabIndent(data); line > 0 {
			return nil, &frontError{firstLine + line - 1, col, "invalid YAML: a tab in the indentation (YAML indents with spaces only)"}
		}
		msg := err.Error()
		if line, col, quote := unclosedQuote(data); strings.HasSuffix(msg, "found unexpected end of stream") && line > 0 {
			return nil, &frontError{firstLine + line - 1, col, fmt.Sprintf("invalid YAML: this quoted string is never closed (expected a closing %c)", quote)}
		}
		// yaml.v3 leaves the line out on the first line.
		n, text := 1, trimPrefix(msg, "yaml: ")
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			n, _ = strconv.Atoi(m[1])
			text = m[2]
		}
		if text == "did not find expected key" || text == "did not find expected '-' indicator" {
			// yaml.v3 reports these at the line before the offending one.
			n++
		}
		line, _ := pos(n, 0)
		if text == "mapping values are not allowed in this context" && !bytes.ContainsAny(data, yamlBreaks) {
			if col := secondColon(data, line-firstLine+1); col > 0 {
				return nil, &frontError{line, col, `invalid YAML: a ": " inside a value that is not quoted (put the value in quotes)`}
			}
		}
		return nil, &frontError{line, 0, "invalid YAML: " + text}
	}
	if len(doc.Content) == 0 {
		return &node{kind: mapNode, line: firstLine, col: 1}, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		line, col := pos(root.Line, root.Column)
		return nil, &frontError{line, col, "front matter must be a mapping of fields such as \"title: ...\""}
	}
	return fromYAML(root, pos)
}

// secondColon returns the column of the colon that follows the key's on
// line n of data, as in "title: Hungary: a story", or 0.
func secondColon(data []byte, n int) int {
	lines := bytes.Split(data, []byte("\n"))
	if n < 1 || n > len(lines) {
		return 0
	}
	l := lines[n-1]
	first := bytes.IndexByte(l, ':')
	if first < 0 {
		return 0
	}
	for i := first + 1; i < len(l); i++ {
		if l[i] == ':' && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t') {
			return i + 1
		}
	}
	return 0
}

// tabIndent returns the line and column of the first tab in the
// indentation of a line of YAML, or 0, 0.
func tabIndent(data []byte) (line, col int) {
	for i, l := range bytes.Split(data, []byte("\n")) {
		text := bytes.TrimLeft(l, " \t")
		if j := bytes.IndexByte(l[:len(l)-len(text)], '\t'); j >= 0 && len(bytes.TrimSpace(text)) > 0 {
			return i + 1, j + 1
		}
	}
	return 0, 0
}

// unclosedQuote returns the line and column of the first quote that opens
// a value of a line without closing it there, and the quote; or 0, 0.
// YAML allows such a string to go on over several lines, so this is only
// the likely cause of a document that ended inside a string.
func unclosedQuote(data []byte) (line, col int, quote byte) {
	for i, l := range bytes.Split(data, []byte("\n")) {
		value := l
		if j := bytes.Index(l, []byte(": ")); j >= 0 {
			value = l[j+2:]
		}
		trimmed := bytes.TrimLeft(value, " -")
		if len(trimmed) == 0 || trimmed[0] != '"' && trimmed[0] != '\'' {
			continue
		}
		q := trimmed[0]
		rest := trimmed[1:]
		closed := false
		for k := 0; k < len(rest); k++ {
			switch {
			case q == '"' && rest[k] == '\\':
				k++
			case rest[k] == q && q == '\'' && k+1 < len(rest) && rest[k+1] == '\'':
				k++
			case rest[k] == q:
				closed = true
			}
		}
		if !closed {
			return i + 1, len(l) - len(trimmed) + 1, q
		}
	}
	return 0, 0, 0
}

// yamlBreaks are the characters besides LF at which yaml.v3 ends a line,
// as YAML 1.1 does; editors show them inside a line.
const yamlBreaks = "\u0085\u2028\u2029"

// yamlPos returns the function that turns a line and column of yaml.v3 in
// data, which starts on line first of the file, into the file's line and
// column.
func yamlPos(data []byte, first int) func(line, col int) (int, int) {
	if !bytes.ContainsAny(data, yamlBreaks) {
		return func(line, col int) (int, int) { return first + line - 1, col }
	}
	starts := []int{0} // where each line of yaml.v3 starts in data
	for i, r := range string(data) {
		if r == '\n' || strings.ContainsRune(yamlBreaks, r) {
			starts = append(starts, i+utf8.RuneLen(r))
		}
	}
	return func(line, col int) (int, int) {
		beyond := max(line-len(starts), 0) // an error after the last line
		off := starts[max(min(line, len(starts)), 1)-1]
		for n := 1; n < col && off < len(data); n++ {
			_, size := utf8.DecodeRune(data[off:])
			off += size
		}
		fileLine := first + bytes.Count(data[:off], []byte("\n")) + beyond
		if col == 0 {
			return fileLine, 0
		}
		return fileLine, utf8.RuneCount(data[bytes.LastIndexByte(data[:off], '\n')+1:off]) + 1
	}
}

func fromYAML(y *yaml.Node, pos func(line, col int) (int, int)) (*node, error) {
	if y.Kind == yaml.AliasNode && y.Alias != nil {
		y = y.Alias
	}
	n := &node{}
	n.line, n.col = pos(y.Line, y.Column)
	switch y.Kind {
	case yaml.SequenceNode:
		n.kind = listNode
		for _, c := range y.Content {
			item, err := fromYAML(c, pos)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, item)
		}
	case yaml.MappingNode:
		n.kind = mapNode
		seen := map[string]int{}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, err := fromYAML(y.Content[i], pos)
			if err != nil {
				return nil, err
			}
			if first, dup := seen[k.value]; dup {
				return nil, &frontError{k.line, k.col, fmt.Sprintf("duplicate field %q (first given on line %d)", k.value, first)}
			}
			seen[k.value] = k.line
			v, err := fromYAML(y.Content[i+1], pos)
			if err != nil {
				return nil, err
			}
			n.keys, n.vals = append(n.keys, k), append(n.vals, v)
		}
	default:
		n.kind, n.value = scalarNode, y.Value
		switch y.ShortTag() {
		case "!!int":
			n.tag = "int"
		case "!!float":
			n.tag = "float"
		case "!!bool":
			n.tag = "bool"
		case "!!null":
			n.tag = "null"
		case "!!timestamp":
			n.tag = "time"
		default:
			n.tag = "str"
		}
	}
	return n, nil
}

func trimPrefix(s, prefix string) string {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):]
	}
	return s
}
