//go:build !linux && !windows

package extract

// Elsewhere the CPU time is not measured: a page's wall time counts.
func processCPU(int) cpuClock { return nil }

func threadCPU() (clock cpuClock, release func()) { return nil, func() {} }
