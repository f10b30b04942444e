// Package cputime measures what work costs in CPU time, for the tests
// that bound it. They run beside other builds and tests, at a load of 10
// to 30 on two cores: a wall clock then measures the others' work too,
// and a bound on it fails when the machine is busy, not when the work is
// slow. CPU time grows only with the work done.
package cputime

import "time"

// Process runs f and returns the CPU time, user and system, that this
// process spent meanwhile: f's, on every thread it used, plus what the
// rest of the process did at the same time (the garbage collector, and
// other tests only when they run in parallel).
func Process(f func()) time.Duration {
	start := self()
	f()
	return self() - start
}

// Children runs f and returns the CPU time of the child processes that
// ended, and were waited for, while it ran (an OCR engine f started).
func Children(f func()) time.Duration {
	start := children()
	f()
	return children() - start
}
