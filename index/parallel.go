package index

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// inParallel calls fn for each of n items, numbered from 0, on up to four
// processors and with one worker for every four items at least; each
// worker makes its state (a highlighter, a phrase scanner) once with
// state. It is for reading a few stored documents a search shows or
// ranks again: each costs about half a millisecond in a process that has
// not read it yet (the catalog's and the volume's pages touched for the
// first time), while the other processors wait.
func inParallel[S any](n int, state func() S, fn func(s S, i int)) {
	workers := min(runtime.GOMAXPROCS(0), 4, (n+3)/4)
	if workers <= 1 {
		s := state()
		for i := range n {
			fn(s, i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			s := state()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(s, i)
			}
		})
	}
	wg.Wait()
}
