package i18n

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/tomlpos"
)

// parse reads the TOML of a table's file into t.strings, and reports
// what is not a string, a table of strings or a plural string at its line
// in file.
func (t *table) parse(src []byte, file string, errs *diag.List) {
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			errs.Addf(diag.Pos{Path: file}, "%v", err)
			return
		}
		msg := pe.Message
		if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
			msg = pe.LastKey + ": " + msg
		}
		errs.Addf(diag.Pos{Path: file, Line: pe.Position.Line, Col: pe.Position.Col}, "%s", msg)
		return
	}
	at := func(key []string) diag.Pos {
		line, col := tomlpos.Key(src, key)
		return diag.Pos{Path: file, Line: line, Col: col}
	}
	t.add(nil, raw, at, errs)
}

// add adds the strings of the TOML table m, whose key is prefix.
func (t *table) add(prefix []string, m map[string]any, at func([]string) diag.Pos, errs *diag.List) {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		key := append(slices.Clone(prefix), k)
		name := strings.Join(key, ".")
		switch v := m[k].(type) {
		case string:
			t.strings[name] = entry{text: v}
		case map[string]any:
			if !isPlural(v) {
				t.add(key, v, at, errs)
				continue
			}
			forms := map[string]string{}
			for form, s := range v {
				if text, ok := s.(string); ok {
					forms[form] = text
				} else {
					errs.Addf(at(append(key, form)), "%s.%s: expected a string, got %s", name, form, kind(s))
				}
			}
			if _, ok := v["other"]; !ok {
				errs.Addf(at(key), "%s: a string with plural forms needs the form \"other\"", name)
			}
			t.strings[name] = entry{forms: forms}
		default:
			errs.Addf(at(key), "%s: expected a string or a table of strings, got %s", name, kind(v))
		}
	}
}

// isPlural reports whether every key of m is a plural category, which
// makes m one string with plural forms rather than a group of strings.
func isPlural(m map[string]any) bool {
	if len(m) == 0 {
		return false
	}
	for k := range m {
		if !slices.Contains(categories[:], k) {
			return false
		}
	}
	return true
}

// kind names the TOML type of a decoded value, for messages.
func kind(v any) string {
	switch v.(type) {
	case []any, []map[string]any:
		return "an array"
	case int64, float64:
		return "a number"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date"
	}
	return fmt.Sprintf("%T", v)
}
