package compact

import (
	"sync"
	"unsafe"
)

// Arena keeps strings in large blocks rather than one allocation each, for
// strings that live until the last page is written. A block's bytes never
// change once a string is in it, so the strings can share them. It is safe
// for concurrent use; the zero value is ready to use.
type Arena struct {
	mu    sync.Mutex
	block []byte
}

// arenaBlock is the size of a block; a string of more than an eighth of it
// gets an allocation of its own.
const arenaBlock = 256 << 10

// Keep returns a string with the bytes of b.
func (a *Arena) Keep(b []byte) string {
	if len(b) == 0 || len(b) > arenaBlock/8 {
		return string(b)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if cap(a.block)-len(a.block) < len(b) {
		a.block = make([]byte, 0, arenaBlock)
	}
	start := len(a.block)
	a.block = append(a.block, b...)
	return unsafe.String(&a.block[start], len(b))
}

// Reset starts a new block, so that the strings kept before can be freed
// with the block they share.
func (a *Arena) Reset() {
	a.mu.Lock()
	a.block = nil
	a.mu.Unlock()
}

// Freeze returns the bytes of b as a string without copying them, as
// strings.Builder does; the caller must never change b again.
func Freeze(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}
