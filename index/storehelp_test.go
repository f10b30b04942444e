package index

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

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

// withFormat1 makes Open write archives of format 1, as earlier versions
// did, until the test ends or calls the function it returns, which puts
// back what was before (Open then migrates them when that was format 2).
// Tests that use it do not run in parallel.
func withFormat1(t testing.TB) (restore func()) {
	was := testFormat1
	testFormat1 = true
	t.Cleanup(func() { testFormat1 = false })
	return func() { testFormat1 = was }
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
