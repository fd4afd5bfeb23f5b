package build

import (
	"runtime"
	"runtime/metrics"
)

// Idle tells an Incremental builder that no build waits: if the
// collector has spent more than half of its budget since it last ran, it
// collects now, so that the next build, after an editor's next save, does
// not mark everything the builder keeps while it runs. It returns when
// done; a build may run meanwhile.
func (b *Builder) Idle() {
	// A collection still running when the server goes idle again is the
	// one this would ask for.
	if b.mode != Incremental || !b.idling.CompareAndSwap(false, true) {
		return
	}
	defer b.idling.Store(false)
	s := []metrics.Sample{{Name: "/gc/heap/goal:bytes"}, {Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if collectionDue(s[0].Value.Uint64(), s[1].Value.Uint64(), s[2].Value.Uint64()) {
		runtime.GC()
	}
}

// collectionDue reports whether a heap of objects bytes, of which live
// were live at the last collection, has used more than half of the
// growth to goal that sets off the next.
func collectionDue(goal, live, objects uint64) bool {
	return goal > live && objects > live && objects-live > (goal-live)/2
}
