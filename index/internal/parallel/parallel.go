// Package parallel reads a few independent things side by side: the
// stored documents a search reads itself (a phrase's best candidates, a
// page's hits), each of which costs about half a millisecond in a process
// that has not read it yet (the catalog's and the volume's pages touched
// for the first time) while the other processors would wait.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// perWorker is the fewest items a worker is started for.
const perWorker = 4

// maxWorkers bounds the workers whatever the processors: the work is a
// few dozen reads, and more workers only add their start-up.
const maxWorkers = 4

// Each calls fn for each of n items, numbered from 0, on up to four
// processors and with one worker for every four items at least. Each
// worker makes its state (a highlighter, a phrase scanner) once with
// state. Once ctx is done no further item is begun, and Each returns
// ctx's error; otherwise it returns nil when every item is done.
func Each[S any](ctx context.Context, n int, state func() S, fn func(s S, i int)) error {
	workers := min(runtime.GOMAXPROCS(0), maxWorkers, (n+perWorker-1)/perWorker)
	if workers <= 1 {
		if n == 0 {
			return ctx.Err()
		}
		s := state()
		for i := range n {
			if err := ctx.Err(); err != nil {
				return err
			}
			fn(s, i)
		}
		return nil
	}
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			s := state()
			for i := int(next.Add(1) - 1); i < n && ctx.Err() == nil; i = int(next.Add(1) - 1) {
				fn(s, i)
				done.Add(1)
			}
		})
	}
	wg.Wait()
	if int(done.Load()) < n {
		return ctx.Err() // the workers stopped for it
	}
	return nil
}
