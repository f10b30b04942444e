package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Pop-up lists and menus open only over a window. Fyne builds a pop-up on
// the canvas it finds for the widget tapped, and a tap queued while the
// window froze can reach a widget after it left its window (a dialog
// closed, the screen built again): Fyne then finds no canvas, and its
// NewPopUpMenu dereferences it (usertest s11 crash B: the sort box, a nil
// pointer in NewPopUpMenu, the window lost). The window's drop-down lists,
// the type fields' lists and the menus of buttons all go through onWindow.

// canvasOf is the canvas o is drawn on, nil when it is on none: Fyne's
// driver (tests stand in for the one that finds none, as Fyne's test
// driver always finds one).
var canvasOf = func(o fyne.CanvasObject) fyne.Canvas {
	return fyne.CurrentApp().Driver().CanvasForObject(o)
}

// onWindow reports whether o is on a window's canvas, which a pop-up of
// its own can be shown on.
func onWindow(o fyne.CanvasObject) bool { return canvasOf(o) != nil }

// selectBox is the window's drop-down list: a widget.Select that opens its
// list only when it is on a window, and that hands Tab to onTab when set
// (focus.go).
type selectBox struct {
	widget.Select
	onTab   func()
	hasKeys bool
}

// FocusGained and FocusLost show a ring round the box while it has the
// keyboard, as on the buttons (focusring.go), in place of Fyne's focus
// fill: over the light theme's grey the choice stood at 3.3:1 (#565656 on
// #afafb9, seen under Xvfb at 1024x768, session 18).
func (s *selectBox) FocusGained() { s.hasKeys = true; s.Refresh() }
func (s *selectBox) FocusLost()   { s.hasKeys = false; s.Refresh() }

func (s *selectBox) CreateRenderer() fyne.WidgetRenderer {
	ring := canvas.NewRectangle(color.Transparent)
	ring.StrokeWidth = ringWidth
	r := &selectRingRenderer{WidgetRenderer: s.Select.CreateRenderer(), ring: ring, s: s}
	r.update()
	return r
}

// selectRingRenderer is Fyne's drop-down with the ring over it.
type selectRingRenderer struct {
	fyne.WidgetRenderer
	ring *canvas.Rectangle
	s    *selectBox
	objs []fyne.CanvasObject
}

func (r *selectRingRenderer) Objects() []fyne.CanvasObject {
	inner := r.WidgetRenderer.Objects()
	if len(r.objs) != len(inner)+1 || len(inner) > 0 && r.objs[0] != inner[0] {
		r.objs = append(append(make([]fyne.CanvasObject, 0, len(inner)+1), inner...), r.ring)
	}
	return r.objs
}

func (r *selectRingRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.ring.Move(fyne.NewPos(ringWidth/2, ringWidth/2))
	r.ring.Resize(fyne.NewSize(max(0, size.Width-ringWidth), max(0, size.Height-ringWidth)))
}

func (r *selectRingRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.update()
	r.ring.Refresh()
}

// update draws the ring in the text's colour, which stands out from the
// box and the window behind it in both themes.
func (r *selectRingRenderer) update() {
	th := r.s.Theme()
	r.ring.StrokeColor = th.Color(theme.ColorNameForeground, fyne.CurrentApp().Settings().ThemeVariant())
	r.ring.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.ring.Hidden = !r.s.hasKeys || r.s.Disabled()
}

var (
	_ fyne.Tabbable = (*selectBox)(nil)
	_ fyne.Tappable = (*selectBox)(nil)
)

func newSelectBox(options []string, changed func(string)) *selectBox {
	s := &selectBox{}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

func (s *selectBox) AcceptsTab() bool { return s.onTab != nil }

// Tapped opens the list, when the box is on a window.
func (s *selectBox) Tapped(e *fyne.PointEvent) {
	if !onWindow(s) {
		return
	}
	s.Select.Tapped(e)
	s.markChosen()
}

// markChosen marks the choice in the list just opened, for the arrows to
// move from: Fyne's list opens with none marked and Down marks the first,
// so that one who opened "Ngôn ngữ" on Tiếng Việt, pressed Down for
// English and Enter, stayed in Vietnamese (usertest s22, keyboard only).
func (s *selectBox) markChosen() {
	c := canvasOf(s)
	if c == nil {
		return
	}
	menu, ok := c.Focused().(*widget.PopUpMenu) // the list takes the keyboard as it opens
	if !ok {
		return
	}
	for range s.SelectedIndex() + 1 {
		menu.ActivateNext()
	}
}

// TypedKey hands Tab on, Enter and Escape to its dialog (dialogkeys.go),
// and opens the list (Space, Up, Down) only when the box is on a window.
func (s *selectBox) TypedKey(k *fyne.KeyEvent) {
	if dialogKey(s, k) {
		return // Enter and Escape in a dialog are the dialog's
	}
	switch k.Name {
	case fyne.KeyTab:
		if s.onTab != nil {
			s.onTab()
			return
		}
	case fyne.KeySpace, fyne.KeyUp, fyne.KeyDown:
		if !onWindow(s) {
			return
		}
		s.Select.TypedKey(k)
		s.markChosen()
		return
	}
	s.Select.TypedKey(k)
}

// newSelectEntry is a selectEntry (dialogfields.go: a field with a list of
// usual values) whose list opens only when it is on a window.
func newSelectEntry(options []string) *selectEntry {
	e := &selectEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetOptions(options) // makes the button that opens the list
	// Fyne's button (a Tab stop of the dialog) is swapped for one of ours,
	// which shows a ring and takes Enter (focusring.go).
	if b, ok := e.ActionItem.(*widget.Button); ok {
		open := b.OnTapped
		nb := newDialogButton("", b.Icon, func() {
			if onWindow(e) {
				open()
			}
		})
		nb.Importance = b.Importance
		e.ActionItem = nb
	}
	return e
}

// showMenuUnder shows menu under o, when o is on a window.
func showMenuUnder(menu *fyne.Menu, o fyne.CanvasObject) {
	c := canvasOf(o)
	if c == nil || len(menu.Items) == 0 {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	widget.ShowPopUpMenuAtPosition(menu, c, pos.AddXY(0, o.Size().Height))
}

// TappedSecondary opens the search box's menu (cut, copy, paste), when
// the box is on a window: after a change of language a right-click queued
// during the freeze can reach the box of the screen built before.
func (e *searchEntry) TappedSecondary(p *fyne.PointEvent) {
	if !onWindow(e) {
		return
	}
	e.Entry.TappedSecondary(p)
}
