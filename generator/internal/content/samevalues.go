package content

import (
	"reflect"

	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// SameValues reports whether the front matter m and o hold the same
// values, wherever each was written: a line added above a field moves it
// without changing it.
func (m *Meta) SameValues(o *Meta) bool {
	return sameValues(reflect.ValueOf(m).Elem(), reflect.ValueOf(o).Elem())
}

var fieldsType = reflect.TypeFor[map[string]diag.Pos]()

func sameValues(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Struct:
		if a.Type() == posType {
			return true
		}
		for i := range a.NumField() {
			if !sameValues(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameValues(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		// Fields, where each field was written: a field whose value
		// changed differs in its value.
		if a.Type() == fieldsType {
			return true
		}
		return reflect.DeepEqual(a.Interface(), b.Interface())
	case reflect.Pointer, reflect.Interface:
		switch {
		case a.IsNil() || b.IsNil():
			return a.IsNil() == b.IsNil()
		case a.Kind() == reflect.Pointer && a.Pointer() == b.Pointer():
			return true
		case a.Kind() == reflect.Interface && a.Elem().Type() != b.Elem().Type():
			return false
		}
		return sameValues(a.Elem(), b.Elem())
	}
	return a.Equal(b)
}
