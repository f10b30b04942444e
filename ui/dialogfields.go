package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// The text boxes of dialogs (dialogkeys.go). Fyne's Entry keeps Escape to
// itself and does nothing with it, and does nothing with Enter in a
// one-line box without OnSubmitted: these hand both to the dialog, so that
// Escape closes it and Enter saves from any field. Enter still starts a
// new line in a box of several lines (Ghi chú, the rules of a campaign).
// onFocus runs when the box gets the keyboard: a form in a scroll shows
// it (revealOnFocus).

// dialogEntry is a text box of a dialog.
type dialogEntry struct {
	widget.Entry
	onFocus func()
}

func newDialogEntry() *dialogEntry {
	e := &dialogEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab is false: Tab moves on, also from a box of several lines.
func (e *dialogEntry) AcceptsTab() bool { return false }

func (e *dialogEntry) TypedKey(k *fyne.KeyEvent) {
	if entryKeyToDialog(&e.Entry, k) && dialogKey(e, k) {
		return
	}
	e.Entry.TypedKey(k)
}

// TypedShortcut hands Ctrl+Q to the window, which quits (asking first
// when something typed would be lost): a text box with the keyboard kept
// it, so Ctrl+Q did nothing while rules were being typed in the campaigns
// window (usertest s27). Other shortcuts stay the box's.
func (e *dialogEntry) TypedShortcut(s fyne.Shortcut) {
	if s.ShortcutName() == shortcutQuit.ShortcutName() {
		// The window whose keyboard the box has.
		for _, w := range fyne.CurrentApp().Driver().AllWindows() {
			if c, ok := w.Canvas().(fyne.Shortcutable); ok && w.Canvas().Focused() == e {
				c.TypedShortcut(s)
				return
			}
		}
	}
	e.Entry.TypedShortcut(s)
}

func (e *dialogEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.onFocus != nil {
		e.onFocus()
	}
}

// TappedSecondary opens the box's menu (cut, copy, paste) when the box
// is on a window: a right-click queued while the window froze can reach a
// box whose dialog has closed, where Fyne finds no canvas for the menu and
// dereferences none (popups.go).
func (e *dialogEntry) TappedSecondary(p *fyne.PointEvent) {
	if !onWindow(e) {
		return
	}
	e.Entry.TappedSecondary(p)
}

// entryKeyToDialog reports whether k, typed in e, is the dialog's: Escape,
// and Enter in a one-line box that does nothing else with it.
func entryKeyToDialog(e *widget.Entry, k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyEscape:
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		return !e.MultiLine && e.OnSubmitted == nil
	}
	return false
}

// selectEntry is a text box with a list of usual values (the type of a
// document) that opens its list only when it is on a window (popups.go)
// and hands Enter and Escape to its dialog.
type selectEntry struct {
	widget.SelectEntry
	onFocus func()
}

func (e *selectEntry) TypedKey(k *fyne.KeyEvent) {
	if entryKeyToDialog(&e.Entry, k) && dialogKey(e, k) {
		return
	}
	e.SelectEntry.TypedKey(k)
}

// TappedSecondary opens the box's menu when it is on a window, as
// dialogEntry's does.
func (e *selectEntry) TappedSecondary(p *fyne.PointEvent) {
	if !onWindow(e) {
		return
	}
	e.SelectEntry.TappedSecondary(p)
}

func (e *selectEntry) FocusGained() {
	e.SelectEntry.FocusGained()
	if e.onFocus != nil {
		e.onFocus()
	}
}

// revealOnFocus scrolls s, when a field of its form gets the keyboard, to
// show row, the field with its name and hint: Tab moved the keyboard below
// the fold of the edit form, where it could not be seen (usertest s13).
func revealOnFocus(s func() *container.Scroll, row fyne.CanvasObject) func() {
	return func() {
		if sc := s(); sc != nil && sc.Content != nil {
			scrollIntoView(sc, row)
		}
	}
}

// dialogButton is a button of a dialog, or of a window of its own (the
// campaigns, the Trash, the guide): Enter presses it, as Space does
// (Fyne's button takes only Space, and Enter on "Hủy" did nothing), and
// Escape goes to the dialog, or where none is open to the window, which
// closes.
type dialogButton struct {
	widget.Button
	ring keyRing
}

func newDialogButton(label string, icon fyne.Resource, tapped func()) *dialogButton {
	b := &dialogButton{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ring.button = &b.Button
	b.ExtendBaseWidget(b)
	return b
}

func (b *dialogButton) CreateRenderer() fyne.WidgetRenderer { return b.ring.renderer() }
func (b *dialogButton) FocusGained()                        { b.ring.FocusGained() }
func (b *dialogButton) FocusLost()                          { b.ring.FocusLost() }

func (b *dialogButton) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if !b.Disabled() {
			b.Tapped(nil)
		}
	case fyne.KeyEscape:
		if c := canvasOf(b); !dialogKey(b, k) && c != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(k)
		}
	default:
		b.Button.TypedKey(k)
	}
}

// dialogCheck is a check box of a dialog (a file of the picker): Escape
// goes to the dialog, which Fyne's check box kept, and Enter ticks it, as
// Enter on the picker's row does.
type dialogCheck struct {
	widget.Check
}

func newDialogCheck() *dialogCheck {
	c := &dialogCheck{}
	c.ExtendBaseWidget(c)
	return c
}

func (c *dialogCheck) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		c.TypedRune(' ')
	case fyne.KeyEscape:
		dialogKey(c, k)
	default:
		c.Check.TypedKey(k)
	}
}
