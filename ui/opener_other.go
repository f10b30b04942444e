//go:build !windows

package ui

import (
	"net/url"
	"os/exec"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
)

// hasOpener reports whether the desktop has a program for path's kind of
// file, as xdg-mime knows it. Where that cannot be told (no xdg-utils, a
// Mac), it answers yes and leaves it to the system.
func hasOpener(path string) bool {
	if runtime.GOOS == "darwin" {
		return true // the Mac's own open(1) says itself when nothing opens a file
	}
	if _, err := exec.LookPath("xdg-open"); err != nil {
		return false // Fyne opens files through xdg-open: without it nothing would
	}
	if _, err := exec.LookPath("xdg-mime"); err != nil {
		return true
	}
	kind, err := exec.Command("xdg-mime", "query", "filetype", path).Output()
	if err != nil || strings.TrimSpace(string(kind)) == "" {
		return true
	}
	app, err := exec.Command("xdg-mime", "query", "default", strings.TrimSpace(string(kind))).Output()
	return err != nil || strings.TrimSpace(string(app)) != ""
}

// openURL opens u with the desktop's program. Fyne's OpenURL starts
// xdg-open and never waits for it, which leaves a defunct process behind
// each click until the app exits; here xdg-open is waited for.
func openURL(a fyne.App, u *url.URL) error {
	if runtime.GOOS == "darwin" {
		return a.OpenURL(u)
	}
	if _, err := exec.LookPath("xdg-open"); err != nil {
		return a.OpenURL(u)
	}
	_, err := startReaped(exec.Command("xdg-open", u.String()))
	return err
}
