package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Fyne gives a wheel turn to the innermost scrollable object under the
// pointer and to no other. Every Entry holds a scroll of its own (a
// one-line box scrolls its text sideways, and takes the vertical wheel
// for that), so a form in a scroll did not move while the pointer was
// over its boxes: at 1024x768 the edit form's Người ký, Nguồn and Ghi chú
// stayed below the fold for a clerk who wheels over the fields (usertest
// s12). A wheelShield lies over a box and hands the wheel on.

// wheelShield is an invisible layer over a field that passes the mouse
// wheel to the box's own text while that text can move that way (a long
// title in a three-line box), and otherwise to the form's scroll. It
// takes nothing else: taps, drags, hovering and the text cursor reach
// the box under it.
type wheelShield struct {
	widget.BaseWidget
	inner func() *container.Scroll // the box's own scroll, nil for a one-line box
	outer func() *container.Scroll // the form's
}

var _ fyne.Scrollable = (*wheelShield)(nil)

func newWheelShield(inner, outer func() *container.Scroll) *wheelShield {
	s := &wheelShield{inner: inner, outer: outer}
	s.ExtendBaseWidget(s)
	return s
}

func (s *wheelShield) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// MinSize is nothing: the shield takes the size of the box it lies over.
func (s *wheelShield) MinSize() fyne.Size { return fyne.Size{} }

// Scrolled moves the box's text while it can move, then the form.
func (s *wheelShield) Scrolled(ev *fyne.ScrollEvent) {
	if s.inner != nil {
		if in := s.inner(); in != nil && in.Visible() {
			before := in.Offset
			in.Scrolled(ev)
			if in.Offset != before {
				return
			}
		}
	}
	if out := s.outer(); out != nil {
		out.Scrolled(ev)
	}
}

// shielded lays a wheelShield over box.
func shielded(box fyne.CanvasObject, inner, outer func() *container.Scroll) fyne.CanvasObject {
	return container.NewStack(box, newWheelShield(inner, outer))
}

// wheelEntry is a multi-line Entry that keeps a hand on its own scroll,
// so that a wheelShield over it can move its text first.
type wheelEntry struct {
	widget.Entry
	scroll *container.Scroll
	// enterSaves hands Enter to the dialog (dialogkeys.go) instead of
	// starting a new line; Escape always goes to it.
	enterSaves bool
	onFocus    func() // see dialogEntry
}

func newWheelEntry() *wheelEntry {
	e := &wheelEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// CreateRenderer is the Entry's, whose scroll is kept.
func (e *wheelEntry) CreateRenderer() fyne.WidgetRenderer {
	r := e.Entry.CreateRenderer()
	for _, o := range r.Objects() {
		if s, ok := o.(*container.Scroll); ok {
			e.scroll = s
		}
	}
	return r
}

// AcceptsTab is false: Tab moves on to the next field, as in the one-line
// ones (Fyne's box of several lines typed a tab, and the keyboard could
// not leave the title of the edit form).
func (e *wheelEntry) AcceptsTab() bool { return false }

func (e *wheelEntry) TypedKey(k *fyne.KeyEvent) {
	toDialog := k.Name == fyne.KeyEscape || (e.enterSaves && (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter))
	if toDialog && dialogKey(e, k) {
		return
	}
	e.Entry.TypedKey(k)
}

func (e *wheelEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.onFocus != nil {
		e.onFocus()
	}
}

// ownScroll is the box's scroll once it is drawn.
func (e *wheelEntry) ownScroll() *container.Scroll { return e.scroll }
