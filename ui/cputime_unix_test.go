//go:build unix

package ui

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time the test process has used so far, which a
// loaded machine does not stretch as it does the time on the clock.
func cpuTime(t testing.TB) time.Duration {
	t.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Skip("no CPU time:", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
