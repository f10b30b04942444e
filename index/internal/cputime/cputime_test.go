package cputime

import (
	"runtime"
	"testing"
	"time"
)

// TestProcessCountsWorkNotWaiting: a second of sleeping costs next to no
// CPU time; a loop that works costs some, on whatever thread it ran.
func TestProcessCountsWorkNotWaiting(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the wall clock stands for CPU time there")
	}
	if d := Process(func() { time.Sleep(300 * time.Millisecond) }); d > 100*time.Millisecond {
		t.Errorf("sleeping cost %v of CPU", d)
	}
	n := 0
	d := Process(func() {
		done := make(chan struct{})
		go func() {
			for i := range 5_000_000 {
				n += i & 1
			}
			close(done)
		}()
		<-done
	})
	if d <= 0 {
		t.Errorf("working cost %v of CPU (%d)", d, n)
	}
}
