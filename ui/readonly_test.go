package ui

import (
	"fmt"
	"slices"
	"strings"
	"syscall"
	"testing"

	"fyne.io/fyne/v2"

	"khovanban/index"
	"khovanban/index/classify"
	"khovanban/ui/messages"
)

// openReadOnlyHarness opens a real archive (the samples, one of them in
// the Trash) the way the window does when the disk takes no writes: Open
// fails with EROFS and the window falls back to index.OpenReadOnly.
func openReadOnlyHarness(t *testing.T) *harness {
	t.Helper()
	dir := newArchive(t, true, nil, true)
	s, queue := newSessionHarness(t)
	s.open = func(string, index.Options) (*index.Archive, error) {
		return nil, fmt.Errorf("write index.open: %w", syscall.EROFS)
	}
	s.openArchive(dir)
	drain(t, queue, func() bool { return s.view != nil && s.view.state.shown == s.view.state.gen && !s.view.state.pending })
	if !s.arc.ReadOnly() {
		t.Fatal("the archive opened for writing")
	}
	clearOverlays(s.win) // the dialog that says why
	return &harness{t: t, app: s.app, win: s.win, arc: s.arc, s: s, v: s.view, queue: queue}
}

// TestReadOnlyArchiveActions: over an archive opened for reading only, a
// strip at the top says so for as long as it is open, and every action
// that would change it is disabled or refused at once, before any form or
// picker opens: nothing typed is lost to a refusal at Lưu (usertest
// session 7). Over a writable archive there is no strip.
func TestReadOnlyArchiveActions(t *testing.T) {
	h := openReadOnlyHarness(t)
	v := h.v
	if v.readOnlyText == nil || !slices.Contains(allTexts(t, v.win.Canvas().Content()), "Kho chỉ mở để xem: không ghi được vào ổ đĩa. Chưa nhập, sửa hay xóa được.") {
		t.Errorf("no read-only strip: %q", allTexts(t, v.win.Canvas().Content()))
	}
	doc := h.openFirst("")
	v.results.setMarked([]index.Summary{{ID: doc.ID}})
	tv := v.showTrash()
	h.settle(func() bool { return len(tv.loaded) > 0 })
	<-tv.loaded
	cw := v.showCategories()
	tab := cw.tabs[classify.Campaign]
	h.settle(func() bool { return len(tab.items) > 0 })
	tab.list.Select(0)

	var imp *tabButton
	for _, f := range v.toolbar {
		if b, ok := f.(*tabButton); ok && b.Text == "Nhập" {
			imp = b
		}
	}
	disabled := []struct {
		name string
		d    fyne.Disableable
	}{
		{"toolbar Nhập", imp},
		{"reader Sửa thông tin", v.reader.edit},
		{"reader Xóa", v.reader.del},
		{"selection Sửa thông tin…", v.bulk.edit},
		{"selection Xóa", v.bulk.trash},
		{"campaign rules", tab.rules},
	}
	for _, c := range disabled {
		if c.d == nil || !c.d.Disabled() {
			t.Errorf("%s is not disabled", c.name)
		}
	}

	menu := map[string]func(){}
	for _, m := range v.mainMenu().Items {
		for _, it := range m.Items {
			menu[it.Label] = it.Action
		}
	}
	main, trashW, catW := v.win, tv.w, cw.w
	refused := []struct {
		name string
		w    fyne.Window
		do   func()
	}{
		{"menu Nhập tệp…", main, menu["Nhập tệp…"]},
		{"menu Nhập thư mục…", main, menu["Nhập thư mục…"]},
		{"menu Nhập văn bản mẫu", main, menu["Nhập văn bản mẫu"]},
		{"menu Nhập gói văn bản…", main, menu["Nhập gói văn bản…"]},
		{"menu Xây dựng lại chỉ mục tìm kiếm", main, menu["Xây dựng lại chỉ mục tìm kiếm"]},
		{"toolbar Nhập tapped anyway", main, imp.OnTapped},
		{"Ctrl+O", main, func() { v.onImportFiles() }},
		{"files dropped", main, func() { v.onDropped(fyne.NewPos(0, 0), nil); v.startImport([]string{t.TempDir()}, nil) }},
		{"reader Sửa thông tin", main, v.reader.onEdit},
		{"reader Xóa", main, v.reader.onDelete},
		{"selection Sửa thông tin…", main, v.onBulkEdit},
		{"selection Xóa", main, v.onBulkDelete},
		{"Hoàn tác xóa", main, v.onUndoDelete},
		{"Trash Khôi phục", trashW, func() { tv.onRestore(tv.items[0].ID) }},
		{"Trash Khôi phục tất cả", trashW, tv.onRestoreAll},
		{"Trash Dọn sạch", trashW, tv.onEmpty},
		{"campaign Thêm…", catW, tab.onAdd},
		{"campaign Đổi tên…", catW, tab.onRename},
		{"campaign Gộp vào…", catW, tab.onMerge},
		{"campaign Xóa", catW, tab.onDelete},
		{"campaign Lưu quy tắc", catW, tab.onSaveRules},
	}
	want := messages.Error(index.ErrReadOnly)
	for _, c := range refused {
		if c.do == nil {
			t.Errorf("%s: no such action", c.name)
			continue
		}
		clearOverlays(c.w)
		c.do()
		o := c.w.Canvas().Overlays()
		if top := o.Top(); top == nil || len(o.List()) != 1 || !slices.Contains(allTexts(t, top), want) {
			var texts []string
			for _, x := range o.List() {
				texts = append(texts, strings.Join(allTexts(t, x), " | "))
			}
			t.Errorf("%s over a read-only archive shows %q, not only the refusal", c.name, texts)
		}
		clearOverlays(c.w)
	}
	if v.importing != nil {
		t.Error("an import started")
	}
	if _, err := h.arc.Get(doc.ID); err != nil {
		t.Errorf("the document: %v", err)
	}
}

// TestWritableArchiveHasNoReadOnlyStrip: over a writable archive nothing
// says it is read-only and the actions are enabled.
func TestWritableArchiveHasNoReadOnlyStrip(t *testing.T) {
	h := newHarness(t, true)
	h.openFirst("")
	if h.arc.ReadOnly() || h.v.readOnlyText != nil {
		t.Error("a writable archive is shown as read-only")
	}
	for _, x := range allTexts(t, h.win.Canvas().Content()) {
		if strings.Contains(x, "chỉ mở để xem") {
			t.Errorf("a writable archive says %q", x)
		}
	}
	if h.v.reader.edit.Disabled() || h.v.reader.del.Disabled() || h.v.bulk.edit.Disabled() {
		t.Error("an action is disabled over a writable archive")
	}
}
