//go:build !unix

package ui

import (
	"testing"
	"time"
)

// cpuTime is not measured here: the tests that compare CPU times skip.
func cpuTime(t testing.TB) time.Duration {
	t.Helper()
	t.Skip("CPU time is measured on unix only")
	return 0
}
