package engine

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestClearCacheWhileSearching empties the cache folder again and again
// while searches write its files: a file written during the removal made
// it fail ("directory not empty"), and with it a bulk import's swap of
// the index. Each emptying must succeed, and the files written after it
// must still give the right facets.
func TestClearCacheWhileSearching(t *testing.T) {
	root := t.TempDir()
	dir, cacheDir := filepath.Join(root, "index"), filepath.Join(root, "facets")
	idx, _ := newTestIndex(t, dir)
	plan := &Plan{Must: []Node{term("body", "beta", 1)}}
	want := search(t, New(Config{Schema: testSchema}), idx, Request{Plan: plan, Facets: true})
	e := New(Config{Schema: testSchema, IndexDir: dir, CacheDir: cacheDir})
	var stop atomic.Bool
	var wg sync.WaitGroup
	var searches atomic.Int64
	errs := make(chan error, 4)
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				snap, err := OpenSnapshot(idx)
				if err != nil {
					errs <- err
					return
				}
				_, err = e.Search(context.Background(), snap, Request{Plan: plan, Facets: true})
				snap.Close()
				if err != nil {
					errs <- err
					return
				}
				searches.Add(1)
			}
		}()
	}
	deadline := time.Now().Add(5 * time.Second)
	for i := 0; (i < 300 || searches.Load() < 300) && time.Now().Before(deadline) && len(errs) == 0; i++ {
		if err := e.ClearCache(); err != nil {
			t.Errorf("emptying %d: %v", i, err)
			break
		}
	}
	stop.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if searches.Load() == 0 {
		t.Fatal("no search ran beside the emptyings")
	}
	// The files written after the last emptying read back right.
	if got := search(t, New(Config{Schema: testSchema, IndexDir: dir, CacheDir: cacheDir}), idx, Request{Plan: plan, Facets: true}); got.Total != want.Total || fmt.Sprint(got.Facets) != fmt.Sprint(want.Facets) {
		t.Errorf("after the emptyings: %d %v, want %d %v", got.Total, got.Facets, want.Total, want.Facets)
	}
}
