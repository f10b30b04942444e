package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestStoppedRebuildKeepsTheIndex: a rebuild stopped (here before its
// first document: the same path as any failure of the build, a full disk
// in TestRebuildOnFullDisk) leaves the index in place: a search right
// after finds every document; no half-built index is left beside it; a
// rebuild after that ends. Before, the index was emptied first and
// searches found nothing until the archive was opened again.
func TestStoppedRebuildKeepsTheIndex(t *testing.T) {
	a, dir, ids := stepArchive(t, 40)
	ctx := context.Background()
	stopped, stop := context.WithCancel(ctx)
	stop()
	err := a.Rebuild(stopped, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped rebuild: %v", err)
	}
	res, err := a.Search(ctx, Request{Limit: 1, NoFacets: true})
	if err != nil || res.Total != len(ids) {
		t.Fatalf("after the stopped rebuild a search finds %v (%v), want %d", res, err, len(ids))
	}
	if res, err := a.Search(ctx, Request{Query: "kt7", NoFacets: true}); err != nil || res.Total != 1 {
		t.Fatalf("a document's own code: %v %v", res, err)
	}
	if _, err := os.Stat(filepath.Join(dir, bulkNewDir)); err == nil {
		t.Error("the half-built index is left")
	}
	if err := a.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if res, err := a.Search(ctx, Request{Limit: 1, NoFacets: true}); err != nil || res.Total != len(ids) {
		t.Fatalf("after the rebuild: %v (%v)", res, err)
	}
	b := reopen(t, a, dir)
	if res, err := b.Search(ctx, Request{Limit: 1, NoFacets: true}); err != nil || res.Total != len(ids) {
		t.Fatalf("reopened: %v (%v)", res, err)
	}
}
