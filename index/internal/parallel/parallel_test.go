package parallel

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// Every item is done once, each worker with a state of its own, and no
// more workers than the items allow.
func TestEachDoesEveryItemOnce(t *testing.T) {
	for _, n := range []int{0, 1, 3, 4, 5, 23, 100} {
		seen := make([]atomic.Int32, n)
		var mu sync.Mutex
		states := 0
		err := Each(context.Background(), n, func() *int {
			mu.Lock()
			defer mu.Unlock()
			states++
			return new(int)
		}, func(s *int, i int) {
			*s++ // a state is one worker's: -race finds a shared one
			seen[i].Add(1)
		})
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		for i := range seen {
			if c := seen[i].Load(); c != 1 {
				t.Errorf("n=%d: item %d done %d times", n, i, c)
			}
		}
		want := max(1, min(runtime.GOMAXPROCS(0), maxWorkers, (n+perWorker-1)/perWorker))
		if n == 0 {
			want = 0
		}
		if states > want {
			t.Errorf("n=%d: %d states made, at most %d workers", n, states, want)
		}
	}
}

// Once the context is done no item is begun, and Each says why it
// stopped; a context done before the start begins nothing.
func TestEachStopsWithContext(t *testing.T) {
	for _, n := range []int{3, 40, 400} {
		ctx, cancel := context.WithCancel(context.Background())
		var begun, after atomic.Int32
		var cancelled atomic.Bool
		err := Each(ctx, n, func() struct{} { return struct{}{} }, func(_ struct{}, i int) {
			if cancelled.Load() {
				after.Add(1)
			}
			if begun.Add(1) == 1 {
				cancel()
				cancelled.Store(true)
			}
			for !cancelled.Load() { // the others wait for it
				runtime.Gosched()
			}
		})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("n=%d: Each = %v, want context.Canceled", n, err)
		}
		// A worker may have taken an item just before the cancel: one
		// each at most.
		if a := int(after.Load()); a > maxWorkers-1 {
			t.Errorf("n=%d: %d items begun after the cancel", n, a)
		}
		if b := int(begun.Load()); b == n {
			t.Errorf("n=%d: every item begun", n)
		}
		cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := 0
	err := Each(ctx, 10, func() struct{} { return struct{}{} }, func(struct{}, int) { calls++ })
	if !errors.Is(err, context.Canceled) || calls != 0 {
		t.Errorf("done before the start: %v, %d items begun", err, calls)
	}
}
