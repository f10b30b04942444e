package ui

import "fyne.io/fyne/v2"

// Preference keys for the window's geometry, saved when it closes.
const (
	prefWindowWidth   = "window.width"
	prefWindowHeight  = "window.height"
	prefBrowseOffset  = "window.browseOffset"
	prefResultsOffset = "window.resultsOffset"
	prefReaderDetails = "window.readerDetails"
)

// defaultWindowSize is the size asked for before the screen is known, and
// on a screen the program cannot measure: it fits 1366×768 with the Windows
// taskbar and a title bar.
var defaultWindowSize = fyne.NewSize(1340, 680)

// firstWindowSize is what the window asks for at its first start on a
// screen it can measure: the whole free area of a usual screen, up to a
// size where lines of text stay readable on a large one.
var firstWindowSize = fyne.NewSize(1600, 1000)

// Room kept around a window on its screen: the frame and title bar the
// window manager adds, which Fyne's sizes do not count.
const (
	frameWidth  = 16
	frameHeight = 48
)

// fitSize is the size a window should take on a screen whose free area
// (without the taskbar) is screen, wanting want: want where it fits,
// otherwise as large as the screen allows, never below least. A zero
// screen (unknown) leaves want as it is.
func fitSize(want, least, screen fyne.Size) fyne.Size {
	if screen.Width <= 0 || screen.Height <= 0 {
		return want
	}
	room := fyne.NewSize(screen.Width-frameWidth, screen.Height-frameHeight)
	return fyne.NewSize(
		max(least.Width, min(want.Width, room.Width)),
		max(least.Height, min(want.Height, room.Height)))
}

// savedWindowSize is the main window's size when it last closed; false
// when there is none.
func savedWindowSize(p fyne.Preferences) (fyne.Size, bool) {
	w, h := p.Float(prefWindowWidth), p.Float(prefWindowHeight)
	if w < 200 || h < 150 { // none, or a damaged preference
		return fyne.Size{}, false
	}
	return fyne.NewSize(float32(w), float32(h)), true
}

// saveWindowSize remembers the main window's size for the next start.
func saveWindowSize(p fyne.Preferences, size fyne.Size) {
	if size.Width < 200 || size.Height < 150 {
		return
	}
	p.SetFloat(prefWindowWidth, float64(size.Width))
	p.SetFloat(prefWindowHeight, float64(size.Height))
}

// fitWindow gives the main window the size it had when it last closed, or
// at the first start as much of the screen as firstWindowSize, within the
// screen it is on (see fitSize), and centres it. It runs on the UI thread
// once the app runs, when the screen can be measured.
func fitWindow(w fyne.Window, p fyne.Preferences) {
	screen := screenArea(w)
	want, ok := savedWindowSize(p)
	if !ok {
		want = defaultWindowSize
		if screen.Width > 0 {
			want = firstWindowSize
		}
	}
	size := fitSize(want, fyne.NewSize(320, 240), screen)
	w.Resize(size)
	w.CenterOnScreen()
}

// screenArea is the free area of the screen w is on, in Fyne's units
// (pixels divided by the window's scale), or zero when it cannot be
// measured (the test driver, a platform without monitors).
func screenArea(w fyne.Window) fyne.Size {
	pw, ph, ok := workArea()
	if !ok {
		return fyne.Size{}
	}
	scale := w.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	return fyne.NewSize(float32(pw)/scale, float32(ph)/scale)
}
