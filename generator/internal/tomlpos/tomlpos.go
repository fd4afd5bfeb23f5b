// Package tomlpos finds where a key is written in a TOML document.
//
// BurntSushi/toml reports positions for syntax and type errors but not for
// keys it merely did not expect, so an "unknown key" message would otherwise
// have no line to point at.
package tomlpos

import (
	"bytes"
	"regexp"
	"strings"
)

// Position is where a key is written: 1-based line and column.
type Position struct{ Line, Col int }

// Key returns the 1-based line and column of the definition of key (a path
// of table names ending in the key's name) in src, or 0, 0 if not found.
// It understands [table] headers and dotted keys, which is all that
// config files and front matter use.
func Key(src []byte, key []string) (line, col int) {
	defs := Definitions(src, key)
	if len(defs) == 0 {
		return 0, 0
	}
	return defs[0].Line, defs[0].Col
}

var redefined = regexp.MustCompile(`^Key '(.+)' has already been defined\.$`)

// Redefined recognises BurntSushi/toml's message for a key defined twice,
// which it places past the key, and returns the key.
func Redefined(msg string) ([]string, bool) {
	m := redefined.FindStringSubmatch(msg)
	if m == nil {
		return nil, false
	}
	return splitKey(m[1]), true
}

// Definitions returns where key is defined in src, in order: more than
// once only in a document that does not parse.
func Definitions(src []byte, key []string) []Position {
	var defs []Position
	var table []string
	for i, raw := range bytes.Split(src, []byte("\n")) {
		text := string(raw)
		trimmed := strings.TrimSpace(text)
		indent := len(text) - len(strings.TrimLeft(text, " \t"))
		switch {
		case trimmed == "" || trimmed[0] == '#':
			continue
		case strings.HasPrefix(trimmed, "[["):
			end := strings.Index(trimmed, "]]")
			if end < 0 {
				continue
			}
			// Each [[entry]] of an array of tables defines it once more.
			table = splitKey(trimmed[2:end])
			if equal(table, key) {
				defs = append(defs, Position{i + 1, indent + 1})
			}
			continue
		case trimmed[0] == '[':
			end := strings.IndexByte(trimmed, ']')
			if end < 0 {
				continue
			}
			table = splitKey(trimmed[1:end])
			if equal(table, key) {
				defs = append(defs, Position{i + 1, indent + 1})
			}
			continue
		}
		eq := strings.IndexByte(trimmed, '=')
		if eq < 0 {
			continue
		}
		full := append(append([]string(nil), table...), splitKey(trimmed[:eq])...)
		if equal(full, key) {
			defs = append(defs, Position{i + 1, indent + 1})
		}
	}
	return defs
}

// InEntry returns where key is defined in the entry numbered i (from 0) of
// the array of tables table, or where that entry's [[table]] header is
// when the entry does not define key; 0, 0 when there is no such entry.
func InEntry(src []byte, table []string, i int, key string) (line, col int) {
	headers := Definitions(src, table)
	if i >= len(headers) {
		return 0, 0
	}
	start, end := headers[i].Line, int(^uint(0)>>1)
	if i+1 < len(headers) {
		end = headers[i+1].Line
	}
	for _, d := range Definitions(src, append(append([]string(nil), table...), key)) {
		if d.Line > start && d.Line < end {
			return d.Line, d.Col
		}
	}
	return headers[i].Line, headers[i].Col
}

func splitKey(s string) []string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return parts
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
