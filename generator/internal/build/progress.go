package build

import "sync/atomic"

// Progress is what a running build says of itself, for a progress bar:
// the step it is at and, where it knows them, how many of the step's
// items it has done and of how many. Its methods are safe to call while
// the build runs, and on a nil Progress, which reports nothing.
type Progress struct {
	step        atomic.Pointer[string]
	done, total atomic.Int64
}

// State returns the current step, items done and the step's total items
// (0 when the step does not count them).
func (p *Progress) State() (step string, done, total int) {
	if p == nil {
		return "", 0, 0
	}
	if s := p.step.Load(); s != nil {
		step = *s
	}
	return step, int(p.done.Load()), int(p.total.Load())
}

func (p *Progress) begin(step string, total int) {
	if p == nil {
		return
	}
	p.total.Store(int64(total))
	p.done.Store(0)
	p.step.Store(&step)
}

func (p *Progress) add(n int) {
	if p != nil {
		p.done.Add(int64(n))
	}
}
