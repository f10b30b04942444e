package archivestore

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestLinkedWhileOpenNotWritten: the volume commits append to and the
// catalog are linked to another folder while the store is open (a backup
// tool linking the live archive). The next commit, and a rolled-back
// transaction, leave the linked volume as it was: the commit goes to a
// new volume. Reopened, the catalog is a file of its own, and the linked
// one stays as it was too. Every document reads whole.
func TestLinkedWhileOpenNotWritten(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	s := openTest(t, dir, Options{})
	a := makeDoc(1)
	putDocs(t, s, a)
	vol := filepath.Join(dir, VolumesDir, "000001.vol")
	linked := filepath.Join(other, "000001.vol")
	if err := os.Link(vol, linked); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	kept, _ := os.ReadFile(linked)

	tx, _ := s.Begin()
	b := makeDoc(2)
	tx.PutOriginal(b.hash, b.original)
	tx.PutDoc(Live, b.id, nil, b.text, b.hash)
	tx.Rollback()
	c := makeDoc(3)
	putDocs(t, s, c)
	if now, _ := os.ReadFile(linked); !bytes.Equal(now, kept) {
		t.Fatalf("the linked volume changed: %d bytes, was %d", len(now), len(kept))
	}
	if got := s.Volumes(); len(got) != 2 {
		t.Errorf("volumes %v: the commit was to go to a new one", got)
	}

	catalog := filepath.Join(dir, CatalogFile)
	linkedCatalog := filepath.Join(other, CatalogFile)
	s.Close()
	if err := os.Link(catalog, linkedCatalog); err != nil {
		t.Fatal(err)
	}
	keptCatalog, _ := os.ReadFile(linkedCatalog)
	s = openTest(t, dir, Options{})
	putDocs(t, s, makeDoc(4))
	if Shared(catalog) {
		t.Error("reopened, the catalog still has other names")
	}
	if now, _ := os.ReadFile(linked); !bytes.Equal(now, kept) {
		t.Error("the linked volume changed after reopening")
	}
	if now, _ := os.ReadFile(linkedCatalog); !bytes.Equal(now, keptCatalog) {
		t.Error("the linked catalog changed")
	}
	checkDoc(t, s, Live, a)
	checkDoc(t, s, Live, c)
	requireClean(t, s)
}
