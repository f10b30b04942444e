//go:build !linux

package meta

import "time"

// threadCPU runs f and returns the wall time it took: elsewhere than on
// Linux the thread's CPU clock is not read.
func threadCPU(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}
