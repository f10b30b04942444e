//go:build !android && !ios && !wasm && !js

package ui

import "github.com/go-gl/glfw/v3.3/glfw"

// workArea is the free area, in pixels, of the primary monitor: the screen
// without the taskbar or panels. It is for the desktop app once it runs
// (GLFW set up, on the main thread); anywhere else it reports false.
func workArea() (width, height int, ok bool) {
	defer func() {
		// GLFW panics when it is not set up (the test driver).
		if recover() != nil {
			width, height, ok = 0, 0, false
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0, false
	}
	_, _, width, height = m.GetWorkarea()
	if width <= 0 || height <= 0 {
		if mode := m.GetVideoMode(); mode != nil {
			width, height = mode.Width, mode.Height
		}
	}
	return width, height, width > 0 && height > 0
}
