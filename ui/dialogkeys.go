package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Keys in dialogs. Every dialog the windows open is shown through
// dialogKeys.show: Enter then does what its main button does (Lưu, the
// confirm button, Đóng on a message), Escape what Hủy or Đóng does, the
// first field has the keyboard, and no key reaches the window behind it
// (usertest s13: Enter under "Đã sao lưu" opened a document). Fyne gives
// a key to the widget that has the keyboard or, when none has, to the
// window's own handler, which asks dialogKeys.typed first; the dialogs'
// fields and drop-down lists hand Enter and Escape on to that handler
// (dialogKey).

// dialogKeys are the dialogs open over the session's windows, with what
// Enter and Escape do in each.
type dialogKeys struct {
	open []keyedDialog
}

// keyedDialog is one open dialog.
type keyedDialog struct {
	popup  fyne.CanvasObject // its overlay on the window's canvas
	enter  func()
	escape func()
}

// show shows d over w. Enter then does enter, or when enter is nil the
// dialog's own main action (Confirm, Submit, or closing a message);
// Escape dismisses it. The keyboard goes to first when it is given: the
// dialog's first field.
func (k *dialogKeys) show(w fyne.Window, d dialog.Dialog, enter func(), first fyne.Focusable) {
	if enter == nil {
		enter = mainAction(d)
	}
	k.showKeyed(w, d, enter, d.Dismiss, first)
}

// showWork shows d, the sign of work under way over w: Escape does cancel
// (its Hủy button, nil where the work cannot be stopped), Enter nothing
// (an Enter typed while waiting is no order to stop), and no key reaches
// the window behind.
func (k *dialogKeys) showWork(w fyne.Window, d dialog.Dialog, cancel func()) {
	if cancel == nil {
		cancel = func() {}
	}
	k.showKeyed(w, d, func() {}, cancel, nil)
}

// showKeyed shows d over w with what Enter and Escape do in it.
func (k *dialogKeys) showKeyed(w fyne.Window, d dialog.Dialog, enter, escape func(), first fyne.Focusable) {
	d.Show()
	top := w.Canvas().Overlays().Top()
	k.open = slices.DeleteFunc(k.open, func(o keyedDialog) bool { return o.popup == top || !o.popup.Visible() })
	if top == nil {
		return
	}
	k.open = append(k.open, keyedDialog{popup: top, enter: enter, escape: escape})
	pressOnEnter(top)
	if first != nil {
		w.Canvas().Focus(first)
	}
}

// mainAction is what the main button of d does.
func mainAction(d dialog.Dialog) func() {
	switch x := d.(type) {
	case interface{ Confirm() }:
		return x.Confirm
	case interface{ Submit() }:
		return x.Submit
	}
	return d.Dismiss
}

// typed handles ev, typed on canvas c where nothing in a dialog had the
// keyboard or a field handed it on, and reports whether a dialog took it.
// While a dialog is open every key is its own, none the window's; only
// Escape over something that is not one of ours (a progress sign) is left
// to the window.
func (k *dialogKeys) typed(c fyne.Canvas, ev *fyne.KeyEvent) bool {
	top := c.Overlays().Top()
	if top == nil {
		return false
	}
	i := slices.IndexFunc(k.open, func(o keyedDialog) bool { return o.popup == top })
	if i < 0 {
		return ev.Name != fyne.KeyEscape
	}
	switch ev.Name {
	case fyne.KeyEscape:
		k.open[i].escape()
	case fyne.KeyReturn, fyne.KeyEnter:
		k.open[i].enter()
	}
	return true
}

// dialogKey hands Enter or Escape, typed in o (a field or a list of a
// dialog, which Fyne gives the key to), to its window's handler while a
// dialog is open, and reports whether it did.
func dialogKey(o fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyEscape, fyne.KeyReturn, fyne.KeyEnter:
	default:
		return false
	}
	c := canvasOf(o)
	if c == nil || c.Overlays().Top() == nil || c.OnTypedKey() == nil {
		return false
	}
	c.OnTypedKey()(ev)
	return true
}

// showDialog shows d over the main window (see dialogKeys.show).
func (v *view) showDialog(d dialog.Dialog, first fyne.Focusable) {
	v.s.keys.show(v.win, d, nil, first)
}

// showInfo shows a message over w; Enter or Escape closes it.
func (s *session) showInfo(title, msg string, w fyne.Window) {
	s.keys.show(w, dialog.NewInformation(title, msg, w), nil, nil)
}

// showConfirm asks a question over w; Enter answers yes, Escape no.
func (s *session) showConfirm(title, msg string, answer func(bool), w fyne.Window) {
	s.keys.show(w, dialog.NewConfirm(title, msg, answer, w), nil, nil)
}

// pressOnEnter gives the buttons of Fyne's own dialogs (NewConfirm,
// NewForm, NewInformation, NewCustom), shown in popup, the keys of a
// dialogButton: Fyne's take only Space, and Enter on a button Tab had
// reached did nothing (usertest s13). Fyne's dialogs keep no way to give
// them other buttons but CustomDialog.SetButtons, so this goes below its
// API, here only, assuming what fyne/dialog/base.go's create lays out: a
// container whose fourth object (Objects[3]) is the row of buttons, and
// whose third is the content, a *widget.Form for NewForm. Each
// *widget.Button of the row is swapped for a dialogButton that does the
// same; a form's validation enables both (FormDialog.Submit looks at its
// own). A swapped button no longer follows its first's changes: a
// dialog whose buttons change once shown (the picker's Nhập N mục) is
// given dialogButtons by its maker. Where the layout is not that,
// nothing changes: the buttons keep Space. TestEnterOnFocusedButtons
// fails then.
func pressOnEnter(popup fyne.CanvasObject) {
	p, ok := popup.(*widget.PopUp)
	if !ok {
		return
	}
	body, ok := p.Content.(*fyne.Container)
	if !ok || len(body.Objects) != 5 {
		return
	}
	row, ok := body.Objects[3].(*fyne.Container)
	if !ok {
		return
	}
	swapped := map[*widget.Button]*dialogButton{}
	for i, o := range row.Objects {
		b, ok := o.(*widget.Button)
		if !ok {
			continue
		}
		nb := newDialogButton(b.Text, b.Icon, b.OnTapped)
		nb.Importance = b.Importance
		if b.Disabled() {
			nb.Disable()
		}
		row.Objects[i] = nb
		swapped[b] = nb
	}
	if len(swapped) == 0 {
		return
	}
	row.Refresh()
	if form, ok := body.Objects[2].(*widget.Form); ok {
		form.SetOnValidationChanged(func(err error) {
			for b, nb := range swapped {
				if b.Importance == widget.HighImportance { // the confirm button
					setEnabled(b, err == nil)
					setEnabled(&nb.Button, err == nil)
				}
			}
		})
	}
}
