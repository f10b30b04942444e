package index

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// TestReconcileAfterKillFormat2: an archive of format 2 left open (its
// unclean mark) is opened without listing its ids when the catalog and the
// index count the same documents, and mended when they do not: a document
// the index lost is indexed again, one only the index has is dropped.
func TestReconcileAfterKillFormat2(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	rep := importDocs(t, a, testDocs)
	lost := idOf(t, rep, "bc-typo.txt")
	ghost, _ := a.Get(idOf(t, rep, "kh-quyet-tam.txt"))
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	reopen := func() *Archive {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, dirtyFile), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		a, err := Open(dir, Options{Registry: testRegistry(t)})
		if err != nil {
			t.Fatal(err)
		}
		if a.store.vol == nil {
			t.Fatal("not of format 2")
		}
		return a
	}
	// Counts alike: opened as it is, and whole.
	a = reopen()
	requireCheck(t, a)
	if n, _ := a.idx.DocCount(); n != uint64(len(testDocs)) {
		t.Errorf("index has %d documents, want %d", n, len(testDocs))
	}
	a.Close()

	// The index lost a document and holds one the catalog does not. Opened
	// without the unsafe_batch the index was created with (kept in its
	// index_meta.json): each write here is on disk when it returns, as
	// Bleve's Close drops what is not (the archive's journal covers that
	// for its own writes; these have none).
	idx, err := bleve.OpenUsing(filepath.Join(dir, indexDir), map[string]interface{}{"unsafe_batch": false})
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.Delete(lost); err != nil {
		t.Fatal(err)
	}
	ghost.ID, ghost.Hash = "ff00000000000000", "ff00000000000000"+ghost.Hash[16:]
	b := idx.NewBatch()
	if err := b.IndexAdvanced(bleveDocument(ghost)); err != nil {
		t.Fatal(err)
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	// The same count: mended only by the marks, which a kill of this
	// build always leaves; one more document lost makes the counts differ.
	other := idOf(t, rep, "ct-dan-van.txt")
	if err := idx.Delete(other); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	a = reopen()
	defer a.Close()
	if n, _ := a.idx.DocCount(); n != uint64(len(testDocs)) {
		t.Errorf("index has %d documents after reconcile, want %d", n, len(testDocs))
	}
	ids, err := a.indexedIDs()
	if err != nil {
		t.Fatal(err)
	}
	in := map[string]bool{}
	for _, id := range ids {
		in[id] = true
	}
	if !in[lost] || !in[other] || in[ghost.ID] {
		t.Errorf("after reconcile: lost %v, other %v, ghost %v in the index", in[lost], in[other], in[ghost.ID])
	}
	requireCheck(t, a)
}
