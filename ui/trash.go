package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/ui/messages"
)

// deleteDocuments moves documents to the Trash and offers to undo it.
func (v *view) deleteDocuments(ids ...string) {
	v.spawn(func() {
		err := v.arc.Delete(ids...)
		v.do(func() {
			if err != nil {
				v.showError(err)
				return
			}
			if d := v.reader.doc; d != nil && (slices.Contains(ids, d.ID) || slices.ContainsFunc(v.reader.twins, func(t index.Twin) bool { return slices.Contains(ids, t.ID) })) {
				v.reader.clear()
			}
			req := v.results.req
			v.results.setDeletedFrom(&req)
			v.runSearch()
			v.reloadTrash()
			v.search.deleted = ids
			v.search.undo.SetText(lang.L("Đã chuyển vào Thùng rác. Hoàn tác"))
			v.search.undo.Show()
		})
	})
}

// onUndoDelete brings back what was deleted last.
func (v *view) onUndoDelete() {
	if v.refuseReadOnly() {
		return
	}
	ids := v.search.deleted
	v.search.deleted = nil
	v.search.undo.Hide()
	v.results.setDeletedFrom(nil)
	if len(ids) == 0 {
		return
	}
	v.spawn(func() {
		err := v.arc.Undelete(ids...)
		v.do(func() {
			if err != nil {
				v.showError(err)
				return
			}
			v.runSearch()
			v.reloadTrash()
			v.openDocument(ids[0])
		})
	})
}

// forgetDeleted drops documents restored or removed for good from the
// Trash window from what the main window's undo button brings back; the
// button goes when nothing is left to undo.
func (v *view) forgetDeleted(ids ...string) {
	b := v.search
	b.deleted = slices.DeleteFunc(b.deleted, func(id string) bool { return ids == nil || slices.Contains(ids, id) })
	if len(b.deleted) == 0 {
		b.deleted = nil
		b.undo.Hide()
		v.results.setDeletedFrom(nil)
	}
}

// forgetRestored drops from what the undo button brings back the
// documents no longer in the Trash (trashed lists it): restored from the
// Trash window, with their twins, they are back already.
func (v *view) forgetRestored(trashed []index.Summary) {
	var gone []string
	for _, id := range v.search.deleted {
		if !slices.ContainsFunc(trashed, func(s index.Summary) bool { return s.ID == id }) {
			gone = append(gone, id)
		}
	}
	if len(gone) > 0 {
		v.forgetDeleted(gone...)
	}
}

// reloadTrash shows the change in the Trash window, when it is open.
func (v *view) reloadTrash() {
	if t, ok := findWindow[*trashView](v.s); ok {
		t.load()
	}
}

// trashView lists deleted documents to restore, or empties the Trash.
type trashView struct {
	v      *view // nil while the archive is being changed
	w      fyne.Window
	keys   *dialogKeys // the session's (dialogkeys.go)
	items  []trashItem
	list   *widget.List
	status *widget.Label
	// restoreAll and empty do nothing with nothing in the Trash, and look
	// so then (load).
	restoreAll *widget.Button
	empty      *widget.Button
	// closeBtn closes the window.
	closeBtn *widget.Button
	loaded   chan struct{} // receives after each load (tests wait on it)
}

// onShowTrash opens the Trash in its own window.
func (v *view) onShowTrash() { v.showTrash() }

// showTrash opens the Trash, or brings it to the front when it is open.
func (v *view) showTrash() *trashView {
	return showWindow(v.s, lang.L("Thùng rác"), fyne.NewSize(820, 560), func(w fyne.Window) *trashView {
		return &trashView{w: w, keys: &v.s.keys, loaded: make(chan struct{}, 8)}
	})
}

func (t *trashView) window() fyne.Window { return t.w }

// attach shows the Trash of v's archive.
func (t *trashView) attach(v *view) {
	clearOverlays(t.w)
	t.v = v
	t.items = nil
	t.w.SetTitle(lang.L("Thùng rác"))
	t.status = widget.NewLabel("")
	t.list = widget.NewList(func() int { return len(t.items) },
		func() fyne.CanvasObject { return newTrashRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			it := t.items[i]
			o.(*trashRow).set(it, func() { t.onRestore(it.ID) })
		})
	// Buttons that Enter presses, as Space does.
	restoreAll := newDialogButton(lang.L("Khôi phục tất cả"), theme.ContentUndoIcon(), t.onRestoreAll)
	empty := newDialogButton(lang.L("Dọn sạch Thùng rác"), theme.DeleteIcon(), t.onEmpty)
	t.empty, t.restoreAll = &empty.Button, &restoreAll.Button
	t.empty.Importance = widget.DangerImportance
	hint := widget.NewLabel(lang.L("Văn bản đã xóa nằm ở đây cho đến khi dọn sạch Thùng rác."))
	hint.TextStyle.Italic = true
	// A way out in the window itself, for a screen where it covers the main
	// window and no title bar shows (Escape closes it too).
	closeBtn := newDialogButton(lang.L("Đóng"), theme.CancelIcon(), t.w.Close)
	t.closeBtn = &closeBtn.Button
	top := container.NewVBox(hint, container.NewBorder(nil, nil, nil, closeBtn, container.NewHBox(restoreAll, empty)), t.status)
	t.w.SetContent(container.NewBorder(top, nil, nil, nil, t.list))
	t.load()
}

// detach empties the window while the archive is being changed.
func (t *trashView) detach() {
	clearOverlays(t.w)
	t.v = nil
	t.items = nil
	t.w.SetContent(detachedContent())
}

func (t *trashView) load() {
	v := t.v
	if v == nil {
		return
	}
	v.spawn(func() {
		items, err := v.arc.Trash()
		v.do(func() {
			if t.v != v {
				return // the archive changed meanwhile
			}
			if err != nil {
				t.status.SetText(messages.Error(err))
			} else {
				t.items = trashItems(items)
				v.forgetRestored(items)
				t.status.SetText(lang.L("{{.Count}} văn bản trong Thùng rác", map[string]any{"Count": formatCount(len(t.items))}))
			}
			for _, b := range []*widget.Button{t.restoreAll, t.empty} {
				if len(t.items) == 0 {
					b.Disable()
				} else {
					b.Enable()
				}
			}
			t.list.Refresh()
			t.loaded <- struct{}{}
		})
	})
}

func (t *trashView) onRestore(ids ...string) {
	v := t.v
	if v == nil || v.refuseReadOnlyIn(t.w) {
		return
	}
	v.spawn(func() {
		err := v.arc.Undelete(ids...)
		v.do(func() {
			if t.v != v {
				return
			}
			if err != nil {
				t.status.SetText(messages.Error(err))
				return
			}
			v.forgetDeleted(ids...)
			v.runSearch()
			t.load()
		})
	})
}

func (t *trashView) onRestoreAll() {
	var ids []string
	for _, it := range t.items {
		ids = append(ids, it.ID) // with its twins: Undelete brings them
	}
	if len(ids) > 0 {
		t.onRestore(ids...)
	}
}

// onEmpty removes the deleted documents for good, after asking.
func (t *trashView) onEmpty() {
	if len(t.items) == 0 || t.v == nil || t.v.refuseReadOnlyIn(t.w) {
		return
	}
	v := t.v
	d := dialog.NewConfirm(lang.L("Dọn sạch Thùng rác"),
		messages.N("Xóa hẳn {{.Count}} văn bản? Không thể khôi phục lại được nữa.", len(t.items), map[string]any{"Count": formatCount(len(t.items))}),
		func(ok bool) {
			if ok && t.v == v {
				t.emptyNow()
			}
		}, t.w)
	d.SetConfirmText(lang.L("Xóa hẳn"))
	d.SetDismissText(lang.L("Không"))
	d.SetConfirmImportance(widget.DangerImportance)
	t.keys.show(t.w, d, nil, nil)
}

func (t *trashView) emptyNow() {
	v := t.v
	if v == nil {
		return
	}
	v.spawn(func() {
		_, err := v.arc.EmptyTrash(v.ctx)
		v.do(func() {
			if t.v != v {
				return
			}
			if err != nil {
				t.status.SetText(messages.Error(err))
			} else {
				v.forgetDeleted() // gone for good
			}
			t.load()
		})
	})
}

// trashRow is one deleted document with its Restore button.
type trashRow struct {
	widget.BaseWidget
	title   *widget.Label
	meta    *widget.Label
	restore *dialogButton
}

func newTrashRow() *trashRow {
	r := &trashRow{title: widget.NewLabel(""), meta: widget.NewLabel("")}
	r.title.TextStyle.Bold = true
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.meta.Truncation = fyne.TextTruncateEllipsis
	r.meta.TextStyle.Italic = true
	r.restore = newDialogButton(lang.L("Khôi phục"), theme.ContentUndoIcon(), nil)
	r.ExtendBaseWidget(r)
	return r
}

func (r *trashRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, container.NewCenter(r.restore), container.NewVBox(r.title, r.meta)))
}

func (r *trashRow) set(it trashItem, onRestore func()) {
	r.title.SetText(it.Title)
	meta := summaryLine(it.Summary)
	if it.files > 1 {
		meta += " · " + messages.N("{{.Count}} tệp cùng nội dung", it.files, map[string]any{"Count": formatCount(it.files)})
	}
	r.meta.SetText(meta)
	r.restore.OnTapped = onRestore
}

// trashItem is a row of the Trash: a document, with the other formats of
// its twin group that are there too, as the results show them.
type trashItem struct {
	index.Summary
	files int // the group's files in the Trash
}

// trashItems makes one row of each twin group, where its first member in
// the list stands, keeping the list's order.
func trashItems(list []index.Summary) []trashItem {
	var items []trashItem
	at := map[string]int{} // twin group → its row
	for _, s := range list {
		if s.TwinOf != "" {
			if i, ok := at[s.TwinOf]; ok {
				items[i].files++
				continue
			}
			at[s.TwinOf] = len(items)
		}
		items = append(items, trashItem{Summary: s, files: 1})
	}
	return items
}
