package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/index/classify"
)

// typeKey types k on canvas c as Fyne's window does: to what has the
// keyboard, or when nothing has, to the canvas's handler; Tab moves on
// unless the one that has the keyboard takes it.
func typeKey(t *testing.T, c fyne.Canvas, k fyne.KeyName) {
	t.Helper()
	ev := &fyne.KeyEvent{Name: k}
	f := c.Focused()
	if tb, ok := f.(fyne.Tabbable); k == fyne.KeyTab && (!ok || !tb.AcceptsTab()) {
		c.FocusNext()
		return
	}
	if f != nil {
		f.TypedKey(ev)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// TestEnterAndEscapeInDialogs: in a message, a question and a form
// (dialogkeys.go) Enter does the main button's work and Escape the
// other's, with or without the keyboard in a field.
func TestEnterAndEscapeInDialogs(t *testing.T) {
	h := newHarness(t, false)
	c := h.win.Canvas()
	for _, tc := range []struct {
		name string
		key  fyne.KeyName
		want string // the answer given, "" for none
	}{
		{"message Enter", fyne.KeyReturn, "false"},
		{"message Escape", fyne.KeyEscape, "false"},
		{"question Enter", fyne.KeyReturn, "true"},
		{"question keypad Enter", fyne.KeyEnter, "true"},
		{"question Escape", fyne.KeyEscape, "false"},
		{"form Enter in field", fyne.KeyReturn, "true"},
		{"form Escape in field", fyne.KeyEscape, "false"},
		{"form Enter refused", fyne.KeyReturn, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			answer := func(ok bool) {
				got = map[bool]string{true: "true", false: "false"}[ok]
			}
			var d dialog.Dialog
			var first fyne.Focusable
			switch kind, _, _ := strings.Cut(tc.name, " "); kind {
			case "message":
				d = dialog.NewInformation("Đã sao lưu", "Đã sao lưu 3 văn bản", h.win)
				d.SetOnClosed(func() { answer(false) })
			case "question":
				d = dialog.NewConfirm("Xóa văn bản", "Chuyển vào Thùng rác?", answer, h.win)
			case "form":
				e := newDialogEntry()
				if strings.HasSuffix(tc.name, "refused") {
					e.Validator = func(string) error { return index.ErrReadOnly }
				}
				e.SetText("Tên")
				first = e
				d = dialog.NewForm("Thêm mới", "Thêm", "Hủy", []*widget.FormItem{widget.NewFormItem("Tên", e)}, answer, h.win)
			}
			h.s.keys.show(h.win, d, nil, first)
			if c.Focused() != first {
				t.Fatalf("the keyboard is in %T, want %T", c.Focused(), first)
			}
			typeKey(t, c, tc.key)
			if got != tc.want {
				t.Errorf("answer %q, want %q", got, tc.want)
			}
			if open := c.Overlays().Top() != nil; open != (tc.want == "") {
				t.Errorf("dialog still open: %v", open)
			}
			clearOverlays(h.win)
		})
	}
}

// TestKeysUnderAMessageStayInIt: Enter typed while "Đã sao lưu" is up
// closes it and opens no document behind it (usertest s13); Escape
// leaves the search as it is; the window's shortcuts wait too.
func TestKeysUnderAMessageStayInIt(t *testing.T) {
	h := newHarness(t, true)
	h.search("nêu gương")
	c := h.win.Canvas()
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEscape, fyne.KeyDown, fyne.KeyDelete, fyne.KeyF1} {
		h.s.showInfo("Đã sao lưu", "Đã sao lưu 3 văn bản", h.win)
		typeKey(t, c, k)
		h.settle(h.idle)
		if h.v.reader.doc != nil {
			t.Fatalf("%s under the message opened %q", k, h.v.reader.doc.Title)
		}
		if h.v.search.entry.Text != "nêu gương" {
			t.Errorf("%s under the message changed the search to %q", k, h.v.search.entry.Text)
		}
		clearOverlays(h.win)
	}
	// A shortcut of the menu, which Fyne runs wherever the keyboard is.
	h.openFirst("nêu gương")
	h.s.showInfo("Đã sao lưu", "Đã sao lưu 3 văn bản", h.win)
	info := c.Overlays().Top()
	menuAction(t, h.v, "Sửa thông tin văn bản…")()
	h.settle(h.idle)
	if c.Overlays().Top() != info {
		t.Error("Ctrl+E under a message opened the edit form over it")
	}
}

// menuAction is the action of the main menu's item labelled label.
func menuAction(t *testing.T, v *view, label string) func() {
	t.Helper()
	for _, m := range v.mainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it.Action
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

// TestEditFormKeys: the edit form opens with the keyboard in its first
// field; Tab down the fields scrolls each into view; Escape in a field
// closes the form, Enter in a one-line field saves it.
func TestEditFormKeys(t *testing.T) {
	h := newHarness(t, true)
	h.win.Resize(fyne.NewSize(1024, 600))
	d := h.openFirst("nêu gương")
	c := h.win.Canvas()
	f := h.v.showEdit(d)
	if c.Focused() == nil {
		t.Fatal("the edit form opens with the keyboard nowhere")
	}
	if e, ok := c.Focused().(*wheelEntry); !ok || &e.Entry != f.entries[index.FieldTitle] {
		t.Fatalf("the edit form opens with the keyboard in %T, not the title", c.Focused())
	}
	// Tab to the last field of the form: every one is in view.
	for range len(f.entries) - 1 {
		typeKey(t, c, fyne.KeyTab)
		o, ok := c.Focused().(fyne.CanvasObject)
		if !ok {
			t.Fatalf("Tab went to %T", c.Focused())
		}
		top := fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Y - fyne.CurrentApp().Driver().AbsolutePositionForObject(f.scroll).Y
		if top < 0 || top+o.Size().Height > f.scroll.Size().Height+1 {
			t.Errorf("%T at %.0f..%.0f is outside the form's %.0f pixels", o, top, top+o.Size().Height, f.scroll.Size().Height)
		}
	}
	if f.scroll.Offset.Y == 0 {
		t.Errorf("the form did not scroll (content %.0f high in %.0f)", f.scroll.Content.MinSize().Height, f.scroll.Size().Height)
	}
	typeKey(t, c, fyne.KeyEscape)
	if c.Overlays().Top() != nil {
		t.Fatal("Escape in a field left the form open")
	}

	f = h.v.showEdit(d)
	f.entries[index.FieldNumber].SetText("99-KH/ĐU")
	c.Focus(fieldBox(t, f, index.FieldNumber))
	typeKey(t, c, fyne.KeyReturn)
	h.settle(func() bool { return closed(f.saved) && h.idle() })
	if got, err := h.arc.Get(d.ID); err != nil || got.Number != "99-KH/ĐU" {
		t.Errorf("Enter saved %v %v", got.Number, err)
	}
}

// fieldBox is the widget of the edit form's field name, which takes the
// keyboard.
func fieldBox(t *testing.T, f *editForm, name string) fyne.Focusable {
	t.Helper()
	for _, b := range findAll[*dialogEntry](f.form) {
		if &b.Entry == f.entries[name] {
			return b
		}
	}
	t.Fatalf("no box for %s", name)
	return nil
}

// TestSettingsKeys: the settings open with the keyboard in the first
// list; Escape there closes them, Enter saves them.
func TestSettingsKeys(t *testing.T) {
	h := newHarness(t, false)
	c := h.win.Canvas()
	f := h.v.showSettings()
	if c.Focused() != f.language {
		t.Fatalf("the settings open with the keyboard in %T", c.Focused())
	}
	typeKey(t, c, fyne.KeyEscape)
	if c.Overlays().Top() != nil {
		t.Fatal("Escape left the settings open")
	}
	f = h.v.showSettings()
	f.size.SetSelectedIndex(3)
	typeKey(t, c, fyne.KeyReturn)
	h.settle(func() bool { return h.idle() && c.Overlays().Top() == nil }) // the sign of the change
	if got := loadSettings(h.app.Preferences()).TextScale; got != textScales[3] {
		t.Errorf("Enter saved text size %v", got)
	}
	// Tab to Hủy: Enter there presses it (Fyne's buttons take only Space).
	f = h.v.showSettings()
	f.size.SetSelectedIndex(0)
	for range 10 {
		if b, ok := c.Focused().(*dialogButton); ok && b.Text == "Hủy" {
			break
		}
		typeKey(t, c, fyne.KeyTab)
	}
	if b, ok := c.Focused().(*dialogButton); !ok || b.Text != "Hủy" {
		t.Fatalf("Tab did not reach Hủy: %T", c.Focused())
	}
	typeKey(t, c, fyne.KeyReturn)
	if top := c.Overlays().Top(); top != nil {
		t.Errorf("Enter on Hủy left %v open", allTexts(t, top))
	}
	if got := loadSettings(h.app.Preferences()).TextScale; got != textScales[3] {
		t.Errorf("Enter on Hủy saved text size %v", got)
	}
}

// TestNewCampaignKeys: the new-campaign form in the campaigns window opens
// with the keyboard in its name; Enter adds it; Escape in a question of
// that window closes the question, not the window.
func TestNewCampaignKeys(t *testing.T) {
	h := newHarness(t, false)
	cw := h.v.showCategories()
	tab := cw.tabs[classify.Campaign]
	h.settle(func() bool { return len(tab.items) > 0 })
	c := cw.w.Canvas()
	tab.onAdd()
	e, ok := c.Focused().(*dialogEntry)
	if !ok {
		t.Fatalf("the new-campaign form opens with the keyboard in %T", c.Focused())
	}
	e.SetText("Phong trào thử phím")
	typeKey(t, c, fyne.KeyReturn)
	h.settle(func() bool { return len(cw.changed) > 0 })
	if err := <-cw.changed; err != nil {
		t.Fatal(err)
	}
	h.settle(func() bool {
		return slices.ContainsFunc(tab.items, func(x index.CategoryCount) bool { return x.Name == "Phong trào thử phím" })
	})
	tab.list.Select(slices.IndexFunc(tab.items, func(x index.CategoryCount) bool { return x.Name == "Phong trào thử phím" }))
	tab.onDelete()
	c.Unfocus()
	typeKey(t, c, fyne.KeyEscape)
	if c.Overlays().Top() != nil || !slices.Contains(fyne.CurrentApp().Driver().AllWindows(), cw.w) {
		t.Errorf("Escape on the question: still open %v, window closed %v", c.Overlays().Top() != nil, !slices.Contains(fyne.CurrentApp().Driver().AllWindows(), cw.w))
	}
	typeKey(t, c, fyne.KeyEscape)
	if slices.Contains(fyne.CurrentApp().Driver().AllWindows(), cw.w) {
		t.Error("Escape with no dialog left the window open")
	}
}

// TestShortcutsListedAndWorking: the menus show the shortcuts, and
// Ctrl+E, Delete (asking first), Ctrl+W and F1 do what they say.
func TestShortcutsListedAndWorking(t *testing.T) {
	h := newHarness(t, true)
	shown := map[string]string{}
	for _, m := range h.v.mainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil {
				shown[it.Label] = it.Shortcut.ShortcutName()
			}
		}
	}
	for label, sc := range map[string]fyne.Shortcut{
		"Tìm văn bản": shortcutSearch, "Nhập tệp…": shortcutImport, "Thoát": shortcutQuit, "Hướng dẫn sử dụng": shortcutGuide,
		"Sửa thông tin văn bản…": shortcutEdit, "Chuyển vào Thùng rác…": shortcutDelete,
		"Đóng văn bản": shortcutClose, "Cách tìm kiếm": shortcutSearchHelp,
	} {
		if shown[label] != sc.ShortcutName() {
			t.Errorf("menu %q shows %q, want %q", label, shown[label], sc.ShortcutName())
		}
	}
	c := h.win.Canvas()
	d := h.openFirst("nêu gương")
	c.(fyne.Shortcutable).TypedShortcut(shortcutEdit)
	h.settle(h.idle)
	if top := c.Overlays().Top(); top == nil || !slices.ContainsFunc(allTexts(t, top), func(s string) bool { return strings.HasPrefix(s, "Sửa thông tin văn bản") }) {
		t.Fatal("Ctrl+E opened no edit form")
	}
	typeKey(t, c, fyne.KeyEscape)

	// F1 in the search box and on a button of the toolbar opens the
	// guide; Shift+F1 shows the search help, which Escape closes.
	for _, f := range []fyne.Focusable{h.v.search.entry, h.v.toolbar[len(h.v.toolbar)-1]} {
		c.Focus(f)
		typeKey(t, c, fyne.KeyF1)
		g, ok := findWindow[*guideWindow](h.s)
		if !ok || c.Overlays().Top() != nil {
			t.Fatalf("F1 in %T: guide open %v, dialog open %v", f, ok, c.Overlays().Top() != nil)
		}
		g.w.Close()
		h.s.keyModifiers = func() fyne.KeyModifier { return fyne.KeyModifierShift }
		typeKey(t, c, fyne.KeyF1)
		h.s.keyModifiers = func() fyne.KeyModifier { return 0 }
		if top := c.Overlays().Top(); top == nil || !slices.Contains(allTexts(t, top), "Cách tìm kiếm") {
			t.Fatalf("Shift+F1 in %T showed no help", f)
		}
		typeKey(t, c, fyne.KeyEscape)
	}

	// Delete in the results asks; Enter moves the document to the Trash.
	h.v.results.list.keys.focus(h.v.results.list)
	typeKey(t, c, fyne.KeyDelete)
	if c.Overlays().Top() == nil {
		t.Fatal("Delete asked nothing")
	}
	typeKey(t, c, fyne.KeyReturn)
	h.settle(func() bool {
		trash, _ := h.arc.Trash()
		return len(trash) == 1 && h.idle()
	})
	if trash, _ := h.arc.Trash(); trash[0].ID != d.ID {
		t.Errorf("Delete trashed %q, want %q", trash[0].ID, d.ID)
	}

	// Ctrl+W closes the open document.
	h.openFirst("nêu gương")
	c.(fyne.Shortcutable).TypedShortcut(shortcutClose)
	if h.v.reader.doc != nil {
		t.Error("Ctrl+W left the document open")
	}
}

// TestEnterOnFocusedButtons: in Fyne's own dialogs (a message, a
// question, a form, a custom one), Tab reaches each button and Enter
// presses it, as Space does; a form's confirm button follows its
// validation.
func TestEnterOnFocusedButtons(t *testing.T) {
	h := newHarness(t, false)
	c := h.win.Canvas()
	for _, tc := range []struct {
		name, button, want string
	}{
		{"message", "Đồng ý", "closed"},
		{"question", "Không", "false"},
		{"question", "Có", "true"},
		{"form", "Hủy", "false"},
		{"form", "Thêm", "true"},
		{"custom", "Đóng", "closed"},
	} {
		t.Run(tc.name+" "+tc.button, func(t *testing.T) {
			got := ""
			answer := func(ok bool) { got = map[bool]string{true: "true", false: "false"}[ok] }
			var d dialog.Dialog
			var name *dialogEntry
			switch tc.name {
			case "message":
				d = dialog.NewInformation("Đã sao lưu", "Đã sao lưu 3 văn bản", h.win)
				d.SetOnClosed(func() { got = "closed" })
			case "question":
				q := dialog.NewConfirm("Xóa văn bản", "Chuyển vào Thùng rác?", answer, h.win)
				q.SetConfirmText("Có")
				q.SetDismissText("Không")
				d = q
			case "form":
				name = newDialogEntry()
				name.Validator = func(s string) error {
					if s == "" {
						return index.ErrReadOnly
					}
					return nil
				}
				d = dialog.NewForm("Thêm mới", "Thêm", "Hủy", []*widget.FormItem{widget.NewFormItem("Tên", name)}, answer, h.win)
			case "custom":
				d = dialog.NewCustom("Giới thiệu", "Đóng", widget.NewLabel("Kho Văn Bản"), h.win)
				d.SetOnClosed(func() { got = "closed" })
			}
			h.s.keys.show(h.win, d, nil, name)
			if name != nil {
				// Empty, the form cannot be confirmed; a name typed lets it.
				confirm := findDialogButton(t, c.Overlays().Top(), "Thêm")
				if !confirm.Disabled() {
					t.Error("the form's confirm button is enabled with no name")
				}
				test.Type(name, "Phong trào mới")
				if confirm.Disabled() {
					t.Error("the form's confirm button stays disabled with a name")
				}
			}
			for range 6 {
				if b, ok := c.Focused().(*dialogButton); ok && b.Text == tc.button {
					break
				}
				typeKey(t, c, fyne.KeyTab)
			}
			if b, ok := c.Focused().(*dialogButton); !ok || b.Text != tc.button {
				t.Fatalf("Tab did not reach %q: %T", tc.button, c.Focused())
			}
			typeKey(t, c, fyne.KeyReturn)
			if got != tc.want {
				t.Errorf("Enter on %q answered %q, want %q", tc.button, got, tc.want)
			}
			if c.Overlays().Top() != nil {
				t.Error("the dialog is still open")
				clearOverlays(h.win)
			}
		})
	}
}

// findDialogButton is the dialog button labelled text in o.
func findDialogButton(t *testing.T, o fyne.CanvasObject, text string) *dialogButton {
	t.Helper()
	for _, b := range findAll[*dialogButton](o) {
		if b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

// TestKeysInDialogChoices: Escape closes the edit form while a check box
// of its campaigns has the keyboard, and Tab moves on from it; in the
// catalog's export dialog the arrows move the choice of format, and
// Escape there closes the dialog.
func TestKeysInDialogChoices(t *testing.T) {
	h := newHarness(t, true)
	c := h.win.Canvas()
	d := h.openFirst("nêu gương")
	h.v.showEdit(d)
	boxes := findAll[*facetBox](c.Overlays().Top())
	if len(boxes) < 2 {
		t.Fatalf("%d check boxes in the edit form", len(boxes))
	}
	c.Focus(boxes[0])
	typeKey(t, c, fyne.KeyTab)
	if c.Focused() == fyne.Focusable(boxes[0]) {
		t.Error("Tab stays on a check box of the edit form")
	}
	c.Focus(boxes[0])
	typeKey(t, c, fyne.KeyEscape)
	if top := c.Overlays().Top(); top != nil {
		t.Fatalf("Escape on a check box left %.80q open", allTexts(t, top))
	}

	h.v.results.setMarked([]index.Summary{d.Summary()})
	h.v.onExportCatalog()
	radios := findAll[*radioBox](c.Overlays().Top())
	if len(radios) != 4 {
		t.Fatalf("%d radio buttons in the export dialog, want 4 (format, scope)", len(radios))
	}
	format := radios[0].choice
	c.Focus(radios[0])
	typeKey(t, c, fyne.KeyDown)
	if format.Selected != catalogFormats()[1] || c.Focused() != fyne.Focusable(radios[1]) || radios[0].Checked {
		t.Errorf("Down chose %q, keyboard on %v, first still ticked %v", format.Selected, c.Focused() == fyne.Focusable(radios[1]), radios[0].Checked)
	}
	typeKey(t, c, fyne.KeySpace)
	radios[1].TypedRune(' ') // Space on the chosen one keeps it chosen
	if !radios[1].Checked || format.Selected != catalogFormats()[1] {
		t.Errorf("Space unchose the format: %q", format.Selected)
	}
	typeKey(t, c, fyne.KeyEscape)
	if top := c.Overlays().Top(); top != nil {
		t.Fatalf("Escape on a radio button left %.80q open", allTexts(t, top))
	}
}

// TestCategoriesTabOrder: in the campaigns window Tab reaches "Thêm…"
// before the list, and goes on through a campaign's buttons, its rules
// and "Lưu quy tắc"; Tab in the rules moves on, typing no tab. Enter
// presses a button there, and Escape on one closes the window.
func TestCategoriesTabOrder(t *testing.T) {
	h := newHarness(t, false)
	cw := h.v.showCategories()
	tab := cw.tabs[classify.Campaign]
	h.settle(func() bool { return len(tab.items) > 0 })
	tab.list.Select(0)
	c := cw.w.Canvas()
	c.Unfocus()
	var order []string
	for range 9 {
		typeKey(t, c, fyne.KeyTab)
		switch f := c.Focused().(type) {
		case *dialogButton:
			order = append(order, f.Text)
		case *escList:
			order = append(order, "list")
		case *dialogEntry:
			order = append(order, "rules")
			before := tab.rules.Text
			typeKey(t, c, fyne.KeyTab)
			if tab.rules.Text != before {
				t.Errorf("Tab in the rules typed %q", strings.TrimPrefix(tab.rules.Text, before))
			}
			if c.Focused() == fyne.Focusable(f) {
				t.Fatal("Tab stays in the rules")
			}
			if b, ok := c.Focused().(*dialogButton); ok {
				order = append(order, b.Text)
			}
		default:
			order = append(order, fmt.Sprintf("%T", f))
		}
		if order[len(order)-1] == "Lưu quy tắc" {
			break
		}
	}
	want := []string{"Thêm…", "list", "Đổi tên…", "Gộp vào…", "Xóa", "rules", "Lưu quy tắc"}
	if !slices.Equal(order, want) {
		t.Errorf("Tab goes %q, want %q", order, want)
	}
	c.Unfocus()
	typeKey(t, c, fyne.KeyTab) // Thêm…
	typeKey(t, c, fyne.KeyReturn)
	if top := c.Overlays().Top(); top == nil || !slices.Contains(allTexts(t, top), "Thêm mới") {
		t.Fatal("Enter on Thêm… opened no form")
	}
	typeKey(t, c, fyne.KeyEscape)
	c.Focus(findDialogButton(t, cw.w.Content(), "Đóng"))
	typeKey(t, c, fyne.KeyEscape)
	if slices.Contains(fyne.CurrentApp().Driver().AllWindows(), cw.w) {
		t.Error("Escape on Đóng left the window open")
	}
}
