package index

import (
	"cmp"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"khovanban/index/internal/archivestore"
)

// TestCheckFindsEachProblem damages an archive in each way Check knows and
// expects each reported once, with the document's id.
func TestCheckFindsEachProblem(t *testing.T) {
	// Format 1 as earlier versions wrote it, read as it is until Open
	// migrates it.
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	rep := importDocs(t, a, testDocs)
	ids := make([]string, 0, len(rep.Items))
	for _, it := range rep.Items {
		ids = append(ids, it.ID)
	}
	slices.Sort(ids)
	if err := a.Delete(ids[3]); err != nil {
		t.Fatal(err)
	}
	// An index entry whose document file is gone.
	gone := "00000000000000aa"
	d3, _ := a.store.getIn(trashDir, ids[3], true)
	b := a.idx.NewBatch()
	dg := *d3
	dg.ID = gone
	b.IndexAdvanced(bleveDocument(&dg))
	persisted := make(chan error, 1)
	b.SetPersistedCallback(func(err error) { persisted <- err })
	a.idx.Batch(b)
	if err := <-persisted; err != nil { // closing drops what is not on disk
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	toFormat1(t, dir)
	s := &store{dir: dir}
	a, err = OpenReadOnly(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	clean, err := a.Check(context.Background(), nil)
	if err != nil || len(clean.Problems) != 1 || clean.Problems[0].ID != gone || clean.Documents != 3 || clean.Originals != 4 {
		t.Fatalf("a whole archive but for the entry of %s: %v %+v", gone, err, clean)
	}
	a.Close()
	doc := func(id string) *Document {
		d, err := s.getDoc(id)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	// 0: its original removed; 1: its original's bytes changed.
	d0 := doc(ids[0])
	os.Remove(s.originalPath(d0.Hash, d0.Format))
	d1 := doc(ids[1])
	os.WriteFile(s.originalPath(d1.Hash, d1.Format), []byte("other bytes"), 0o644)
	// 2: a format that would reach outside originals/ (a forged pack).
	d2 := doc(ids[2])
	d2.Format = "x/../../../victim"
	data, _ := json.Marshal(d2)
	os.WriteFile(s.docPath(ids[2]), data, 0o644)
	// 3: in the Trash and also live again, stored behind the index's back.
	data, _ = json.Marshal(d3)
	writeFile(t, s.docPath(ids[3]), data)
	// A stray original.
	writeFile(t, filepath.Join(dir, originalsDir, "ff", "ff00112233445566.txt"), []byte("x"))
	a, err = OpenReadOnly(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()

	got, err := a.Check(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{
		{ID: gone, Kind: IndexedNotStored},
		{ID: ids[0], Kind: NoOriginal},
		{ID: ids[1], Kind: OriginalMismatch},
		{ID: ids[2], Kind: DamagedDocument},
		{ID: ids[3], Kind: NotIndexed},
		{ID: ids[3], Kind: LiveAndTrash},
		{ID: "ff00112233445566", Kind: StrayOriginal},
	}
	var kinds []Problem
	for _, p := range got.Problems {
		kinds = append(kinds, Problem{ID: p.ID, Kind: p.Kind})
	}
	// The original of the damaged document is also stray now: nothing
	// readable has it.
	kinds = slices.DeleteFunc(kinds, func(p Problem) bool { return p.ID == ids[2] && p.Kind == StrayOriginal })
	slices.SortFunc(want, cmpProblem)
	slices.SortFunc(kinds, cmpProblem)
	if !slices.Equal(kinds, want) {
		t.Errorf("problems:\n got %v\nwant %v", kinds, want)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "victim")); err == nil {
		t.Error("Check followed a forged format outside the archive")
	}
}

// TestCheckFindsEachProblemFormat2 damages an archive of format 2 in each
// way Check knows and expects each reported once, with the document's
// id: a text's record altered, an original whose bytes are not its
// SHA-256, a forged format in the catalog, an entry both live and in the
// Trash stored behind the index's back, an index entry without its
// document.
func TestCheckFindsEachProblemFormat2(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	rep := importDocs(t, a, testDocs)
	ids := make([]string, 0, len(rep.Items))
	for _, it := range rep.Items {
		ids = append(ids, it.ID)
	}
	slices.Sort(ids)
	if err := a.Delete(ids[3]); err != nil {
		t.Fatal(err)
	}
	v := a.store.vol
	// 0: a byte of its text's record altered.
	e, _ := v.st.Get(archivestore.Live, ids[0])
	vol := filepath.Join(dir, archivestore.VolumesDir, "000001.vol")
	data, _ := os.ReadFile(vol)
	data[e.Text.Off+int64(e.Text.Len)-3] ^= 0x40
	os.WriteFile(vol, data, 0o644)
	commit := func(write func(tx *archivestore.Tx)) {
		tx, err := v.st.Begin()
		if err != nil {
			t.Fatal(err)
		}
		write(tx)
		if _, err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	// 1: its original stored again with other bytes under its hash.
	d1, _ := v.getDoc(ids[1])
	commit(func(tx *archivestore.Tx) { tx.Remove(archivestore.Live, ids[1]) })
	commit(func(tx *archivestore.Tx) {
		tx.PutOriginal(d1.Hash, []byte("other bytes"))
		v.putDoc(tx, d1, nil)
	})
	// 2: a format that would reach outside the archive (a forged pack).
	d2, _ := v.getDoc(ids[2])
	d2.Format = "x/../../../victim"
	meta, _ := json.Marshal(d2)
	commit(func(tx *archivestore.Tx) { tx.SetMeta(archivestore.Live, ids[2], meta) })
	// 3: in the Trash and also live, stored behind the index's back.
	d3, _ := v.getIn(trashDir, ids[3], true)
	meta, _ = encodeMeta(d3)
	commit(func(tx *archivestore.Tx) { tx.PutDoc(archivestore.Live, ids[3], meta, d3.Text, d3.Hash) })
	// An index entry whose document is gone.
	gone := "00000000000000aa"
	b := a.idx.NewBatch()
	dg := *d3
	dg.ID = gone
	b.IndexAdvanced(bleveDocument(&dg))
	a.idx.Batch(b)

	got, err := a.Check(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{
		{ID: gone, Kind: IndexedNotStored},
		{ID: ids[0], Kind: DamagedDocument},
		{ID: ids[1], Kind: OriginalMismatch},
		{ID: ids[2], Kind: DamagedDocument},
		{ID: ids[3], Kind: NotIndexed},
		{ID: ids[3], Kind: LiveAndTrash},
	}
	var kinds []Problem
	for _, p := range got.Problems {
		kinds = append(kinds, Problem{ID: p.ID, Kind: p.Kind})
	}
	slices.SortFunc(want, cmpProblem)
	slices.SortFunc(kinds, cmpProblem)
	if !slices.Equal(kinds, want) {
		t.Errorf("problems:\n got %v\nwant %v\n%+v", kinds, want, got.Problems)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "victim")); err == nil {
		t.Error("Check followed a forged format outside the archive")
	}
}

func cmpProblem(x, y Problem) int {
	return cmp.Or(strings.Compare(x.ID, y.ID), strings.Compare(string(x.Kind), string(y.Kind)))
}
