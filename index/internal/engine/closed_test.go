package engine

import (
	"errors"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// TestSnapshotOfClosedIndex: a search that took the index just before a
// rebuild or a bulk import closed it must be told the index is closed, not
// that it is damaged: Scorch hands out a nil snapshot and no error once
// closed, and reading it panicked (CI: "nil pointer dereference: stored
// file is damaged" in TestSearchDuringRebuild).
func TestSnapshotOfClosedIndex(t *testing.T) {
	idx, _ := newTestIndex(t, t.TempDir())
	snap, err := OpenSnapshot(idx)
	if err != nil {
		t.Fatal(err)
	}
	snap.Close()
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = OpenSnapshot(idx)
	if !errors.Is(err, bleve.ErrorIndexClosed) || errors.Is(err, ErrDamaged) {
		t.Fatalf("snapshot of a closed index: %v", err)
	}
}
