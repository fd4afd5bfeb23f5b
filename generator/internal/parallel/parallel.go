// Package parallel runs the items of a list on all cores.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls f(i) for every i from 0 to n-1 on GOMAXPROCS goroutines, each
// taking the next index as soon as it is done with one, so that a slow item
// holds up no other, and returns when every call has returned.
func Each(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}
