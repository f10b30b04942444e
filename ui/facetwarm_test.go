package ui

import (
	"context"
	"sync"
	"testing"
	"time"

	"khovanban/index"
)

// warmRecorder is the archive whose facet warming waits until the view
// stops, recording each call.
type warmRecorder struct {
	*index.Archive
	mu      sync.Mutex
	calls   int
	stopped bool // a call ended by the end of its context
}

func (w *warmRecorder) WarmFacets(ctx context.Context) error {
	w.mu.Lock()
	w.calls++
	w.mu.Unlock()
	<-ctx.Done()
	w.mu.Lock()
	w.stopped = true
	w.mu.Unlock()
	return ctx.Err()
}

func (w *warmRecorder) state() (int, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.calls, w.stopped
}

// TestWarmFacetsAfterFirstResults checks that the window starts warming
// the archive's facet tables once, after its first results are on screen
// (results and facets shown while the warming is still running), not
// again at later searches, and that stopping the view stops it.
func TestWarmFacetsAfterFirstResults(t *testing.T) {
	h := newHarness(t, true)
	h.s.view.stop()
	rec := &warmRecorder{Archive: h.arc}
	v := newView(h.s, h.arc)
	v.find = rec
	h.s.view, h.v = v, v
	h.win.SetContent(v.content())
	v.start()
	h.settle(h.idle)
	if h.v.results.total == 0 {
		t.Fatal("no results on screen")
	}
	// The warming runs in its own goroutine: it starts soon after.
	waitFor(t, "the warming to start", func() bool { calls, _ := rec.state(); return calls > 0 })
	if calls, stopped := rec.state(); calls != 1 || stopped {
		t.Fatalf("after the first results: %d warmings started, stopped %v; want 1 running", calls, stopped)
	}
	h.search("nêu gương")
	if calls, _ := rec.state(); calls != 1 {
		t.Errorf("after a second search: %d warmings started, want 1", calls)
	}
	v.stop()
	waitFor(t, "stopping the view to stop the warming", func() bool { _, stopped := rec.state(); return stopped })
}

// waitFor waits up to 10 s for cond, polling.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
