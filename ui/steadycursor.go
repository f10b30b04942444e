package ui

import "fyne.io/fyne/v2"

// The text cursor does not blink. Fyne 2.7.1 blinks the focused entry's
// cursor with an animation whose every step refreshes the cursor, and a
// refresh repaints the whole window (the GL driver has no partial
// repaint: each frame measures every object, EnsureMinSize, and paints
// them all). Idle, with the focus in the search box, as it stays after a
// search, the window used 10.5-11% of a core with 3,001 documents listed
// and 17% with a long document open (uifix, session 8), against 0.9-1.1%
// without the blink (measured under Xvfb at 1366x768, session 9): the fan
// and battery of a commune's laptop. Fyne offers no setting of its own for
// one widget: its entry blinks only when Settings().ShowAnimations() is
// true (widget/entry.go, entryContentRenderer.Refresh) and shows a steady
// cursor otherwise; that setting is global (the user's Fyne settings file
// or the no_animations build tag). So the app the widgets see
// (fyne.CurrentApp) answers false for it; every other call goes to the
// real app. What else it stills: the ripple of a tapped button, the
// slide of a select's pop-up and of tabs (all Fyne checks of
// ShowAnimations in 2.7.1); the moving bar of a bulk import's last step
// and Fyne's own progress bars do not ask it and still move.
//
// Assumes (checked by TestSteadyCursor): fyne.SetCurrentApp keeps the
// app Fyne's widgets ask for their settings, and the entry's cursor
// animation follows ShowAnimations. Nothing in Fyne's desktop drivers
// for Linux and Windows type-asserts fyne.CurrentApp() or its Settings()
// (macOS and the browser do, at start-up, for the theme).

// steadyApp is the app with ShowAnimations off.
type steadyApp struct{ fyne.App }

func (a steadyApp) Settings() fyne.Settings { return steadySettings{a.App.Settings()} }

type steadySettings struct{ fyne.Settings }

func (steadySettings) ShowAnimations() bool { return false }

// useSteadyCursor makes the widgets of app a show a steady text cursor.
func useSteadyCursor(a fyne.App) {
	if _, ok := fyne.CurrentApp().(steadyApp); !ok {
		fyne.SetCurrentApp(steadyApp{a})
	}
}
