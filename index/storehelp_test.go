package index

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"khovanban/index/internal/archivestore"
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
	if _, err := v.commit(ids, a.putDocs(docs, originals)); err != nil {
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

// toFormat1 turns the closed archive of format 2 in dir into the
// archive of format 1 that earlier versions wrote with the same
// documents: each document, live or in the Trash, as its JSON file
// (docs/ab/<id>.json, trash/ab/<id>.json), each original as its file
// (originals/ab/<sha256>.<ext>), the marker's format the number 1, the
// volumes and catalog gone; the index is kept. Open then migrates it.
func toFormat1(t testing.TB, dir string) {
	t.Helper()
	v, err := openVolumeStore(dir, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	old := &store{dir: dir}
	for _, sub := range []string{docsDir, trashDir, originalsDir, tmpDir} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, sub := range []string{docsDir, trashDir} {
		ids, err := v.ids(sub)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			d, err := v.getIn(sub, id, true)
			if err != nil {
				t.Fatal(err)
			}
			data, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, old.pathIn(sub, id), data)
			r, _, err := v.openOriginal(d)
			if err != nil {
				t.Fatal(err)
			}
			orig, err := io.ReadAll(r)
			r.Close()
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, old.originalPath(d.Hash, d.Format), orig)
		}
	}
	if err := v.close(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{archivestore.VolumesDir, archivestore.CatalogFile, "cache"} {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := setFormat(dir, archiveFmt); err != nil {
		t.Fatal(err)
	}
}

// writeFile writes data to path, making its folder.
func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
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
