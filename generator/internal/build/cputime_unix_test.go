//go:build unix

package build

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time, user and system, that every thread of the
// process has used so far.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
