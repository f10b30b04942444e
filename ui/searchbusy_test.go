package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"khovanban/index"
)

// busySearcher is the archive whose search index is being replaced (a
// rebuild, a bulk import's swap) for the first tries of each search of
// some queries. Each search counts apart: on a loaded machine a
// keystroke's search can start just before the next keystroke's search
// of the same text, which cancels it.
type busySearcher struct {
	*index.Archive
	mu    sync.Mutex
	busy  map[string]int // query → tries of each search that find the index being replaced
	calls []busyCall
}

type busyCall struct {
	query string
	ctx   context.Context
}

func newBusySearcher(arc *index.Archive) *busySearcher {
	return &busySearcher{Archive: arc, busy: map[string]int{}}
}

// busyFor makes the first n tries of each search of q find the index
// being replaced.
func (b *busySearcher) busyFor(q string, n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.busy[q] = n
}

// searched is how many times q was tried by searches not cancelled.
func (b *busySearcher) searched(q string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for _, c := range b.calls {
		if c.query == q && c.ctx.Err() == nil {
			n++
		}
	}
	return n
}

func (b *busySearcher) replacing(ctx context.Context, q string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	tries := 1
	for _, c := range b.calls {
		if c.query == q && c.ctx == ctx {
			tries++
		}
	}
	b.calls = append(b.calls, busyCall{q, ctx})
	if tries <= b.busy[q] {
		return fmt.Errorf("search: %w", index.ErrIndexBusy)
	}
	return nil
}

func (b *busySearcher) SearchAsTyped(ctx context.Context, req index.Request) (*index.Typed, error) {
	if err := b.replacing(ctx, req.Query); err != nil {
		return nil, err
	}
	return b.Archive.SearchAsTyped(ctx, req)
}

// Search loads a page of results: "page:" and the query.
func (b *busySearcher) Search(ctx context.Context, req index.Request) (*index.Result, error) {
	if err := b.replacing(ctx, "page:"+req.Query); err != nil {
		return nil, err
	}
	return b.Archive.Search(ctx, req)
}

// TestSearchWaitsForTheIndex: a search that finds the index being
// replaced runs again by itself a moment later, and its results show
// without a message; only when the index is still being replaced after
// the last wait does the message show ("đang được thay"). A page of
// results waits the same way. A newer search ends the waits of the one
// before.
func TestSearchWaitsForTheIndex(t *testing.T) {
	h := newHarness(t, true)
	h.search("nêu gương")
	want := h.v.results.total
	b := newBusySearcher(h.arc)
	h.v.find = b
	h.v.busyWaits = []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond}

	// Busy twice, then free: found on the third run, no message.
	b.busyFor("neu guong", 2)
	h.search("neu guong")
	if n := b.searched("neu guong"); n != 3 {
		t.Errorf("searched %d times, want 3 (twice busy)", n)
	}
	if !h.v.search.queryErr.Hidden || h.v.results.total != want || want == 0 {
		t.Errorf("after the index came back: message %q (hidden %v), %d results, want %d",
			h.v.search.queryErr.Text, h.v.search.queryErr.Hidden, h.v.results.total, want)
	}

	// A page of results, loaded as the list scrolls, waits the same way.
	b.busyFor("page:neu guong", 2)
	h.v.fetchPage(h.v.results.req, 0)
	h.settle(func() bool { return b.searched("page:neu guong") == 3 })
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		t.Error("a page loaded once the index came back: a message shows")
	}

	// Busy past the last wait: the message shows after every wait.
	b.busyFor("kế hoạch", 1000)
	start := time.Now()
	h.search("kế hoạch")
	if n := b.searched("kế hoạch"); n != 4 {
		t.Errorf("searched %d times, want 4 (once, then after each of 3 waits)", n)
	}
	if took := time.Since(start); took < 70*time.Millisecond {
		t.Errorf("the message showed after %v, before the waits (70 ms) were over", took)
	}
	if h.v.search.queryErr.Hidden || !strings.Contains(h.v.search.queryErr.Text, "đang được thay") {
		t.Errorf("index still busy: message %q (hidden %v)", h.v.search.queryErr.Text, h.v.search.queryErr.Hidden)
	}
	if h.v.results.total != 0 || h.v.search.count.Text != "Chưa tìm được" {
		t.Errorf("index still busy: %d results, count %q", h.v.results.total, h.v.search.count.Text)
	}

	// A newer search, the index back, ends the waits of the one before
	// (an hour each) and shows its own results.
	h.v.busyWaits = []time.Duration{time.Hour}
	b.busyFor("dân vận", 1000)
	h.v.search.entry.SetText("")
	test.Type(h.v.search.entry, "dân vận")
	h.settle(func() bool { return b.searched("dân vận") > 0 }) // and waits
	h.search("nêu gương")
	if !h.v.search.queryErr.Hidden || h.v.results.total != want {
		t.Errorf("the newer search: message %q (hidden %v), %d results, want %d",
			h.v.search.queryErr.Text, h.v.search.queryErr.Hidden, h.v.results.total, want)
	}
}
