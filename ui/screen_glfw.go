//go:build !android && !ios && !wasm && !js

package ui

import (
	"fmt"

	"github.com/go-gl/glfw/v3.3/glfw"
)

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

// ScreenError says why no window can open here (an ssh session on Linux
// with no DISPLAY), or is nil: Fyne's driver then panicked with a page of
// GLFW's stack (session 17). It sets GLFW up, on the main thread, before
// Fyne does it again (which then does nothing). GLFW's own reason
// ("X11: The DISPLAY environment variable is missing") is logged, not
// returned: a failed set-up shows as the panic of the first call after it.
func ScreenError() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	if err := glfw.Init(); err != nil {
		return err
	}
	glfw.GetPrimaryMonitor()
	return nil
}
