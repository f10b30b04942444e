package ui

import "fyne.io/fyne/v2"

// reveal shows obj, hidden until now, and lays out row, the container on
// screen that holds it, which also asks the window for a new frame.
// Fyne's Show alone does neither for sure: a container's Show marks
// nothing to be painted again, and a widget's asks the canvas it was
// last drawn on, which Fyne forgets once the widget has been hidden for
// a minute (the renderer cache's ValidDuration). The window then lays
// out and paints the object only at its next frame for some other
// reason: after a bulk import, when the window was still, none came,
// and the line "N văn bản mới — bấm để xem" was set but never seen
// (usertest session 10, finding 1).
func reveal(obj fyne.CanvasObject, row *fyne.Container) {
	if obj.Visible() {
		return
	}
	obj.Show()
	if row != nil {
		row.Refresh()
	}
}
