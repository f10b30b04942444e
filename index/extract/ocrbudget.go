package extract

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// A page's OCR is stopped as hung when its engine has used ocrPageCPU of
// CPU time: a measure of the work done, not of the time waited, so a page
// read slowly on a busy or weak PC (the engine given a small share of a
// core) is not lost. A page costs about 1 s of CPU with the system's
// tesseract and 7-16 s with the built-in engine (README, "Scanned pages").
// ocrPageWall stops, as a last resort, an engine that has stopped working
// without using CPU at all. They are variables for the tests.
var (
	ocrPageCPU  = 5 * time.Minute
	ocrPageWall = time.Hour
	ocrPageTick = time.Second // how often the CPU used is looked at
)

// errOCRBudget is why a page was stopped when its OCR used up its CPU time.
type errOCRBudget struct{ used time.Duration }

func (e errOCRBudget) Error() string {
	return fmt.Sprintf("OCR of the page stopped after %s of CPU time", e.used.Round(time.Second))
}

// cpuClock reads the CPU time an engine run has used since it began; ok is
// false once it cannot be read (the process ended).
type cpuClock func() (used time.Duration, ok bool)

// pageBudget counts the CPU time of one page's engine runs (a page may be
// read from up to three of its pictures).
type pageBudget struct {
	mu    sync.Mutex
	spent time.Duration // by the runs that ended
	clock cpuClock      // of the run going on, or nil
	last  time.Duration // its last reading
}

type pageBudgetKey struct{}

// withPageBudget returns the context a page's OCR runs in: cancelled, with
// errOCRBudget as its cause, once the engines it starts (see
// pageBudget.begin) have used ocrPageCPU, or after ocrPageWall.
func withPageBudget(ctx context.Context) (context.Context, context.CancelFunc) {
	b := &pageBudget{}
	limit, tick := ocrPageCPU, ocrPageTick // read once: the watchdog may outlive the page by a tick
	wall, cancelWall := context.WithTimeout(ctx, ocrPageWall)
	pageCtx, cancel := context.WithCancelCause(context.WithValue(wall, pageBudgetKey{}, b))
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(tick)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-pageCtx.Done():
				return
			case <-t.C:
				if used := b.used(); used > limit {
					cancel(errOCRBudget{used})
					return
				}
			}
		}
	}()
	return pageCtx, func() {
		close(done)
		cancel(context.Canceled)
		cancelWall()
	}
}

func budgetOf(ctx context.Context) *pageBudget {
	b, _ := ctx.Value(pageBudgetKey{}).(*pageBudget)
	return b
}

// begin counts an engine run's CPU time by clock from now until the
// function it returns is called; where the CPU time cannot be measured
// (clock nil) the run's wall time counts instead. A nil budget (a page
// read outside ocrPages) counts nothing.
func (b *pageBudget) begin(clock cpuClock) (end func()) {
	if b == nil {
		return func() {}
	}
	if clock == nil {
		start := time.Now()
		clock = func() (time.Duration, bool) { return time.Since(start), true }
	} else if base, ok := clock(); ok {
		// A thread's clock counts from the thread's start: the Go
		// runtime's thread has run other work before this page.
		raw := clock
		clock = func() (time.Duration, bool) {
			used, ok := raw()
			return used - base, ok
		}
	}
	b.mu.Lock()
	b.clock, b.last = clock, 0
	b.mu.Unlock()
	return func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if used, ok := b.clock(); ok {
			b.last = used
		}
		b.spent += b.last
		b.clock, b.last = nil, 0
	}
}

// endWith is end for a run whose CPU time is known exactly once it ended
// (a child process's, from its rusage).
func (b *pageBudget) endWith(used time.Duration) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.spent += max(used, b.last)
	b.clock, b.last = nil, 0
}

// used is the CPU time the page's engines have used so far.
func (b *pageBudget) used() time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.clock != nil {
		if used, ok := b.clock(); ok {
			b.last = used
		}
	}
	return b.spent + b.last
}
