package build

import (
	"runtime"
	"runtime/metrics"
	"testing"
)

func TestCollectionDue(t *testing.T) {
	for _, tc := range []struct {
		goal, live, objects uint64
		want                bool
	}{
		{goal: 200, live: 100, objects: 120, want: false},
		{goal: 200, live: 100, objects: 150, want: false},
		{goal: 200, live: 100, objects: 151, want: true},
		{goal: 200, live: 100, objects: 250, want: true},
		{goal: 100, live: 100, objects: 150, want: false},
		{goal: 200, live: 100, objects: 90, want: false},
	} {
		if got := collectionDue(tc.goal, tc.live, tc.objects); got != tc.want {
			t.Errorf("collectionDue(%d, %d, %d) = %v, want %v", tc.goal, tc.live, tc.objects, got, tc.want)
		}
	}
}

// TestIdleCollects checks that an idle server's builder collects once
// garbage has used more than half of the collector's budget, and not
// right after a collection.
func TestIdleCollects(t *testing.T) {
	b := monolingualSample(t).Running().Build().live
	runtime.GC()
	before := gcCycles()
	b.Idle()
	if gcCycles() != before {
		t.Fatal("Idle collected right after a collection")
	}
	// The collector may start on its own before its goal, in which case
	// the garbage is gone and the test tries again.
	for range 5 {
		s := []metrics.Sample{{Name: "/gc/heap/goal:bytes"}, {Name: "/gc/heap/live:bytes"}}
		metrics.Read(s)
		before := gcCycles()
		makeGarbage((s[0].Value.Uint64() - s[1].Value.Uint64()) * 6 / 10)
		if gcCycles() != before {
			continue
		}
		b.Idle()
		if gcCycles() == before {
			t.Error("Idle did not collect with 60% of the collector's budget spent")
		}
		return
	}
	t.Fatal("the collector ran on its own every time garbage was made")
}

func gcCycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// makeGarbage allocates about n bytes that nothing keeps.
func makeGarbage(n uint64) {
	var chunks [][]byte
	for size := uint64(0); size < n; size += 64 << 10 {
		chunks = append(chunks, make([]byte, 64<<10))
	}
	runtime.KeepAlive(chunks)
}
