package index

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

// TestSearchWithoutIndexIsBusy: between a rebuild's close of the old index
// and the open of the new one there is no index, and a search, Stats or
// highlight then says the index is being replaced, not that a file is
// damaged (whose message told the person to rebuild the index being
// rebuilt), and Stats does not panic.
func TestSearchWithoutIndexIsBusy(t *testing.T) {
	a := newTestArchive(t)
	live := a.liveIndex()
	a.setIndex(nil)
	_, err := a.Search(context.Background(), Request{Query: "dân vận"})
	if !errors.Is(err, ErrIndexBusy) || errors.Is(err, ErrDamaged) {
		t.Errorf("search without an index: %v", err)
	}
	if _, err := a.Stats(context.Background()); !errors.Is(err, ErrIndexBusy) {
		t.Errorf("stats without an index: %v", err)
	}
	a.setIndex(live)
	if _, err := a.Search(context.Background(), Request{Query: "dân vận"}); err != nil {
		t.Fatal(err)
	}
}

// TestSearchDuringRebuild searches and counts while the index is rebuilt
// twice: every failure is ErrIndexBusy, and the archive is whole after.
func TestSearchDuringRebuild(t *testing.T) {
	a := newTestArchive(t)
	more := t.TempDir()
	writeChangeCorpus(t, more, 100, 60)
	if _, err := a.Import(context.Background(), []string{more}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var stop atomic.Bool
	var busy atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !stop.Load() {
			_, err1 := a.Search(context.Background(), Request{Query: "giữ gìn đường làng"})
			_, err2 := a.Stats(context.Background())
			for _, err := range []error{err1, err2} {
				switch {
				case err == nil:
				case errors.Is(err, ErrIndexBusy):
					busy.Add(1)
				default:
					select {
					case errs <- err:
					default:
					}
				}
			}
		}
	}()
	for range 2 {
		if err := a.Rebuild(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
	}
	stop.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("search during a rebuild: %v", err)
	}
	t.Logf("%d searches or counts found the index being replaced", busy.Load())
	if ids := searchIDs(t, a, Request{Query: "kt117"}); len(ids) != 1 {
		t.Fatalf("kt117 found as %v after the rebuilds", ids)
	}
}
