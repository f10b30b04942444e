package ui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khovanban/index/classify"
)

// findAll are the objects of type T drawn under o (hidden ones too).
func findAll[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	if t, ok := o.(T); ok {
		out = append(out, t)
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, findAll[T](c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			out = append(out, findAll[T](c)...)
		}
	}
	return out
}

// TestPopUpsOnlyOnWindow: every drop-down list of the window and its
// dialogs (the order, the settings, the campaigns' parent and merge, the
// type of the edit and bulk forms), the search box's menu and the menus of
// the dialogs' text boxes (the edit and bulk forms, a new campaign) open only
// over a window: a tap queued
// during a freeze that reaches it after it left its window, where Fyne
// finds no canvas for it, opens nothing (usertest s11 crash B: a nil
// pointer in Fyne's NewPopUpMenu, the window lost). Fyne's test driver
// always finds a canvas: canvasOf stands in for the one that finds none.
func TestPopUpsOnlyOnWindow(t *testing.T) {
	h := newHarness(t, true)
	d := h.openFirst("nêu gương")
	// tapAway taps o as if off its window, and reports a pop-up opened on
	// w; then taps it on its window, which must open one.
	tapAway := func(name string, w fyne.Window, tap func()) {
		t.Helper()
		before := w.Canvas().Overlays().Top()
		canvasOf = func(fyne.CanvasObject) fyne.Canvas { return nil }
		tap()
		canvasOf = func(o fyne.CanvasObject) fyne.Canvas { return fyne.CurrentApp().Driver().CanvasForObject(o) }
		if top := w.Canvas().Overlays().Top(); top != before {
			t.Errorf("%s off its window opened %T", name, top)
			top.Hide()
			w.Canvas().Overlays().Remove(top)
		}
		tap()
		top := w.Canvas().Overlays().Top()
		if top == nil || top == before {
			t.Errorf("%s on its window opens nothing", name)
			return
		}
		top.Hide()
		w.Canvas().Overlays().Remove(top)
	}
	boxes := func(name string, w fyne.Window, min int) {
		t.Helper()
		top := w.Canvas().Overlays().Top()
		if top == nil {
			t.Fatalf("%s: no dialog", name)
		}
		if plain := findAll[*widget.Select](top); len(plain) > 0 {
			t.Errorf("%s: %d drop-down lists not guarded", name, len(plain))
		}
		found := findAll[*selectBox](top)
		if len(found) < min {
			t.Fatalf("%s: %d guarded lists", name, len(found))
		}
		for _, s := range found {
			tapAway(name+" list", w, func() { test.Tap(s) })
			tapAway(name+" list by key", w, func() { s.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace}) })
		}
	}
	// menus checks the right-click menus of a dialog's text boxes.
	menus := func(name string, w fyne.Window, min int) {
		t.Helper()
		top := w.Canvas().Overlays().Top()
		if top == nil {
			t.Fatalf("%s: no dialog", name)
		}
		if plain := findAll[*widget.Entry](top); len(plain) > 0 {
			t.Errorf("%s: %d text boxes not guarded", name, len(plain))
		}
		entries, selects := findAll[*dialogEntry](top), findAll[*selectEntry](top)
		if len(entries)+len(selects) < min {
			t.Fatalf("%s: %d text boxes with a guarded menu", name, len(entries)+len(selects))
		}
		for _, e := range entries {
			tapAway(name+" box's menu", w, func() { test.TapSecondary(e) })
		}
		for _, e := range selects {
			tapAway(name+" type box's menu", w, func() { test.TapSecondary(e) })
		}
	}
	tapAway("the order", h.win, func() { test.Tap(h.v.search.sort) })
	tapAway("the search box's menu", h.win, func() { test.TapSecondary(h.v.search.entry) })

	h.v.showSettings()
	boxes("settings", h.win, 3)
	clearOverlays(h.win)

	f := h.v.showEdit(d)
	tapAway("the edit form's type", h.win, func() { test.Tap(f.types.ActionItem.(fyne.Tappable)) })
	menus("the edit form", h.win, 8)
	clearOverlays(h.win)

	h.v.results.mark(0, true, false)
	b := h.v.showBulkEdit()
	tapAway("the bulk form's type", h.win, func() { test.Tap(b.typ.ActionItem.(fyne.Tappable)) })
	menus("the bulk form", h.win, 3)
	clearOverlays(h.win)

	cw := h.v.showCategories()
	tab := cw.tabs[classify.Campaign]
	h.settle(func() bool { return len(tab.items) > 0 })
	tab.onAdd()
	boxes("a new campaign", cw.w, 1)
	menus("a new campaign", cw.w, 1)
	clearOverlays(cw.w)
	tab.list.Select(0)
	tab.onMerge()
	boxes("merging campaigns", cw.w, 1)
	clearOverlays(cw.w)
	// The campaign's rules box, in the campaigns window itself.
	tapAway("the rules box's menu", cw.w, func() { test.TapSecondary(tab.rules) })
	cw.w.Close()

	// The file picker's path and name boxes, and the import's report.
	h.v.onImportFiles()
	menus("the file picker", h.win, 1)
	clearOverlays(h.win)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "tb.txt"), []byte("UBND XÃ AN PHÚ\nTHÔNG BÁO\nVề việc họp dân\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.v.startImport([]string{dir}, nil)
	h.settle(func() bool { return h.v.importing == nil && h.s.lastImport != nil })
	h.s.lastImport.showReport()
	menus("the import report", h.win, 1)
	clearOverlays(h.win)
}

// TestSelectOpensAtTheChoice: a drop-down opened with the keyboard marks
// its choice, so that Down then Enter takes the next one (usertest s22:
// Ngôn ngữ opened on Tiếng Việt, Down marked Tiếng Việt itself, and Enter
// kept it: a person going to English by the keyboard stayed in
// Vietnamese). Up goes back; a tap opens it the same way.
func TestSelectOpensAtTheChoice(t *testing.T) {
	h := newHarness(t, false)
	f := h.v.showSettings()
	c := h.win.Canvas()
	for _, open := range []fyne.KeyName{fyne.KeySpace, fyne.KeyDown} {
		f.size.SetSelectedIndex(1)
		c.Focus(f.size)
		typeKey(t, c, open)
		if _, ok := c.Focused().(*widget.PopUpMenu); !ok {
			t.Fatalf("%s: the list did not open with the keyboard in it (%T)", open, c.Focused())
		}
		typeKey(t, c, fyne.KeyDown)
		typeKey(t, c, fyne.KeyReturn)
		if got := f.size.SelectedIndex(); got != 2 {
			t.Errorf("%s, Down, Enter from %q: %q chosen, want %q", open, f.size.Options[1], f.size.Selected, f.size.Options[2])
		}
		c.Focus(f.size)
		typeKey(t, c, open)
		typeKey(t, c, fyne.KeyUp)
		typeKey(t, c, fyne.KeyReturn)
		if got := f.size.SelectedIndex(); got != 1 {
			t.Errorf("%s, Up, Enter from %q: %q chosen, want %q", open, f.size.Options[2], f.size.Selected, f.size.Options[1])
		}
	}
	f.language.SetSelectedIndex(0)
	test.Tap(f.language)
	typeKey(t, c, fyne.KeyDown)
	typeKey(t, c, fyne.KeyReturn)
	if f.language.Selected != "English" {
		t.Errorf("tap, Down, Enter on Tiếng Việt: %q chosen", f.language.Selected)
	}
}
