//go:build android || ios || wasm || js

package ui

// workArea cannot be measured here; windows keep the size they ask for.
func workArea() (width, height int, ok bool) { return 0, 0, false }

// ScreenError is nil: these platforms always have a screen.
func ScreenError() error { return nil }
