package index

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"khovanban/index/internal/archivestore"
)

// walkedStats is what Stats said when it walked the folders: document
// files in docs/ and trash/, bytes of originals/ and docs/.
func walkedStats(t *testing.T, dir string) (trash int, stored int64) {
	t.Helper()
	s := &store{dir: dir}
	ids, err := s.ids(trashDir)
	if err != nil {
		t.Fatal(err)
	}
	return len(ids), dirSize(filepath.Join(dir, originalsDir)) + dirSize(filepath.Join(dir, docsDir))
}

func requireStatsAgree(t *testing.T, a *Archive, when string) {
	t.Helper()
	st, err := a.Stats(context.Background())
	if err != nil {
		t.Fatalf("%s: Stats: %v", when, err)
	}
	var trash int
	var stored int64
	if v := a.store.vol; v != nil {
		// Format 2: the catalog's counts, which its check adds up again.
		ids, _ := v.ids(trashDir)
		trash, stored = len(ids), v.st.Size()
		v.st.Check(func(p archivestore.Problem) { t.Errorf("%s: %v", when, p) })
	} else {
		trash, stored = walkedStats(t, a.dir)
	}
	if st.Trash != trash || st.StoredBytes != stored {
		t.Errorf("%s: Stats says %d in the Trash, %d bytes stored; a walk finds %d, %d", when, st.Trash, st.StoredBytes, trash, stored)
	}
	ids, _ := a.store.ids(docsDir)
	if st.Files != len(ids) {
		t.Errorf("%s: Stats says %d files, docs/ holds %d", when, st.Files, len(ids))
	}
}

// TestStatsKeptByWrites: the counts Stats gives without walking agree
// with a walk after imports, edits, moves to and from the Trash, emptying
// it, a pack import and a rebuild. In an archive of format 1 read as it
// is, the summary an earlier version's clean close saved is trusted, but
// not after a process that did not close the archive.
func TestStatsKeptByWrites(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "archive")
	open := func() *Archive {
		a, err := Open(dir, Options{Registry: testRegistry(t)})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a := open()
	requireStatsAgree(t, a, "empty")
	rep := importDocs(t, a, testDocs)
	requireStatsAgree(t, a, "imported")
	id := idOf(t, rep, "kh-quyet-tam.txt")
	if _, err := a.Edit(id, map[string]string{"title": "Một tiêu đề dài hơn nhiều so với tiêu đề cũ của văn bản"}); err != nil {
		t.Fatal(err)
	}
	requireStatsAgree(t, a, "edited")
	other := idOf(t, rep, "ct-dan-van.txt")
	if err := a.Delete(id, other); err != nil {
		t.Fatal(err)
	}
	requireStatsAgree(t, a, "deleted")
	if err := a.Undelete(other); err != nil {
		t.Fatal(err)
	}
	requireStatsAgree(t, a, "undeleted")
	if _, err := a.EmptyTrash(context.Background()); err != nil {
		t.Fatal(err)
	}
	requireStatsAgree(t, a, "trash emptied")
	importDocs(t, a, testDocs) // the emptied one comes back, the others are duplicates
	requireStatsAgree(t, a, "imported again")
	if err := a.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	requireStatsAgree(t, a, "rebuilt")
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}

	// An archive of format 1 (an earlier version's) read as it is: the
	// summary its clean close saved is trusted (a doctored one shows
	// through: Stats did not walk)...
	toFormat1(t, dir)
	path := filepath.Join(dir, summaryFile)
	c, err := (&store{dir: dir}).walkCounts()
	if err != nil {
		t.Fatal(err)
	}
	c.Trash = 7
	data, _ := json.Marshal(c)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ro, err := OpenReadOnly(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	if st, err := ro.Stats(context.Background()); err != nil || st.Trash != 7 {
		t.Errorf("Stats after a clean close = %+v, %v; want the saved counts (Trash 7)", st, err)
	}
	ro.Close()
	// ...but not after a process that did not close the archive (its
	// mark left behind): the folders are walked.
	if err := os.WriteFile(filepath.Join(dir, dirtyFile), []byte("killed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ro, err = OpenReadOnly(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	requireStatsAgree(t, ro, "read-only after a kill")
	ro.Close()
	a = open()
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the summary of format 1 stays after Open migrated the archive: %v", err)
	}
	requireStatsAgree(t, a, "migrated")
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	a = open()
	defer a.Close()
	requireStatsAgree(t, a, "closed cleanly again")
}
