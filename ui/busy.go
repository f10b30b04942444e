package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// busyDelay is how long work runs before the busy sign shows: quicker
// work would only make it flicker.
const busyDelay = 100 * time.Millisecond

// busySign is a spinner with a word of what is being done, shown beside
// the result count while some background work (opening a long document,
// saving, a slow search) has taken more than busyDelay. Its methods run
// on the UI goroutine.
type busySign struct {
	do       func(func())
	activity *widget.Activity
	label    *widget.Label
	box      *fyne.Container
	row      *fyne.Container // the row on screen that holds box (reveal)
	next     int             // the next piece of work's number
	running  map[int]string  // what each piece of work running does
}

func newBusySign(do func(func())) *busySign {
	b := &busySign{do: do, activity: widget.NewActivity(), label: widget.NewLabel(""), running: map[int]string{}}
	b.label.Importance = widget.LowImportance
	b.box = container.NewHBox(b.activity, b.label)
	b.box.Hide()
	return b
}

func (b *busySign) object() fyne.CanvasObject { return b.box }

// start says that work described by what begins; the returned function
// says it ended, and must be called once, on the UI goroutine.
func (b *busySign) start(what string) (done func()) {
	id := b.next
	b.next++
	b.running[id] = what
	t := time.AfterFunc(busyDelay, func() {
		b.do(func() {
			if _, ok := b.running[id]; ok {
				b.show(what)
			}
		})
	})
	return func() {
		t.Stop()
		b.end(id)
	}
}

// startNow is start for work that is known to take a while: the sign
// shows at once, in the frame drawn before the work runs.
func (b *busySign) startNow(what string) (done func()) {
	id := b.next
	b.next++
	b.running[id] = what
	b.show(what)
	return func() { b.end(id) }
}

func (b *busySign) end(id int) {
	delete(b.running, id)
	if len(b.running) == 0 && b.box.Visible() {
		b.activity.Stop()
		b.box.Hide()
		// The row is laid out again: the count beside the sign kept the
		// width it had while the sign showed (a golden of the results
		// differed after a search slower than busyDelay).
		if b.row != nil {
			b.row.Refresh()
		}
	}
}

func (b *busySign) show(what string) {
	b.label.SetText(what)
	if !b.box.Visible() {
		reveal(b.box, b.row)
		b.activity.Start()
	}
}

// shown reports whether the sign is showing (for tests).
func (b *busySign) shown() bool { return b.box.Visible() }
