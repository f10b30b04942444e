package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// animatedApp is the test app with animations on, as a real app has them.
type animatedApp struct{ fyne.App }

func (a animatedApp) Settings() fyne.Settings { return animatedSettings{a.App.Settings()} }

type animatedSettings struct{ fyne.Settings }

func (animatedSettings) ShowAnimations() bool { return true }

// TestSteadyCursor: over an app that shows animations, the app Fyne's
// widgets see (fyne.CurrentApp, which the entry asks before it blinks its
// cursor) shows none once the cursor is made steady, and is the same app
// in every other way; a second call wraps nothing more. Fyne's test
// driver plays an animation to its end at once, so the blink itself is
// not seen here: the CPU it costs was measured under Xvfb (10.5-11% of a
// core idle, 0.9-1.1% without).
func TestSteadyCursor(t *testing.T) {
	a := test.NewTempApp(t)
	real := animatedApp{a}
	fyne.SetCurrentApp(real)
	t.Cleanup(func() { fyne.SetCurrentApp(a) })
	useSteadyCursor(real)
	cur := fyne.CurrentApp()
	if cur.Settings().ShowAnimations() {
		t.Fatal("the app still shows animations")
	}
	if cur.Settings().Theme() != a.Settings().Theme() || cur.Preferences() != a.Preferences() || cur.Driver() != a.Driver() {
		t.Error("the steady app is not the app in other ways")
	}
	useSteadyCursor(real)
	if s, ok := fyne.CurrentApp().(steadyApp); !ok || s.App != real {
		t.Errorf("wrapped twice: %T", fyne.CurrentApp())
	}
}
