package index

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// TestInParallel checks that every item is handed to exactly one worker,
// and that each worker makes its state once: at most one worker for
// every four items, and no more than four or the processors.
func TestInParallel(t *testing.T) {
	for _, n := range []int{0, 1, 3, 4, 5, 8, 17, 100} {
		seen := make([]atomic.Int32, n)
		var states atomic.Int32
		inParallel(n, func() *int { states.Add(1); return new(int) }, func(s *int, i int) {
			*s++ // a worker's own state: the race detector says if it is shared
			seen[i].Add(1)
		})
		for i := range seen {
			if got := seen[i].Load(); got != 1 {
				t.Errorf("%d items: item %d handed out %d times", n, i, got)
			}
		}
		if most := max(1, min(runtime.GOMAXPROCS(0), 4, (n+3)/4)); int(states.Load()) > most {
			t.Errorf("%d items: %d states made, want at most %d", n, states.Load(), most)
		}
	}
}
