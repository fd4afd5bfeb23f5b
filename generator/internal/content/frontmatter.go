package content

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"github.com/cooperation-kb/kb/generator/internal/tomlpos"
)

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

// A frontError is a syntax error in the front matter at a file position.
type frontError struct {
	line, col int
	msg       string
}

func (e *frontError) Error() string { return e.msg }

type captured struct {
	format string
	data   []byte
}

func capture(format string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		*v.(*captured) = captured{format, data}
		return nil
	}
}

var formats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", capture("yaml")),
	frontmatter.NewFormat("---yaml", "---", capture("yaml")),
	frontmatter.NewFormat("+++", "+++", capture("toml")),
	frontmatter.NewFormat("---toml", "---", capture("toml")),
	frontmatter.NewFormat(";;;", ";;;", capture("json")),
	frontmatter.NewFormat("---json", "---", capture("json")),
	{Start: "{", End: "}", Unmarshal: capture("json"), UnmarshalDelims: true, RequiresNewLine: true},
}

// frontReader gives src to the front matter parser a line at a time until
// the front matter has been captured, and then ends: the parser copies all
// it reads, and the rest of the file, the body, was a tenth of all a build
// allocated. A line at a time, what it has read and not yet parsed when the
// front matter ends is a line, not a buffer's worth of the body.
type frontReader struct {
	src      []byte
	read     int
	captured *captured
}

func (r *frontReader) Read(p []byte) (int, error) {
	if r.captured.format != "" || r.read == len(r.src) {
		return 0, io.EOF
	}
	line := r.src[r.read:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i+1]
	}
	n := copy(p, line)
	r.read += n
	return n, nil
}

// frontBufs are the parser's line buffers. It wraps what it reads in a
// bufio.Reader, a new one of 4 KB for every file, unless given one.
var frontBufs = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

// splitFrontMatter separates src into its front matter, parsed into a map
// node, and the body. bodyLine is the file line on which the body starts.
// A file without front matter gives a nil map.
func splitFrontMatter(src []byte) (fm *node, body []byte, bodyLine int, err error) {
	var c captured
	r := &frontReader{src: src, captured: &c}
	br := frontBufs.Get().(*bufio.Reader)
	br.Reset(r)
	rest, err := frontmatter.Parse(br, &c, formats...)
	br.Reset(nil)
	frontBufs.Put(br)
	if err != nil {
		return nil, nil, 0, &frontError{1, 1, err.Error()}
	}
	open, openLine := firstLine(src)
	if c.format == "" {
		for _, f := range formats {
			if f.Start == open && f.Start != "{" {
				return nil, nil, 0, &frontError{openLine, 1, fmt.Sprintf("front matter opened with %q is never closed (expected a line %q)", open, f.End)}
			}
		}
		return nil, src, 1, nil
	}
	dataLine := openLine + 1
	if c.format == "json" && open == "{" {
		dataLine = openLine
	}
	// rest is what the parser read after the front matter.
	bodyStart := r.read - len(rest)
	bodyLine = 1 + bytes.Count(src[:bodyStart], []byte("\n"))
	switch c.format {
	case "yaml":
		fm, err = parseYAML(c.data, dataLine)
	case "toml":
		fm, err = parseTOML(c.data, dataLine)
	default:
		fm, err = parseJSON(c.data, dataLine)
	}
	if err != nil {
		return nil, nil, 0, err
	}
	return fm, src[bodyStart:], bodyLine, nil
}

// firstLine returns the first non-blank line of src, trimmed, and its number.
func firstLine(src []byte) (string, int) {
	for i := 1; len(src) > 0; i++ {
		line := src
		if j := bytes.IndexByte(src, '\n'); j >= 0 {
			line, src = src[:j], src[j+1:]
		} else {
			src = nil
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return string(t), i
		}
	}
	return "", 0
}

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

// jsonReader walks a JSON document token by token, so that every key and
// value keeps its position and duplicate keys are caught.
type jsonReader struct {
	dec       *json.Decoder
	data      []byte
	firstLine int
}

func parseJSON(data []byte, firstLine int) (*node, error) {
	r := &jsonReader{dec: json.NewDecoder(bytes.NewReader(data)), data: data, firstLine: firstLine}
	r.dec.UseNumber()
	n, err := r.value()
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := r.pos(int(se.Offset))
			return nil, &frontError{line, col, "invalid JSON: " + se.Error()}
		}
		var fe *frontError
		if errors.As(err, &fe) {
			return nil, fe
		}
		return nil, &frontError{firstLine, 0, "invalid JSON: " + err.Error()}
	}
	if n.kind != mapNode {
		return nil, &frontError{n.line, n.col, "front matter must be a JSON object of fields"}
	}
	return n, nil
}

// pos converts a byte offset in the JSON data to a file line and column.
func (r *jsonReader) pos(off int) (int, int) {
	off = min(off, len(r.data))
	before := r.data[:off]
	line := r.firstLine + bytes.Count(before, []byte("\n"))
	return line, off - bytes.LastIndexByte(before, '\n')
}

// start returns the position of the next token: the decoder's offset past
// any white space and separators.
func (r *jsonReader) start() (int, int) {
	off := int(r.dec.InputOffset())
	for off < len(r.data) && bytes.IndexByte([]byte(" \t\r\n,:"), r.data[off]) >= 0 {
		off++
	}
	return r.pos(off)
}

func (r *jsonReader) value() (*node, error) {
	line, col := r.start()
	tok, err := r.dec.Token()
	if err == io.EOF {
		return nil, &frontError{line, col, "invalid JSON: unexpected end of front matter"}
	}
	if err != nil {
		return nil, err
	}
	n := &node{kind: scalarNode, line: line, col: col}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.kind = mapNode
			seen := map[string]int{}
			for r.dec.More() {
				k, err := r.value()
				if err != nil {
					return nil, err
				}
				if first, dup := seen[k.value]; dup {
					return nil, &frontError{k.line, k.col, fmt.Sprintf("duplicate field %q (first given on line %d)", k.value, first)}
				}
				seen[k.value] = k.line
				v, err := r.value()
				if err != nil {
					return nil, err
				}
				n.keys, n.vals = append(n.keys, k), append(n.vals, v)
			}
		case '[':
			n.kind = listNode
			for r.dec.More() {
				v, err := r.value()
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, v)
			}
		}
		if _, err := r.dec.Token(); err != nil {
			return nil, err
		}
	case string:
		n.value, n.tag = t, "str"
	case json.Number:
		n.value, n.tag = t.String(), "float"
	case bool:
		n.value, n.tag = strconv.FormatBool(t), "bool"
	case nil:
		n.tag = "null"
	}
	return n, nil
}

func trimPrefix(s, prefix string) string {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):]
	}
	return s
}
