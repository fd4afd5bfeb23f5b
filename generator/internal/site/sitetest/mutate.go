package sitetest

import (
	"fmt"
	"reflect"
	"time"
	"unsafe"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/country"
	"github.com/cooperation-kb/kb/generator/internal/site"
)

// Mutate changes each field of the struct v, recursively, one at a time,
// calls changed with the field's path from v ("Doc.Title",
// "Lifecycle.PartyDates.Signed"), and puts the field back: for the tests
// that a hash of the model covers every field. A list is changed by
// adding an element, then each field of its first element in turn; a
// pointer is pointed at another value (another page, term or section,
// front matter, file or country, or a struct's zero value); a map is
// emptied.
func Mutate(v reflect.Value, changed func(path string)) { mutate(v, "", changed) }

func mutate(v reflect.Value, path string, changed func(path string)) {
	for i := range v.NumField() {
		f := settable(v.Field(i))
		name := v.Type().Field(i).Name
		if path != "" {
			name = path + "." + name
		}
		old := reflect.New(f.Type()).Elem()
		old.Set(f)
		try := func(set func()) {
			set()
			changed(name)
			f.Set(old)
		}
		switch t := f.Type(); {
		case t == reflect.TypeFor[content.Date]() || t == reflect.TypeFor[time.Time]():
			try(func() { f.Set(otherTime(t)) })
		case t.Kind() == reflect.Struct:
			mutate(f, name, changed)
		case t.Kind() == reflect.Pointer:
			try(func() { f.Set(another(t.Elem(), name)) })
		case t.Kind() == reflect.Slice:
			try(func() { f.Set(reflect.Append(f, element(t.Elem(), name))) })
			if t.Elem().Kind() == reflect.Struct {
				if f.Len() == 0 {
					f.Set(reflect.Append(f, reflect.New(t.Elem()).Elem()))
				}
				mutate(f.Index(0), name, changed)
				f.Set(old)
			}
		case t.Kind() == reflect.Map:
			try(func() { f.Set(reflect.MakeMap(t)) })
		case t.Kind() == reflect.Interface:
			try(func() { f.Set(reflect.Zero(t)) })
		default:
			try(func() { f.Set(scalar(f)) })
		}
	}
}

// settable returns f, a field that may be unexported, as a value that can
// be set.
func settable(f reflect.Value) reflect.Value {
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}

func otherTime(t reflect.Type) reflect.Value {
	at := time.Date(1999, 9, 9, 0, 0, 0, 0, time.UTC)
	if t == reflect.TypeFor[time.Time]() {
		return reflect.ValueOf(at)
	}
	return reflect.ValueOf(content.Date{Time: at, Precision: content.Day})
}

// another returns a pointer to a new value of type t, unlike any a site
// holds.
func another(t reflect.Type, name string) reflect.Value {
	switch t {
	case reflect.TypeFor[site.Page]():
		return reflect.ValueOf(&site.Page{Doc: site.Doc{Path: "other/" + name + "/", Title: "Other " + name}})
	case reflect.TypeFor[site.Term]():
		return reflect.ValueOf(&site.Term{Doc: site.Doc{Path: "topics/" + name + "/", Title: "Other " + name}})
	case reflect.TypeFor[site.Section]():
		return reflect.ValueOf(&site.Section{Doc: site.Doc{Path: name + "/", Title: name}})
	case reflect.TypeFor[site.Doc]():
		return reflect.ValueOf(&site.Doc{Path: name + "/", Title: name})
	case reflect.TypeFor[content.Meta]():
		return reflect.ValueOf(&content.Meta{Title: "Other " + name})
	case reflect.TypeFor[content.File]():
		return reflect.ValueOf(&content.File{Path: "content/other/" + name + ".md"})
	case reflect.TypeFor[country.Country]():
		c, _ := country.Default().BySlug("mongolia")
		return reflect.ValueOf(c)
	}
	if t.Kind() == reflect.Struct {
		return reflect.New(t)
	}
	panic(fmt.Sprintf("%s: no other %s to point to", name, t))
}

// element returns an element of type t to add to a list.
func element(t reflect.Type, name string) reflect.Value {
	switch t.Kind() {
	case reflect.Pointer:
		return another(t.Elem(), name)
	case reflect.String:
		return reflect.ValueOf("another " + name).Convert(t)
	}
	return reflect.New(t).Elem()
}

// scalar returns a value of f's kind unlike f's.
func scalar(f reflect.Value) reflect.Value {
	v := reflect.New(f.Type()).Elem()
	switch f.Kind() {
	case reflect.String:
		v.SetString(f.String() + "x")
	case reflect.Bool:
		v.SetBool(!f.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(f.Int() + 1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(f.Uint() + 1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(f.Float() + 1)
	default:
		panic(fmt.Sprintf("no other value of kind %s", f.Kind()))
	}
	return v
}
