package index

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"khovanban/index/internal/archivestore"
)

// TestVolumeStoreReads: a migrated archive answers as its format-1 files
// did: metadata with and without the text, the text a piece at a time,
// the original (and a file of it for another program), ids and counts.
func TestVolumeStoreReads(t *testing.T) {
	dir, docs := makeFormat1Archive(t, 25)
	if _, err := migrateToVolumes(dir, nil); err != nil {
		t.Fatal(err)
	}
	v, err := openVolumeStore(dir, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer v.close()
	var live, trash []string
	var textBytes int64
	for _, f := range docs {
		want, _ := json.Marshal(f.doc)
		d, err := v.getIn(f.sub, f.doc.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := json.Marshal(d); !bytes.Equal(got, want) {
			t.Fatalf("%s:\n%s\nwant\n%s", f.doc.ID, got, want)
		}
		textBytes += int64(len(f.doc.Text))
		if f.sub == trashDir {
			trash = append(trash, f.doc.ID)
			if !v.inTrash(f.doc.ID) || v.hasDoc(f.doc.ID) {
				t.Fatalf("%s not in the Trash alone", f.doc.ID)
			}
			if _, err := v.getDoc(f.doc.ID); !errors.Is(err, ErrNotFound) {
				t.Fatalf("a document in the Trash read as live: %v", err)
			}
			continue
		}
		live = append(live, f.doc.ID)
		head, err := v.getHead(f.doc.ID)
		if err != nil || head.Text != "" || head.Title != f.doc.Title {
			t.Fatalf("head of %s: %v", f.doc.ID, err)
		}
		h, err := v.openHead(f.doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		pieces, err := h.newText()
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for {
			p, err := pieces.next(300)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(p) > 300+4<<10 {
				t.Fatalf("a piece of %d bytes", len(p))
			}
			text.WriteString(p)
		}
		h.Close()
		if text.String() != f.doc.Text {
			t.Fatalf("%s read in pieces differs", f.doc.ID)
		}
		path, err := v.originalFile(&f.doc, filepath.Join(t.TempDir(), "open"))
		if err != nil {
			t.Fatal(err)
		}
		if data, _ := os.ReadFile(path); !bytes.Equal(data, f.original) || !strings.HasSuffix(path, "."+f.doc.Format) {
			t.Fatalf("original file %s differs", path)
		}
	}
	slices.Sort(live)
	slices.Sort(trash)
	gotLive, _ := v.ids(docsDir)
	gotTrash, _ := v.ids(trashDir)
	if !slices.Equal(gotLive, live) || !slices.Equal(gotTrash, trash) {
		t.Fatalf("ids %v %v, want %v %v", gotLive, gotTrash, live, trash)
	}
	c := v.counts()
	if c.Docs != int64(len(live)) || c.Trash != int64(len(trash)) || c.Originals != int64(len(docs)) || c.DocBytes != textBytes {
		t.Fatalf("counts %+v", c)
	}
}

// TestVolumeStoreWrites: a document imported again while in the Trash
// leaves it in the same commit; the commit marks its ids unindexed; a
// forged format in the catalog is refused when read.
func TestVolumeStoreWrites(t *testing.T) {
	dir, docs := makeFormat1Archive(t, 10)
	if _, err := migrateToVolumes(dir, nil); err != nil {
		t.Fatal(err)
	}
	v, err := openVolumeStore(dir, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer v.close()
	var trashed format1Doc
	for _, f := range docs {
		if f.sub == trashDir {
			trashed = f
		}
	}
	d := trashed.doc
	d.Title = "Nhập lại"
	seq, err := v.commit([]string{d.ID}, func(tx *archivestore.Tx) error { return v.putDoc(tx, &d, trashed.original) })
	if err != nil {
		t.Fatal(err)
	}
	if v.inTrash(d.ID) || !v.hasDoc(d.ID) {
		t.Fatal("imported again, still in the Trash")
	}
	got, err := v.getDoc(d.ID)
	if err != nil || got.Title != "Nhập lại" || got.Text != d.Text {
		t.Fatalf("imported again: %v", err)
	}
	ids, marks, _ := v.unindexed()
	if !slices.Equal(ids, []string{d.ID}) || marks[d.ID] != seq {
		t.Fatalf("unindexed %v %v", ids, marks)
	}
	if err := v.st.ClearUnindexed(ids, seq); err != nil {
		t.Fatal(err)
	}
	// A forged format, as a damaged or hostile catalog could hold.
	forged := d
	forged.Format = "x/../../victim"
	_, err = v.commit(nil, func(tx *archivestore.Tx) error {
		meta, _ := json.Marshal(&forged)
		tx.SetMeta(archivestore.Live, d.ID, meta)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.getHead(d.ID); !errors.Is(err, ErrDamaged) {
		t.Fatalf("a forged format read: %v", err)
	}
	if _, err := v.originalFile(&forged, t.TempDir()); !errors.Is(err, ErrDamaged) {
		t.Fatalf("a forged format written out: %v", err)
	}
}

// TestImportCompactsCatalog: an import that adds enough documents (here
// the threshold lowered to 2) puts a compacted copy of the catalog in
// its place (another file), under the open archive: its documents are
// read, searched and edited as before, and it passes Check; one that
// adds fewer than a quarter of the archive's does not.
func TestImportCompactsCatalog(t *testing.T) {
	was := catalogCompactMin
	catalogCompactMin = 2
	t.Cleanup(func() { catalogCompactMin = was })
	a := newTestArchive(t)
	path := filepath.Join(a.Dir(), archivestore.CatalogFile)
	first, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	rep := importDocs(t, a, testDocs)
	after, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if os.SameFile(first, after) {
		t.Error("the catalog was not compacted after the import")
	}
	if _, err := os.Stat(path + ".compact"); err == nil {
		t.Error("the compaction's copy was left")
	}
	for _, it := range rep.Items {
		if d, err := a.Get(it.ID); err != nil || d.Title == "" {
			t.Fatalf("%s after the compaction: %v", it.ID, err)
		}
	}
	id := idOf(t, rep, "kh-quyet-tam.txt")
	if _, err := a.Edit(id, map[string]string{"title": "Tiêu đề sau khi gọn sổ"}); err != nil {
		t.Fatal(err)
	}
	if res, err := a.Search(context.Background(), Request{Query: `"sau khi gọn sổ"`}); err != nil || res.Total != 1 {
		t.Errorf("search after the compaction: %v %+v", err, res)
	}
	// One document more into an archive of five: not compacted.
	importDocs(t, a, map[string]string{"x.txt": "Thông báo về lịch tiếp công dân tháng 12 của Ủy ban nhân dân xã."})
	if again, _ := os.Stat(path); !os.SameFile(after, again) {
		t.Error("the catalog was compacted after a small import")
	}
}
