package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
)

func TestDeleteAndRestore(t *testing.T) {
	h := newHarness(t, true)
	all := h.v.results.total
	d := h.openFirst("so:112/TB-UBND")
	h.v.deleteDocuments(d.ID)
	h.settle(func() bool { return h.idle() && h.v.reader.doc == nil })
	h.search("")
	if h.v.results.total != all-1 {
		t.Fatalf("after delete %d of %d", h.v.results.total, all)
	}

	tv := h.v.showTrash()
	h.settle(func() bool { return len(tv.loaded) > 0 })
	<-tv.loaded
	if len(tv.items) != 1 || tv.items[0].ID != d.ID {
		t.Fatalf("trash holds %v", tv.items)
	}
	if tv.restoreAll.Disabled() || tv.empty.Disabled() {
		t.Error("with a document in the Trash, Khôi phục tất cả or Dọn sạch Thùng rác is greyed")
	}
	tv.onRestore(d.ID)
	h.settle(func() bool { return len(tv.loaded) > 0 && h.idle() })
	<-tv.loaded
	if len(tv.items) != 0 {
		t.Errorf("trash still holds %d", len(tv.items))
	}
	// An empty Trash's buttons look as they are: of no use (they were
	// bright, the red one too, seen under Xvfb, session 18).
	if !tv.restoreAll.Disabled() || !tv.empty.Disabled() {
		t.Error("with the Trash empty, Khôi phục tất cả or Dọn sạch Thùng rác is not greyed")
	}
	h.settle(func() bool { return h.idle() && h.v.results.total == all })

	// Delete again: the open Trash shows it at once. Empty it for good.
	h.v.deleteDocuments(d.ID)
	h.settle(func() bool { return h.idle() && h.v.results.total == all-1 && len(tv.items) == 1 })
	tv.emptyNow()
	h.settle(func() bool { return len(tv.items) == 0 })
	if _, err := h.arc.Get(d.ID); err == nil {
		t.Error("the emptied document is still there")
	}
}

// TestUndoFollowsTheTrash: a deletion restored or emptied from the Trash
// window can no longer be undone from the main window, whose button would
// otherwise say the restored document was not found.
func TestUndoFollowsTheTrash(t *testing.T) {
	h := newHarness(t, true)
	d := h.openFirst("so:112/TB-UBND")
	h.v.deleteDocuments(d.ID)
	h.settle(func() bool { return h.idle() && !h.v.search.undo.Hidden })

	tv := h.v.showTrash()
	h.settle(func() bool { return h.idle() && len(tv.items) == 1 })
	tv.onRestore(d.ID)
	h.settle(func() bool { return h.idle() && len(tv.items) == 0 })
	if !h.v.search.undo.Hidden || len(h.v.search.deleted) != 0 {
		t.Errorf("after restoring from the Trash the undo button still offers %v", h.v.search.deleted)
	}

	h.v.deleteDocuments(d.ID)
	h.settle(func() bool { return h.idle() && !h.v.search.undo.Hidden && len(tv.items) == 1 })
	tv.emptyNow()
	h.settle(func() bool { return h.idle() && len(tv.items) == 0 })
	if !h.v.search.undo.Hidden || len(h.v.search.deleted) != 0 {
		t.Errorf("after emptying the Trash the undo button still offers %v", h.v.search.deleted)
	}
}

// TestTrashCloses: the Trash window closes by its own button and by
// Escape, but Escape with a dialog open in it is the dialog's (usertest
// finding 7).
func TestTrashCloses(t *testing.T) {
	h := newHarness(t, true)
	open := func() bool { _, ok := findWindow[*trashView](h.s); return ok }
	tv := h.v.showTrash()
	test.Tap(tv.closeBtn)
	if open() {
		t.Error("the Đóng button left the Trash open")
	}
	tv = h.v.showTrash()
	escape := func() { tv.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) }
	dialog.ShowInformation("x", "y", tv.w)
	escape()
	if !open() {
		t.Error("Escape closed the Trash under a dialog")
	}
	clearOverlays(tv.w)
	escape()
	if open() {
		t.Error("Escape left the Trash open")
	}
}

// TestDeletingTheOnlyResultSaysWhereItWent: a search emptied by a deletion
// says, under the undo button, that the document went to the Trash and
// how to bring it back, not to try other words (usertest s23: "Không tìm
// thấy văn bản nào. Hãy bớt từ, gõ không dấu, hoặc bỏ bộ lọc." stood
// beside "Đã chuyển vào Thùng rác. Hoàn tác"); once undoing is no longer
// offered, an empty search gives the advice again.
func TestDeletingTheOnlyResultSaysWhereItWent(t *testing.T) {
	h := newHarness(t, true)
	const q = "so:112/TB-UBND"
	d := h.openFirst(q)
	if h.v.results.total != 1 {
		t.Fatalf("%q finds %d documents, want 1", q, h.v.results.total)
	}
	h.v.deleteDocuments(d.ID)
	h.settle(func() bool { return h.idle() && !h.v.search.undo.Hidden && h.v.results.total == 0 })
	e := h.v.results.empty
	if e.Hidden || !strings.Contains(e.Text, "Thùng rác") || !strings.Contains(e.Text, "Hoàn tác") {
		t.Errorf("the emptied search says %q (shown: %v), want where the document went and how to undo", e.Text, !e.Hidden)
	}

	// Typing hides the undo: the same search then finds nothing for the
	// usual reasons.
	h.search("tb-ubnd-khong-co")
	h.search(q)
	if !h.v.search.undo.Hidden || h.v.results.total != 0 {
		t.Fatalf("after typing: undo shown %v, %d found", !h.v.search.undo.Hidden, h.v.results.total)
	}
	if e.Hidden || strings.Contains(e.Text, "Thùng rác") {
		t.Errorf("with no undo offered the empty search says %q (shown: %v)", e.Text, !e.Hidden)
	}
}
