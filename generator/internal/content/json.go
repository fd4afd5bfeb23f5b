// JSON front matter decoded into nodes with their positions.

package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

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
