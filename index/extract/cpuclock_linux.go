package extract

import (
	"time"

	"golang.org/x/sys/unix"
)

// Linux names the CPU clock of a process or of one of our threads by its
// id (the kernel's MAKE_PROCESS_CPUCLOCK and MAKE_THREAD_CPUCLOCK with
// CPUCLOCK_SCHED, which glibc's clock_getcpuclockid and
// pthread_getcpuclockid return).
func cpuClockOf(id int, thread bool) cpuClock {
	clockid := int32(^id)<<3 | 2
	if thread {
		clockid |= 4
	}
	read := func() (time.Duration, bool) {
		var ts unix.Timespec
		if err := unix.ClockGettime(clockid, &ts); err != nil {
			return 0, false
		}
		return time.Duration(ts.Nano()), true
	}
	if _, ok := read(); !ok {
		return nil
	}
	return read
}

// processCPU is the clock of a child process's CPU time (all its threads),
// or nil.
func processCPU(pid int) cpuClock { return cpuClockOf(pid, false) }

// threadCPU is the clock of the calling OS thread's CPU time, or nil; the
// caller keeps its goroutine on the thread (runtime.LockOSThread) while
// the clock is read, and calls release after.
func threadCPU() (clock cpuClock, release func()) {
	return cpuClockOf(unix.Gettid(), true), func() {}
}
