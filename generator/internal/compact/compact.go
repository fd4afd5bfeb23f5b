// Package compact lays out the long-lived strings and lists of a large
// site's model in few, large allocations, because the model lives until the
// last page is written and the garbage collector marks it object by object
// each time it runs.
//
// It is named for what it makes of the model, compact in objects, rather
// than for one of its ways: it packs strings and lists (Strings, Lists),
// gives out places in blocks (Blocks), keeps strings in shared blocks
// (Arena) and turns bytes that nothing else holds into a string (Freeze).
package compact

import (
	"cmp"
	"iter"
	"strings"
)

// Strings puts the strings that strs yields in one string, of which each
// becomes a part. strs is iterated twice.
func Strings(strs iter.Seq[*string]) {
	n := 0
	for s := range strs {
		n += len(*s)
	}
	var b strings.Builder
	b.Grow(n)
	for s := range strs {
		b.WriteString(*s)
	}
	all := b.String()
	for s := range strs {
		if k := len(*s); k > 0 {
			*s, all = all[:k], all[k:]
		}
	}
}

// Lists moves the lists that lists yields into one array, each capped at
// its length so that appending to one cannot write over the next. Empty
// lists stay as they are, nil or not. lists is iterated twice.
func Lists[E any](lists iter.Seq[*[]E]) {
	n := 0
	for l := range lists {
		n += len(*l)
	}
	all := make([]E, 0, n)
	for l := range lists {
		if len(*l) == 0 {
			continue
		}
		start := len(all)
		all = append(all, *l...)
		*l = all[start:len(all):len(all)]
	}
}

// Blocks gives out places for values, Size at a time in one array, so
// that many values living as long as the model are one object per Size.
// The zero value gives out 256 at a time. It is not safe for concurrent
// use.
type Blocks[T any] struct {
	Size int
	free []T
}

// Put copies v into the next free place and returns the place.
func (b *Blocks[T]) Put(v T) *T {
	if len(b.free) == 0 {
		b.free = make([]T, cmp.Or(b.Size, 256))
	}
	p := &b.free[0]
	*p, b.free = v, b.free[1:]
	return p
}
