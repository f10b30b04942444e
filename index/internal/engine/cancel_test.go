package engine

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
)

// countingContext is a context whose Err says Canceled from its limit-th
// call on, and counts the calls.
type countingContext struct {
	context.Context
	calls, limit atomic.Int64
}

func (c *countingContext) Err() error {
	if c.calls.Add(1) > c.limit.Load() {
		return context.Canceled
	}
	return nil
}

// TestSupersededSearchStops checks that a search looks at its context
// inside each segment too (between the terms it scores, the blocks it
// ranks, the facet values it counts), not only between segments: a
// keystroke's search at a million documents spends tens of milliseconds
// in one segment, which the next keystroke's search would wait for. A
// search cancelled at any of those points returns the context's error.
func TestSupersededSearchStops(t *testing.T) {
	idx := newRankIndexOf(t, 500)
	defer idx.Close()
	defer func(shift uint, least uint64) { blockShift, pruneMin = shift, least }(blockShift, pruneMin)
	blockShift, pruneMin = 6, 64
	// One worker: segments are ranked one after the other, so that the
	// blocks skipped, and the looks at the context, are the same each time.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	w := func(i int, boost float64) Term { return term("body", rankWord(i), boost) }
	plan := &Plan{Must: []Node{w(0, 1), Or{[]Node{w(30, 1), Prefix{Field: "body", Prefix: "wa", Boost: 4, Top: 1}}}}, Should: []Node{w(3, 4), w(1, 1)}}
	for _, plain := range []bool{true, false} {
		e := New(Config{Schema: testSchema})
		e.SetPlainRanking(plain)
		snap, err := OpenSnapshot(idx)
		if err != nil {
			t.Fatal(err)
		}
		ctx := &countingContext{Context: context.Background()}
		ctx.limit.Store(1 << 40)
		if _, err := e.Search(ctx, snap, Request{Plan: plan, Keep: 10, Facets: true}); err != nil {
			t.Fatal(err)
		}
		calls := ctx.calls.Load()
		// Two phases (matching, ranking) over the segments, each looked at
		// once before it: more calls than that are looks inside them.
		if calls <= int64(2*len(snap.segs)) {
			t.Errorf("plain %v: the context was looked at %d times over %d segments", plain, calls, len(snap.segs))
		}
		for limit := int64(0); limit < calls; limit += max(1, calls/16) {
			ctx := &countingContext{Context: context.Background()}
			ctx.limit.Store(limit)
			if res, err := e.Search(ctx, snap, Request{Plan: plan, Keep: 10, Facets: true}); !errors.Is(err, context.Canceled) {
				t.Errorf("plain %v, cancelled at look %d of %d: %v, %v", plain, limit+1, calls, res, err)
			}
		}
		snap.Close()
	}
}
