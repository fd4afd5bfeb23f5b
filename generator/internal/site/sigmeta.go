// The hash of front matter, field by field.

package site

import (
	"hash/maphash"
	"math"
	"reflect"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// metaSum hashes the front matter m, field by field whatever the fields
// are, but for where each was written: a field added to content.Meta is
// signed without a change here.
func metaSum(seed maphash.Seed, m *content.Meta) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	hashValue(&h, reflect.ValueOf(m).Elem())
	return h.Sum64()
}

var (
	typePos  = reflect.TypeFor[diag.Pos]()
	typeTime = reflect.TypeFor[time.Time]()
)

// hashValue hashes the values of front matter: strings, numbers, dates,
// and lists and structs of them. Maps, which hold where fields were
// written, are left out.
func hashValue(h *maphash.Hash, v reflect.Value) {
	var b [8]byte
	word := func(x uint64) {
		for i := range b {
			b[i] = byte(x >> (8 * i))
		}
		h.Write(b[:])
	}
	switch v.Kind() {
	case reflect.String:
		word(uint64(v.Len()))
		h.WriteString(v.String())
	case reflect.Bool:
		if v.Bool() {
			word(1)
		} else {
			word(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		word(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		word(v.Uint())
	case reflect.Float32, reflect.Float64:
		word(math.Float64bits(v.Float()))
	case reflect.Slice, reflect.Array:
		word(uint64(v.Len()))
		for i := range v.Len() {
			hashValue(h, v.Index(i))
		}
	case reflect.Struct:
		switch v.Type() {
		case typePos:
			return
		case typeTime:
			t := v.Interface().(time.Time)
			word(uint64(t.Unix()))
			word(uint64(t.Nanosecond()))
			return
		}
		for i := range v.NumField() {
			hashValue(h, v.Field(i))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			hashValue(h, v.Elem())
		}
	}
}
