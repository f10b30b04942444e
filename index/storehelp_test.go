package index

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// KHOVANBAN_TEST_FORMAT=2 runs the tests on archives of format 2 (the
// volume store), which Open does not write yet for everyone (issue 17).
func init() {
	testFormat2 = os.Getenv("KHOVANBAN_TEST_FORMAT") == "2"
}

// storeUnindexed commits, into the closed archive of format 2 in dir,
// documents (with their originals, or only their metadata when they are
// stored and no original is given) as a commit whose index entries a
// kill lost: marked as not yet indexed, with the unclean mark left.
func storeUnindexed(t testing.TB, dir string, docs []*Document, originals map[string][]byte) {
	t.Helper()
	v, err := openVolumeStore(dir, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer v.close()
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	a := &Archive{dir: dir, store: &store{dir: dir, vol: v}}
	if _, err := v.commit(ids, a.putDocsTx(docs, originals)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, dirtyFile), nil, 0o644); err != nil {
		t.Fatal(err)
	}
}

// storedDoc reads a document of the closed archive of format 2 in dir.
func storedDoc(t testing.TB, dir, id string) *Document {
	t.Helper()
	v, err := openVolumeStore(dir, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer v.close()
	d, err := v.getDoc(id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// withFormat1 makes Open write format 1 until the test ends, whatever
// KHOVANBAN_TEST_FORMAT says (the tests of the migration).
func withFormat1(t testing.TB) {
	was := testFormat2
	testFormat2 = false
	t.Cleanup(func() { testFormat2 = was })
}

// originalBytes reads a document's original as the store holds it, as
// the program itself does (store.openOriginal), whatever the store's
// layout.
func originalBytes(a *Archive, d *Document) ([]byte, error) {
	r, _, err := a.store.openOriginal(d)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// readPath reads the file at path, or gives err (OriginalPath's answer).
func readPath(path string, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}
