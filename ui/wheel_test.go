package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"khovanban/index"
)

// TestWheelScrollsEditForm: at a 1024x768 screen's size the mouse wheel
// moves the edit form whether the pointer is over a field's label or over
// its box: one-line boxes (Số hiệu, the type) and a multi-line one whose
// text fits (usertest s12: wheeling over the boxes left Người ký, Nguồn
// and Ghi chú below the fold). A title longer than its box moves inside
// the box first, then the form.
func TestWheelScrollsEditForm(t *testing.T) {
	h := newHarness(t, true)
	h.win.Resize(fyne.NewSize(1008, 700))
	d := h.openFirst("so:45/KH-UBND")
	f := h.v.showEdit(d)
	if f.scroll.Content.MinSize().Height <= f.scroll.Size().Height {
		t.Fatalf("the form fits (%v in %v): nothing to scroll", f.scroll.Content.MinSize(), f.scroll.Size())
	}
	f.entries[index.FieldTitle].SetText("ngắn")
	// The row's box, as the form shows it (an Entry inside a wider widget
	// is not itself in the window's tree).
	box := func(name string) fyne.Position {
		t.Helper()
		for _, it := range f.form.Items {
			if strings.HasSuffix(it.Text, fieldLabel(name)) {
				return fyne.CurrentApp().Driver().AbsolutePositionForObject(it.Widget).AddXY(30, 12)
			}
		}
		t.Fatalf("no %s row", name)
		return fyne.Position{}
	}
	wheel := func(name string) {
		t.Helper()
		f.scroll.ScrollToTop()
		test.Scroll(h.win.Canvas(), box(name), 0, -40)
	}
	for _, name := range []string{index.FieldNumber, index.FieldType, index.FieldDate, index.FieldTitle} {
		wheel(name)
		if f.scroll.Offset.Y <= 0 {
			t.Errorf("the wheel over the %s box did not move the form", name)
		}
	}

	f.entries[index.FieldTitle].SetText(strings.Repeat("Kế hoạch tuyên truyền cải cách hành chính năm 2026 ", 12))
	wheel(index.FieldTitle)
	if f.scroll.Offset.Y != 0 {
		t.Errorf("the wheel over a long title moved the form (%v) before the title's own text", f.scroll.Offset.Y)
	}
	for range 40 {
		test.Scroll(h.win.Canvas(), box(index.FieldTitle), 0, -40)
	}
	if f.scroll.Offset.Y <= 0 {
		t.Error("the wheel over a long title never moved the form once the title's end was reached")
	}
}
