package index

import (
	"context"
	"slices"
	"testing"

	"khovanban/index/internal/archivestore"
)

// TestImportAgainKeepsTrashedEdits: a person corrects a document's title,
// files it under a campaign of their own and writes a note, deletes it by
// mistake, then imports the same file again to get it back (the import
// takes it out of the Trash). The document imported is the one they had:
// their title, campaign and note, found by the title they typed. Before,
// it was the automatic reading, and the Trash no longer held their
// version: every correction lost.
func TestImportAgainKeepsTrashedEdits(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	// Another document, so that the second import is not into an empty archive alone.
	importDocs(t, a, distinctDocs(1, 31))
	id := idOf(t, importDocs(t, a, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"]}), "kh.txt")
	edits := map[string]string{FieldTitle: "Tên do người sửa riêng", FieldNotes: "ghi chú quan trọng", FieldCampaigns: "Xây dựng nông thôn mới"}
	if _, err := a.Edit(id, edits); err != nil {
		t.Fatal(err)
	}
	if err := a.Delete(id); err != nil {
		t.Fatal(err)
	}
	rep := importDocs(t, a, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"]})
	if rep.Added != 1 || rep.Items[0].Title != edits[FieldTitle] {
		t.Errorf("imported again: %+v", rep.Items)
	}
	d, err := a.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	for f, v := range edits {
		if d.Value(f) != v || !d.SetByPerson(f) {
			t.Errorf("imported again after deletion: %s %q (by person %v), want %q", f, d.Value(f), d.SetByPerson(f), v)
		}
	}
	if trash, _ := a.Trash(); len(trash) != 0 {
		t.Errorf("%d in the Trash", len(trash))
	}
	res, err := a.Search(ctx, Request{Query: "người sửa riêng"})
	if err != nil || !slices.ContainsFunc(res.Hits, func(h Hit) bool { return h.ID == id }) {
		t.Errorf("not found by the title typed: %v", err)
	}
}

// TestUndeleteKeepsTheLiveDocument: a document both live and in the
// Trash (an archive restored from a backup that held both, or left so by
// a format-1 kill; Check says LiveAndTrash). The person edits the live
// one, then brings the trashed one back from the Trash. The live document
// keeps their edit and takes what they had set on the trashed one only
// where it has nothing of theirs; the Trash no longer holds it and Check
// is clean. Before, the trashed copy replaced the live one: the edit lost.
func TestUndeleteKeepsTheLiveDocument(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	id := idOf(t, importDocs(t, a, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"]}), "kh.txt")
	// The trashed copy: the person's title and notes of an earlier day.
	old, err := a.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if err := applyEdits(old, map[string]string{FieldTitle: "Tên cũ", FieldNotes: "ghi chú cũ"}, nil); err != nil {
		t.Fatal(err)
	}
	meta, _ := encodeMeta(old)
	if _, err := a.store.vol.commit(nil, func(tx *archivestore.Tx) error {
		return tx.PutDoc(archivestore.Trash, id, meta, old.Text, old.Hash)
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Edit(id, map[string]string{FieldNotes: "ghi chú mới của hôm nay"}); err != nil {
		t.Fatal(err)
	}
	if err := a.Undelete(id); err != nil {
		t.Fatal(err)
	}
	d, err := a.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Notes != "ghi chú mới của hôm nay" || d.Title != "Tên cũ" {
		t.Errorf("brought back over the live one: notes %q, title %q", d.Notes, d.Title)
	}
	if trash, _ := a.Trash(); len(trash) != 0 {
		t.Errorf("%d left in the Trash", len(trash))
	}
	if cr, err := a.Check(ctx, nil); err != nil || len(cr.Problems) != 0 {
		t.Errorf("check: %+v %v", cr, err)
	}
	res, err := a.Search(ctx, Request{Query: "Tên cũ"})
	if err != nil || !slices.ContainsFunc(res.Hits, func(h Hit) bool { return h.ID == id && h.Title == "Tên cũ" }) {
		t.Errorf("not found as it is now: %v", err)
	}
}
